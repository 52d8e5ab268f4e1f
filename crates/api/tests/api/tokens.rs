//! Personal access tokens: made by a signed-in person, scoped, revocable, bound to their host.

use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_envelope, spawn_app, status_and_json};

const ACME: &str = "acme.localhost";

async fn make(app: &TestApp, session: &str, scopes: Value) -> Value {
    let body = json!({ "name": "CI deploys", "scopes": scopes, "expires_in_days": 30 });
    let (status, created) =
        status_and_json(app.call("POST", ACME, "/api/v1/me/tokens", session, Some(&body)).await).await;
    assert_eq!(status, 201, "{created}");
    created
}

#[tokio::test]
async fn a_read_only_token_reads_but_cannot_deploy_and_a_revoked_one_is_refused_at_once() {
    let app = spawn_app().await;
    let session = app.token(ACME, "client@acme.example").await;
    let created = make(&app, &session, json!(["sites:read", "deployments:read"])).await;
    let token = created["token"].as_str().unwrap();
    assert!(token.starts_with("atl_") && token.len() > 40, "{token}");
    assert_eq!(created["prefix"].as_str().unwrap(), &token[..12]);

    // Reads work with it…
    let (status, sites) = status_and_json(app.get_authed(ACME, "/api/v1/sites", token).await).await;
    assert_eq!(status, 200, "{sites}");
    let site = sites["items"][0]["id"].as_str().unwrap();
    let deployments = format!("/api/v1/sites/{site}/deployments");
    assert_eq!(app.get_authed(ACME, &deployments, token).await.status(), 200);
    let (status, me) = status_and_json(app.get_authed(ACME, "/api/v1/me", token).await).await;
    assert_eq!((status, me["email"].as_str()), (200, Some("client@acme.example")));

    // …but not a deploy, nor anything only a session may do.
    let (status, err) = status_and_json(app.call("POST", ACME, &deployments, token, None).await).await;
    assert_eq!(status, 403);
    assert_envelope(&err, "insufficient_scope");
    assert!(err["message"].as_str().unwrap().contains("deployments:write"), "{err}");
    for (method, path) in [("POST", "/api/v1/me/tokens"), ("PATCH", "/api/v1/me"), ("GET", "/api/v1/me/sessions")] {
        let body = json!({ "name": "x", "scopes": ["sites:read"] });
        let (status, err) = status_and_json(app.call(method, ACME, path, token, Some(&body)).await).await;
        assert_eq!(status, 403, "{method} {path}");
        assert_envelope(&err, "insufficient_scope");
    }

    // A token for deployments deploys.
    let deployer = make(&app, &session, json!(["deployments:write"])).await;
    let deployer = deployer["token"].as_str().unwrap();
    let (status, queued) = status_and_json(app.call("POST", ACME, &deployments, deployer, None).await).await;
    assert_eq!(status, 202, "{queued}");

    // The owner sees both, without secrets and with when they were last used.
    let (_, list) = status_and_json(app.get_authed(ACME, "/api/v1/me/tokens", &session).await).await;
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert!(list.iter().all(|t| t.get("token").is_none() && t["last_used_at"].is_string()), "{list:?}");

    // Revoked: refused from the very next request.
    let id = created["id"].as_str().unwrap();
    assert_eq!(app.call("DELETE", ACME, &format!("/api/v1/me/tokens/{id}"), &session, None).await.status(), 204);
    let (status, err) = status_and_json(app.get_authed(ACME, "/api/v1/sites", token).await).await;
    assert_eq!(status, 401);
    assert_envelope(&err, "invalid_token");
    let (status, err) =
        status_and_json(app.call("DELETE", ACME, &format!("/api/v1/me/tokens/{id}"), &session, None).await).await;
    assert_eq!(status, 404);
    assert_envelope(&err, "token_not_found");
}

#[tokio::test]
async fn a_token_works_only_on_its_own_host_for_an_active_account() {
    let app = spawn_app().await;
    let session = app.token(ACME, "client@acme.example").await;
    let created = make(&app, &session, json!(["sites:read"])).await;
    let token = created["token"].as_str().unwrap();
    assert_eq!(app.get_authed("globex.localhost", "/api/v1/sites", token).await.status(), 401);
    assert_eq!(app.get_authed("api.localhost", "/api/v1/sites", token).await.status(), 401);
    // A made-up token of the right shape is refused the same way.
    let forged = format!("atl_{}", "0".repeat(48));
    assert_eq!(app.get_authed(ACME, "/api/v1/sites", &forged).await.status(), 401);

    sqlx::query("update users set active = false where email = 'client@acme.example'")
        .execute(&app.owner)
        .await
        .unwrap();
    assert_eq!(app.get_authed(ACME, "/api/v1/sites", token).await.status(), 401, "suspended: the token stops too");
}

#[tokio::test]
async fn a_token_needs_a_name_and_a_scope() {
    let app = spawn_app().await;
    let session = app.token(ACME, "client@acme.example").await;
    let body = json!({ "name": " ", "scopes": [], "expires_in_days": 0 });
    let (status, err) = status_and_json(app.call("POST", ACME, "/api/v1/me/tokens", &session, Some(&body)).await).await;
    assert_eq!(status, 422);
    let fields: Vec<&str> =
        err["details"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["name", "scopes", "expires_in_days"]);
    let body = json!({ "name": "x", "scopes": ["sites:everything"] });
    let res = app.call("POST", ACME, "/api/v1/me/tokens", &session, Some(&body)).await;
    assert_eq!(res.status(), 422, "an unknown scope is a body of the wrong shape");
}

#[tokio::test]
async fn the_openapi_document_says_which_scope_each_operation_needs() {
    let app = spawn_app().await;
    let (status, doc) = status_and_json(app.get("api.localhost", "/api/openapi.json").await).await;
    assert_eq!(status, 200);
    assert_eq!(doc["components"]["securitySchemes"]["access_token"]["scheme"], "bearer");
    let security = |path: &str, method: &str| doc["paths"][path][method]["security"].clone();
    assert_eq!(
        security("/api/v1/sites/{id}/deployments", "post"),
        json!([{ "bearer": [] }, { "access_token": ["deployments:write"] }])
    );
    assert_eq!(security("/api/v1/orders", "get"), json!([{ "bearer": [] }, { "access_token": ["orders:read"] }]));
    assert_eq!(security("/api/v1/me/tokens", "post"), json!([{ "bearer": [] }]), "a session's alone");
}
