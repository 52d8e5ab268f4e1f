use std::time::Duration;

use crate::helpers::{PASSWORD, assert_envelope, spawn_app_with, status_and_json};

#[tokio::test]
async fn an_account_is_paused_after_repeated_failures_and_recovers_after_the_window() {
    let app = spawn_app_with(|s| {
        s.login_max_failures_per_account = 3;
        s.login_window_secs = 2;
    })
    .await;
    let host = "acme.localhost";
    for _ in 0..3 {
        assert_eq!(app.login(host, "client@acme.example", "wrong password!").await.status(), 401);
    }
    // Even the right password is refused while the account is paused.
    let res = app.login(host, "client@acme.example", PASSWORD).await;
    let retry_after: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    let (status, body) = status_and_json(res).await;
    assert_eq!(status, 429);
    assert_envelope(&body, "too_many_attempts");
    assert!((1..=2).contains(&retry_after), "Retry-After {retry_after}");

    // Another account is not affected.
    assert_eq!(app.login(host, "nobody@acme.example", "x").await.status(), 401);

    tokio::time::sleep(Duration::from_secs(retry_after) + Duration::from_millis(300)).await;
    assert_eq!(app.login(host, "client@acme.example", PASSWORD).await.status(), 200);
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
