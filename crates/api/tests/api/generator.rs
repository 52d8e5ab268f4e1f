//! The OpenAI-compatible generator against a local server that speaks the chat-completions
//! protocol: what it sends, what it does with the answer, and what happens when it fails.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use actix_web::web::{Data, Json};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, post};
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app_with, status_and_json};

const ACME: &str = "acme.localhost";

#[derive(Default)]
struct FakeModel {
    requests: Mutex<Vec<(Option<String>, Value)>>,
    failing: AtomicBool,
}

/// Answers like a chat-completions API: it takes the example section from the prompt and
/// rewrites its heading for the business the prompt names.
#[post("/v1/chat/completions")]
async fn completions(model: Data<FakeModel>, req: HttpRequest, body: Json<Value>) -> HttpResponse {
    let auth = req.headers().get("authorization").and_then(|v| v.to_str().ok()).map(str::to_owned);
    model.requests.lock().unwrap().push((auth, body.0.clone()));
    if model.failing.load(Ordering::SeqCst) {
        return HttpResponse::ServiceUnavailable().json(json!({ "error": { "message": "model overloaded" } }));
    }
    let prompt = body["messages"][1]["content"].as_str().unwrap_or_default();
    let business = prompt.lines().find_map(|l| l.strip_prefix("Business: ")).unwrap_or("?");
    let example = prompt.rsplit_once("(rewrite every text):\n").map(|(_, e)| e).unwrap_or("{}");
    let mut section: Value = serde_json::from_str(example).unwrap_or(json!({}));
    section["heading"] = json!(format!("Fresh words for {business}"));
    HttpResponse::Ok().json(json!({
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "model": body["model"],
        "choices": [{
            "index": 0,
            "message": { "role": "assistant", "content": format!("```json\n{section}\n```") },
            "finish_reason": "stop",
        }],
    }))
}

async fn start_fake_model() -> (u16, Data<FakeModel>) {
    let model = Data::new(FakeModel::default());
    let shared = model.clone();
    let server = HttpServer::new(move || App::new().app_data(shared.clone()).service(completions))
        .workers(1)
        .bind(("127.0.0.1", 0))
        .unwrap();
    let port = server.addrs()[0].port();
    tokio::spawn(server.run());
    (port, model)
}

async fn app_with_model(port: u16) -> TestApp {
    spawn_app_with(|s| {
        s.ai_base_url = Some(format!("http://127.0.0.1:{port}/v1"));
        s.ai_api_key = Some("sk-local-test".to_owned().into());
        s.ai_model = "test-model".into();
    })
    .await
}

fn headings(site: &Value) -> Vec<String> {
    site["config"]["pages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["sections"].as_array().unwrap().iter().map(|s| s["heading"].as_str().unwrap().to_owned()))
        .collect()
}

#[tokio::test]
async fn a_configured_model_writes_every_section_and_is_named_in_the_queue() {
    let (port, model) = start_fake_model().await;
    let app = app_with_model(port).await;
    let token = app.token(ACME, "client@acme.example").await;
    let form = json!({ "business_name": "Cabinet Durand", "industry": "law", "description": "Family law in Nantes." });
    let (status, site) =
        status_and_json(app.call("POST", ACME, "/api/v1/sites/rapide", &token, Some(&form)).await).await;
    assert_eq!(status, 201, "{site}");
    assert!(headings(&site).iter().all(|h| h == "Fresh words for Cabinet Durand"), "{:?}", headings(&site));

    let requests = model.requests.lock().unwrap().clone();
    assert_eq!(requests.len(), headings(&site).len(), "one request per section");
    let (auth, body) = &requests[0];
    assert_eq!(auth.as_deref(), Some("Bearer sk-local-test"));
    assert_eq!(body["model"], "test-model");
    assert_eq!(body["response_format"]["type"], "json_object");
    let prompt = body["messages"][1]["content"].as_str().unwrap();
    assert!(prompt.contains("Family law in Nantes.") && prompt.contains("Industry: law"), "{prompt}");

    let id = site["id"].as_str().unwrap();
    let (_, queue) =
        status_and_json(app.call("GET", ACME, &format!("/api/v1/sites/{id}/ai-content"), &token, None).await).await;
    assert!(queue.as_array().unwrap().iter().all(|e| e["generator"] == "openai:test-model"), "{queue}");
}

#[tokio::test]
async fn a_failing_model_changes_nothing_on_regenerate_and_mode_rapide_still_delivers_a_site() {
    let (port, model) = start_fake_model().await;
    let app = app_with_model(port).await;
    let token = app.token(ACME, "client@acme.example").await;
    let form = json!({ "business_name": "Cabinet Durand", "industry": "law" });
    let (_, site) = status_and_json(app.call("POST", ACME, "/api/v1/sites/rapide", &token, Some(&form)).await).await;
    let id = site["id"].as_str().unwrap();

    model.failing.store(true, Ordering::SeqCst);
    let res = app.call("POST", ACME, &format!("/api/v1/sites/{id}/sections/story/regenerate"), &token, None).await;
    let (status, body) = status_and_json(res).await;
    assert_eq!(status, 502);
    assert_eq!(body["code"], "generator_unavailable");
    assert!(body["message"].as_str().unwrap().contains("503"), "{body}");
    let (_, now) = status_and_json(app.call("GET", ACME, &format!("/api/v1/sites/{id}"), &token, None).await).await;
    assert_eq!(now["config"], site["config"], "nothing changed");

    // The client still gets a complete site, written offline, and the queue says so.
    let (status, fallback) =
        status_and_json(app.call("POST", ACME, "/api/v1/sites/rapide", &token, Some(&form)).await).await;
    assert_eq!(status, 201);
    assert!(headings(&fallback).iter().all(|h| !h.starts_with("Fresh words")));
    let fid = fallback["id"].as_str().unwrap();
    let (_, queue) =
        status_and_json(app.call("GET", ACME, &format!("/api/v1/sites/{fid}/ai-content"), &token, None).await).await;
    assert!(queue.as_array().unwrap().iter().all(|e| e["generator"] == "offline"), "{queue}");
}
