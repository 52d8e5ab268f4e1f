use serde_json::json;

use crate::helpers::{PASSWORD, TestApp, assert_envelope, spawn_app_with, status_and_json};

const ACME: &str = "acme.localhost";
const WRITERS: &str = "writers.localhost";
const STAFF: &str = "staff.localhost";

/// Ends the current window of the account limiter's counters of `email` (what the passing
/// of the window does), so that no test waits for, or races, a wall-clock window.
async fn end_the_window(app: &TestApp, email: &str) {
    let mut redis = app.state.app.redis.get().await.unwrap();
    let pattern = format!("{}login:account:*:{email}", app.state.settings.redis_prefix);
    let keys: Vec<String> = redis::cmd("KEYS").arg(&pattern).query_async(&mut redis).await.unwrap();
    assert!(!keys.is_empty(), "no failure counter for {email}");
    for key in keys {
        redis::cmd("PEXPIRE").arg(&key).arg(1).query_async::<()>(&mut redis).await.unwrap();
    }
}

/// Fails `n` sign-ins of `email` on `host`, then shows that even the right password is
/// refused, with the error and a `Retry-After` within the window.
async fn lock_out(app: &TestApp, host: &str, email: &str, n: usize) {
    for _ in 0..n {
        assert_eq!(app.login(host, email, "wrong password!").await.status(), 401);
    }
    let res = app.login(host, email, PASSWORD).await;
    let retry_after: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    let (status, body) = status_and_json(res).await;
    assert_eq!(status, 429, "{body}");
    assert_envelope(&body, "too_many_attempts");
    assert!((1..=WINDOW).contains(&retry_after), "Retry-After {retry_after}");
}

/// Long enough that the failures of a test always fall in one window, however slow the
/// machine: the tests end windows themselves ([`end_the_window`]).
const WINDOW: u64 = 600;

#[tokio::test]
async fn an_account_is_paused_after_repeated_failures_and_recovers_after_the_window() {
    let app = spawn_app_with(|s| {
        s.login_max_failures_per_account = 3;
        s.login_window_secs = WINDOW;
    })
    .await;
    let host = "acme.localhost";
    lock_out(&app, host, "client@acme.example", 3).await;
    // Another account is not affected.
    assert_eq!(app.login(host, "nobody@acme.example", "x").await.status(), 401);
    assert_eq!(app.login(host, "friend@acme.example", PASSWORD).await.status(), 200);

    end_the_window(&app, "client@acme.example").await;
    assert_eq!(app.login(host, "client@acme.example", PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn staff_unlocking_a_paused_account_lets_it_sign_in_again_at_once() {
    let app = spawn_app_with(|s| {
        s.login_max_failures_per_account = 3;
        s.login_window_secs = WINDOW;
    })
    .await;
    // A client, unlocked by support.
    lock_out(&app, ACME, "client@acme.example", 3).await;
    let support = app.token(STAFF, "support@atelier.example").await;
    let id = user_id(&app, "client@acme.example").await;
    let res = app.call("POST", STAFF, &format!("/api/v1/customers/{id}/unlock"), &support, None).await;
    assert_eq!(res.status(), 204);
    assert_eq!(app.login(ACME, "client@acme.example", PASSWORD).await.status(), 200);

    // A writer, unlocked by an admin from the team page.
    lock_out(&app, WRITERS, "writer.acme@atelier.example", 3).await;
    let admin = app.token(STAFF, "admin@acme.example").await;
    let id = user_id(&app, "writer.acme@atelier.example").await;
    let res = app.call("POST", STAFF, &format!("/api/v1/team/{id}/unlock"), &admin, None).await;
    assert_eq!(res.status(), 204);
    assert_eq!(app.login(WRITERS, "writer.acme@atelier.example", PASSWORD).await.status(), 200);
}

async fn user_id(app: &TestApp, email: &str) -> String {
    sqlx::query_scalar("select id::text from users where email = $1").bind(email).fetch_one(&app.owner).await.unwrap()
}

async fn login_from(app: &TestApp, forwarded_for: &str, email: &str) -> u16 {
    let body = json!({ "email": email, "password": "wrong password!" });
    let res = app
        .client
        .post(app.url(ACME, "/api/v1/auth/login"))
        .header("x-forwarded-for", forwarded_for)
        .json(&body)
        .send()
        .await
        .unwrap();
    res.status().as_u16()
}

#[tokio::test]
async fn x_forwarded_for_names_the_client_only_when_a_trusted_proxy_sent_the_request() {
    // Straight to the server: the header is anyone's to write, so it changes nothing; each
    // attempt counts against the socket's address.
    let direct = spawn_app_with(|s| s.login_max_attempts_per_ip = 2).await;
    assert_eq!(login_from(&direct, "203.0.113.1", "a@acme.example").await, 401);
    assert_eq!(login_from(&direct, "203.0.113.2", "b@acme.example").await, 401);
    assert_eq!(login_from(&direct, "203.0.113.3", "c@acme.example").await, 429, "a forged header got round the limit");

    // Behind our proxy (127.0.0.1 trusted): the right-most address the proxy did not add is
    // the client, so two clients behind one proxy have a limit each.
    let proxied = spawn_app_with(|s| {
        s.login_max_attempts_per_ip = 2;
        s.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    assert_eq!(login_from(&proxied, "203.0.113.1", "a@acme.example").await, 401);
    assert_eq!(login_from(&proxied, "198.51.100.7, 203.0.113.1", "b@acme.example").await, 401);
    assert_eq!(login_from(&proxied, "203.0.113.1", "c@acme.example").await, 429);
    assert_eq!(login_from(&proxied, "203.0.113.2", "d@acme.example").await, 401, "another client has its own limit");
}

#[tokio::test]
async fn a_success_clears_the_account_failure_count() {
    let app = spawn_app_with(|s| s.login_max_failures_per_account = 3).await;
    let host = "staff.localhost";
    for _ in 0..2 {
        assert_eq!(app.login(host, "admin@acme.example", "wrong password!").await.status(), 401);
    }
    assert_eq!(app.login(host, "admin@acme.example", PASSWORD).await.status(), 200);
    for _ in 0..2 {
        assert_eq!(app.login(host, "admin@acme.example", "wrong password!").await.status(), 401);
    }
    assert_eq!(app.login(host, "admin@acme.example", PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn one_address_is_limited_across_accounts() {
    let app = spawn_app_with(|s| s.login_max_attempts_per_ip = 4).await;
    for i in 0..4 {
        let email = format!("guess{i}@acme.example");
        assert_eq!(app.login("acme.localhost", &email, "x").await.status(), 401);
    }
    let res = app.login("acme.localhost", "client@acme.example", PASSWORD).await;
    assert_eq!(res.status(), 429);
    assert!(res.headers().contains_key("retry-after"));
}
