//! Staff analytics against fixtures whose numbers are worked out by hand, and the overview.

use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_envelope, spawn_app, status_and_json};

const STAFF: &str = "staff.localhost";

/// A finished deployment of the website's demo site: queued on `day` at `time`, `secs` from
/// start to finish.
async fn deployment(app: &TestApp, site: &str, number: i32, status: &str, at: &str, secs: i32) {
    sqlx::query(
        "insert into deployments (website_id, site_id, number, status, runtime, queued_at, started_at, finished_at)
         select website_id, id, $2, $3, 'process', $4::timestamptz, $4::timestamptz,
                $4::timestamptz + make_interval(secs => $5)
         from sites where slug = $1",
    )
    .bind(site)
    .bind(number)
    .bind(status)
    .bind(at)
    .bind(f64::from(secs))
    .execute(&app.owner)
    .await
    .unwrap();
}

/// An Acme page-copy order created at `at`, in `status`, of `words` at `price` cents; placed
/// by the client at `at` unless it is a draft or was cancelled as one.
async fn order(app: &TestApp, status: &str, at: &str, words: i32, price: i64) -> String {
    let id = insert_order(app, status, at, words, price).await;
    if status != "draft" && status != "cancelled" {
        sqlx::query(
            "insert into order_events (website_id, order_id, event, from_status, to_status, actor, at)
             select website_id, id, 'place', 'draft', 'awaiting_payment', 'client', $2::timestamptz from orders
             where id::text = $1",
        )
        .bind(&id)
        .bind(at)
        .execute(&app.owner)
        .await
        .unwrap();
    }
    id
}

async fn insert_order(app: &TestApp, status: &str, at: &str, words: i32, price: i64) -> String {
    sqlx::query_scalar(
        "insert into orders (website_id, client_id, service_type_id, title, words, turnaround_days, price_minor,
                             currency, required_level, status, writer_id, created_at)
         select w.id, c.id, s.id, 'Fixture', $2, 7, $3, 'EUR', 1, $1,
                case when $1 in ('draft', 'open') then null else wr.id end, $4::timestamptz
         from websites w join users c on c.website_id = w.id and c.email = 'client@acme.example'
         join service_types s on s.website_id = w.id and s.code = 'page_copy'
         join users wr on wr.email = 'writer@atelier.example'
         where w.slug = 'acme' returning id::text",
    )
    .bind(status)
    .bind(words)
    .bind(price)
    .bind(at)
    .fetch_one(&app.owner)
    .await
    .unwrap()
}

async fn report(app: &TestApp, token: &str, query: &str) -> (u16, Value) {
    status_and_json(app.call("GET", STAFF, &format!("/api/v1/analytics?{query}"), token, None).await).await
}

#[tokio::test]
async fn deployments_orders_and_writers_add_up_to_the_hand_computed_figures() {
    let app = spawn_app().await;
    // 10 January: two went live (10 s, 20 s), one failed. 11 January: one went live and was
    // later rolled back (30 s), one timed out, one was cancelled. 12 January: nothing.
    // Globex, 10 January: one live in 40 s.
    for (n, status, at, secs) in [
        (101, "live", "2026-01-10 10:00:00+00", 10),
        (102, "retired", "2026-01-10 12:00:00+00", 20),
        (103, "failed", "2026-01-10 13:00:00+00", 5),
        (104, "rolled_back", "2026-01-11 09:00:00+00", 30),
        (105, "timed_out", "2026-01-11 09:30:00+00", 60),
        (106, "cancelled", "2026-01-11 23:59:59+00", 0),
    ] {
        deployment(&app, "le-petit-four", n, status, at, secs).await;
    }
    deployment(&app, "northwind-fitness", 101, "live", "2026-01-10 08:00:00+00", 40).await;
    // Orders: 10 January two placed (10.00 + 25.00 EUR), a draft and a draft called off (not
    // placed); 11 January one placed and completed by Wendy (500 words).
    order(&app, "open", "2026-01-10 09:00:00+00", 200, 1000).await;
    order(&app, "open", "2026-01-10 18:00:00+00", 300, 2500).await;
    order(&app, "draft", "2026-01-10 19:00:00+00", 300, 2400).await;
    order(&app, "cancelled", "2026-01-10 20:00:00+00", 300, 9900).await; // A draft called off: never placed.
    let done = order(&app, "completed", "2026-01-11 08:00:00+00", 500, 4000).await;
    sqlx::query(
        "insert into order_events (website_id, order_id, event, from_status, to_status, actor, at)
         select website_id, id, 'accept', 'delivered', 'completed', 'client', '2026-01-11 17:00:00+00' from orders
         where id::text = $1",
    )
    .bind(&done)
    .execute(&app.owner)
    .await
    .unwrap();

    let admin = app.token(STAFF, "admin@acme.example").await;
    let (status, a) = report(&app, &admin, "from=2026-01-10&to=2026-01-12").await;
    assert_eq!(status, 200, "{a}");
    let days: Vec<(String, i64, i64, i64, Option<f64>)> = a["deployments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let n = |k: &str| d[k].as_i64().unwrap();
            (d["day"].as_str().unwrap().to_owned(), n("total"), n("succeeded"), n("failed"), d["median_secs"].as_f64())
        })
        .collect();
    assert_eq!(
        days,
        [
            ("2026-01-10".to_owned(), 3, 2, 1, Some(15.0)),
            ("2026-01-11".to_owned(), 3, 1, 1, Some(30.0)),
            ("2026-01-12".to_owned(), 0, 0, 0, None),
        ]
    );
    assert_eq!(a["success_rate"].as_f64(), Some(0.6));
    let orders: Vec<(&str, &str, i64, i64)> = a["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["day"].as_str().unwrap(),
                o["currency"].as_str().unwrap(),
                o["placed"].as_i64().unwrap(),
                o["value_minor"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(orders, [("2026-01-10", "EUR", 2, 3500), ("2026-01-11", "EUR", 1, 4000), ("2026-01-12", "", 0, 0)]);
    // Now, whatever the period: the seed's open and completed orders plus these five.
    let by_status: Vec<(&str, i64)> = a["orders_by_status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["status"].as_str().unwrap(), s["count"].as_i64().unwrap()))
        .collect();
    assert_eq!(by_status, [("open", 3), ("completed", 2), ("cancelled", 1), ("draft", 1)]);
    assert_eq!(a["writers"], json!([{ "writer_name": "Wendy Writer", "completed": 1, "words": 500 }]));

    // The superadmin sees both websites: 10 January has Globex's 40 s deployment too.
    let superadmin = app.token(STAFF, "superadmin@atelier.example").await;
    let (_, all) = report(&app, &superadmin, "from=2026-01-10&to=2026-01-10").await;
    assert_eq!(
        (all["deployments"][0]["total"].as_i64(), all["deployments"][0]["median_secs"].as_f64()),
        (Some(4), Some(20.0))
    );
    assert_eq!(all["success_rate"].as_f64(), Some(0.75));
    let (_, only) =
        report(&app, &superadmin, &format!("from=2026-01-10&to=2026-01-10&website={}", app.demo.globex)).await;
    assert_eq!(only["deployments"][0]["total"].as_i64(), Some(1));

    // Another website of the Acme admin's: not found. Backwards or too long: refused.
    let (status, body) = report(&app, &admin, &format!("website={}", app.demo.globex)).await;
    assert_eq!(status, 404);
    assert_envelope(&body, "website_not_found");
    assert_eq!(report(&app, &admin, "from=2026-01-12&to=2026-01-10").await.0, 422);
    assert_eq!(report(&app, &admin, "from=2025-01-01&to=2026-06-01").await.0, 422);
    // Dates at the edge of the calendar are refused, not a crash.
    assert_eq!(report(&app, &admin, "to=-262143-01-05").await.0, 422);
    assert_eq!(report(&app, &admin, "from=1900-01-01&to=1900-01-02").await.0, 422);
}

#[tokio::test]
async fn the_overview_reports_the_services_and_the_queue_of_the_callers_websites() {
    let app = spawn_app().await;
    let editor = app.token(STAFF, "editor@atelier.example").await;
    let (status, o) = status_and_json(app.call("GET", STAFF, "/api/v1/overview", &editor, None).await).await;
    assert_eq!(status, 200, "{o}");
    for service in ["postgres", "redis", "queue", "runtime"] {
        assert_eq!(o[service]["ok"].as_bool(), Some(true), "{service}: {o}");
    }
    // The seed queued both demo sites' first deployment (no worker runs here).
    assert_eq!((o["queued_deployments"].as_i64(), o["customers"].as_i64()), (Some(2), Some(4)));
    let admin = app.token(STAFF, "admin@acme.example").await;
    let (_, mine) = status_and_json(app.call("GET", STAFF, "/api/v1/overview", &admin, None).await).await;
    assert_eq!((mine["queued_deployments"].as_i64(), mine["customers"].as_i64()), (Some(1), Some(2)));
    // A deployment waiting for ten minutes makes the queue unhealthy.
    sqlx::query("update deployments set queued_at = now() - interval '10 minutes' where status = 'queued'")
        .execute(&app.owner)
        .await
        .unwrap();
    let (_, late) = status_and_json(app.call("GET", STAFF, "/api/v1/overview", &admin, None).await).await;
    assert_eq!(late["queue"]["ok"], false, "{late}");
    assert!(late["oldest_queued_secs"].as_i64().unwrap() >= 600);
}
