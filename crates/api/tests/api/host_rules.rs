//! The host decides who may sign in, and a refusal reads exactly like a wrong password.

use crate::helpers::{PASSWORD, assert_envelope, spawn_app, status_and_json};

#[tokio::test]
async fn each_host_admits_only_its_own_accounts_and_refusals_look_like_wrong_passwords() {
    let app = spawn_app().await;
    // (host, e-mail, admitted?)
    let cases = [
        ("acme.localhost", "client@acme.example", true),
        ("globex.localhost", "client@acme.example", false),
        ("staff.localhost", "client@acme.example", false),
        ("writers.localhost", "client@acme.example", false),
        ("api.localhost", "client@acme.example", false),
        ("globex.localhost", "client@globex.example", true),
        ("writers.localhost", "writer@atelier.example", true),
        ("writers.localhost", "writer.acme@atelier.example", true),
        ("acme.localhost", "writer@atelier.example", false),
        ("staff.localhost", "writer@atelier.example", false),
        ("staff.localhost", "admin@acme.example", true),
        ("staff.localhost", "editor@atelier.example", true),
        ("staff.localhost", "support@atelier.example", true),
        ("staff.localhost", "superadmin@atelier.example", true),
        ("acme.localhost", "admin@acme.example", false),
        ("writers.localhost", "admin@acme.example", false),
        ("api.localhost", "admin@acme.example", true),
    ];
    for (host, email, admitted) in cases {
        let (status, body) = status_and_json(app.login(host, email, PASSWORD).await).await;
        if admitted {
            assert_eq!(status, 200, "{email} on {host}: {body}");
            assert!(body["access_token"].is_string());
        } else {
            // Same status and the very same body as a wrong password on that host.
            let (wrong_status, wrong_body) = status_and_json(app.login(host, email, "not the password").await).await;
            assert_eq!((status, &body), (wrong_status, &wrong_body), "{email} on {host}");
            assert_eq!(status, 401);
            assert_envelope(&body, "invalid_credentials");
        }
    }
}

#[tokio::test]
async fn an_unknown_account_is_refused_like_a_wrong_password() {
    let app = spawn_app().await;
    let (s1, b1) = status_and_json(app.login("acme.localhost", "nobody@acme.example", PASSWORD).await).await;
    let (s2, b2) = status_and_json(app.login("acme.localhost", "client@acme.example", "wrong password!").await).await;
    assert_eq!((s1, b1), (s2, b2));
}

#[tokio::test]
async fn a_suspended_account_is_told_so_only_with_the_right_password() {
    let app = spawn_app().await;
    sqlx::query("update users set active = false where email = 'client@acme.example'")
        .execute(&app.owner)
        .await
        .unwrap();
    let (status, body) = status_and_json(app.login("acme.localhost", "client@acme.example", PASSWORD).await).await;
    assert_eq!(status, 403);
    assert_envelope(&body, "account_suspended");
    let (status, body) =
        status_and_json(app.login("acme.localhost", "client@acme.example", "wrong password!").await).await;
    assert_eq!(status, 401);
    assert_envelope(&body, "invalid_credentials");
}
