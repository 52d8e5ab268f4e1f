//! The OpenAPI document is pinned: a change to the API shows up as a diff of
//! `tests/snapshots/openapi.json`. Regenerate with `UPDATE_SNAPSHOTS=1 cargo xtask test`.

use std::path::Path;

use crate::helpers::spawn_app;

fn snapshot_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/openapi.json")
}

#[test]
fn the_openapi_document_matches_its_snapshot() {
    let doc = serde_json::to_string_pretty(&atelier_api::openapi::document()).unwrap() + "\n";
    let path = snapshot_path();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &doc).unwrap();
        return;
    }
    let pinned = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        pinned == doc,
        "the OpenAPI document changed; review it and run `UPDATE_SNAPSHOTS=1 cargo xtask test` to accept:\n{}",
        first_difference(&pinned, &doc)
    );
}

fn first_difference(a: &str, b: &str) -> String {
    a.lines()
        .zip(b.lines())
        .enumerate()
        .find(|(_, (x, y))| x != y)
        .map_or_else(|| "(lengths differ)".to_owned(), |(i, (x, y))| format!("line {}:\n- {x}\n+ {y}", i + 1))
}

#[test]
fn every_route_is_documented_as_openapi_3_1() {
    let doc = serde_json::to_value(atelier_api::openapi::document()).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    for expected in [
        "/health",
        "/ready",
        "/metrics",
        "/api/v1/tenant",
        "/api/v1/auth/register",
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/me",
    ] {
        assert!(paths.iter().any(|p| *p == expected), "{expected} missing from {paths:?}");
    }
    assert_eq!(doc["paths"]["/api/v1/auth/login"]["post"]["operationId"], "login");
}

#[tokio::test]
async fn the_server_publishes_the_document_and_an_offline_docs_page() {
    let app = spawn_app().await;
    let served: serde_json::Value = app.get("api.localhost", "/api/openapi.json").await.json().await.unwrap();
    assert_eq!(served, serde_json::to_value(atelier_api::openapi::document()).unwrap());

    let page = app.get("api.localhost", "/api/docs/").await.text().await.unwrap();
    assert!(page.contains("swagger-ui-bundle.js"));
    assert!(!page.contains("http://") && !page.contains("https://"), "the docs page must not load from a CDN");
    let bundle = app.get("api.localhost", "/api/docs/swagger-ui-bundle.js").await;
    assert_eq!(bundle.status(), 200);
    assert!(bundle.bytes().await.unwrap().len() > 100_000);
}
