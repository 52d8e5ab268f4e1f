//! Every failure is the JSON envelope, including actix's own extractor errors.

use crate::helpers::{assert_envelope, spawn_app, status_and_json};

#[tokio::test]
async fn unknown_host_is_a_404_envelope() {
    let app = spawn_app().await;
    for (method, path) in [("GET", "/api/v1/tenant"), ("POST", "/api/v1/auth/login"), ("GET", "/api/v1/me")] {
        let req = app.client.request(method.parse().unwrap(), app.url("nope.localhost", path));
        let res = req.json(&serde_json::json!({})).send().await.unwrap();
        let (status, body) = status_and_json(res).await;
        assert_eq!(status, 404, "{method} {path}");
        assert_envelope(&body, "unknown_host");
        assert!(body["message"].as_str().unwrap().contains("nope.localhost"));
    }
}

#[tokio::test]
async fn bad_bodies_get_400_or_422_envelopes() {
    let app = spawn_app().await;
    let login = app.url("acme.localhost", "/api/v1/auth/login");
    let send = |body: &'static str, content_type: &'static str| {
        app.client.post(&login).header("content-type", content_type).body(body).send()
    };

    let (status, body) =
        status_and_json(send(r#"{"email": "a@b.co", "password": "#, "application/json").await.unwrap()).await;
    assert_eq!(status, 400);
    assert_envelope(&body, "malformed_json");

    let (status, body) = status_and_json(send(r#"{"email": "a@b.co"}"#, "application/json").await.unwrap()).await;
    assert_eq!(status, 422);
    assert_envelope(&body, "invalid_body");
    assert_eq!(body["details"]["fields"][0]["field"], "password");
    assert_eq!(body["details"]["fields"][0]["code"], "required");

    let (status, body) =
        status_and_json(send(r#"{"email": 42, "password": "x"}"#, "application/json").await.unwrap()).await;
    assert_eq!(status, 422);
    assert_envelope(&body, "invalid_body");
    assert!(body["message"].as_str().unwrap().contains("expected a string"), "{body}");

    let (status, body) =
        status_and_json(send(r#"{"email": "", "password": ""}"#, "application/json").await.unwrap()).await;
    assert_eq!(status, 422);
    assert_envelope(&body, "validation_failed");

    let (status, body) = status_and_json(send("email=a", "application/x-www-form-urlencoded").await.unwrap()).await;
    assert_eq!(status, 415);
    assert_envelope(&body, "unsupported_media_type");
}

#[tokio::test]
async fn unknown_routes_and_methods_are_envelopes_too() {
    let app = spawn_app().await;
    let (status, body) = status_and_json(app.get("acme.localhost", "/api/v1/no-such-thing").await).await;
    assert_eq!(status, 404);
    assert_envelope(&body, "not_found");

    let (status, body) = status_and_json(app.get("acme.localhost", "/api/v1/auth/login").await).await;
    assert!(status == 404 || status == 405, "{status}");
    assert!(body["code"].is_string());

    let (status, body) = status_and_json(app.get("localhost", "/definitely/not/here").await).await;
    assert_eq!(status, 404);
    assert_envelope(&body, "not_found");
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_a_good_one_is_kept() {
    let app = spawn_app().await;
    let res = app.get("acme.localhost", "/api/v1/tenant").await;
    let generated = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_eq!(generated.len(), 36, "{generated}");

    let res =
        app.client.get(app.url("acme.localhost", "/health")).header("x-request-id", "trace-123").send().await.unwrap();
    assert_eq!(res.headers()["x-request-id"], "trace-123");
    let res = app
        .client
        .get(app.url("acme.localhost", "/health"))
        .header("x-request-id", "bad id; drop")
        .send()
        .await
        .unwrap();
    assert_ne!(res.headers()["x-request-id"], "bad id; drop");
}
