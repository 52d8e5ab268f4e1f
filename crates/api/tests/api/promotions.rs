//! Billing's second part: promo codes (checked, and redeemed atomically), loyalty points
//! (earned on payment, spent on invoices, given back on a void, expiring), referrals
//! (credited once, never to oneself), content packages (billed per period, opening their
//! orders when paid, paused and cancelled), and staff's billing settings and revenue.

use serde_json::{Value, json};

use crate::billing::placed_order as placed;
use crate::helpers::{TestApp, assert_envelope, spawn_app, status_and_json};

const ACME: &str = "acme.localhost";
const STAFF: &str = "staff.localhost";

async fn admin(app: &TestApp) -> String {
    app.token(STAFF, "admin@acme.example").await
}

async fn new_promo(app: &TestApp, body: Value) -> Value {
    let path = format!("/api/v1/staff/websites/{}/promo-codes", app.demo.acme);
    let (status, promo) = status_and_json(app.call("POST", STAFF, &path, &admin(app).await, Some(&body)).await).await;
    assert_eq!(status, 201, "{promo}");
    promo
}

async fn redeem(app: &TestApp, client: &str, invoice: &Value, body: Value) -> (u16, Value) {
    let path = format!("/api/v1/billing/invoices/{}/redeem", invoice["id"].as_str().unwrap());
    status_and_json(app.call("POST", ACME, &path, client, Some(&body)).await).await
}

/// Pays `invoice` by transfer and has Acme's admin confirm it.
async fn paid_by_transfer(app: &TestApp, client: &str, invoice: &Value) -> Value {
    let pay = format!("/api/v1/billing/invoices/{}/payments", invoice["id"].as_str().unwrap());
    let (status, started) =
        status_and_json(app.call("POST", ACME, &pay, client, Some(&json!({"provider": "manual"}))).await).await;
    assert_eq!(status, 200, "{started}");
    let confirm = format!("/api/v1/staff/payments/{}/confirm", started["payment"]["id"].as_str().unwrap());
    let (status, paid) = status_and_json(app.call("POST", STAFF, &confirm, &admin(app).await, None).await).await;
    assert_eq!((status, paid["status"].as_str()), (200, Some("paid")), "{paid}");
    paid
}

async fn points(app: &TestApp, client: &str) -> Value {
    let (status, points) = status_and_json(app.call("GET", ACME, "/api/v1/billing/points", client, None).await).await;
    assert_eq!(status, 200, "{points}");
    points
}

async fn balance(app: &TestApp, client: &str) -> i64 {
    let (_, balance) = status_and_json(app.call("GET", ACME, "/api/v1/billing/balance", client, None).await).await;
    balance["balance_minor"].as_i64().unwrap()
}

#[tokio::test]
async fn ten_clients_racing_for_three_uses_of_a_promo_code_three_win_and_the_code_is_checked() {
    let app = spawn_app().await;
    let promo =
        new_promo(&app, json!({ "code": "last3", "kind": "percent", "value": 1000, "max_redemptions": 3 })).await;
    assert_eq!(promo["code"], "LAST3", "codes are kept in capitals");
    let mut racers = Vec::new();
    for n in 0..10 {
        let token = app.verified_client(ACME, &format!("racer{n}@acme.example"), "Racer").await;
        let (_, invoice) = placed(&app, &token, 300).await;
        racers.push((token, invoice));
    }
    let calls = racers.iter().map(|(token, invoice)| redeem(&app, token, invoice, json!({ "promo_code": "last3" })));
    let answers = futures_util::future::join_all(calls).await;
    let won: Vec<&Value> = answers.iter().filter(|(s, _)| *s == 200).map(|(_, b)| b).collect();
    let lost: Vec<&Value> = answers.iter().filter(|(s, _)| *s == 409).map(|(_, b)| b).collect();
    println!("10 clients racing for 3 uses: {} won, {} refused", won.len(), lost.len());
    assert_eq!((won.len(), lost.len()), (3, 7), "{answers:?}");
    for body in &lost {
        assert_envelope(body, "promo_code_used_up");
    }
    // 10 % of 24.00 is 2.40 off; VAT on what is left: 21.60 + 4.32.
    for invoice in &won {
        assert_eq!(
            (invoice["discount_minor"].as_i64(), invoice["tax_minor"].as_i64(), invoice["total_minor"].as_i64()),
            (Some(240), Some(432), Some(2592)),
            "{invoice}"
        );
    }
    let id = uuid::Uuid::parse_str(promo["id"].as_str().unwrap()).unwrap();
    let (uses, rows): (i32, i64) = sqlx::query_as(
        "select redemptions, (select count(*) from promo_redemptions where promo_code_id = $1) from promo_codes where id = $1",
    )
    .bind(id)
    .fetch_one(&app.owner)
    .await
    .unwrap();
    assert_eq!((uses, rows), (3, 3));
    // The losers' invoices are as they were.
    for (token, invoice) in &racers {
        let path = format!("/api/v1/billing/invoices/{}", invoice["id"].as_str().unwrap());
        let (_, now) = status_and_json(app.call("GET", ACME, &path, token, None).await).await;
        assert!(matches!(now["total_minor"].as_i64(), Some(2880) | Some(2592)), "{now}");
    }

    // What a code is checked for, each with its own answer.
    let client = app.token(ACME, "client@acme.example").await;
    let (_, invoice) = placed(&app, &client, 300).await;
    let (status, body) = redeem(&app, &client, &invoice, json!({ "promo_code": "NOPE" })).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["details"]["fields"][0]["code"], "unknown_promo_code");
    new_promo(
        &app,
        json!({ "code": "GONE", "kind": "fixed", "value": 500,
        "starts_at": "2025-01-01T00:00:00Z", "ends_at": "2025-02-01T00:00:00Z" }),
    )
    .await;
    let (_, body) = redeem(&app, &client, &invoice, json!({ "promo_code": "gone" })).await;
    assert_eq!(body["details"]["fields"][0]["code"], "promo_code_expired", "{body}");
    let free_plan: Value = {
        let path = format!("/api/v1/staff/websites/{}/plans", app.demo.acme);
        let (_, plans) = status_and_json(app.call("GET", STAFF, &path, &admin(&app).await, None).await).await;
        plans.as_array().unwrap().iter().find(|p| p["code"] == "pro").cloned().unwrap()
    };
    new_promo(&app, json!({ "code": "PROONLY", "kind": "percent", "value": 5000, "plan_ids": [free_plan["id"]] }))
        .await;
    let (_, body) = redeem(&app, &client, &invoice, json!({ "promo_code": "PROONLY" })).await;
    assert_eq!(body["details"]["fields"][0]["code"], "promo_code_not_applicable", "{body}");
    new_promo(&app, json!({ "code": "FIRST", "kind": "fixed", "value": 500, "first_purchase_only": true })).await;
    let (_, body) = redeem(&app, &client, &invoice, json!({ "promo_code": "FIRST" })).await;
    assert_eq!(body["details"]["fields"][0]["code"], "promo_code_first_purchase", "{body}");
    // Once per customer: the second invoice is refused; one code per invoice.
    new_promo(&app, json!({ "code": "ONCE", "kind": "fixed", "value": 500 })).await;
    let (status, body) = redeem(&app, &client, &invoice, json!({ "promo_code": "ONCE" })).await;
    assert_eq!((status, body["total_minor"].as_i64()), (200, Some(2280)), "{body}");
    let (status, body) = redeem(&app, &client, &invoice, json!({ "promo_code": "LAUNCH15" })).await;
    assert_eq!(status, 409, "{body}");
    assert_envelope(&body, "promo_already_applied");
    let (_, second) = placed(&app, &client, 300).await;
    let (status, body) = redeem(&app, &client, &second, json!({ "promo_code": "ONCE" })).await;
    assert_eq!(status, 409, "{body}");
    assert_envelope(&body, "promo_code_limit_reached");
    // Nothing of the refused attempts was counted.
    let uses: i32 = sqlx::query_scalar("select redemptions from promo_codes where code = 'ONCE'")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(uses, 1);
}

#[tokio::test]
async fn a_promo_code_and_points_go_on_one_invoice_points_are_earned_when_paid_given_back_on_a_void_and_expire() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    // The demo's two paid orders earned one point per whole 1.00: 28 on 28.80 and 19 on
    // 19.20, less 1 for the 1.00 credit note on the second.
    let start = points(&app, &client).await;
    assert_eq!(start["points"].as_i64(), Some(46), "{start}");
    assert_eq!(start["point_value_minor"].as_i64(), Some(1));

    // 24.00: 15 % off (3.60), 40 points (0.40), VAT on the 20.00 left: 4.00. (The demo's
    // LAUNCH15 went on her package: once per customer.)
    new_promo(&app, json!({ "code": "SPRING15", "kind": "percent", "value": 1500 })).await;
    let (_, invoice) = placed(&app, &client, 300).await;
    let (status, after) = redeem(&app, &client, &invoice, json!({ "promo_code": "spring15", "points": 40 })).await;
    assert_eq!(status, 200, "{after}");
    assert_eq!(
        (
            after["discount_minor"].as_i64(),
            after["points_minor"].as_i64(),
            after["tax_minor"].as_i64(),
            after["total_minor"].as_i64()
        ),
        (Some(360), Some(40), Some(400), Some(2400)),
        "{after}"
    );
    assert_eq!(points(&app, &client).await["points"].as_i64(), Some(6));
    let (status, body) = redeem(&app, &client, &invoice, json!({ "points": 7 })).await;
    assert_eq!(status, 409, "{body}");
    assert_envelope(&body, "not_enough_points");
    // Paid by transfer: 24 points on 24.00.
    paid_by_transfer(&app, &client, &after).await;
    let now = points(&app, &client).await;
    assert_eq!(now["points"].as_i64(), Some(30), "{now}");
    let kinds: Vec<&str> = now["entries"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(&kinds[..2], ["earned", "redeemed"], "{now}");

    // Points spent on an invoice whose order is cancelled come back.
    let (order, other) = placed(&app, &client, 300).await;
    let (status, _) = redeem(&app, &client, &other, json!({ "points": 10 })).await;
    assert_eq!(status, 200);
    assert_eq!(points(&app, &client).await["points"].as_i64(), Some(20));
    let cancel = format!("/api/v1/orders/{order}/transitions");
    assert_eq!(app.call("POST", ACME, &cancel, &client, Some(&json!({"event": "cancel"}))).await.status(), 200);
    assert_eq!(points(&app, &client).await["points"].as_i64(), Some(30));

    // A year later: what was earned expires, what came back later stays.
    sqlx::query("update loyalty_entries set expires_at = now() - interval '1 minute' where kind = 'earned'")
        .execute(&app.owner)
        .await
        .unwrap();
    let held = points(&app, &client).await;
    assert_eq!(held["points"].as_i64(), Some(10), "expired points cannot be spent even before the cycle: {held}");
    let done = atelier_app::billing::cycle::run_once(&app.db, None, 100).await.unwrap();
    assert!(done.points_expired >= 1, "{done:?}");
    let after = points(&app, &client).await;
    assert_eq!(after["points"].as_i64(), Some(10), "{after}");
    assert_eq!(after["entries"][0]["kind"], "expired");
    assert_eq!(after["next_expiry_points"].as_i64(), Some(10));
    // Running it again writes nothing more off.
    atelier_app::billing::cycle::run_once(&app.db, None, 100).await.unwrap();
    assert_eq!(points(&app, &client).await["entries"][0]["kind"], "expired");
    assert_eq!(points(&app, &client).await["points"].as_i64(), Some(10));
}

#[tokio::test]
async fn a_referrer_is_credited_once_after_the_referees_first_paid_invoice_and_nobody_refers_themselves() {
    let app = spawn_app().await;
    let alice = app.token(ACME, "client@acme.example").await;
    let (status, mine) = status_and_json(app.call("GET", ACME, "/api/v1/billing/referrals", &alice, None).await).await;
    assert_eq!(status, 200, "{mine}");
    let code = mine["code"].as_str().unwrap().to_owned();
    assert!(mine["link"].as_str().unwrap().ends_with(&format!("acme.localhost/register?ref={code}")), "{mine}");
    // The demo's friend registered with her code and has not paid yet.
    assert_eq!((mine["pending"].as_i64(), mine["credited"].as_i64()), (Some(1), Some(0)), "{mine}");

    let newbie = app.verified_client(ACME, "newbie@acme.example", "Newbie").await;
    let (_, theirs) = status_and_json(app.call("GET", ACME, "/api/v1/billing/referrals", &newbie, None).await).await;
    let own = json!({ "code": theirs["code"] });
    let (status, body) =
        status_and_json(app.call("POST", ACME, "/api/v1/billing/referrals", &newbie, Some(&own)).await).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["details"]["fields"][0]["code"], "self_referral");
    let unknown = json!({ "code": "ZZZZZZZZ" });
    let (status, _) =
        status_and_json(app.call("POST", ACME, "/api/v1/billing/referrals", &newbie, Some(&unknown)).await).await;
    assert_eq!(status, 422);
    let alices = json!({ "code": code.to_lowercase() });
    let (status, body) =
        status_and_json(app.call("POST", ACME, "/api/v1/billing/referrals", &newbie, Some(&alices)).await).await;
    assert_eq!((status, body["referred"].as_bool()), (200, Some(true)), "{body}");
    let (status, body) =
        status_and_json(app.call("POST", ACME, "/api/v1/billing/referrals", &newbie, Some(&alices)).await).await;
    assert_eq!(status, 409, "{body}");
    assert_envelope(&body, "already_referred");
    // Alice, who paid before, cannot name anyone any more.
    let (status, body) =
        status_and_json(app.call("POST", ACME, "/api/v1/billing/referrals", &alice, Some(&own)).await).await;
    assert_eq!(status, 409, "{body}");
    assert_envelope(&body, "referral_too_late");

    // The newbie's first paid invoice credits Alice 10.00, once.
    let before = balance(&app, &alice).await;
    let (_, first) = placed(&app, &newbie, 300).await;
    paid_by_transfer(&app, &newbie, &first).await;
    assert_eq!(balance(&app, &alice).await, before + 1000);
    let (_, second) = placed(&app, &newbie, 300).await;
    paid_by_transfer(&app, &newbie, &second).await;
    assert_eq!(balance(&app, &alice).await, before + 1000, "credited once");
    let (_, mine) = status_and_json(app.call("GET", ACME, "/api/v1/billing/referrals", &alice, None).await).await;
    assert_eq!((mine["credited"].as_i64(), mine["earned_minor"].as_i64()), (Some(1), Some(1000)), "{mine}");

    // Registering through the link records the referral (an unknown code is ignored).
    for (email, with) in [("linked@acme.example", code.as_str()), ("nocode@acme.example", "BOGUS123")] {
        let body = json!({ "email": email, "password": "correct horse battery", "display_name": "Linked",
                           "referral_code": with });
        let answer = app.call("POST", ACME, "/api/v1/auth/register", "", Some(&body)).await;
        assert!(answer.status().is_success(), "{}", answer.status());
    }
    let linked: Vec<String> = sqlx::query_scalar(
        "select u.email from referrals r join users u on u.id = r.referee_id
         where r.referrer_id = (select id from users where email = 'client@acme.example') order by u.email",
    )
    .fetch_all(&app.owner)
    .await
    .unwrap();
    assert_eq!(linked, ["friend@acme.example", "linked@acme.example", "newbie@acme.example"]);
}

async fn packages(app: &TestApp, client: &str) -> Vec<Value> {
    let (_, list) = status_and_json(app.call("GET", ACME, "/api/v1/billing/packages", client, None).await).await;
    list.as_array().unwrap().clone()
}

async fn package_invoices(app: &TestApp, client: &str, package: &str) -> Vec<Value> {
    let (_, invoices) = status_and_json(app.call("GET", ACME, "/api/v1/billing/invoices", client, None).await).await;
    let ids: Vec<uuid::Uuid> = sqlx::query_scalar("select id from invoices where package_id = $1")
        .bind(uuid::Uuid::parse_str(package).unwrap())
        .fetch_all(&app.owner)
        .await
        .unwrap();
    invoices.as_array().unwrap().iter().filter(|i| ids.iter().any(|id| i["id"] == id.to_string())).cloned().collect()
}

async fn run_cycle(app: &TestApp) -> atelier_app::billing::cycle::Cycle {
    atelier_app::billing::cycle::run_once(&app.db, None, 100).await.unwrap()
}

#[tokio::test]
async fn a_content_package_bills_each_period_opens_its_orders_when_paid_and_can_be_paused_and_cancelled() {
    let app = spawn_app().await;
    let client = app.verified_client(ACME, "packages@acme.example", "Package Client").await;
    let (_, catalogue) = status_and_json(app.call("GET", ACME, "/api/v1/catalogue", &client, None).await).await;
    let blog = catalogue.as_array().unwrap().iter().find(|s| s["code"] == "blog_article").unwrap().clone();
    let body = json!({ "title": "Monthly news", "service_type_id": blog["id"], "words": 600, "turnaround_days": 7,
                       "per_period": 3 });
    let (status, package) =
        status_and_json(app.call("POST", ACME, "/api/v1/billing/packages", &client, Some(&body)).await).await;
    assert_eq!(status, 201, "{package}");
    // 600 words at 0.10: 60.00 an order, 180.00 a period, VAT on top.
    assert_eq!(
        (package["unit_price_minor"].as_i64(), package["period_price_minor"].as_i64()),
        (Some(6000), Some(18000))
    );
    let id = package["id"].as_str().unwrap().to_owned();
    let invoices = package_invoices(&app, &client, &id).await;
    assert_eq!(invoices.len(), 1);
    assert_eq!((invoices[0]["kind"].as_str(), invoices[0]["total_minor"].as_i64()), (Some("package"), Some(21600)));
    let (_, orders) = status_and_json(app.call("GET", ACME, "/api/v1/orders", &client, None).await).await;
    assert_eq!(orders.as_array().unwrap().len(), 0, "no order before the period is paid");

    paid_by_transfer(&app, &client, &invoices[0]).await;
    let (_, orders) = status_and_json(app.call("GET", ACME, "/api/v1/orders", &client, None).await).await;
    let orders = orders.as_array().unwrap();
    assert_eq!(orders.len(), 3, "{orders:?}");
    assert!(orders.iter().all(|o| o["status"] == "open" && o["price_minor"] == 6000), "{orders:?}");
    assert!(orders.iter().any(|o| o["title"].as_str().unwrap().ends_with("(3/3)")), "{orders:?}");
    assert_eq!(packages(&app, &client).await[0]["orders_opened"].as_i64(), Some(3));

    // The period ends: the cycle bills the next one.
    let package_id = uuid::Uuid::parse_str(&id).unwrap();
    let end_period = || {
        sqlx::query(
            "update content_packages set period_start = now() - interval '1 month', period_end = now() - interval '1 second'
             where id = $1",
        )
        .bind(package_id)
        .execute(&app.owner)
    };
    end_period().await.unwrap();
    assert_eq!(run_cycle(&app).await.packages_renewed, 1);
    assert_eq!(package_invoices(&app, &client, &id).await.len(), 2);
    assert_eq!(run_cycle(&app).await.packages_renewed, 0, "one invoice per period");

    // Paused, its periods are skipped; resumed after its period ended, a new one is billed now.
    let status_path = format!("/api/v1/billing/packages/{id}/status");
    let (status, paused) =
        status_and_json(app.call("PUT", ACME, &status_path, &client, Some(&json!({"status": "paused"}))).await).await;
    assert_eq!((status, paused["status"].as_str()), (200, Some("paused")), "{paused}");
    end_period().await.unwrap();
    assert_eq!(run_cycle(&app).await.packages_renewed, 0);
    assert_eq!(package_invoices(&app, &client, &id).await.len(), 2);
    let (status, resumed) =
        status_and_json(app.call("PUT", ACME, &status_path, &client, Some(&json!({"status": "active"}))).await).await;
    assert_eq!((status, resumed["status"].as_str()), (200, Some("active")), "{resumed}");
    assert_eq!(package_invoices(&app, &client, &id).await.len(), 3);

    // Cancelled: its unpaid invoices are void, and it cannot come back.
    let (status, _) =
        status_and_json(app.call("PUT", ACME, &status_path, &client, Some(&json!({"status": "cancelled"}))).await)
            .await;
    assert_eq!(status, 200);
    let left = package_invoices(&app, &client, &id).await;
    assert!(left.iter().filter(|i| i["status"] != "paid").all(|i| i["status"] == "void"), "{left:?}");
    let (status, body) =
        status_and_json(app.call("PUT", ACME, &status_path, &client, Some(&json!({"status": "active"}))).await).await;
    assert_eq!(status, 409, "{body}");
    assert_envelope(&body, "package_cancelled");
    end_period().await.unwrap();
    assert_eq!(run_cycle(&app).await.packages_renewed, 0);

    // Bad input: a clear answer, nothing made.
    let bad =
        json!({ "title": "x", "service_type_id": blog["id"], "words": 10, "turnaround_days": 7, "per_period": 0 });
    let (status, body) =
        status_and_json(app.call("POST", ACME, "/api/v1/billing/packages", &client, Some(&bad)).await).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(packages(&app, &client).await.len(), 1);
}

#[tokio::test]
async fn staff_write_billing_settings_and_read_revenue_of_their_own_websites() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let path = format!("/api/v1/staff/websites/{}/billing-settings", app.demo.acme);
    let (status, mut settings) = status_and_json(app.call("GET", STAFF, &path, &admin, None).await).await;
    assert_eq!((status, settings["vat_rate_bp"].as_i64()), (200, Some(2000)), "{settings}");
    settings["vat_rate_bp"] = json!(550);
    settings["invoice_prefix"] = json!("ACME");
    settings["bank_details"] = json!("IBAN FR76 3000 6000 0112 3456 7890 189");
    let (status, saved) = status_and_json(app.call("PUT", STAFF, &path, &admin, Some(&settings)).await).await;
    assert_eq!((status, saved["invoice_prefix"].as_str()), (200, Some("ACME")), "{saved}");
    let client = app.token(ACME, "client@acme.example").await;
    let (_, invoice) = placed(&app, &client, 300).await;
    assert!(invoice["reference"].as_str().unwrap().starts_with("ACME-"), "{invoice}");
    // 5.5 % of 24.00 is 1.32.
    assert_eq!(invoice["tax_minor"].as_i64(), Some(132));
    let mut bad = settings.clone();
    bad["invoice_prefix"] = json!("no way");
    bad["grace_days"] = json!(400);
    let (status, body) = status_and_json(app.call("PUT", STAFF, &path, &admin, Some(&bad)).await).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["details"]["fields"].as_array().unwrap().len(), 2, "{body}");
    let editor = app.token(STAFF, "editor@atelier.example").await;
    assert_eq!(app.call("PUT", STAFF, &path, &editor, Some(&settings)).await.status(), 403);
    let globex_admin = app.token(STAFF, "admin@globex.example").await;
    assert_eq!(app.call("GET", STAFF, &path, &globex_admin, None).await.status(), 404);

    // Revenue: Acme's admin sees Acme only; this month's takings are the paid invoices'.
    let (status, revenue) = status_and_json(app.call("GET", STAFF, "/api/v1/staff/revenue", &admin, None).await).await;
    assert_eq!(status, 200, "{revenue}");
    let websites = revenue["websites"].as_array().unwrap();
    assert_eq!(websites.len(), 1, "{revenue}");
    let acme = &websites[0];
    let months = acme["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    let paid: i64 = sqlx::query_scalar(
        "select coalesce(sum(total_minor - refunded_minor), 0)::bigint from invoices
         where website_id = $1 and status = 'paid' and date_trunc('month', paid_at) = date_trunc('month', now())",
    )
    .bind(app.demo.acme)
    .fetch_one(&app.owner)
    .await
    .unwrap();
    assert!(paid > 0);
    assert_eq!(months[11]["revenue_minor"].as_i64(), Some(paid), "{acme}");
    assert_eq!(acme["mrr_minor"].as_i64(), Some(0), "the demo's clients are on the free plan");
    let outstanding = acme["outstanding_minor"].as_i64().unwrap();
    assert!(outstanding >= 2532, "the open order's invoice is outstanding: {acme}");
    // An upgrade to Pro adds its price to the MRR.
    let (_, overview) = status_and_json(app.call("GET", ACME, "/api/v1/billing", &client, None).await).await;
    let pro = overview["plans"].as_array().unwrap().iter().find(|p| p["code"] == "pro").unwrap()["id"].clone();
    let (status, _) =
        status_and_json(app.call("POST", ACME, "/api/v1/billing/plan", &client, Some(&json!({"plan_id": pro}))).await)
            .await;
    assert_eq!(status, 200);
    let (_, revenue) = status_and_json(app.call("GET", STAFF, "/api/v1/staff/revenue", &admin, None).await).await;
    assert_eq!(revenue["websites"][0]["mrr_minor"].as_i64(), Some(1900), "{revenue}");
    let superadmin = app.token(STAFF, "superadmin@atelier.example").await;
    let (_, all) = status_and_json(app.call("GET", STAFF, "/api/v1/staff/revenue", &superadmin, None).await).await;
    assert_eq!(all["websites"].as_array().unwrap().len(), 2, "{all}");
    assert_eq!(app.call("GET", STAFF, "/api/v1/staff/revenue", &editor, None).await.status(), 403);
}
