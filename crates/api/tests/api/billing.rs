//! Billing: quotas that hold under concurrency, gapless invoice numbers, paying by transfer,
//! balance and card (against a local server speaking the card provider's protocol), plan
//! changes, refunds as credit notes, and suspension for an unpaid invoice.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_envelope, spawn_app, spawn_app_with, status_and_json};
use crate::orders::page_copy;

const ACME: &str = "acme.localhost";
const STAFF: &str = "staff.localhost";
const API: &str = "api.localhost";

async fn admin(app: &TestApp) -> String {
    app.token(STAFF, "admin@acme.example").await
}

/// Acme's plan with `code`, as staff list it.
async fn plan(app: &TestApp, code: &str) -> Value {
    let admin = admin(app).await;
    let path = format!("/api/v1/staff/websites/{}/plans", app.demo.acme);
    let (status, plans) = status_and_json(app.call("GET", STAFF, &path, &admin, None).await).await;
    assert_eq!(status, 200, "{plans}");
    plans
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == code)
        .cloned()
        .unwrap_or_else(|| panic!("no {code}: {plans}"))
}

/// Sets limits of Acme's free plan (the one new clients are on).
async fn limit_free_plan(app: &TestApp, limits: Value) {
    let free = plan(app, "free").await;
    let mut merged = free["limits"].clone();
    for (k, v) in limits.as_object().unwrap() {
        merged[k] = v.clone();
    }
    let body = json!({ "code": "free", "name": "Free", "price_minor": 0, "active": true, "limits": merged });
    let path = format!("/api/v1/staff/plans/{}", free["id"].as_str().unwrap());
    let (status, saved) = status_and_json(app.call("PUT", STAFF, &path, &admin(app).await, Some(&body)).await).await;
    assert_eq!(status, 200, "{saved}");
}

async fn usage(app: &TestApp, token: &str, quota: &str) -> (i64, Option<i64>) {
    let (status, overview) = status_and_json(app.call("GET", ACME, "/api/v1/billing", token, None).await).await;
    assert_eq!(status, 200, "{overview}");
    let bar = overview["usage"].as_array().unwrap().iter().find(|u| u["quota"] == quota).unwrap().clone();
    (bar["used"].as_i64().unwrap(), bar["limit"].as_i64())
}

async fn count(app: &TestApp, sql: &'static str, id: &str) -> i64 {
    sqlx::query_scalar(sql).bind(uuid::Uuid::parse_str(id).unwrap()).fetch_one(&app.owner).await.unwrap()
}

async fn user_id(app: &TestApp, email: &str) -> String {
    let id: uuid::Uuid =
        sqlx::query_scalar("select id from users where email = $1").bind(email).fetch_one(&app.owner).await.unwrap();
    id.to_string()
}

#[tokio::test]
async fn twenty_parallel_site_creations_against_a_limit_of_five_make_exactly_five() {
    let app = spawn_app().await;
    limit_free_plan(&app, json!({ "sites": 5 })).await;
    let token = app.verified_client(ACME, "quota@acme.example", "Quota Tester").await;
    let calls = (0..20).map(|n| {
        let body = json!({ "name": format!("Site {n}"), "industry": "bakery" });
        let (app, token) = (&app, &token);
        async move { status_and_json(app.call("POST", ACME, "/api/v1/sites", token, Some(&body)).await).await }
    });
    let answers = futures_util::future::join_all(calls).await;
    let created = answers.iter().filter(|(s, _)| *s == 201).count();
    let refused: Vec<&Value> = answers.iter().filter(|(s, _)| *s == 403).map(|(_, b)| b).collect();
    println!("20 parallel creates, limit 5: {created} created, {} refused", refused.len());
    assert_eq!((created, refused.len()), (5, 15), "{answers:?}");
    for body in &refused {
        assert_envelope(body, "quota_exceeded");
        assert_eq!(body["details"]["quota"], json!({ "quota": "sites", "limit": 5, "used": 5 }), "{body}");
    }
    let owner = user_id(&app, "quota@acme.example").await;
    assert_eq!(count(&app, "select count(*) from sites where owner_id = $1", &owner).await, 5);
    assert_eq!(usage(&app, &token, "sites").await, (5, Some(5)));
    // Mode Rapide is refused before it writes anything, as is the wizard.
    let form = json!({ "business_name": "One more", "industry": "bakery", "description": "Bread." });
    let (status, body) =
        status_and_json(app.call("POST", ACME, "/api/v1/sites/rapide", &token, Some(&form)).await).await;
    assert_eq!(status, 403, "{body}");
    assert_envelope(&body, "quota_exceeded");
    assert_eq!(count(&app, "select count(*) from sites where owner_id = $1", &owner).await, 5);
    // Generated sections are metered: five sites' worth.
    let (generated, _) = usage(&app, &token, "generated_per_month").await;
    assert!(generated >= 5 * 5, "each site's sections are counted: {generated}");
}

#[tokio::test]
async fn publishing_counts_against_live_sites_and_deployments_and_nothing_is_created_when_refused() {
    let app = spawn_app().await;
    limit_free_plan(&app, json!({ "live_sites": 0 })).await;
    let token = app.verified_client(ACME, "live@acme.example", "Live Tester").await;
    let form = json!({ "business_name": "Refused", "industry": "bakery", "description": "Bread." });
    let (status, body) =
        status_and_json(app.call("POST", ACME, "/api/v1/sites/rapide", &token, Some(&form)).await).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["details"]["quota"], json!({ "quota": "live_sites", "limit": 0, "used": 0 }), "{body}");
    let owner = user_id(&app, "live@acme.example").await;
    assert_eq!(count(&app, "select count(*) from sites where owner_id = $1", &owner).await, 0);
    // A draft is allowed; deploying it is not, and no deployment is queued.
    let body = json!({ "name": "Draft only", "industry": "bakery" });
    let (status, site) = status_and_json(app.call("POST", ACME, "/api/v1/sites", &token, Some(&body)).await).await;
    assert_eq!(status, 201, "{site}");
    let path = format!("/api/v1/sites/{}/deployments", site["id"].as_str().unwrap());
    let (status, body) = status_and_json(app.call("POST", ACME, &path, &token, None).await).await;
    assert_eq!(status, 403, "{body}");
    assert_envelope(&body, "quota_exceeded");
    let site_id = site["id"].as_str().unwrap();
    assert_eq!(count(&app, "select count(*) from deployments where site_id = $1", site_id).await, 0);
    assert_eq!(usage(&app, &token, "deployments_per_month").await.0, 0);
}

/// Places a fresh order for the demo client: its id and its invoice.
/// An order of `words` of page copy placed by `client`, and its open invoice.
pub(crate) async fn placed_order(app: &TestApp, client: &str, words: i64) -> (String, Value) {
    let service = page_copy(app, client).await;
    let body = json!({ "service_type_id": service["id"], "words": words, "turnaround_days": 7, "title": "Our story" });
    let (status, order) = status_and_json(app.call("POST", ACME, "/api/v1/orders", client, Some(&body)).await).await;
    assert_eq!(status, 201, "{order}");
    let id = order["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/orders/{id}/transitions");
    let (status, placed) =
        status_and_json(app.call("POST", ACME, &path, client, Some(&json!({"event": "place"}))).await).await;
    assert_eq!(status, 200, "{placed}");
    let (_, invoices) = status_and_json(app.call("GET", ACME, "/api/v1/billing/invoices", client, None).await).await;
    let invoice = invoices.as_array().unwrap().iter().find(|i| i["order_id"] == id.as_str()).cloned().expect("invoice");
    (id, invoice)
}

async fn order_status(app: &TestApp, client: &str, id: &str) -> String {
    let (_, order) = status_and_json(app.call("GET", ACME, &format!("/api/v1/orders/{id}"), client, None).await).await;
    order["status"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn placing_an_order_bills_it_a_transfer_confirmed_by_staff_opens_it_and_the_documents_download() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    // 300 words × 8 cents = 24.00, VAT 20 % on top: 28.80.
    let (order, invoice) = placed_order(&app, &client, 300).await;
    assert_eq!(
        (invoice["status"].as_str(), invoice["subtotal_minor"].as_i64()),
        (Some("open"), Some(2400)),
        "{invoice}"
    );
    assert_eq!((invoice["tax_minor"].as_i64(), invoice["total_minor"].as_i64()), (Some(480), Some(2880)));
    assert_eq!(order_status(&app, &client, &order).await, "awaiting_payment");
    let id = invoice["id"].as_str().unwrap();
    let pay = format!("/api/v1/billing/invoices/{id}/payments");
    let (status, started) =
        status_and_json(app.call("POST", ACME, &pay, &client, Some(&json!({"provider": "manual"}))).await).await;
    assert_eq!(status, 200, "{started}");
    let reference = invoice["reference"].as_str().unwrap();
    assert!(started["instructions"].as_str().unwrap().contains(reference), "{started}");
    assert_eq!(started["payment"]["status"], "pending");
    // Asking again shows the same transfer, not a second one.
    let (_, again) =
        status_and_json(app.call("POST", ACME, &pay, &client, Some(&json!({"provider": "manual"}))).await).await;
    assert_eq!(again["payment"]["id"], started["payment"]["id"]);

    let admin = admin(&app).await;
    let (status, pending) =
        status_and_json(app.call("GET", STAFF, "/api/v1/staff/payments/pending", &admin, None).await).await;
    assert_eq!(status, 200, "{pending}");
    let payment = pending.as_array().unwrap().iter().find(|p| p["invoice_id"] == id).expect("the transfer").clone();
    let confirm = format!("/api/v1/staff/payments/{}/confirm", payment["id"].as_str().unwrap());
    let (status, paid) = status_and_json(app.call("POST", STAFF, &confirm, &admin, None).await).await;
    assert_eq!((status, paid["status"].as_str()), (200, Some("paid")), "{paid}");
    assert_eq!(order_status(&app, &client, &order).await, "open");
    // Confirming twice changes nothing.
    let (status, body) = status_and_json(app.call("POST", STAFF, &confirm, &admin, None).await).await;
    assert_eq!(status, 409, "{body}");

    let doc = format!("/api/v1/billing/invoices/{id}/document");
    let html = app.call("GET", ACME, &doc, &client, None).await;
    assert_eq!(html.status(), 200);
    let html = html.text().await.unwrap();
    assert!(html.contains(reference) && html.contains("Acme") && html.contains("28.80 EUR"), "{html}");
    let pdf = app.call("GET", ACME, &format!("{doc}?format=pdf"), &client, None).await;
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let bytes = pdf.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-1.4") && bytes.ends_with(b"%%EOF\n"));
    assert!(bytes.windows(reference.len()).any(|w| w == reference.as_bytes()), "the PDF names the invoice");
    // Another client cannot read it.
    let other = app.verified_client(ACME, "other@acme.example", "Other").await;
    assert_eq!(app.call("GET", ACME, &doc, &other, None).await.status(), 404);
}

#[tokio::test]
async fn invoice_numbers_follow_each_other_without_gaps_when_placed_in_parallel() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let service = page_copy(&app, &client).await;
    let mut ids = Vec::new();
    for _ in 0..20 {
        let body = json!({ "service_type_id": service["id"], "words": 200, "turnaround_days": 7, "title": "Page" });
        let (status, order) =
            status_and_json(app.call("POST", ACME, "/api/v1/orders", &client, Some(&body)).await).await;
        assert_eq!(status, 201, "{order}");
        ids.push(order["id"].as_str().unwrap().to_owned());
    }
    let places = ids.iter().map(|id| {
        let (app, client) = (&app, &client);
        let path = format!("/api/v1/orders/{id}/transitions");
        async move { app.call("POST", ACME, &path, client, Some(&json!({"event": "place"}))).await.status().as_u16() }
    });
    let statuses = futures_util::future::join_all(places).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    let numbers: Vec<i32> = sqlx::query_scalar("select number from invoices where website_id = $1 order by number")
        .bind(app.demo.acme)
        .fetch_all(&app.owner)
        .await
        .unwrap();
    let expected: Vec<i32> = (1..=numbers.len() as i32).collect();
    println!("{} Acme invoices after 20 parallel placements: numbers 1..={}", numbers.len(), numbers.len());
    assert_eq!(numbers, expected, "sequential, without gaps or repeats");
    assert!(numbers.len() >= 20);
}

#[tokio::test]
async fn the_balance_pays_at_once_two_payments_cannot_spend_it_twice_and_refunds_are_credit_notes() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let (order_a, a) = placed_order(&app, &client, 300).await;
    let (_, b) = placed_order(&app, &client, 300).await;
    let pay = |invoice: &Value| format!("/api/v1/billing/invoices/{}/payments", invoice["id"].as_str().unwrap());
    let by_balance = json!({ "provider": "balance" });
    let (status, body) = status_and_json(app.call("POST", ACME, &pay(&a), &client, Some(&by_balance)).await).await;
    assert_eq!(status, 409, "{body}");
    assert_envelope(&body, "insufficient_balance");

    // Staff bring the balance (the demo's welcome credit and a refund) to 40.00: enough
    // for one invoice of 28.80, not two.
    let (_, balance) = status_and_json(app.call("GET", ACME, "/api/v1/billing/balance", &client, None).await).await;
    let start = balance["balance_minor"].as_i64().unwrap();
    assert!(start < 2880, "{balance}");
    let admin = admin(&app).await;
    let customer = user_id(&app, "client@acme.example").await;
    let credit = json!({ "amount_minor": 4000 - start, "note": "Prepaid by transfer" });
    let path = format!("/api/v1/staff/customers/{customer}/balance");
    let (status, balance) = status_and_json(app.call("POST", STAFF, &path, &admin, Some(&credit)).await).await;
    assert_eq!((status, balance["balance_minor"].as_i64()), (200, Some(4000)), "{balance}");

    let (pay_a, pay_b) = (pay(&a), pay(&b));
    let (one, two) = tokio::join!(
        app.call("POST", ACME, &pay_a, &client, Some(&by_balance)),
        app.call("POST", ACME, &pay_b, &client, Some(&by_balance)),
    );
    let mut statuses = [one.status().as_u16(), two.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "one payment wins the balance");
    let (_, balance) = status_and_json(app.call("GET", ACME, "/api/v1/billing/balance", &client, None).await).await;
    assert_eq!(balance["balance_minor"].as_i64(), Some(4000 - 2880), "{balance}");

    // A refund of part of a paid invoice: a credit note, back to the balance; never more
    // than was paid.
    let paid = if order_status(&app, &client, &order_a).await == "open" { &a } else { &b };
    let refund = format!("/api/v1/staff/invoices/{}/refunds", paid["id"].as_str().unwrap());
    let body = json!({ "amount_minor": 880, "reason": "Goodwill", "to_balance": true });
    let (status, note) = status_and_json(app.call("POST", STAFF, &refund, &admin, Some(&body)).await).await;
    assert_eq!(status, 201, "{note}");
    assert!(note["reference"].as_str().unwrap().starts_with("CN-"), "{note}");
    let too_much = json!({ "amount_minor": 2001, "reason": "Too much", "to_balance": false });
    let (status, body) = status_and_json(app.call("POST", STAFF, &refund, &admin, Some(&too_much)).await).await;
    assert_eq!(status, 409, "{body}");
    assert_envelope(&body, "refund_too_large");
    let (_, balance) = status_and_json(app.call("GET", ACME, "/api/v1/billing/balance", &client, None).await).await;
    assert_eq!(balance["balance_minor"].as_i64(), Some(4000 - 2880 + 880), "{balance}");
}

#[tokio::test]
async fn an_upgrade_applies_at_once_with_a_prorated_invoice_and_a_downgrade_waits_for_the_period_end() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let pro = json!({ "code": "business", "name": "Business", "price_minor": 3000, "limits": { "sites": 50, "live_sites": 20 } });
    let path = format!("/api/v1/staff/websites/{}/plans", app.demo.acme);
    let (status, pro) = status_and_json(app.call("POST", STAFF, &path, &admin, Some(&pro)).await).await;
    assert_eq!(status, 201, "{pro}");
    let token = app.verified_client(ACME, "upgrade@acme.example", "Upgrader").await;
    let change = |id: &Value| json!({ "plan_id": id });
    let (status, changed) =
        status_and_json(app.call("POST", ACME, "/api/v1/billing/plan", &token, Some(&change(&pro["id"]))).await).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["overview"]["plan"]["code"], "business");
    // A whole period is left: about 30.00, VAT on top.
    let invoice = &changed["invoice"];
    let subtotal = invoice["subtotal_minor"].as_i64().unwrap();
    assert!((2990..=3000).contains(&subtotal), "{invoice}");
    assert_eq!(invoice["total_minor"].as_i64().unwrap(), subtotal + invoice["tax_minor"].as_i64().unwrap());
    assert_eq!(usage(&app, &token, "sites").await.1, Some(50), "the new limits apply at once");

    let free = plan(&app, "free").await;
    let (status, changed) =
        status_and_json(app.call("POST", ACME, "/api/v1/billing/plan", &token, Some(&change(&free["id"]))).await).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(
        (changed["overview"]["plan"]["code"].as_str(), changed["overview"]["next_plan"]["code"].as_str()),
        (Some("business"), Some("free"))
    );
    assert!(changed["invoice"].is_null());
    assert_eq!(changed["effective_at"], changed["overview"]["period_end"]);
}

#[tokio::test]
async fn an_invoice_unpaid_past_its_due_date_suspends_publishing_until_it_is_paid() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let (_, invoice) = placed_order(&app, &client, 300).await;
    let id = uuid::Uuid::parse_str(invoice["id"].as_str().unwrap()).unwrap();
    sqlx::query("update invoices set due_at = now() - interval '1 day' where id = $1")
        .bind(id)
        .execute(&app.owner)
        .await
        .unwrap();
    let done = atelier_app::billing::cycle::run_once(&app.db, None, 100).await.unwrap();
    assert_eq!(done.suspended, 1, "{done:?}");
    let (_, overview) = status_and_json(app.call("GET", ACME, "/api/v1/billing", &client, None).await).await;
    assert_eq!(overview["status"], "suspended");
    let (_, sites) = status_and_json(app.call("GET", ACME, "/api/v1/sites", &client, None).await).await;
    let site = sites["items"][0]["id"].as_str().unwrap().to_owned();
    let (status, body) =
        status_and_json(app.call("POST", ACME, &format!("/api/v1/sites/{site}/deployments"), &client, None).await)
            .await;
    assert_eq!(status, 403, "{body}");
    assert_envelope(&body, "billing_suspended");
    // The client was told.
    let told: i64 = sqlx::query_scalar("select count(*) from domain_events where kind = 'billing_suspended'")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(told, 1);

    let admin = admin(&app).await;
    let customer = user_id(&app, "client@acme.example").await;
    let credit = json!({ "amount_minor": 5000, "note": "Top-up" });
    let path = format!("/api/v1/staff/customers/{customer}/balance");
    assert_eq!(app.call("POST", STAFF, &path, &admin, Some(&credit)).await.status(), 200);
    let pay = format!("/api/v1/billing/invoices/{id}/payments");
    let (status, paid) =
        status_and_json(app.call("POST", ACME, &pay, &client, Some(&json!({"provider": "balance"}))).await).await;
    assert_eq!(status, 200, "{paid}");
    let (_, overview) = status_and_json(app.call("GET", ACME, "/api/v1/billing", &client, None).await).await;
    assert_eq!(overview["status"], "active", "paid: active again");
}

/// A local server speaking the card provider's checkout-session protocol: it checks the
/// secret key and the form, and answers with a session.
async fn card_provider() -> (String, Arc<AtomicUsize>) {
    let made = Arc::new(AtomicUsize::new(0));
    let counter = made.clone();
    let server = HttpServer::new(move || {
        let counter = counter.clone();
        App::new().route(
            "/v1/checkout/sessions",
            web::post().to(move |req: HttpRequest, body: String| {
                let counter = counter.clone();
                async move {
                    let auth = req.headers().get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default();
                    if auth != "Bearer sk_test_local" {
                        return HttpResponse::Unauthorized().json(json!({"error": {"message": "Invalid API Key"}}));
                    }
                    let fields: Vec<&str> = body.split('&').collect();
                    let has = |k: &str| fields.iter().any(|f| f.starts_with(k));
                    if !(has("mode=payment") && has("client_reference_id=") && has("line_items%5B0%5D%5Bprice_data%5D%5Bunit_amount%5D=")) {
                        return HttpResponse::BadRequest().json(json!({"error": {"message": "missing fields"}}));
                    }
                    let n = counter.fetch_add(1, Ordering::SeqCst);
                    HttpResponse::Ok().json(json!({ "id": format!("cs_test_{n}"), "url": format!("https://checkout.example/pay/cs_test_{n}") }))
                }
            }),
        )
    })
    .workers(1)
    .bind(("127.0.0.1", 0))
    .unwrap();
    let port = server.addrs()[0].port();
    tokio::spawn(server.run());
    (format!("http://127.0.0.1:{port}"), made)
}

#[tokio::test]
async fn card_payments_go_through_checkout_and_a_signed_webhook_applied_once() {
    let (base, made) = card_provider().await;
    let app = spawn_app_with(|s| {
        s.card_secret_key = Some("sk_test_local".to_owned().into());
        s.card_webhook_secret = Some("whsec_local".to_owned().into());
        s.card_api_base = base.clone();
    })
    .await;
    let client = app.token(ACME, "client@acme.example").await;
    let (order, invoice) = placed_order(&app, &client, 300).await;
    let pay = format!("/api/v1/billing/invoices/{}/payments", invoice["id"].as_str().unwrap());
    let (status, started) =
        status_and_json(app.call("POST", ACME, &pay, &client, Some(&json!({"provider": "card"}))).await).await;
    assert_eq!(status, 200, "{started}");
    assert_eq!(started["checkout_url"], "https://checkout.example/pay/cs_test_0");
    assert_eq!(made.load(Ordering::SeqCst), 1);

    let event = json!({
        "id": "evt_1", "type": "checkout.session.completed",
        "data": { "object": { "id": "cs_test_0", "payment_status": "paid", "amount_total": invoice["total_minor"] } }
    })
    .to_string();
    let now = chrono::Utc::now().timestamp();
    let post = |signature: String, body: String| {
        let app = &app;
        async move {
            let res = app
                .client
                .post(app.url(API, "/api/v1/billing/webhooks/card"))
                .header("stripe-signature", signature)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap();
            status_and_json(res).await
        }
    };
    // A wrong signature: 400, and nothing changes.
    let forged = atelier_app::billing::card::sign("whsec_wrong", event.as_bytes(), now);
    let (status, body) = post(forged, event.clone()).await;
    assert_eq!(status, 400, "{body}");
    assert_envelope(&body, "invalid_signature");
    assert_eq!(order_status(&app, &client, &order).await, "awaiting_payment");
    // The real one pays the invoice and opens the order.
    let signed = atelier_app::billing::card::sign("whsec_local", event.as_bytes(), now);
    let (status, body) = post(signed.clone(), event.clone()).await;
    assert_eq!((status, body["replay"].as_bool()), (200, Some(false)), "{body}");
    assert_eq!(order_status(&app, &client, &order).await, "open");
    // Replayed: recognised, nothing changes twice.
    let (status, body) = post(signed, event).await;
    assert_eq!((status, body["replay"].as_bool()), (200, Some(true)), "{body}");
    let payments: i64 =
        sqlx::query_scalar("select count(*) from payments where provider = 'card' and status = 'succeeded'")
            .fetch_one(&app.owner)
            .await
            .unwrap();
    let events: i64 = sqlx::query_scalar("select count(*) from domain_events where kind = 'invoice_paid'")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!((payments, events), (1, 1));
}
