//! The live log over WebSocket: replay from a sequence number, then live lines, then the
//! end; reconnecting loses nothing; tickets are single-use, expire, and open only their own
//! tenant's deployment.

use std::time::Duration;

use atelier_api::testing::spawn_worker;
use futures_util::StreamExt;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

use crate::helpers::{TestApp, spawn_app, status_and_json};

const ACME: &str = "acme.localhost";

async fn ticket(app: &TestApp, host: &str, token: &str, deployment: &str) -> String {
    let (status, body) = status_and_json(
        app.call("POST", host, &format!("/api/v1/deployments/{deployment}/logs/ticket"), token, None).await,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["ticket"].as_str().unwrap().to_owned()
}

fn ws_url(
    app: &TestApp,
    host: &str,
    deployment: &str,
    ticket: &str,
    after: i64,
) -> tokio_tungstenite::tungstenite::handshake::client::Request {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let url =
        format!("ws://127.0.0.1:{}/api/v1/deployments/{deployment}/logs/live?ticket={ticket}&after={after}", app.port);
    let mut request = url.into_client_request().unwrap();
    request.headers_mut().insert("host", host.parse().unwrap());
    request
}

/// Every message until the server closes (or 30 s pass).
async fn read_all(app: &TestApp, host: &str, deployment: &str, ticket: &str, after: i64) -> Vec<Value> {
    let (mut socket, _) = tokio_tungstenite::connect_async(ws_url(app, host, deployment, ticket, after)).await.unwrap();
    let mut messages = Vec::new();
    while let Ok(Some(Ok(message))) = tokio::time::timeout(Duration::from_secs(30), socket.next()).await {
        match message {
            Message::Text(text) => messages.push(serde_json::from_str(text.as_str()).unwrap()),
            Message::Close(_) => break,
            _ => {}
        }
    }
    messages
}

async fn refused_status(app: &TestApp, host: &str, deployment: &str, ticket: &str) -> u16 {
    match tokio_tungstenite::connect_async(ws_url(app, host, deployment, ticket, 0)).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => response.status().as_u16(),
        other => panic!("expected a refusal, got {:?}", other.map(|_| "a connection")),
    }
}

#[tokio::test]
async fn the_live_log_replays_then_streams_then_ends_and_a_reconnection_misses_nothing() {
    let app = spawn_app().await;
    let token = app.token(ACME, "client@acme.example").await;
    let form = json!({ "business_name": "Le Four Vivant", "industry": "bakery" });
    let (_, site) = status_and_json(app.call("POST", ACME, "/api/v1/sites/rapide", &token, Some(&form)).await).await;
    let (_, list) = status_and_json(
        app.call("GET", ACME, &format!("/api/v1/sites/{}/deployments", site["id"].as_str().unwrap()), &token, None)
            .await,
    )
    .await;
    let deployment = list[0]["id"].as_str().unwrap().to_owned();

    // Connected while it waits (no worker yet): the queued line comes at once, the rest live.
    let first = ticket(&app, ACME, &token, &deployment).await;
    let (mut socket, _) = tokio_tungstenite::connect_async(ws_url(&app, ACME, &deployment, &first, 0)).await.unwrap();
    let opening = tokio::time::timeout(Duration::from_secs(10), socket.next()).await.unwrap().unwrap().unwrap();
    let opening: Value = serde_json::from_str(opening.to_text().unwrap()).unwrap();
    assert_eq!((opening["type"].as_str(), opening["seq"].as_i64()), (Some("line"), Some(1)), "{opening}");
    let worker = spawn_worker(&app.spawned());
    let mut streamed = vec![opening];
    while let Ok(Some(Ok(message))) = tokio::time::timeout(Duration::from_secs(30), socket.next()).await {
        match message {
            Message::Text(text) => streamed.push(serde_json::from_str(text.as_str()).unwrap()),
            Message::Close(_) => break,
            _ => {}
        }
    }
    let end = streamed.pop().unwrap();
    assert_eq!(end, json!({ "type": "end", "status": "live" }));
    let seqs: Vec<i64> = streamed.iter().map(|m| m["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>(), "every line once, in order");
    assert!(streamed.last().unwrap()["line"].as_str().unwrap().contains("is live"));
    let (_, history) =
        status_and_json(app.call("GET", ACME, &format!("/api/v1/deployments/{deployment}/logs"), &token, None).await)
            .await;
    assert_eq!(history["lines"].as_array().unwrap().len(), seqs.len(), "the socket sent what the store holds");

    // A reconnection from the last line it had gets exactly the rest.
    let last = seqs.len() as i64;
    let again = ticket(&app, ACME, &token, &deployment).await;
    let rest = read_all(&app, ACME, &deployment, &again, last - 3).await;
    let rest_seqs: Vec<i64> = rest.iter().filter_map(|m| m["seq"].as_i64()).collect();
    assert_eq!(rest_seqs, vec![last - 2, last - 1, last]);
    assert_eq!(rest.last().unwrap()["type"], "end");

    // Tickets: used once, expired, unknown, or brought to another tenant's domain: refused.
    assert_eq!(refused_status(&app, ACME, &deployment, &again).await, 401, "a used ticket");
    assert_eq!(refused_status(&app, ACME, &deployment, "not-a-ticket").await, 401);
    let expiring = ticket(&app, ACME, &token, &deployment).await;
    let key = format!("{}ws:ticket:{expiring}", app.state.keys.prefix());
    let mut conn = app.state.redis.get().await.unwrap();
    let _: () = deadpool_redis::redis::cmd("PEXPIRE").arg(&key).arg(1).query_async(&mut conn).await.unwrap();
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert_eq!(refused_status(&app, ACME, &deployment, &expiring).await, 401, "an expired ticket");
    let elsewhere = ticket(&app, ACME, &token, &deployment).await;
    assert_eq!(refused_status(&app, "globex.localhost", &deployment, &elsewhere).await, 401, "on another tenant");
    let globex = app.token("globex.localhost", "client@globex.example").await;
    let (status, _) = status_and_json(
        app.call("POST", "globex.localhost", &format!("/api/v1/deployments/{deployment}/logs/ticket"), &globex, None)
            .await,
    )
    .await;
    assert_eq!(status, 404, "no ticket for another tenant's deployment");
    let worker = worker.stop().await;

    // A user may keep a bounded number of live logs open.
    let site_id = site["id"].as_str().unwrap();
    let (_, waiting) =
        status_and_json(app.call("POST", ACME, &format!("/api/v1/sites/{site_id}/deployments"), &token, None).await)
            .await;
    let waiting = waiting["id"].as_str().unwrap().to_owned();
    let mut open = Vec::new();
    for _ in 0..atelier_api::live::MAX_STREAMS_PER_USER {
        let t = ticket(&app, ACME, &token, &waiting).await;
        let (socket, _) = tokio_tungstenite::connect_async(ws_url(&app, ACME, &waiting, &t, 0)).await.unwrap();
        open.push(socket);
    }
    let one_more = ticket(&app, ACME, &token, &waiting).await;
    assert_eq!(refused_status(&app, ACME, &waiting, &one_more).await, 429);
    drop(open.pop());
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let t = ticket(&app, ACME, &token, &waiting).await;
        if tokio_tungstenite::connect_async(ws_url(&app, ACME, &waiting, &t, 0)).await.is_ok() {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "a closed live log frees its place");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    worker.stop_sites().await;
}
