//! Orders: catalogue prices and quotes, the lifecycle through the one transition endpoint
//! (client → staff → writer), first-come claims under contention, and who sees what.

use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_envelope, spawn_app, status_and_json};

const ACME: &str = "acme.localhost";
const WRITERS: &str = "writers.localhost";
const STAFF: &str = "staff.localhost";

pub(crate) async fn page_copy(app: &TestApp, token: &str) -> Value {
    let (status, catalogue) = status_and_json(app.call("GET", ACME, "/api/v1/catalogue", token, None).await).await;
    assert_eq!(status, 200, "{catalogue}");
    catalogue.as_array().unwrap().iter().find(|s| s["code"] == "page_copy").unwrap().clone()
}

/// One move. A writer hands in a text they wrote first; revision requests and disputes say
/// why (the API requires it).
pub(crate) async fn step(app: &TestApp, host: &str, token: &str, order: &str, event: &str) -> (u16, Value) {
    if event == "submit_text" {
        write(app, token, order, "# Our story\n\nWe bake every morning.").await;
    }
    let body = match event {
        "request_revision" | "dispute" => json!({ "event": event, "note": "Please make it warmer." }),
        _ => json!({ "event": event }),
    };
    status_and_json(app.call("POST", host, &format!("/api/v1/orders/{order}/transitions"), token, Some(&body)).await)
        .await
}

/// The writer's draft, saved as the app autosaves it.
pub(crate) async fn write(app: &TestApp, writer: &str, order: &str, text: &str) -> (u16, Value) {
    let path = format!("/api/v1/orders/{order}/text");
    status_and_json(app.call("PUT", WRITERS, &path, writer, Some(&json!({ "body": text }))).await).await
}

/// A placed and paid (open) Acme order of `words` words.
pub(crate) async fn open_order(app: &TestApp, client: &str, words: i64) -> String {
    let service = page_copy(app, client).await;
    let body = json!({ "service_type_id": service["id"], "words": words, "turnaround_days": 7, "title": "Our story" });
    let (status, order) = status_and_json(app.call("POST", ACME, "/api/v1/orders", client, Some(&body)).await).await;
    assert_eq!(status, 201, "{order}");
    let id = order["id"].as_str().unwrap().to_owned();
    assert_eq!(step(app, ACME, client, &id, "place").await.0, 200);
    let admin = app.token(STAFF, "admin@acme.example").await;
    let (status, paid) = step(app, STAFF, &admin, &id, "confirm_payment").await;
    assert_eq!((status, paid["status"].as_str()), (200, Some("open")), "{paid}");
    id
}

#[tokio::test]
async fn the_catalogue_prices_by_word_and_turnaround_and_a_placed_order_goes_from_client_to_writer() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let service = page_copy(&app, &client).await;
    assert_eq!((service["price_per_word_minor"].as_i64(), service["currency"].as_str()), (Some(8), Some("EUR")));
    // 300 words × 8 cents × 135 % (3 days) = 3240 cents.
    let body = json!({ "service_type_id": service["id"], "words": 300, "turnaround_days": 3 });
    let (status, quote) =
        status_and_json(app.call("POST", ACME, "/api/v1/orders/quote", &client, Some(&body)).await).await;
    assert_eq!((status, quote["price_minor"].as_i64()), (200, Some(3240)), "{quote}");
    let bad = json!({ "service_type_id": service["id"], "words": 20, "turnaround_days": 2 });
    let (status, body) =
        status_and_json(app.call("POST", ACME, "/api/v1/orders/quote", &client, Some(&bad)).await).await;
    assert_eq!(status, 422);
    let fields: Vec<&str> =
        body["details"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["words", "turnaround_days"]);

    let id = open_order(&app, &client, 300).await;
    // The client cannot claim; an illegal move names the state it met.
    let (status, body) = step(&app, ACME, &client, &id, "claim").await;
    assert_eq!(status, 409);
    assert_envelope(&body, "illegal_transition");
    assert_eq!(body["details"]["fields"][0]["code"], "open");

    let writer = app.token(WRITERS, "writer@atelier.example").await;
    let (_, open) = status_and_json(app.call("GET", WRITERS, "/api/v1/orders/available", &writer, None).await).await;
    assert!(open.as_array().unwrap().iter().any(|o| o["id"] == id.as_str()), "{open}");
    let (status, claimed) = step(&app, WRITERS, &writer, &id, "claim").await;
    assert_eq!((status, claimed["status"].as_str()), (200, Some("assigned")), "{claimed}");
    assert!(claimed["actions"].as_array().unwrap().contains(&json!("submit_text")));
    let (status, _) = step(&app, WRITERS, &writer, &id, "submit_text").await;
    assert_eq!(status, 200);
    let editor = app.token(STAFF, "editor@atelier.example").await;
    assert_eq!(step(&app, STAFF, &editor, &id, "start_review").await.0, 200);
    assert_eq!(step(&app, STAFF, &editor, &id, "approve").await.0, 200);
    let (status, done) = step(&app, ACME, &client, &id, "accept").await;
    assert_eq!((status, done["status"].as_str(), done["has_writer"].as_bool()), (200, Some("completed"), Some(true)));

    // Every move is recorded with its actor.
    let moves: Vec<(String, String)> =
        sqlx::query_as("select event, actor from order_events where order_id::text = $1 order by at")
            .bind(&id)
            .fetch_all(&app.owner)
            .await
            .unwrap();
    let moves: Vec<(&str, &str)> = moves.iter().map(|(e, a)| (e.as_str(), a.as_str())).collect();
    assert_eq!(
        moves,
        [
            ("place", "client"),
            ("confirm_payment", "admin"),
            ("claim", "writer"),
            ("submit_text", "writer"),
            ("start_review", "editor"),
            ("approve", "editor"),
            ("accept", "client")
        ]
    );
}

#[tokio::test]
async fn twenty_claims_at_once_have_exactly_one_winner() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let id = open_order(&app, &client, 200).await;
    let first = app.token(WRITERS, "writer@atelier.example").await;
    let second = app.token(WRITERS, "writer.acme@atelier.example").await;
    let attempts = (0..20).map(|i| {
        let token = if i % 2 == 0 { first.clone() } else { second.clone() };
        let (app, id) = (&app, id.clone());
        async move { step(app, WRITERS, &token, &id, "claim").await }
    });
    let results = futures_util::future::join_all(attempts).await;
    let won = results.iter().filter(|(status, _)| *status == 200).count();
    // The losers are told it is taken (409 with its state), or — for the other writer, once
    // it is someone else's — that it is not theirs to see (404).
    let lost = results
        .iter()
        .filter(|(status, body)| {
            (*status == 409 && body["code"] == "illegal_transition")
                || (*status == 404 && body["code"] == "order_not_found")
        })
        .count();
    assert_eq!((won, lost), (1, 19), "{results:?}");
    let claims: i64 =
        sqlx::query_scalar("select count(*) from order_events where order_id::text = $1 and event = 'claim'")
            .bind(&id)
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!(claims, 1, "one claim recorded");
}

#[tokio::test]
async fn writers_see_only_their_websites_orders_at_their_level_and_clients_only_their_own() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let acme_order = open_order(&app, &client, 300).await;
    // The Globex demo order is open too; the Acme-only writer must not see or claim it.
    let globex_order: String = sqlx::query_scalar(
        "select o.id::text from orders o join websites w on w.id = o.website_id where w.slug = 'globex' limit 1",
    )
    .fetch_one(&app.owner)
    .await
    .unwrap();
    let acme_writer = app.token(WRITERS, "writer.acme@atelier.example").await;
    let (_, open) =
        status_and_json(app.call("GET", WRITERS, "/api/v1/orders/available", &acme_writer, None).await).await;
    let ids: Vec<&str> = open.as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&acme_order.as_str()) && !ids.contains(&globex_order.as_str()), "{ids:?}");
    for (method, path, body) in [
        ("GET", format!("/api/v1/orders/{globex_order}"), None),
        ("POST", format!("/api/v1/orders/{globex_order}/transitions"), Some(json!({ "event": "claim" }))),
    ] {
        let (status, body) = status_and_json(app.call(method, WRITERS, &path, &acme_writer, body.as_ref()).await).await;
        assert_eq!(status, 404, "{method} {path}");
        assert_envelope(&body, "order_not_found");
    }

    // A level-1 writer cannot take a level-3 order (an SEO page).
    let (_, catalogue) = status_and_json(app.call("GET", ACME, "/api/v1/catalogue", &client, None).await).await;
    let seo = catalogue.as_array().unwrap().iter().find(|s| s["code"] == "seo_page").unwrap().clone();
    let body = json!({ "service_type_id": seo["id"], "words": 600, "turnaround_days": 7, "title": "Bakery Paris" });
    let (_, order) = status_and_json(app.call("POST", ACME, "/api/v1/orders", &client, Some(&body)).await).await;
    let seo_order = order["id"].as_str().unwrap().to_owned();
    step(&app, ACME, &client, &seo_order, "place").await;
    let admin = app.token(STAFF, "admin@acme.example").await;
    step(&app, STAFF, &admin, &seo_order, "confirm_payment").await;
    let (status, _) = step(&app, WRITERS, &acme_writer, &seo_order, "claim").await;
    assert_eq!(status, 404, "above their level, it is not offered to them at all");
    let senior = app.token(WRITERS, "writer@atelier.example").await;
    assert_eq!(step(&app, WRITERS, &senior, &seo_order, "claim").await.0, 200);

    // Another client of Acme sees none of Alice's orders.
    let carol = app.register(ACME, "carol@example.com", "Carol").await;
    let (_, mine) = status_and_json(app.call("GET", ACME, "/api/v1/orders", &carol, None).await).await;
    assert_eq!(mine, json!([]));
    let (status, _) =
        status_and_json(app.call("GET", ACME, &format!("/api/v1/orders/{acme_order}"), &carol, None).await).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_delivered_order_is_accepted_after_the_tenants_days_and_the_writer_is_credited_exactly_once() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let id = open_order(&app, &client, 500).await;
    let writer = app.token(WRITERS, "writer@atelier.example").await;
    let editor = app.token(STAFF, "editor@atelier.example").await;
    step(&app, WRITERS, &writer, &id, "claim").await;
    step(&app, WRITERS, &writer, &id, "submit_text").await;
    step(&app, STAFF, &editor, &id, "start_review").await;
    let (status, delivered) = step(&app, STAFF, &editor, &id, "approve").await;
    assert_eq!((status, delivered["status"].as_str()), (200, Some("delivered")));

    // Acme waits 5 days (the default). Four days on, nothing happens; six days on, it is
    // accepted — and running the job again changes nothing.
    let now = chrono::Utc::now();
    assert_eq!(atelier_app::orders::auto_accept_due(&app.db, now + chrono::Duration::days(4)).await.unwrap(), 0);
    assert_eq!(atelier_app::orders::auto_accept_due(&app.db, now + chrono::Duration::days(6)).await.unwrap(), 1);
    assert_eq!(atelier_app::orders::auto_accept_due(&app.db, now + chrono::Duration::days(7)).await.unwrap(), 0);
    let (_, order) = status_and_json(app.call("GET", ACME, &format!("/api/v1/orders/{id}"), &client, None).await).await;
    assert_eq!(order["status"], "completed");
    let last: (String, String) =
        sqlx::query_as("select event, actor from order_events where order_id::text = $1 order by at desc limit 1")
            .bind(&id)
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!(last, ("auto_accept".to_owned(), "system".to_owned()));
    // 500 words × 8 c = 4000 c; the writer's 60 % = 2400 c, credited once.
    let credits: Vec<i64> = sqlx::query_scalar("select amount_minor from writer_ledger where order_id::text = $1")
        .bind(&id)
        .fetch_all(&app.owner)
        .await
        .unwrap();
    assert_eq!(credits, vec![2400]);
    // The same credit attempted again (a job that runs twice) is refused by the ledger itself.
    let mut tx = app.db.begin(&atelier_db::Scope::everything()).await.unwrap();
    let row = atelier_db::orders::find(&mut tx, id.parse().unwrap()).await.unwrap().unwrap();
    assert!(!atelier_db::orders::credit_writer(&mut tx, &row, 2400).await.unwrap());
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn staff_assign_within_level_writers_drop_only_in_the_grace_period_and_clients_revise_at_most_twice() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let admin = app.token(STAFF, "admin@acme.example").await;
    let junior_id: String =
        sqlx::query_scalar("select id::text from users where email = 'writer.acme@atelier.example'")
            .fetch_one(&app.owner)
            .await
            .unwrap();

    // Assign: the writer is named, must work for the website and be of the order's level.
    let id = open_order(&app, &client, 300).await;
    let path = format!("/api/v1/orders/{id}/transitions");
    let (status, body) =
        status_and_json(app.call("POST", STAFF, &path, &admin, Some(&json!({ "event": "assign" }))).await).await;
    assert_eq!((status, body["details"]["fields"][0]["field"].as_str()), (422, Some("writer_id")), "{body}");
    let (status, assigned) = status_and_json(
        app.call("POST", STAFF, &path, &admin, Some(&json!({ "event": "assign", "writer_id": junior_id }))).await,
    )
    .await;
    assert_eq!((status, assigned["status"].as_str()), (200, Some("assigned")), "{assigned}");

    // Drop: at once, fine; two hours after claiming, too late.
    let junior = app.token(WRITERS, "writer.acme@atelier.example").await;
    let (status, dropped) = step(&app, WRITERS, &junior, &id, "drop").await;
    assert_eq!((status, dropped["status"].as_str()), (200, Some("open")), "{dropped}");
    assert_eq!(step(&app, WRITERS, &junior, &id, "claim").await.0, 200);
    sqlx::query("update orders set claimed_at = now() - interval '2 hours' where id::text = $1")
        .bind(&id)
        .execute(&app.owner)
        .await
        .unwrap();
    let (status, body) = step(&app, WRITERS, &junior, &id, "drop").await;
    assert_eq!(status, 409);
    assert_envelope(&body, "grace_period_over");

    // Revisions: the client may send the text back twice, not a third time.
    let editor = app.token(STAFF, "editor@atelier.example").await;
    for round in 0..3 {
        assert_eq!(step(&app, WRITERS, &junior, &id, "submit_text").await.0, 200, "round {round}");
        assert_eq!(step(&app, STAFF, &editor, &id, "start_review").await.0, 200);
        assert_eq!(step(&app, STAFF, &editor, &id, "approve").await.0, 200);
        let (status, body) = step(&app, ACME, &client, &id, "request_revision").await;
        if round < 2 {
            assert_eq!(status, 200, "revision {round}: {body}");
        } else {
            assert_eq!(status, 409);
            assert_envelope(&body, "revisions_used_up");
        }
    }
}

#[tokio::test]
async fn the_client_the_writer_and_staff_talk_on_an_order_without_seeing_each_others_addresses() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let id = open_order(&app, &client, 300).await;
    let path = format!("/api/v1/orders/{id}/messages");
    let (status, sent) = status_and_json(
        app.call("POST", ACME, &path, &client, Some(&json!({ "body": "Warm and plain, please." }))).await,
    )
    .await;
    assert_eq!(status, 201, "{sent}");
    assert_eq!(
        (sent["author_role"].as_str(), sent["author_name"].as_str(), sent["mine"].as_bool()),
        (Some("client"), Some("Alice"), Some(true))
    );

    // A writer who has not taken the order is not in its conversation.
    let writer = app.token(WRITERS, "writer@atelier.example").await;
    let (status, _) = status_and_json(app.call("GET", WRITERS, &path, &writer, None).await).await;
    assert_eq!(status, 404);
    step(&app, WRITERS, &writer, &id, "claim").await;
    let reply = json!({ "body": "Noted. Any photos of the shop front?" });
    assert_eq!(app.call("POST", WRITERS, &path, &writer, Some(&reply)).await.status(), 201);
    let editor = app.token(STAFF, "editor@atelier.example").await;
    let (status, thread) = status_and_json(app.call("GET", STAFF, &path, &editor, None).await).await;
    assert_eq!(status, 200);
    let authors: Vec<(&str, &str)> = thread
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["author_role"].as_str().unwrap(), m["author_name"].as_str().unwrap()))
        .collect();
    assert_eq!(authors, [("client", "Alice"), ("writer", "Wendy")]);
    let (_, seen_by_client) = status_and_json(app.call("GET", ACME, &path, &client, None).await).await;
    let text = seen_by_client.to_string();
    assert!(!text.contains("@atelier.example") && !text.contains("@acme.example"), "no e-mail address: {text}");
    let (status, body) =
        status_and_json(app.call("POST", ACME, &path, &client, Some(&json!({ "body": "   " }))).await).await;
    assert_eq!(status, 422);
    assert_envelope(&body, "validation_failed");
}

#[tokio::test]
async fn an_order_for_a_site_section_must_name_one_of_the_clients_own_sites_and_sections() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let service = page_copy(&app, &client).await;
    let (_, mine) = status_and_json(app.call("GET", ACME, "/api/v1/sites", &client, None).await).await;
    let own_site = mine["items"][0]["id"].as_str().unwrap().to_owned();
    let others: String = sqlx::query_scalar(
        "select s.id::text from sites s join websites w on w.id = s.website_id where w.slug = 'globex'",
    )
    .fetch_one(&app.owner)
    .await
    .unwrap();
    let order = |site: &str, section: &str| {
        json!({ "service_type_id": service["id"], "words": 200, "turnaround_days": 7, "title": "Hero text",
                "site_id": site, "section_id": section })
    };
    for (site, section, field) in [(others.as_str(), "hero", "site_id"), (own_site.as_str(), "nope", "section_id")] {
        let (status, body) =
            status_and_json(app.call("POST", ACME, "/api/v1/orders", &client, Some(&order(site, section))).await).await;
        assert_eq!((status, body["details"]["fields"][0]["field"].as_str()), (422, Some(field)), "{body}");
    }
    let (status, created) =
        status_and_json(app.call("POST", ACME, "/api/v1/orders", &client, Some(&order(&own_site, "hero"))).await).await;
    assert_eq!((status, created["section_id"].as_str()), (201, Some("hero")), "{created}");
}

#[tokio::test]
async fn admins_manage_their_websites_catalogue_and_clients_see_it_at_once() {
    let app = spawn_app().await;
    let acme: String =
        sqlx::query_scalar("select id::text from websites where slug = 'acme'").fetch_one(&app.owner).await.unwrap();
    let base = format!("/api/v1/websites/{acme}/catalogue");
    let admin = app.token(STAFF, "admin@acme.example").await;
    let editor = app.token(STAFF, "editor@atelier.example").await;
    let globex_admin = app.token(STAFF, "admin@globex.example").await;
    let client = app.token(ACME, "client@acme.example").await;

    // Staff of the website read it all; another website's admin does not know it exists.
    let (status, list) = status_and_json(app.call("GET", STAFF, &base, &editor, None).await).await;
    assert_eq!((status, list.as_array().map(Vec::len)), (200, Some(4)), "{list}");
    let (status, body) = status_and_json(app.call("GET", STAFF, &base, &globex_admin, None).await).await;
    assert_eq!(status, 404);
    assert_envelope(&body, "website_not_found");

    let entry = json!({
        "name": "Landing page", "description": "One page that sells one thing.", "price_per_word_minor": 12,
        "min_words": 200, "max_words": 1200, "required_level": 2,
        "turnarounds": [{ "days": 5, "multiplier_pct": 100 }, { "days": 2, "multiplier_pct": 150 }]
    });
    let (status, body) =
        status_and_json(app.call("PUT", STAFF, &format!("{base}/landing_page"), &editor, Some(&entry)).await).await;
    assert_eq!(status, 403);
    assert_envelope(&body, "admins_only");
    let (status, saved) =
        status_and_json(app.call("PUT", STAFF, &format!("{base}/landing_page"), &admin, Some(&entry)).await).await;
    assert_eq!(
        (status, saved["active"].as_bool(), saved["currency"].as_str()),
        (200, Some(true), Some("EUR")),
        "{saved}"
    );

    // Nonsense is refused field by field, and nothing is saved.
    let bad = json!({ "name": "", "price_per_word_minor": 0, "min_words": 10, "max_words": 5, "required_level": 9, "turnarounds": [] });
    let (status, body) =
        status_and_json(app.call("PUT", STAFF, &format!("{base}/Bad%20Code"), &admin, Some(&bad)).await).await;
    assert_eq!(status, 422, "{body}");
    let fields: Vec<&str> =
        body["details"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["code", "name", "price_per_word_minor", "max_words", "required_level", "turnarounds"]);

    // The client sees the new entry and is quoted with it: 400 words × 12 c × 150 % = 72.00.
    let (_, offered) = status_and_json(app.call("GET", ACME, "/api/v1/catalogue", &client, None).await).await;
    let landing = offered.as_array().unwrap().iter().find(|s| s["code"] == "landing_page").unwrap().clone();
    let body = json!({ "service_type_id": landing["id"], "words": 400, "turnaround_days": 2 });
    let (_, quote) = status_and_json(app.call("POST", ACME, "/api/v1/orders/quote", &client, Some(&body)).await).await;
    assert_eq!(quote["price_minor"].as_i64(), Some(7200), "{quote}");

    // A price change applies to new quotes, not to orders already placed.
    let placed = open_order(&app, &client, 300).await;
    let mut page_copy = entry.clone();
    page_copy["name"] = json!("Page copy");
    page_copy["price_per_word_minor"] = json!(10);
    page_copy["min_words"] = json!(100);
    page_copy["turnarounds"] = json!([{ "days": 7, "multiplier_pct": 100 }]);
    let (status, _) =
        status_and_json(app.call("PUT", STAFF, &format!("{base}/page_copy"), &admin, Some(&page_copy)).await).await;
    assert_eq!(status, 200);
    let (_, order) =
        status_and_json(app.call("GET", ACME, &format!("/api/v1/orders/{placed}"), &client, None).await).await;
    assert_eq!(order["price_minor"].as_i64(), Some(2400), "300 × 8 c as quoted: {order}");

    // Withdrawn: gone for clients, still listed (inactive) for staff.
    let response = app.call("DELETE", STAFF, &format!("{base}/landing_page"), &admin, None).await;
    assert_eq!(response.status(), 204);
    let (_, offered) = status_and_json(app.call("GET", ACME, "/api/v1/catalogue", &client, None).await).await;
    assert!(offered.as_array().unwrap().iter().all(|s| s["code"] != "landing_page"), "{offered}");
    let (_, list) = status_and_json(app.call("GET", STAFF, &base, &admin, None).await).await;
    let withdrawn = list.as_array().unwrap().iter().find(|s| s["code"] == "landing_page").unwrap();
    assert_eq!(withdrawn["active"], false);
    let (status, body) =
        status_and_json(app.call("DELETE", STAFF, &format!("{base}/nothing_here"), &admin, None).await).await;
    assert_eq!(status, 404);
    assert_envelope(&body, "service_not_found");
}

#[tokio::test]
async fn writers_and_staff_list_the_websites_they_work_for_by_name() {
    let app = spawn_app().await;
    let names = |list: &Value| -> Vec<String> {
        list.as_array().unwrap().iter().map(|w| w["name"].as_str().unwrap().to_owned()).collect()
    };
    for (host, email, expected) in [
        (WRITERS, "writer@atelier.example", vec!["Acme Sites", "Globex Web Studio"]),
        (WRITERS, "writer.acme@atelier.example", vec!["Acme Sites"]),
        (STAFF, "admin@globex.example", vec!["Globex Web Studio"]),
        (STAFF, "superadmin@atelier.example", vec!["Acme Sites", "Globex Web Studio"]),
    ] {
        let token = app.token(host, email).await;
        let (status, list) = status_and_json(app.call("GET", host, "/api/v1/websites", &token, None).await).await;
        assert_eq!((status, names(&list)), (200, expected.iter().map(|s| s.to_string()).collect()), "{email}");
    }
    let client = app.token(ACME, "client@acme.example").await;
    let (status, body) = status_and_json(app.call("GET", ACME, "/api/v1/websites", &client, None).await).await;
    assert_eq!(status, 403);
    assert_envelope(&body, "platform_only");
}

#[tokio::test]
async fn nothing_a_writer_reads_of_an_order_carries_the_clients_e_mail_address() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let writer = app.token(WRITERS, "writer@atelier.example").await;
    let id = open_order(&app, &client, 300).await;
    let say = json!({ "body": "Photos are in the shared folder." });
    let path = format!("/api/v1/orders/{id}/messages");
    assert_eq!(app.call("POST", ACME, &path, &client, Some(&say)).await.status(), 201);
    let (status, _) = step(&app, WRITERS, &writer, &id, "claim").await;
    assert_eq!(status, 200);
    let mut read = Vec::new();
    for path in [
        "/api/v1/orders/available".to_owned(),
        "/api/v1/orders".to_owned(),
        format!("/api/v1/orders/{id}"),
        format!("/api/v1/orders/{id}/messages"),
        format!("/api/v1/orders/{id}/timeline"),
        format!("/api/v1/orders/{id}/texts"),
    ] {
        let (status, body) = status_and_json(app.call("GET", WRITERS, &path, &writer, None).await).await;
        assert_eq!(status, 200, "{path}: {body}");
        read.push((path, body.to_string()));
    }
    // The writer does read the order and the client's message …
    assert!(read[2].1.contains("Our story") && read[3].1.contains("shared folder"), "{read:?}");
    // … but never whom to write to outside the platform.
    for (path, body) in &read {
        assert!(!body.contains("client@acme.example") && !body.contains('@'), "{path} shows an address: {body}");
    }
}
