//! Accounts people run themselves: registration that reveals nobody, e-mail verification and
//! what it unlocks, profile, password and address changes, sessions listed and ended,
//! refreshes that race, and the bounds on registration.

use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TestApp, assert_envelope, spawn_app, spawn_app_with, status_and_json};

const ACME: &str = "acme.localhost";
const STAFF: &str = "staff.localhost";
const WRITERS: &str = "writers.localhost";

/// Mails of `kind` the outbox holds for `to`.
async fn mails(app: &TestApp, kind: &str, to: &str) -> i64 {
    sqlx::query_scalar("select count(*) from mail_outbox where kind = $1 and to_address = $2")
        .bind(kind)
        .bind(to)
        .fetch_one(&app.owner)
        .await
        .unwrap()
}

async fn register(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    let body = json!({ "email": email, "password": password, "display_name": "Someone" });
    app.post_json(ACME, "/api/v1/auth/register", &body).await
}

#[tokio::test]
async fn registration_answers_a_known_address_exactly_like_a_new_one_and_mails_its_owner() {
    let app = spawn_app().await;
    let new = register(&app, "new.person@example.com", "a brand new password").await;
    let (new_status, new_headers) = (new.status(), new.headers().get("content-type").cloned());
    let new_body: Value = new.json().await.unwrap();
    let known = register(&app, "client@acme.example", "an attacker's password").await;
    let (known_status, known_headers) = (known.status(), known.headers().get("content-type").cloned());
    let known_body: Value = known.json().await.unwrap();

    assert_eq!((new_status.as_u16(), known_status.as_u16()), (202, 202));
    assert_eq!(new_headers, known_headers);
    assert_eq!(new_body, json!({ "email": "new.person@example.com" }));
    assert_eq!(known_body, json!({ "email": "client@acme.example" }), "the same shape, only the address differs");

    // The new address gets its confirmation link; the known one is told someone tried.
    assert_eq!(mails(&app, "verify_email", "new.person@example.com").await, 1);
    assert_eq!(mails(&app, "address_in_use", "client@acme.example").await, 1);
    assert_eq!(mails(&app, "verify_email", "client@acme.example").await, 0);
    // And the known account is untouched: its own password still works, the attacker's not.
    assert_eq!(app.login(ACME, "client@acme.example", PASSWORD).await.status(), 200);
    assert_eq!(app.login(ACME, "client@acme.example", "an attacker's password").await.status(), 401);

    // Its owner's inbox is not a target: past three such mails an hour, no more are sent.
    for _ in 0..4 {
        assert_eq!(register(&app, "client@acme.example", "yet another password").await.status(), 202);
    }
    assert_eq!(mails(&app, "address_in_use", "client@acme.example").await, 3);
}

#[tokio::test]
async fn an_unconfirmed_client_builds_but_deploys_and_orders_only_once_confirmed() {
    let app = spawn_app().await;
    let token = app.register(ACME, "dana@example.com", "Dana").await;
    let (_, me) = status_and_json(app.get_authed(ACME, "/api/v1/me", &token).await).await;
    assert_eq!(me["email_verified"], false);

    // Building works.
    let body = json!({ "name": "Dana's Bakery", "industry": "bakery" });
    let (status, site) = status_and_json(app.call("POST", ACME, "/api/v1/sites", &token, Some(&body)).await).await;
    assert_eq!(status, 201, "{site}");
    let deploy = format!("/api/v1/sites/{}/deployments", site["id"].as_str().unwrap());

    // Publishing, Mode Rapide and ordering do not, with an error that says what to do.
    let (status, err) = status_and_json(app.call("POST", ACME, &deploy, &token, None).await).await;
    assert_eq!(status, 403);
    assert_envelope(&err, "email_unverified");
    let rapide = json!({ "business_name": "Dana's Other Bakery", "industry": "bakery" });
    let (status, err) =
        status_and_json(app.call("POST", ACME, "/api/v1/sites/rapide", &token, Some(&rapide)).await).await;
    assert_eq!(status, 403);
    assert_envelope(&err, "email_unverified");
    let (_, sites) = status_and_json(app.call("GET", ACME, "/api/v1/sites", &token, None).await).await;
    assert_eq!(sites["total"], 1, "the refused Mode Rapide wrote no site: {sites}");
    let service = crate::orders::page_copy(&app, &token).await;
    let order = json!({ "service_type_id": service["id"], "words": 300, "turnaround_days": 7, "title": "Our story" });
    let (status, err) = status_and_json(app.call("POST", ACME, "/api/v1/orders", &token, Some(&order)).await).await;
    assert_eq!(status, 403);
    assert_envelope(&err, "email_unverified");

    // "Send again": a second link; either link works, once.
    let first = app.link_secret("verify_email", "dana@example.com").await;
    let res = app.call("POST", ACME, "/api/v1/me/email/verification", &token, None).await;
    assert_eq!(res.status(), 202);
    assert_eq!(mails(&app, "verify_email", "dana@example.com").await, 2);
    let (status, session) = status_and_json(
        app.post_json(ACME, "/api/v1/auth/verify-email", &json!({ "token": first, "password": PASSWORD })).await,
    )
    .await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(session["user"]["email_verified"], true);
    let second = app.link_secret("verify_email", "dana@example.com").await;
    let (status, err) = status_and_json(
        app.post_json(ACME, "/api/v1/auth/verify-email", &json!({ "token": second, "password": PASSWORD })).await,
    )
    .await;
    assert_eq!(status, 422, "the other link was used up with it");
    assert_eq!(err["details"]["fields"][0]["code"], "invalid_verification_link");
    // The first confirmation ended the sessions opened before it; the link opened this one.
    assert_eq!(app.get_authed(ACME, "/api/v1/me", &token).await.status(), 401);
    let token = session["access_token"].as_str().unwrap().to_owned();
    let res = app.call("POST", ACME, "/api/v1/me/email/verification", &token, None).await;
    assert_eq!(res.status(), 409, "nothing left to confirm");

    // Now it may deploy and order too.
    let (status, deployment) = status_and_json(app.call("POST", ACME, &deploy, &token, None).await).await;
    assert_eq!(status, 202, "{deployment}");
    let (status, placed) = status_and_json(app.call("POST", ACME, "/api/v1/orders", &token, Some(&order)).await).await;
    assert_eq!(status, 201, "{placed}");
}

#[tokio::test]
async fn a_verification_link_works_only_on_its_own_host() {
    let app = spawn_app().await;
    app.register(ACME, "erin@example.com", "Erin").await;
    let secret = app.link_secret("verify_email", "erin@example.com").await;
    let body = json!({ "token": secret, "password": PASSWORD });
    let res = app.post_json("globex.localhost", "/api/v1/auth/verify-email", &body).await;
    assert_eq!(res.status(), 422);
    // A wrong password does not use the link up either (nor does a mail scanner opening it).
    let wrong = json!({ "token": secret, "password": "not the password" });
    let (status, err) = status_and_json(app.post_json(ACME, "/api/v1/auth/verify-email", &wrong).await).await;
    assert_eq!(status, 422);
    assert_eq!(err["details"]["fields"][0]["code"], "wrong_password");
    let res = app.post_json(ACME, "/api/v1/auth/verify-email", &body).await;
    assert_eq!(res.status(), 200, "the failed tries did not use it up");
}

#[tokio::test]
async fn a_new_address_needs_the_password_and_counts_only_once_confirmed() {
    let app = spawn_app().await;
    let token = app.token(ACME, "client@acme.example").await;
    let wrong = json!({ "new_email": "alice@new.example", "current_password": "not my password" });
    let (status, err) = status_and_json(app.call("POST", ACME, "/api/v1/me/email", &token, Some(&wrong)).await).await;
    assert_eq!(status, 422);
    assert_eq!(err["details"]["fields"][0]["code"], "wrong_password");

    let change = json!({ "new_email": "Alice@New.example", "current_password": PASSWORD });
    assert_eq!(app.call("POST", ACME, "/api/v1/me/email", &token, Some(&change)).await.status(), 202);
    let (_, me) = status_and_json(app.get_authed(ACME, "/api/v1/me", &token).await).await;
    assert_eq!(
        (me["email"].as_str(), me["pending_email"].as_str()),
        (Some("client@acme.example"), Some("alice@new.example"))
    );
    assert_eq!(mails(&app, "email_change_asked", "client@acme.example").await, 1, "the current address is told");
    assert_eq!(app.login(ACME, "client@acme.example", PASSWORD).await.status(), 200, "still the address");

    let secret = app.link_secret("verify_email", "alice@new.example").await;
    let body = json!({ "token": secret, "password": PASSWORD });
    let (status, session) = status_and_json(app.post_json(ACME, "/api/v1/auth/verify-email", &body).await).await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(session["user"]["email"], "alice@new.example");
    assert!(session["user"].get("pending_email").is_none());
    assert_eq!(app.login(ACME, "alice@new.example", PASSWORD).await.status(), 200);
    assert_eq!(app.login(ACME, "client@acme.example", PASSWORD).await.status(), 401);

    // Moving to an address that has an account says nothing different; its owner is told.
    app.register(ACME, "taken@example.com", "Taken").await;
    let token = app.token(ACME, "alice@new.example").await;
    let onto = json!({ "new_email": "taken@example.com", "current_password": PASSWORD });
    assert_eq!(app.call("POST", ACME, "/api/v1/me/email", &token, Some(&onto)).await.status(), 202);
    let (_, me) = status_and_json(app.get_authed(ACME, "/api/v1/me", &token).await).await;
    assert_eq!(me["pending_email"], "taken@example.com", "shown as waiting, as a free address would be");
    assert_eq!(mails(&app, "address_in_use", "taken@example.com").await, 1);
    assert_eq!(mails(&app, "verify_email", "taken@example.com").await, 1, "only its own registration's link");
}

#[tokio::test]
async fn name_language_and_password_change_from_the_profile() {
    let app = spawn_app().await;
    let session = app.session(WRITERS, "writer@atelier.example").await;
    let token = session["access_token"].as_str().unwrap();
    let update = json!({ "display_name": "  Wendy W. ", "language": "fr" });
    let (status, me) = status_and_json(app.call("PATCH", WRITERS, "/api/v1/me", token, Some(&update)).await).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!((me["display_name"].as_str(), me["language"].as_str()), (Some("Wendy W."), Some("fr")));
    let (status, err) =
        status_and_json(app.call("PATCH", WRITERS, "/api/v1/me", token, Some(&json!({ "display_name": " " }))).await)
            .await;
    assert_eq!(status, 422);
    assert_eq!(err["details"]["fields"][0]["field"], "display_name");

    let change = json!({ "current_password": PASSWORD, "new_password": "a completely new password" });
    let (status, renewed) =
        status_and_json(app.call("POST", WRITERS, "/api/v1/me/password", token, Some(&change)).await).await;
    assert_eq!(status, 200, "{renewed}");
    // Every earlier session ended at once, this one's too; the answer is the new one.
    assert_eq!(app.get_authed(WRITERS, "/api/v1/me", token).await.status(), 401);
    assert_eq!(app.refresh(WRITERS, session["refresh_token"].as_str().unwrap()).await.status(), 401);
    let fresh = renewed["access_token"].as_str().unwrap();
    assert_eq!(app.get_authed(WRITERS, "/api/v1/me", fresh).await.status(), 200);
    assert_eq!(app.login(WRITERS, "writer@atelier.example", "a completely new password").await.status(), 200);
    assert_eq!(app.login(WRITERS, "writer@atelier.example", PASSWORD).await.status(), 401);
    // The notice is in the language the writer just chose.
    let subject: String = sqlx::query_scalar(
        "select subject from mail_outbox where kind = 'password_changed' and to_address = 'writer@atelier.example'",
    )
    .fetch_one(&app.owner)
    .await
    .unwrap();
    assert!(subject.starts_with("Votre mot de passe a été changé"), "{subject}");
}

async fn session_with_agent(app: &TestApp, host: &str, email: &str, agent: &str) -> Value {
    let res = app
        .client
        .post(app.url(host, "/api/v1/auth/login"))
        .header("user-agent", agent)
        .json(&json!({ "email": email, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

#[tokio::test]
async fn sessions_are_listed_by_device_and_end_one_by_one_or_everywhere() {
    let app = spawn_app().await;
    let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile/15E148 Safari/604.1";
    let laptop = session_with_agent(&app, ACME, "client@acme.example", firefox).await;
    let phone = session_with_agent(&app, ACME, "client@acme.example", iphone).await;
    let laptop_token = laptop["access_token"].as_str().unwrap();
    let phone_token = phone["access_token"].as_str().unwrap();

    let (status, list) = status_and_json(app.get_authed(ACME, "/api/v1/me/sessions", laptop_token).await).await;
    assert_eq!(status, 200, "{list}");
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2, "{list:?}");
    let mine = list.iter().find(|s| s["current"] == true).unwrap();
    let other = list.iter().find(|s| s["current"] == false).unwrap();
    assert_eq!((mine["device"].as_str(), mine["app"].as_str()), (Some("Firefox on Linux"), Some("clients")));
    assert_eq!(other["device"], "Safari on iOS");

    // Sign the phone out: its refresh token and its access token stop at once.
    let path = format!("/api/v1/me/sessions/{}", other["id"].as_str().unwrap());
    assert_eq!(app.call("DELETE", ACME, &path, laptop_token, None).await.status(), 204);
    assert_eq!(app.get_authed(ACME, "/api/v1/me", phone_token).await.status(), 401);
    assert_eq!(app.refresh(ACME, phone["refresh_token"].as_str().unwrap()).await.status(), 401);
    assert_eq!(app.get_authed(ACME, "/api/v1/me", laptop_token).await.status(), 200, "the laptop stays in");
    let (status, err) = status_and_json(app.call("DELETE", ACME, &path, laptop_token, None).await).await;
    assert_eq!(status, 404);
    assert_envelope(&err, "session_not_found");

    // Another person's session is not theirs to end.
    let bob = app.token(ACME, "client@acme.example").await;
    let other_client = app.verified_client(ACME, "frank@example.com", "Frank").await;
    let (_, franks) = status_and_json(app.get_authed(ACME, "/api/v1/me/sessions", &other_client).await).await;
    let franks_id = franks[0]["id"].as_str().unwrap();
    let res = app.call("DELETE", ACME, &format!("/api/v1/me/sessions/{franks_id}"), &bob, None).await;
    assert_eq!(res.status(), 404);
    assert_eq!(app.get_authed(ACME, "/api/v1/me", &other_client).await.status(), 200);

    // Everywhere: every session ends, the caller's own too.
    assert_eq!(app.call("DELETE", ACME, "/api/v1/me/sessions", laptop_token, None).await.status(), 204);
    assert_eq!(app.get_authed(ACME, "/api/v1/me", laptop_token).await.status(), 401);
    assert_eq!(app.get_authed(ACME, "/api/v1/me", &bob).await.status(), 401);
    assert_eq!(app.refresh(ACME, laptop["refresh_token"].as_str().unwrap()).await.status(), 401);
}

#[tokio::test]
async fn parallel_refreshes_with_one_token_all_keep_the_session() {
    let app = spawn_app().await;
    let session = app.session(STAFF, "admin@acme.example").await;
    let token = session["refresh_token"].as_str().unwrap().to_owned();
    // Two tabs and the new-order page's two calls meet the same expired access token.
    let answers = futures_util::future::join_all((0..4).map(|_| app.refresh(STAFF, &token))).await;
    let mut successors = Vec::new();
    for res in answers {
        let (status, body) = status_and_json(res).await;
        assert_eq!(status, 200, "{body}");
        successors.push(body["refresh_token"].as_str().unwrap().to_owned());
    }
    // Each successor works (once), and the session is still one session.
    for successor in &successors {
        assert_eq!(app.refresh(STAFF, successor).await.status(), 200);
    }
    let access = app.token(STAFF, "admin@acme.example").await;
    let (_, list) = status_and_json(app.get_authed(STAFF, "/api/v1/me/sessions", &access).await).await;
    assert_eq!(list.as_array().unwrap().len(), 2, "the raced session and this sign-in: {list}");

    // Past the grace, the same token coming back is a leak: the session ends.
    sqlx::query("update refresh_tokens set rotated_at = now() - interval '1 minute' where rotated_at is not null")
        .execute(&app.owner)
        .await
        .unwrap();
    let (status, err) = status_and_json(app.refresh(STAFF, &token).await).await;
    assert_eq!(status, 401);
    assert_envelope(&err, "refresh_token_reused");
}

#[tokio::test]
async fn registration_is_bounded_per_network_and_per_site() {
    let app = spawn_app_with(|s| {
        s.register_max_per_ip = 2;
        s.register_max_per_tenant = 100;
    })
    .await;
    assert_eq!(register(&app, "one@example.com", PASSWORD).await.status(), 202);
    assert_eq!(register(&app, "two@example.com", PASSWORD).await.status(), 202);
    let res = register(&app, "three@example.com", PASSWORD).await;
    assert!(res.headers().get("retry-after").is_some());
    let (status, err) = status_and_json(res).await;
    assert_eq!(status, 429);
    assert_envelope(&err, "too_many_attempts");
    assert_eq!(mails(&app, "verify_email", "three@example.com").await, 0, "and nothing was created");

    let app = spawn_app_with(|s| {
        s.register_max_per_ip = 100;
        s.register_max_per_tenant = 1;
    })
    .await;
    assert_eq!(register(&app, "one@example.com", PASSWORD).await.status(), 202);
    let (status, err) = status_and_json(register(&app, "two@example.com", PASSWORD).await).await;
    assert_eq!(status, 429);
    assert!(err["message"].as_str().unwrap().contains("too many registrations"), "{err}");
    // Another site is not held up by this one's flood.
    let body = json!({ "email": "two@example.com", "password": PASSWORD, "display_name": "Two" });
    assert_eq!(app.post_json("globex.localhost", "/api/v1/auth/register", &body).await.status(), 202);
}

#[tokio::test]
async fn a_registration_flood_gets_busy_answers_instead_of_a_queue_and_sign_in_still_works() {
    // Two password hashes at once, one of them for registrations.
    let app = spawn_app_with(|s| s.password_work = Some(2)).await;
    let addresses: Vec<String> = (0..8).map(|i| format!("flood{i}@example.com")).collect();
    let flood = futures_util::future::join_all(addresses.iter().map(|a| register(&app, a, "a flood of passwords")));
    let sign_in = async {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        app.login(ACME, "client@acme.example", PASSWORD).await
    };
    let (answers, signed_in) = tokio::join!(flood, sign_in);
    assert_eq!(signed_in.status(), 200, "a sign-in during the flood gets its own share");
    let mut busy = 0;
    for res in answers {
        let status = res.status().as_u16();
        assert!(status == 202 || status == 503, "{status}");
        if status == 503 {
            assert_eq!(res.headers().get("retry-after").and_then(|v| v.to_str().ok()), Some("1"));
            let (_, err) = status_and_json(res).await;
            assert_envelope(&err, "busy");
            busy += 1;
        }
    }
    assert!(busy >= 1, "eight at once cannot all have had the one registration slot");
}

#[tokio::test]
async fn failed_sign_ins_pause_an_account_but_not_for_its_owner_on_a_known_device() {
    let app = spawn_app_with(|s| s.login_max_failures_per_account = 5).await;
    let device = "3f6c1e0e-9d47-4b7a-a7a2-6d3c1b2e9f10";
    let login = |password: &'static str, device: Option<&'static str>| {
        let mut request = app
            .client
            .post(app.url(STAFF, "/api/v1/auth/login"))
            .json(&json!({ "email": "admin@acme.example", "password": password }));
        if let Some(device) = device {
            request = request.header("x-atelier-device", device);
        }
        request.send()
    };
    // The admin signed in from their laptop before.
    assert_eq!(login(PASSWORD, Some(device)).await.unwrap().status(), 200);
    // Someone who knows the address tries passwords until the account is paused.
    for _ in 0..5 {
        assert_eq!(login("guess", None).await.unwrap().status(), 401);
    }
    assert_eq!(login(PASSWORD, None).await.unwrap().status(), 429, "paused for unknown devices");
    assert_eq!(login(PASSWORD, Some("an-unknown-device-id-0000")).await.unwrap().status(), 429);
    assert_eq!(login(PASSWORD, Some(device)).await.unwrap().status(), 200, "the owner's laptop gets through");

    // A writer paused the same way is let in again by staff who manage them.
    for _ in 0..5 {
        app.login(WRITERS, "writer@atelier.example", "guess").await;
    }
    assert_eq!(app.login(WRITERS, "writer@atelier.example", PASSWORD).await.status(), 429);
    let boss = app.token(STAFF, "superadmin@atelier.example").await;
    let (_, team) = status_and_json(app.call("GET", STAFF, "/api/v1/team", &boss, None).await).await;
    let writer = team.as_array().unwrap().iter().find(|m| m["email"] == "writer@atelier.example").unwrap();
    let path = format!("/api/v1/team/{}/unlock", writer["id"].as_str().unwrap());
    assert_eq!(app.call("POST", STAFF, &path, &boss, None).await.status(), 204);
    assert_eq!(app.login(WRITERS, "writer@atelier.example", PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn a_sign_in_from_a_new_device_is_notified_but_not_the_first() {
    let app = spawn_app().await;
    let login = |device: &'static str| {
        app.client
            .post(app.url(WRITERS, "/api/v1/auth/login"))
            .header("x-atelier-device", device)
            .header("user-agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36")
            .json(&json!({ "email": "writer@atelier.example", "password": PASSWORD }))
            .send()
    };
    assert_eq!(login("first-device-aaaaaaaaaaaa").await.unwrap().status(), 200);
    assert_eq!(login("first-device-aaaaaaaaaaaa").await.unwrap().status(), 200);
    assert_eq!(mails(&app, "new_sign_in", "writer@atelier.example").await, 0);
    assert_eq!(login("second-device-bbbbbbbbbbb").await.unwrap().status(), 200);
    assert_eq!(mails(&app, "new_sign_in", "writer@atelier.example").await, 1);
    let text: String = sqlx::query_scalar("select text_body from mail_outbox where kind = 'new_sign_in'")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert!(text.contains("Chrome on Windows"), "{text}");
}

#[tokio::test]
async fn whoever_registers_someone_elses_address_loses_it_to_the_owner() {
    let app = spawn_app().await;
    // A stranger registers the victim's address with a password of their own.
    let body =
        json!({ "email": "victim@example.com", "password": "the stranger's password", "display_name": "<b>Hi</b>" });
    assert_eq!(app.post_json(ACME, "/api/v1/auth/register", &body).await.status(), 202);
    let stranger = app.login(ACME, "victim@example.com", "the stranger's password").await;
    let stranger: Value = stranger.json().await.unwrap();
    let stranger_token = stranger["access_token"].as_str().unwrap();
    // The mail the victim gets carries none of the stranger's words.
    let text: String = sqlx::query_scalar("select text_body from mail_outbox where to_address = 'victim@example.com'")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert!(!text.contains("Hi") && text.starts_with("Hello,"), "{text}");

    // Without the stranger's password the victim cannot confirm it (and the stranger cannot
    // deploy or order with it unconfirmed)…
    let secret = app.link_secret("verify_email", "victim@example.com").await;
    let guess = json!({ "token": secret, "password": "the victim's own password" });
    assert_eq!(app.post_json(ACME, "/api/v1/auth/verify-email", &guess).await.status(), 422);
    // …but a reset from their inbox makes it theirs: confirmed, and the stranger is out.
    let reset = json!({ "email": "victim@example.com" });
    assert_eq!(app.post_json(ACME, "/api/v1/auth/password-reset", &reset).await.status(), 202);
    let reset_secret = app.link_secret("password_reset", "victim@example.com").await;
    let confirm = json!({ "token": reset_secret, "password": "the victim's own password" });
    let (status, session) =
        status_and_json(app.post_json(ACME, "/api/v1/auth/password-reset/confirm", &confirm).await).await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(session["user"]["email_verified"], true);
    assert_eq!(app.get_authed(ACME, "/api/v1/me", stranger_token).await.status(), 401);
    assert_eq!(app.refresh(ACME, stranger["refresh_token"].as_str().unwrap()).await.status(), 401);
}

#[tokio::test]
async fn a_new_accounts_first_confirmation_ends_its_other_sessions() {
    let app = spawn_app().await;
    let elsewhere = app.register(ACME, "gina@example.com", "Gina").await;
    let secret = app.link_secret("verify_email", "gina@example.com").await;
    let body = json!({ "token": secret, "password": PASSWORD });
    let (status, here) = status_and_json(app.post_json(ACME, "/api/v1/auth/verify-email", &body).await).await;
    assert_eq!(status, 200);
    assert_eq!(app.get_authed(ACME, "/api/v1/me", &elsewhere).await.status(), 401);
    assert_eq!(app.get_authed(ACME, "/api/v1/me", here["access_token"].as_str().unwrap()).await.status(), 200);
}

#[tokio::test]
async fn a_session_ended_while_it_refreshes_stays_ended() {
    let app = spawn_app().await;
    let session = app.session(WRITERS, "writer@atelier.example").await;
    let (_, next) = status_and_json(app.refresh(WRITERS, session["refresh_token"].as_str().unwrap()).await).await;
    // A successor stored by a refresh the sign-out did not see (revoked rows are the others).
    sqlx::query(
        "update refresh_tokens set revoked_at = now() where token_hash <> sha256(convert_to($1, 'UTF8'))
         and family_id = (select family_id from refresh_tokens where token_hash = sha256(convert_to($1, 'UTF8')))",
    )
    .bind(next["refresh_token"].as_str().unwrap())
    .execute(&app.owner)
    .await
    .unwrap();
    assert_eq!(app.refresh(WRITERS, next["refresh_token"].as_str().unwrap()).await.status(), 401);
}

#[tokio::test]
async fn the_grace_gives_a_rotated_token_a_few_successors_not_a_fork_at_will() {
    let app = spawn_app().await;
    let session = app.session(WRITERS, "writer@atelier.example").await;
    let token = session["refresh_token"].as_str().unwrap();
    for _ in 0..4 {
        assert_eq!(app.refresh(WRITERS, token).await.status(), 200);
    }
    let (status, err) = status_and_json(app.refresh(WRITERS, token).await).await;
    assert_eq!(status, 401);
    assert_envelope(&err, "refresh_token_reused");
}
