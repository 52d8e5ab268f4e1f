//! The OpenAPI document is pinned: a change to the API shows up as a diff of
//! `tests/snapshots/openapi.json`. `UPDATE_SNAPSHOTS=1` rewrites it (the test still fails
//! that time: review the diff, run again); CI never rewrites it.

use std::path::PathBuf;

use serde_json::Value;

use crate::helpers::spawn_app;

fn snapshot_path() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
        .join("tests/snapshots/openapi.json")
}

#[test]
fn the_openapi_document_matches_its_snapshot() {
    let doc = serde_json::to_string_pretty(&atelier_api::openapi::document()).unwrap() + "\n";
    let path = snapshot_path();
    let pinned = std::fs::read_to_string(&path).unwrap_or_default();
    if pinned == doc {
        return;
    }
    // Asked to, the test rewrites the snapshot, and still fails: an update is reviewed
    // (`git diff`) and the test run again; it never passes by writing what it compares.
    let rewritten = std::env::var_os("UPDATE_SNAPSHOTS").is_some() && std::env::var_os("CI").is_none();
    if rewritten {
        std::fs::write(&path, &doc).unwrap();
    }
    panic!(
        "the OpenAPI document changed ({}); {}:\n{}",
        first_difference(&pinned, &doc),
        if rewritten {
            "the snapshot was rewritten: review `git diff` and run the tests again"
        } else {
            "review it and run `UPDATE_SNAPSHOTS=1 cargo xtask test` to rewrite the snapshot"
        },
        "(the difference is above)"
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
    assert_eq!(doc["paths"]["/api/v1/auth/login"]["post"]["operationId"], "create_session");
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

/// Every operation of the document, as (method, path, operation).
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut found = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            found.push((method.to_uppercase(), path.clone(), operation.clone()));
        }
    }
    found
}

/// Every `$ref` anywhere in `value`.
fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                out.push(r.clone());
            }
            map.values().for_each(|v| refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

/// What a client generator needs: unique `<verb>_<resource>` operation ids, references that
/// resolve, and on every operation the answers its kind can give, each with the error
/// envelope.
#[test]
fn a_client_can_be_generated_from_the_document() {
    let doc = serde_json::to_value(atelier_api::openapi::document()).unwrap();
    let ops = operations(&doc);
    assert!(ops.len() >= 70, "{}", ops.len());

    let mut ids: Vec<&str> = ops.iter().map(|(_, _, o)| o["operationId"].as_str().unwrap()).collect();
    let shaped = |id: &str| {
        let words: Vec<&str> = id.split('_').collect();
        words.len() >= 2 && words.iter().all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase()))
    };
    let badly_named: Vec<&&str> = ids.iter().filter(|id| !shaped(id)).collect();
    assert!(badly_named.is_empty(), "operation ids must read <verb>_<resource>: {badly_named:?}");
    ids.sort_unstable();
    let repeated: Vec<&[&str]> = ids.windows(2).filter(|w| w[0] == w[1]).collect();
    assert!(repeated.is_empty(), "operation ids used twice: {repeated:?}");

    let mut all = Vec::new();
    refs(&doc, &mut all);
    let unresolved: Vec<&String> = all
        .iter()
        .filter(|r| {
            let name = r.strip_prefix("#/components/schemas/").unwrap_or(r);
            doc["components"]["schemas"].get(name).is_none()
        })
        .collect();
    assert!(unresolved.is_empty(), "references that resolve to nothing: {unresolved:?}");

    let mut missing = Vec::new();
    for (method, path, op) in &ops {
        let responses = op["responses"].as_object().unwrap();
        let id = op["operationId"].as_str().unwrap();
        let mut expected = Vec::new();
        if path.starts_with("/api/v1/") {
            expected.extend(["404", "503"]);
        }
        if op.get("security").and_then(Value::as_array).is_some_and(|s| !s.is_empty()) {
            expected.push("401");
        }
        if op["requestBody"]["content"].get("application/json").is_some() {
            expected.extend(["400", "415", "422"]);
        }
        for status in expected {
            if !responses.contains_key(status) {
                missing.push(format!("{method} {path} ({id}) does not list {status}"));
            }
        }
        for (status, response) in responses {
            let error = status.starts_with('4') || status.starts_with('5');
            let schema = &response["content"]["application/json"]["schema"]["$ref"];
            if error && path != "/ready" && schema != "#/components/schemas/ErrorBody" {
                missing.push(format!("{method} {path} ({id}): {status} is not the error envelope"));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The document read as a third party's fuzzer reads it: every operation called with what
/// the document allows (unknown ids, an empty body) by an anonymous caller, a client, a
/// writer and the superadmin. Every answer must be one the operation lists, and none a 500.
#[tokio::test]
async fn every_answer_to_a_generated_request_is_one_the_document_lists() {
    let app = spawn_app().await;
    let doc = serde_json::to_value(atelier_api::openapi::document()).unwrap();
    let client = app.token("acme.localhost", "client@acme.example").await;
    let writer = app.token("writers.localhost", "writer@atelier.example").await;
    let superadmin = app.token("staff.localhost", "superadmin@atelier.example").await;
    let callers = [
        ("acme.localhost", ""),
        ("acme.localhost", client.as_str()),
        ("writers.localhost", writer.as_str()),
        ("staff.localhost", superadmin.as_str()),
    ];
    let mut undocumented = Vec::new();
    for (method, path, op) in operations(&doc) {
        let concrete: String = path
            .split('/')
            .map(|part| match part {
                "{step}" => "business".to_owned(),
                p if p.starts_with('{') && (p.contains("id") || p == "{website}") => uuid::Uuid::new_v4().to_string(),
                p if p.starts_with('{') => "x".to_owned(),
                p => p.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("/");
        let json_body = op["requestBody"]["content"].get("application/json").is_some();
        for (host, token) in callers {
            let mut request = app
                .client
                .request(method.parse().unwrap(), app.url(host, &concrete))
                .header("content-type", if json_body { "application/json" } else { "application/octet-stream" });
            if !token.is_empty() {
                request = request.bearer_auth(token);
            }
            if op.get("requestBody").is_some() {
                request = request.body(if json_body { "{}" } else { "" });
            }
            let status = request.send().await.unwrap().status().as_u16().to_string();
            let listed = op["responses"].get(&status).is_some();
            if !listed || status.starts_with('5') {
                undocumented.push(format!("{method} {concrete} on {host} (token: {}) → {status}", !token.is_empty()));
            }
        }
    }
    assert!(undocumented.is_empty(), "answers the document does not list:\n{}", undocumented.join("\n"));
}
