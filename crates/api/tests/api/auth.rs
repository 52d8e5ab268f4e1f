use serde_json::json;

use crate::helpers::{PASSWORD, assert_envelope, spawn_app, status_and_json};

#[tokio::test]
async fn register_login_me_refresh_logout() {
    let app = spawn_app().await;
    let acme = "acme.localhost";

    // Register: 202 (the same answer as for a known address), and the new account may sign
    // in at once, unconfirmed.
    let res = app
        .post_json(
            acme,
            "/api/v1/auth/register",
            &json!({"email": "  Jane.Doe@Example.com ", "password": "a long enough password", "display_name": "Jane Doe"}),
        )
        .await;
    let (status, accepted) = status_and_json(res).await;
    assert_eq!(status, 202, "{accepted}");
    assert_eq!(accepted, json!({"email": "jane.doe@example.com"}), "e-mail is normalised");

    // Sign in with what was registered; /me answers with the same person.
    let res = app.login(acme, "jane.doe@example.com", "a long enough password").await;
    let (status, session) = status_and_json(res).await;
    assert_eq!(status, 200, "{session}");
    let access = session["access_token"].as_str().unwrap();
    let (status, me) = status_and_json(app.get_authed(acme, "/api/v1/me", access).await).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["id"], session["user"]["id"]);
    assert_eq!(me["display_name"], "Jane Doe");
    assert_eq!((me["role"].as_str(), me["app"].as_str()), (Some("client"), Some("clients")));
    assert_eq!(me["tenant"]["slug"], "acme");
    assert_eq!(me["email_verified"], false, "confirmed only by the mailed link");

    // Refresh: a new pair, and the new access token works.
    let first_refresh = session["refresh_token"].as_str().unwrap();
    let (status, refreshed) = status_and_json(app.refresh(acme, first_refresh).await).await;
    assert_eq!(status, 200, "{refreshed}");
    assert_ne!(refreshed["refresh_token"], session["refresh_token"]);
    let res = app.get_authed(acme, "/api/v1/me", refreshed["access_token"].as_str().unwrap()).await;
    assert_eq!(res.status(), 200);

    // Sign out: the refresh token of this session no longer works.
    let current = refreshed["refresh_token"].as_str().unwrap();
    let res = app.post_json(acme, "/api/v1/auth/logout", &json!({"refresh_token": current})).await;
    assert_eq!(res.status(), 204);
    let (status, body) = status_and_json(app.refresh(acme, current).await).await;
    assert_eq!(status, 401);
    assert_envelope(&body, "invalid_refresh_token");
    // Signing out twice is fine.
    let res = app.post_json(acme, "/api/v1/auth/logout", &json!({"refresh_token": current})).await;
    assert_eq!(res.status(), 204);
}

#[tokio::test]
async fn reusing_a_rotated_refresh_token_revokes_the_whole_family() {
    let app = spawn_app().await;
    let host = "writers.localhost";
    let session = app.session(host, "writer@atelier.example").await;
    let a = session["refresh_token"].as_str().unwrap().to_owned();
    let (_, b) = status_and_json(app.refresh(host, &a).await).await;
    let b = b["refresh_token"].as_str().unwrap().to_owned();
    let (_, c) = status_and_json(app.refresh(host, &b).await).await;
    let c = c["refresh_token"].as_str().unwrap().to_owned();

    // A leaked, already-rotated token comes back — later than two tabs racing could explain.
    sqlx::query("update refresh_tokens set rotated_at = rotated_at - interval '1 minute' where rotated_at is not null")
        .execute(&app.owner)
        .await
        .unwrap();
    let (status, body) = status_and_json(app.refresh(host, &a).await).await;
    assert_eq!(status, 401);
    assert_envelope(&body, "refresh_token_reused");

    // The legitimate holder's newest token is dead too.
    let (status, body) = status_and_json(app.refresh(host, &c).await).await;
    assert_eq!(status, 401);
    assert_envelope(&body, "invalid_refresh_token");

    // Another session of the same user (another family) is unaffected.
    let other = app.session(host, "writer@atelier.example").await;
    let res = app.refresh(host, other["refresh_token"].as_str().unwrap()).await;
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn a_refresh_token_only_works_on_the_host_it_was_issued_on() {
    let app = spawn_app().await;
    let session = app.session("acme.localhost", "client@acme.example").await;
    let token = session["refresh_token"].as_str().unwrap();
    let (status, body) = status_and_json(app.refresh("globex.localhost", token).await).await;
    assert_eq!(status, 401);
    assert_envelope(&body, "invalid_refresh_token");
    // …and the failed attempt elsewhere did not burn it.
    assert_eq!(app.refresh("acme.localhost", token).await.status(), 200);
}

#[tokio::test]
async fn register_reports_field_errors_and_each_brand_has_its_own_accounts() {
    let app = spawn_app().await;
    let res = app
        .post_json(
            "acme.localhost",
            "/api/v1/auth/register",
            &json!({"email": "not-an-email", "password": "short", "display_name": ""}),
        )
        .await;
    let (status, body) = status_and_json(res).await;
    assert_eq!(status, 422);
    assert_envelope(&body, "validation_failed");
    let fields: Vec<&str> =
        body["details"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["email", "password", "display_name"]);

    // The same address on another brand is another account, which knows nothing of Acme's.
    let again = json!({"email": "CLIENT@acme.example", "password": PASSWORD, "display_name": "Alice"});
    let (status, _) = status_and_json(app.post_json("globex.localhost", "/api/v1/auth/register", &again).await).await;
    assert_eq!(status, 202);
    assert_eq!(app.login("globex.localhost", "client@acme.example", PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn nobody_registers_on_a_platform_host() {
    let app = spawn_app().await;
    let body = json!({"email": "new@example.com", "password": PASSWORD, "display_name": "New"});
    for host in ["staff.localhost", "writers.localhost", "api.localhost"] {
        let (status, err) = status_and_json(app.post_json(host, "/api/v1/auth/register", &body).await).await;
        assert_eq!(status, 403, "{host}");
        assert_envelope(&err, "registration_unavailable");
    }
}

#[tokio::test]
async fn me_requires_a_valid_token_for_this_host() {
    let app = spawn_app().await;
    let (status, body) = status_and_json(app.get("acme.localhost", "/api/v1/me").await).await;
    assert_eq!(status, 401);
    assert_envelope(&body, "unauthenticated");

    let (status, body) = status_and_json(app.get_authed("acme.localhost", "/api/v1/me", "garbage").await).await;
    assert_eq!(status, 401);
    assert_envelope(&body, "invalid_token");

    // An Acme session is worthless on Globex and on the staff host.
    let session = app.session("acme.localhost", "client@acme.example").await;
    let access = session["access_token"].as_str().unwrap();
    for host in ["globex.localhost", "staff.localhost"] {
        let (status, body) = status_and_json(app.get_authed(host, "/api/v1/me", access).await).await;
        assert_eq!(status, 401, "{host}");
        assert_envelope(&body, "invalid_token");
    }
}

#[tokio::test]
async fn me_lists_the_tenants_a_writer_is_assigned_to() {
    let app = spawn_app().await;
    let both = app.session("writers.localhost", "writer@atelier.example").await;
    let only_acme = app.session("writers.localhost", "writer.acme@atelier.example").await;
    let mut expected = vec![app.demo.acme.to_string(), app.demo.globex.to_string()];
    expected.sort();
    assert_eq!(both["user"]["assigned_tenants"], json!(expected));
    assert_eq!(only_acme["user"]["assigned_tenants"], json!([app.demo.acme.to_string()]));
    assert!(both["user"].get("tenant").is_none(), "a writer belongs to no tenant");
}

#[tokio::test]
async fn a_suspended_account_is_refused_at_its_next_request_whatever_its_token_says() {
    let app = spawn_app().await;
    let staff = "staff.localhost";
    // An admin switched off by the superadmin, in this process: refused at their next request.
    let admin = app.token(staff, "admin@acme.example").await;
    assert_eq!(app.get_authed(staff, "/api/v1/team", &admin).await.status(), 200);
    let superadmin = app.token(staff, "superadmin@atelier.example").await;
    let (_, team) = status_and_json(app.get_authed(staff, "/api/v1/team", &superadmin).await).await;
    let member = team.as_array().unwrap().iter().find(|m| m["email"] == "admin@acme.example").unwrap().clone();
    let update = json!({"writer_level": member["writer_level"], "websites": member["websites"], "active": false});
    let path = format!("/api/v1/team/{}", member["id"].as_str().unwrap());
    let (status, body) = status_and_json(app.call("PUT", staff, &path, &superadmin, Some(&update)).await).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = status_and_json(app.get_authed(staff, "/api/v1/team", &admin).await).await;
    assert_eq!(status, 401, "the admin's access token no longer opens anything: {body}");
    assert_envelope(&body, "unauthenticated");

    // A client switched off behind this process's back (another server, an operator's SQL):
    // refused as soon as the cached answer is a second old.
    let acme = "acme.localhost";
    let client = app.token(acme, "client@acme.example").await;
    assert_eq!(app.get_authed(acme, "/api/v1/sites", &client).await.status(), 200);
    sqlx::query("update users set active = false where email = 'client@acme.example'")
        .execute(&app.owner)
        .await
        .unwrap();
    let switched_off = std::time::Instant::now();
    loop {
        let status = app.get_authed(acme, "/api/v1/sites", &client).await.status();
        if status == 401 {
            break;
        }
        assert_eq!(status, 200);
        assert!(switched_off.elapsed() < std::time::Duration::from_secs(3), "still served after 3 s");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // Switched on again, the same token works (it had not expired).
    sqlx::query("update users set active = true where email = 'client@acme.example'")
        .execute(&app.owner)
        .await
        .unwrap();
    tokio::time::sleep(atelier_app::accounts::active::FRESH_FOR).await;
    assert_eq!(app.get_authed(acme, "/api/v1/sites", &client).await.status(), 200);
}
