//! The staff console: every staff endpoint called by every staff role, on an object of an
//! assigned website and of an unassigned one; suspending a customer; a new website that
//! answers on its domain at once; the audit log of it all.

use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_envelope, spawn_app, status_and_json};

const ACME: &str = "acme.localhost";
const GLOBEX: &str = "globex.localhost";
const STAFF: &str = "staff.localhost";

async fn client_id(app: &TestApp, email: &str) -> String {
    sqlx::query_scalar("select id::text from users where email = $1 and role = 'client'")
        .bind(email)
        .fetch_one(&app.owner)
        .await
        .unwrap()
}

async fn call(app: &TestApp, token: &str, method: &str, path: &str, body: Option<Value>) -> u16 {
    app.call(method, STAFF, path, token, body.as_ref()).await.status().as_u16()
}

fn branding(name: &str, color: &str, active: bool) -> Value {
    json!({ "name": name, "theme_color": color, "contact_email": "hello@example.com", "active": active })
}

/// Regenerates the section until its text changes (the offline generator may repeat
/// itself): the id of the pending generated text.
async fn regenerate_until_changed(app: &TestApp, client: &str, site: &str, section: &str) -> String {
    let path = format!("/api/v1/sites/{site}/sections/{section}/regenerate");
    for _ in 0..10 {
        let (_, body) = status_and_json(app.call("POST", ACME, &path, client, None).await).await;
        if !body["changes"].as_array().unwrap().is_empty() {
            return body["entry"]["id"].as_str().unwrap().to_owned();
        }
    }
    panic!("ten regenerations of {section} changed nothing")
}

#[tokio::test]
async fn each_role_may_call_exactly_its_staff_endpoints_and_other_websites_objects_are_not_found() {
    let app = spawn_app().await;
    let acme_client = client_id(&app, "client@acme.example").await;
    let globex_client = client_id(&app, "client@globex.example").await;
    let (acme, globex) = (app.demo.acme, app.demo.globex);
    let editor = app.token(STAFF, "editor@atelier.example").await;
    let support = app.token(STAFF, "support@atelier.example").await;
    let admin = app.token(STAFF, "admin@acme.example").await;
    let superadmin = app.token(STAFF, "superadmin@atelier.example").await;
    let roles = [("editor", &editor), ("support", &support), ("admin of Acme", &admin), ("superadmin", &superadmin)];

    // (method, path, body, expected for editor, support, Acme admin, superadmin).
    // Support and the editor work for both websites; the Acme admin for Acme only.
    let acme_branding = branding("Acme Sites", "#e11d48", true);
    let globex_branding = branding("Globex Web Studio", "#0d9488", true);
    let matrix: Vec<(&str, String, Option<Value>, [u16; 4])> = vec![
        ("GET", "/api/v1/customers".into(), None, [403, 200, 200, 200]),
        ("GET", format!("/api/v1/customers/{acme_client}"), None, [403, 200, 200, 200]),
        ("GET", format!("/api/v1/customers/{globex_client}"), None, [403, 200, 404, 200]),
        ("GET", format!("/api/v1/customers?website={globex}"), None, [403, 200, 404, 200]),
        ("POST", format!("/api/v1/customers/{acme_client}/unlock"), None, [403, 204, 204, 204]),
        ("POST", format!("/api/v1/customers/{globex_client}/unlock"), None, [403, 204, 404, 204]),
        ("POST", format!("/api/v1/customers/{acme_client}/suspend"), None, [403, 403, 200, 200]),
        ("POST", format!("/api/v1/customers/{acme_client}/reactivate"), None, [403, 403, 200, 200]),
        ("POST", format!("/api/v1/customers/{globex_client}/suspend"), None, [403, 403, 404, 200]),
        ("POST", format!("/api/v1/customers/{globex_client}/reactivate"), None, [403, 403, 404, 200]),
        ("GET", "/api/v1/audit".into(), None, [403, 403, 200, 200]),
        ("GET", format!("/api/v1/audit?website={globex}"), None, [403, 403, 404, 200]),
        ("PUT", format!("/api/v1/tenants/{acme}"), Some(acme_branding), [403, 403, 200, 200]),
        ("PUT", format!("/api/v1/tenants/{globex}"), Some(globex_branding), [403, 403, 404, 200]),
        ("GET", format!("/api/v1/websites/{acme}/catalogue"), None, [200, 403, 200, 200]),
        ("GET", format!("/api/v1/websites/{globex}/catalogue"), None, [200, 403, 404, 200]),
        ("GET", "/api/v1/payouts".into(), None, [403, 403, 200, 200]),
        ("GET", "/api/v1/overview".into(), None, [200, 200, 200, 200]),
        ("GET", format!("/api/v1/analytics?website={acme}"), None, [200, 200, 200, 200]),
        ("GET", format!("/api/v1/analytics?website={globex}"), None, [200, 200, 404, 200]),
        ("GET", "/api/v1/team".into(), None, [200, 403, 200, 200]),
        ("GET", "/api/v1/review".into(), None, [200, 403, 200, 200]),
        ("GET", "/api/v1/staff/sites".into(), None, [200, 200, 200, 200]),
        ("GET", "/api/v1/staff/deployments".into(), None, [200, 200, 200, 200]),
    ];
    let mut wrong = Vec::new();
    for (method, path, body, expected) in &matrix {
        for ((role, token), want) in roles.iter().zip(expected) {
            let got = call(&app, token, method, path, body.clone()).await;
            if got != *want {
                wrong.push(format!("{role} {method} {path}: {got}, expected {want}"));
            }
        }
    }
    // Only the superadmin creates websites (a new slug per attempt, so only authority differs).
    for (i, (role, token)) in roles.iter().enumerate() {
        let body = json!({ "name": "Beta", "slug": format!("beta-{i}"), "domain": format!("beta{i}.localhost"),
                           "theme_color": "#7c3aed", "contact_email": "hi@beta.example", "currency": "EUR" });
        let got = call(&app, token, "POST", "/api/v1/tenants", Some(body)).await;
        let want = if *role == "superadmin" { 201 } else { 403 };
        if got != want {
            wrong.push(format!("{role} POST /api/v1/tenants: {got}, expected {want}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // The staff console is for staff on the staff host: a client's token there, or a staff
    // token on a tenant's host, is refused.
    let client = app.token(ACME, "client@acme.example").await;
    let (status, body) = status_and_json(app.call("GET", ACME, "/api/v1/customers", &client, None).await).await;
    assert_eq!(status, 403);
    assert_envelope(&body, "staff_only");
}

#[tokio::test]
async fn an_acme_admin_sees_only_acme_customers_and_a_suspended_customer_cannot_sign_in_until_reactivated() {
    let app = spawn_app().await;
    let admin = app.token(STAFF, "admin@acme.example").await;
    let (status, list) = status_and_json(app.call("GET", STAFF, "/api/v1/customers", &admin, None).await).await;
    assert_eq!(status, 200);
    let emails: Vec<&str> = list.as_array().unwrap().iter().map(|c| c["email"].as_str().unwrap()).collect();
    assert_eq!(emails, ["client@acme.example", "friend@acme.example"]);
    let (_, found) = status_and_json(app.call("GET", STAFF, "/api/v1/customers?q=ALICE", &admin, None).await).await;
    assert_eq!(found[0]["display_name"], "Alice Martin", "{found}");
    let (_, none) = status_and_json(app.call("GET", STAFF, "/api/v1/customers?q=%25", &admin, None).await).await;
    assert_eq!(none.as_array().map(Vec::len), Some(0), "`%` is a character, not a wildcard: {none}");

    // The detail: their site, orders, and (later) what staff did.
    let id = client_id(&app, "client@acme.example").await;
    let (status, detail) =
        status_and_json(app.call("GET", STAFF, &format!("/api/v1/customers/{id}"), &admin, None).await).await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["sites"][0]["slug"], "le-petit-four");
    assert_eq!(detail["orders"].as_array().map(Vec::len), Some(2));

    // Suspended: no sign-in, no refresh of an existing session.
    let session = app.session(ACME, "client@acme.example").await;
    let (status, suspended) =
        status_and_json(app.call("POST", STAFF, &format!("/api/v1/customers/{id}/suspend"), &admin, None).await).await;
    assert_eq!((status, suspended["active"].as_bool()), (200, Some(false)));
    let (status, body) = status_and_json(app.login(ACME, "client@acme.example", crate::helpers::PASSWORD).await).await;
    assert_eq!(status, 403);
    assert_envelope(&body, "account_suspended");
    let refresh = json!({ "refresh_token": session["refresh_token"] });
    let response = app.post_json(ACME, "/api/v1/auth/refresh", &refresh).await;
    assert_eq!(response.status(), 401);
    // Their site is untouched.
    let status: String = sqlx::query_scalar("select status from sites where slug = 'le-petit-four'")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_ne!(status, "stopped");

    let (status, _) =
        status_and_json(app.call("POST", STAFF, &format!("/api/v1/customers/{id}/reactivate"), &admin, None).await)
            .await;
    assert_eq!(status, 200);
    assert_eq!(app.login(ACME, "client@acme.example", crate::helpers::PASSWORD).await.status(), 200);

    // Both moves are in the audit log, who and before → after, and on the customer's page.
    let (_, log) = status_and_json(app.call("GET", STAFF, "/api/v1/audit", &admin, None).await).await;
    let actions: Vec<&str> = log.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(&actions[..2], ["customer.reactivate", "customer.suspend"], "{log}");
    assert_eq!((log[1]["actor_name"].as_str(), log[1]["before"]["active"].as_bool()), (Some("Ada Admin"), Some(true)));
    assert_eq!(log[1]["after"]["active"], false);
    assert!(log.as_array().unwrap().iter().all(|e| e["website_name"] == "Acme Sites"), "{log}");
    let (_, detail) =
        status_and_json(app.call("GET", STAFF, &format!("/api/v1/customers/{id}"), &admin, None).await).await;
    assert_eq!(detail["activity"].as_array().map(Vec::len), Some(2), "{detail}");
}

#[tokio::test]
async fn a_new_website_answers_on_its_domain_at_once_and_branding_changes_show_at_once() {
    let app = spawn_app().await;
    // Asked before it exists: unknown (and possibly remembered as such).
    assert_eq!(app.get("beta.localhost", "/api/v1/tenant").await.status(), 404);
    let superadmin = app.token(STAFF, "superadmin@atelier.example").await;
    let body = json!({ "name": "Beta Studio", "slug": "beta", "domain": "beta.localhost", "theme_color": "#7c3aed",
                       "contact_email": "hello@beta.example", "currency": "CHF" });
    let (status, created) =
        status_and_json(app.call("POST", STAFF, "/api/v1/tenants", &superadmin, Some(&body)).await).await;
    assert_eq!(status, 201, "{created}");
    let (status, seen) = status_and_json(app.get("beta.localhost", "/api/v1/tenant").await).await;
    assert_eq!((status, seen["name"].as_str(), seen["currency"].as_str()), (200, Some("Beta Studio"), Some("CHF")));
    // A second domain answers too; a domain of another website is refused.
    let beta = created["id"].as_str().unwrap();
    let domains = format!("/api/v1/tenants/{beta}/domains");
    assert_eq!(call(&app, &superadmin, "POST", &domains, Some(json!({ "host": "nope.localhost" }))).await, 204);
    let (_, again) = status_and_json(app.get("nope.localhost", "/api/v1/tenant").await).await;
    assert_eq!(again["name"], "Beta Studio");
    let (status, refused) = status_and_json(
        app.call("POST", STAFF, &domains, &superadmin, Some(&json!({ "host": "acme.localhost" }))).await,
    )
    .await;
    assert_eq!(status, 409);
    assert_envelope(&refused, "domain_taken");
    assert_eq!(call(&app, &superadmin, "POST", &domains, Some(json!({ "host": "Bad Host:80" }))).await, 422);
    let (status, exists) = status_and_json(
        app.call("POST", STAFF, &domains, &superadmin, Some(&json!({ "host": "beta.localhost" }))).await,
    )
    .await;
    assert_eq!(status, 409);
    assert_envelope(&exists, "domain_exists");
    let (_, still) = status_and_json(app.get("beta.localhost", "/api/v1/tenant").await).await;
    assert_eq!(still["primary_domain"], "beta.localhost");

    // The same slug or domain again is a conflict naming the field; nonsense names each field.
    let (status, again) =
        status_and_json(app.call("POST", STAFF, "/api/v1/tenants", &superadmin, Some(&body)).await).await;
    assert_eq!(status, 409);
    assert_envelope(&again, "slug_taken");
    let taken = json!({ "name": "Other", "slug": "other", "domain": "acme.localhost", "theme_color": "#000000",
                        "contact_email": "a@b.example", "currency": "EUR" });
    let (status, again) =
        status_and_json(app.call("POST", STAFF, "/api/v1/tenants", &superadmin, Some(&taken)).await).await;
    assert_eq!(status, 409);
    assert_envelope(&again, "domain_taken");
    let bad = json!({ "name": "", "slug": "Bad Slug", "domain": "x.localhost:8080", "theme_color": "purple",
                      "contact_email": "nope", "currency": "euro" });
    let (status, body) =
        status_and_json(app.call("POST", STAFF, "/api/v1/tenants", &superadmin, Some(&bad)).await).await;
    assert_eq!(status, 422);
    let fields: Vec<&str> =
        body["details"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["name", "theme_color", "contact_email", "slug", "domain", "currency"]);

    // Acme's admin rebrands Acme: its domain shows it on the next request (the tenant cache
    // is cleared), Globex is unchanged; turning Acme off is the superadmin's call.
    let admin = app.token(STAFF, "admin@acme.example").await;
    assert_eq!(app.get(ACME, "/api/v1/tenant").await.status(), 200);
    let acme = app.demo.acme;
    let path = format!("/api/v1/tenants/{acme}");
    let (status, body) =
        status_and_json(app.call("PUT", STAFF, &path, &admin, Some(&branding("Acme Studio", "#2563eb", true))).await)
            .await;
    assert_eq!(status, 200, "{body}");
    let (_, seen) = status_and_json(app.get(ACME, "/api/v1/tenant").await).await;
    assert_eq!((seen["name"].as_str(), seen["theme_color"].as_str()), (Some("Acme Studio"), Some("#2563eb")));
    let (_, globex) = status_and_json(app.get(GLOBEX, "/api/v1/tenant").await).await;
    assert_eq!(globex["name"], "Globex Web Studio");
    let (status, body) =
        status_and_json(app.call("PUT", STAFF, &path, &admin, Some(&branding("Acme Studio", "#2563eb", false))).await)
            .await;
    assert_eq!(status, 403);
    assert_envelope(&body, "not_your_role");
    let (_, log) = status_and_json(app.call("GET", STAFF, "/api/v1/audit", &admin, None).await).await;
    assert_eq!(log[0]["action"], "tenant.update");
    assert_eq!(
        (log[0]["before"]["name"].as_str(), log[0]["after"]["name"].as_str()),
        (Some("Acme Sites"), Some("Acme Studio"))
    );
}

#[tokio::test]
async fn staff_moves_on_orders_and_catalogue_changes_are_in_the_audit_log_with_before_and_after() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    crate::orders::open_order(&app, &client, 300).await; // The Acme admin confirms the payment.
    let admin = app.token(STAFF, "admin@acme.example").await;
    let path = format!("/api/v1/websites/{}/catalogue/landing_page", app.demo.acme);
    let entry = json!({ "name": "Landing page", "price_per_word_minor": 12, "min_words": 200, "max_words": 1200,
                        "required_level": 2, "turnarounds": [{ "days": 5, "multiplier_pct": 100 }] });
    assert_eq!(call(&app, &admin, "PUT", &path, Some(entry)).await, 200);
    assert_eq!(call(&app, &admin, "DELETE", &path, None).await, 204);

    let (_, log) = status_and_json(app.call("GET", STAFF, "/api/v1/audit", &admin, None).await).await;
    let actions: Vec<&str> = log.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(&actions[..3], ["catalogue.withdraw", "catalogue.save", "order.confirm_payment"], "{log}");
    assert_eq!((log[1]["before"].is_null(), log[1]["after"]["price_per_word_minor"].as_i64()), (true, Some(12)));
    assert_eq!(
        (log[2]["before"]["status"].as_str(), log[2]["after"]["status"].as_str()),
        (Some("awaiting_payment"), Some("open"))
    );
    assert!(
        log.as_array().unwrap()[..3].iter().all(|e| e["actor_name"] == "Ada Admin" && e["actor_role"] == "admin"),
        "{log}"
    );
}

#[tokio::test]
async fn an_admin_brings_writers_onto_their_website_and_only_the_superadmin_switches_accounts_off() {
    let app = spawn_app().await;
    let (acme, globex) = (app.demo.acme, app.demo.globex);
    let admin = app.token(STAFF, "admin@acme.example").await;
    let new = json!({ "email": "Nina.Writer@atelier.example", "display_name": "Nina Writer", "role": "writer",
                      "password": "a-good-password-1", "writer_level": 2, "websites": [acme] });
    let (status, nina) = status_and_json(app.call("POST", STAFF, "/api/v1/team", &admin, Some(&new)).await).await;
    assert_eq!(status, 201, "{nina}");
    assert_eq!((nina["email"].as_str(), nina["writer_level"].as_i64()), (Some("nina.writer@atelier.example"), Some(2)));
    // She signs in on the writers' host and finds Acme's open level-1 order.
    let (status, session) =
        status_and_json(app.login("writers.localhost", "nina.writer@atelier.example", "a-good-password-1").await).await;
    assert_eq!(status, 200, "{session}");
    let token = session["access_token"].as_str().unwrap().to_owned();
    let (_, open) =
        status_and_json(app.call("GET", "writers.localhost", "/api/v1/orders/available", &token, None).await).await;
    assert_eq!(open.as_array().map(Vec::len), Some(1), "{open}");

    // An admin gives no admin role and no other website; the same address twice is a conflict.
    let mut admin_role = new.clone();
    admin_role["email"] = json!("x@atelier.example");
    admin_role["role"] = json!("admin");
    admin_role["writer_level"] = json!(null);
    assert_eq!(call(&app, &admin, "POST", "/api/v1/team", Some(admin_role)).await, 403);
    let mut elsewhere = new.clone();
    elsewhere["email"] = json!("y@atelier.example");
    elsewhere["websites"] = json!([globex]);
    assert_eq!(call(&app, &admin, "POST", "/api/v1/team", Some(elsewhere)).await, 403);
    let (status, body) = status_and_json(app.call("POST", STAFF, "/api/v1/team", &admin, Some(&new)).await).await;
    assert_eq!(status, 409);
    assert_envelope(&body, "email_taken");

    // The team an Acme admin manages: the writers' pool and Acme's staff, not Globex's admin.
    let (_, team) = status_and_json(app.call("GET", STAFF, "/api/v1/team", &admin, None).await).await;
    let emails: Vec<&str> = team.as_array().unwrap().iter().map(|m| m["email"].as_str().unwrap()).collect();
    assert!(emails.contains(&"writer@atelier.example") && emails.contains(&"editor@atelier.example"), "{emails:?}");
    assert!(!emails.contains(&"admin@globex.example") && !emails.contains(&"superadmin@atelier.example"), "{emails:?}");

    // Wendy works for both; the Acme admin takes her off Acme only and sets her level.
    let wendy: String = sqlx::query_scalar("select id::text from users where email = 'writer@atelier.example'")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    let change = json!({ "writer_level": 4, "websites": [], "active": true });
    let (status, after) =
        status_and_json(app.call("PUT", STAFF, &format!("/api/v1/team/{wendy}"), &admin, Some(&change)).await).await;
    assert_eq!(status, 200, "{after}");
    assert_eq!((after["writer_level"].as_i64(), after["websites"].clone()), (Some(4), json!([])));
    let assigned: Vec<String> =
        sqlx::query_scalar("select website_id::text from writer_websites where writer_id::text = $1")
            .bind(&wendy)
            .fetch_all(&app.owner)
            .await
            .unwrap();
    assert_eq!(assigned, [globex.to_string()], "Globex keeps her");

    // A writer of Globex only is not the Acme admin's to level up; an account an admin
    // could not see afterwards (no website of theirs) is not theirs to create.
    let will_globex = json!({ "email": "g.writer@atelier.example", "display_name": "Gil Writer", "role": "writer",
                              "password": "a-good-password-1", "writer_level": 1, "websites": [globex] });
    let globex_admin = app.token(STAFF, "admin@globex.example").await;
    let (status, gil) =
        status_and_json(app.call("POST", STAFF, "/api/v1/team", &globex_admin, Some(&will_globex)).await).await;
    assert_eq!(status, 201, "{gil}");
    let gil_path = format!("/api/v1/team/{}", gil["id"].as_str().unwrap());
    let level_up = json!({ "writer_level": 5, "websites": [], "active": true });
    assert_eq!(call(&app, &admin, "PUT", &gil_path, Some(level_up)).await, 403);
    let mut nowhere = new.clone();
    nowhere["email"] = json!("z@atelier.example");
    nowhere["websites"] = json!([]);
    assert_eq!(call(&app, &admin, "POST", "/api/v1/team", Some(nowhere)).await, 403);

    // Switching an account off is the superadmin's: then she cannot sign in.
    let off = json!({ "websites": [], "active": false });
    let nina_id = nina["id"].as_str().unwrap();
    assert_eq!(call(&app, &admin, "PUT", &format!("/api/v1/team/{nina_id}"), Some(off.clone())).await, 403);
    let superadmin = app.token(STAFF, "superadmin@atelier.example").await;
    assert_eq!(call(&app, &superadmin, "PUT", &format!("/api/v1/team/{nina_id}"), Some(off)).await, 200);
    assert_eq!(app.login("writers.localhost", "nina.writer@atelier.example", "a-good-password-1").await.status(), 403);

    let (_, log) = status_and_json(app.call("GET", STAFF, "/api/v1/audit", &admin, None).await).await;
    let actions: Vec<&str> = log.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"member.create") && actions.contains(&"member.update"), "{actions:?}");
}

#[tokio::test]
async fn staff_see_their_websites_sites_and_queue_and_admins_redeploy_from_the_staff_host() {
    let app = spawn_app().await;
    let site: String = sqlx::query_scalar("select id::text from sites where slug = 'le-petit-four'")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    // A failure of a week ago is in the queue's recent failures with its reason; older are not.
    sqlx::query(
        "insert into deployments (website_id, site_id, number, status, runtime, error, queued_at, started_at, finished_at)
         select website_id, id, 50, 'failed', 'process', 'health check: no answer on port 20001',
                now() - interval '1 day', now() - interval '1 day', now() - interval '1 day' from sites where slug = 'le-petit-four'",
    )
    .execute(&app.owner)
    .await
    .unwrap();
    let admin = app.token(STAFF, "admin@acme.example").await;
    let (_, sites) = status_and_json(app.call("GET", STAFF, "/api/v1/staff/sites", &admin, None).await).await;
    let slugs: Vec<&str> = sites.as_array().unwrap().iter().map(|s| s["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs, ["le-petit-four"]);
    let (_, live) =
        status_and_json(app.call("GET", STAFF, "/api/v1/staff/sites?status=live", &admin, None).await).await;
    assert_eq!(live.as_array().map(Vec::len), Some(0));

    let (_, queue) = status_and_json(app.call("GET", STAFF, "/api/v1/staff/deployments", &admin, None).await).await;
    let entries: Vec<(&str, Option<i64>)> =
        queue.as_array().unwrap().iter().map(|d| (d["status"].as_str().unwrap(), d["position"].as_i64())).collect();
    assert_eq!(entries, [("queued", Some(1)), ("failed", None)], "{queue}");
    assert_eq!(queue[1]["error"], "health check: no answer on port 20001");
    let superadmin = app.token(STAFF, "superadmin@atelier.example").await;
    let (_, all) = status_and_json(app.call("GET", STAFF, "/api/v1/staff/deployments", &superadmin, None).await).await;
    let positions: Vec<Option<i64>> = all.as_array().unwrap().iter().map(|d| d["position"].as_i64()).collect();
    assert_eq!(positions, [Some(1), Some(2), None]);

    // Acting on a customer's site: the website's admin may, support and other admins may not;
    // every staff role of the website reads its deployments and logs.
    let deploy = format!("/api/v1/sites/{site}/deployments");
    let support = app.token(STAFF, "support@atelier.example").await;
    let globex_admin = app.token(STAFF, "admin@globex.example").await;
    assert_eq!(call(&app, &support, "POST", &deploy, None).await, 403);
    assert_eq!(call(&app, &globex_admin, "POST", &deploy, None).await, 404);
    let (status, queued) = status_and_json(app.call("POST", STAFF, &deploy, &admin, None).await).await;
    assert_eq!(status, 202, "{queued}");
    let (status, list) = status_and_json(app.call("GET", STAFF, &deploy, &support, None).await).await;
    assert_eq!((status, list[0]["id"].clone()), (200, queued["id"].clone()));
    let logs = format!("/api/v1/deployments/{}/logs", queued["id"].as_str().unwrap());
    assert_eq!(call(&app, &support, "GET", &logs, None).await, 200);
    assert_eq!(call(&app, &globex_admin, "GET", &logs, None).await, 404);
    let ticket = format!("/api/v1/deployments/{}/logs/ticket", queued["id"].as_str().unwrap());
    assert_eq!(call(&app, &support, "POST", &ticket, None).await, 200);
    let (_, log) = status_and_json(app.call("GET", STAFF, "/api/v1/audit", &admin, None).await).await;
    assert_eq!((log[0]["action"].as_str(), log[0]["target_type"].as_str()), (Some("site.deploy"), Some("site")));
}

/// The demo site's section `id` as the client sees it now.
async fn section(app: &TestApp, client: &str, site: &str, id: &str) -> Value {
    let (_, found) = status_and_json(app.call("GET", ACME, &format!("/api/v1/sites/{site}"), client, None).await).await;
    found["config"]["pages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["sections"].as_array().unwrap().clone())
        .find(|s| s["id"] == id)
        .unwrap()
}

#[tokio::test]
async fn writers_submissions_and_generated_texts_wait_in_one_review_queue_and_a_rejection_restores_the_text() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let site: String = sqlx::query_scalar("select id::text from sites where slug = 'le-petit-four'")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    let story: String = sqlx::query_scalar(
        "select s->>'id' from sites, jsonb_array_elements(config->'pages') p, jsonb_array_elements(p->'sections') s
         where slug = 'le-petit-four' and s->>'type' = 'text' limit 1",
    )
    .fetch_one(&app.owner)
    .await
    .unwrap();
    let before = section(&app, &client, &site, &story).await;
    // The client regenerates the section until its text changes: a pending draft with the
    // earlier text kept.
    let entry_id = regenerate_until_changed(&app, &client, &site, &story).await;
    // A writer's submission too.
    let order = crate::orders::open_order(&app, &client, 300).await;
    let writer = app.token("writers.localhost", "writer@atelier.example").await;
    crate::orders::step(&app, "writers.localhost", &writer, &order, "claim").await;
    crate::orders::step(&app, "writers.localhost", &writer, &order, "submit_text").await;

    let editor = app.token(STAFF, "editor@atelier.example").await;
    let (status, queue) = status_and_json(app.call("GET", STAFF, "/api/v1/review", &editor, None).await).await;
    assert_eq!(status, 200);
    let items = queue.as_array().unwrap();
    assert!(items.iter().any(|i| i["kind"] == "order" && i["id"] == order.as_str() && i["status"] == "submitted"));
    let mine = items.iter().find(|i| i["id"] == entry_id.as_str()).expect("the regenerated text waits");
    assert_eq!(mine["kind"], "ai");
    assert!(!mine["texts"].as_array().unwrap().is_empty());
    let globex_admin = app.token(STAFF, "admin@globex.example").await;
    let (_, theirs) = status_and_json(app.call("GET", STAFF, "/api/v1/review", &globex_admin, None).await).await;
    assert!(theirs.as_array().unwrap().iter().all(|i| i["website_name"] == "Globex Web Studio"), "{theirs}");
    let support = app.token(STAFF, "support@atelier.example").await;
    assert_eq!(call(&app, &support, "GET", "/api/v1/review", None).await, 403);

    // Rejected with a reason: the section holds its earlier text again; the client reads why.
    let path = format!("/api/v1/review/ai/{entry_id}");
    assert_eq!(call(&app, &globex_admin, "POST", &path, Some(json!({ "approve": false, "reason": "x" }))).await, 404);
    assert_eq!(call(&app, &editor, "POST", &path, Some(json!({ "approve": false }))).await, 422);
    let reject = json!({ "approve": false, "reason": "Too generic for a bakery." });
    let (status, answered) = status_and_json(app.call("POST", STAFF, &path, &editor, Some(&reject)).await).await;
    assert_eq!((status, answered["status"].as_str()), (200, Some("rejected")), "{answered}");
    assert_eq!(section(&app, &client, &site, &story).await, before);
    let (_, entries) =
        status_and_json(app.call("GET", ACME, &format!("/api/v1/sites/{site}/ai-content"), &client, None).await).await;
    let seen = entries.as_array().unwrap().iter().find(|e| e["id"] == entry_id.as_str()).unwrap();
    assert_eq!(
        (seen["status"].as_str(), seen["review_note"].as_str()),
        (Some("rejected"), Some("Too generic for a bakery."))
    );
    let (status, body) = status_and_json(app.call("POST", STAFF, &path, &editor, Some(&reject)).await).await;
    assert_eq!(status, 409);
    assert_envelope(&body, "not_pending");

    // Approved: the section keeps the new text, the entry says so, and it leaves the queue.
    let approved_id = regenerate_until_changed(&app, &client, &site, &story).await;
    let written = section(&app, &client, &site, &story).await;
    assert_ne!(written, before);
    let path = format!("/api/v1/review/ai/{approved_id}");
    let (status, answered) =
        status_and_json(app.call("POST", STAFF, &path, &editor, Some(&json!({ "approve": true }))).await).await;
    assert_eq!((status, answered["status"].as_str()), (200, Some("approved")), "{answered}");
    assert_eq!(section(&app, &client, &site, &story).await, written, "approval keeps the text");
    let (_, queue) = status_and_json(app.call("GET", STAFF, "/api/v1/review", &editor, None).await).await;
    assert!(queue.as_array().unwrap().iter().all(|i| i["id"] != approved_id.as_str()), "{queue}");
}

#[tokio::test]
async fn an_admin_uploads_a_logo_that_the_websites_pages_show_at_once_and_anyone_can_fetch() {
    let app = spawn_app().await;
    let acme = app.demo.acme;
    let admin = app.token(STAFF, "admin@acme.example").await;
    let upload = |token: String, name: &'static str, bytes: Vec<u8>| {
        let url = app.url(STAFF, &format!("/api/v1/tenants/{acme}/logo?name={name}"));
        let client = app.client.clone();
        async move { client.post(url).bearer_auth(token).body(bytes).send().await.unwrap() }
    };
    let png = [b"\x89PNG\r\n\x1a\n".as_slice(), &[7u8; 64]].concat();
    let (status, first) = status_and_json(upload(admin.clone(), "logo.png", png.clone()).await).await;
    assert_eq!(status, 200, "{first}");
    let url = first["logo_url"].as_str().unwrap().to_owned();
    // The website's pages get it on the next request (the tenant cache was cleared).
    let (_, branding) = status_and_json(app.get(ACME, "/api/v1/tenant").await).await;
    assert_eq!(branding["logo_url"].as_str(), Some(url.as_str()));
    let image = app.get(ACME, &url).await;
    assert_eq!(image.headers()["content-type"], "image/png");
    assert_eq!(image.bytes().await.unwrap().as_ref(), png.as_slice());

    // A new logo has a new address; the old one is gone.
    let (_, second) = status_and_json(upload(admin.clone(), "logo.png", png.clone()).await).await;
    assert_ne!(second["logo_url"].as_str(), Some(url.as_str()));
    assert_eq!(app.get(ACME, &url).await.status(), 404);

    // Only images, only small ones, only by the website's admins.
    let (status, body) = status_and_json(upload(admin.clone(), "logo.png", b"%PDF-1.7".to_vec()).await).await;
    assert_eq!(status, 415);
    assert_envelope(&body, "unsupported_file_type");
    let big = [b"\x89PNG\r\n\x1a\n".as_slice(), &vec![0u8; 1024 * 1024]].concat();
    assert_eq!(upload(admin.clone(), "logo.png", big).await.status(), 413);
    let globex_admin = app.token(STAFF, "admin@globex.example").await;
    assert_eq!(upload(globex_admin, "logo.png", png.clone()).await.status(), 404);
    let editor = app.token(STAFF, "editor@atelier.example").await;
    assert_eq!(upload(editor, "logo.png", png).await.status(), 403);
}
