//! Notification push latency, end to end: from a writer handing a text in (the request that
//! commits the move) to each editor's open notifications socket, through the real worker's
//! dispatcher (woken by the commit), its notifications, mails and Redis publications, and the
//! API's fan-out. Baseline: the few staff the demo has for Acme, each with one open socket;
//! then 1,000 more editors of Acme, each with one open socket, for the same move. Same run,
//! same machine (client, server, worker, PostgreSQL and Redis share it). Run with
//! `cargo xtask bench notify`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: failing loudly is right

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use atelier_api::testing::{self, Spawned, median_and};
use atelier_db::Scope;
use atelier_db::users::NewUser;
use atelier_types::Role;
use deadpool_redis::redis::AsyncCommands;
use futures_util::StreamExt;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use uuid::Uuid;

const EDITORS: usize = 1000;
const ROUNDS: usize = 3;
const ACME: &str = "acme.localhost";
const WRITERS: &str = "writers.localhost";
const STAFF: &str = "staff.localhost";

struct Bench {
    app: Spawned,
    http: reqwest::Client,
    client: String,
    writer: String,
    admin: String,
    service: Value,
}

impl Bench {
    fn url(&self, host: &str, path: &str) -> String {
        format!("http://{host}:{}{path}", self.app.port)
    }

    async fn call(&self, host: &str, path: &str, token: &str, body: Value) -> Value {
        let res = self.http.post(self.url(host, path)).bearer_auth(token).json(&body).send().await.unwrap();
        let status = res.status();
        let answer: Value = res.json().await.unwrap_or(Value::Null);
        assert!(status.is_success(), "{path}: {status} {answer}");
        answer
    }

    async fn step(&self, host: &str, token: &str, order: &str, event: &str) {
        self.call(host, &format!("/api/v1/orders/{order}/transitions"), token, json!({ "event": event })).await;
    }

    /// An Acme order claimed and written, ready to hand in.
    async fn written_order(&self) -> String {
        let body =
            json!({ "service_type_id": self.service["id"], "words": 300, "turnaround_days": 7, "title": "Bench" });
        let order = self.call(ACME, "/api/v1/orders", &self.client, body).await;
        let id = order["id"].as_str().unwrap().to_owned();
        self.step(ACME, &self.client, &id, "place").await;
        self.step(STAFF, &self.admin, &id, "confirm_payment").await;
        self.step(WRITERS, &self.writer, &id, "claim").await;
        let text = self.url(WRITERS, &format!("/api/v1/orders/{id}/text"));
        let res = self
            .http
            .put(text)
            .bearer_auth(&self.writer)
            .json(&json!({ "body": "# Bench\n\nText." }))
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success());
        id
    }

    /// One open notifications socket per person (tickets straight into Redis), each waiting
    /// for its first new notification; then the hand-in. Each socket's latency, in ms.
    async fn round(&self, people: &[Uuid]) -> Vec<f64> {
        let order = self.written_order().await;
        let mut conn = self.app.state.redis.get().await.unwrap();
        let mut waiting = Vec::with_capacity(people.len());
        for person in people {
            let ticket = Uuid::new_v4().simple().to_string();
            let key = format!("{}ws:ticket:{ticket}", self.app.state.keys.prefix());
            // As `POST /me/notifications/ticket` writes it: account, token time, no session, host.
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis();
            let _: () = conn.set_ex(&key, format!("notify:{person}:{now}::{STAFF}"), 60).await.unwrap();
            let url = format!("ws://127.0.0.1:{}/api/v1/me/notifications/live?ticket={ticket}", self.app.port);
            let mut request = url.into_client_request().unwrap();
            request.headers_mut().insert("host", STAFF.parse().unwrap());
            let (mut socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
            // The first message is the unread count: the socket is subscribed once it came.
            let first = tokio::time::timeout(Duration::from_secs(30), socket.next()).await.unwrap();
            assert!(first.unwrap().unwrap().to_text().unwrap().contains("unread"));
            waiting.push(tokio::spawn(async move {
                loop {
                    let message = tokio::time::timeout(Duration::from_secs(60), socket.next()).await;
                    let Ok(Some(Ok(message))) = message else { return None };
                    if message.to_text().is_ok_and(|t| t.contains("\"order_submitted\"")) {
                        return Some(Instant::now());
                    }
                }
            }));
        }
        let started = Instant::now();
        self.step(WRITERS, &self.writer, &order, "submit_text").await;
        let mut latencies = Vec::with_capacity(people.len());
        for socket in waiting {
            let at = socket.await.unwrap().expect("every socket hears of the hand-in");
            latencies.push((at - started).as_secs_f64() * 1e3);
        }
        latencies
    }
}

fn summary(label: &str, latencies: Vec<f64>) -> (f64, f64) {
    let count = latencies.len();
    let max = latencies.iter().copied().fold(0.0, f64::max);
    let (p50, p99) = median_and(latencies.into_iter().map(|ms| Duration::from_secs_f64(ms / 1e3)).collect(), 99);
    println!("  {label:<44} p50 {p50:>7.1} ms   p99 {p99:>7.1} ms   max {max:>7.1} ms   ({count} deliveries)");
    (p50, p99)
}

#[tokio::main]
async fn main() {
    let mail_dir = std::env::temp_dir().join(format!("atelier-bench-notify-{}", std::process::id()));
    let dir = mail_dir.clone();
    let app = testing::spawn(move |s| s.mail_dir = dir).await;
    let worker = testing::spawn_worker(&app);
    let local = SocketAddr::from(([127, 0, 0, 1], app.port));
    let http =
        reqwest::Client::builder().resolve(ACME, local).resolve(WRITERS, local).resolve(STAFF, local).build().unwrap();
    let base = |host: &str| format!("http://{host}:{}", app.port);
    let client = testing::sign_in(&http, &base(ACME), "client@acme.example").await;
    let writer = testing::sign_in(&http, &base(WRITERS), "writer@atelier.example").await;
    let admin = testing::sign_in(&http, &base(STAFF), "admin@acme.example").await;
    let catalogue: Value = http
        .get(format!("{}/api/v1/catalogue", base(ACME)))
        .bearer_auth(&client)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let service = catalogue.as_array().unwrap().iter().find(|s| s["code"] == "page_copy").unwrap().clone();
    let bench = Bench { app, http, client, writer, admin, service };

    // Who hears of an Acme hand-in today: its editor, its admin, the superadmin.
    let mut tx = bench.app.state.db.begin(&Scope::everything()).await.unwrap();
    let mut staff = Vec::new();
    for email in ["editor@atelier.example", "admin@acme.example", "superadmin@atelier.example"] {
        staff.push(atelier_db::users::find_platform_user(&mut tx, email).await.unwrap().unwrap().id);
    }
    tx.commit().await.unwrap();
    let mut baseline = Vec::new();
    for _ in 0..ROUNDS {
        baseline.extend(bench.round(&staff).await);
    }

    // A thousand more editors of Acme.
    let mut tx = bench.app.state.db.begin(&Scope::everything()).await.unwrap();
    let hash = atelier_app::accounts::password::hash(testing::PASSWORD.to_owned().into()).await.unwrap();
    let mut everyone = staff.clone();
    for n in 0..EDITORS {
        let email = format!("bench.editor.{n}@atelier.example");
        let new = NewUser {
            website_id: None,
            role: Role::Editor,
            email: &email,
            display_name: "Bench Editor",
            password_hash: &hash,
            verified: true,
        };
        let user = atelier_db::users::upsert(&mut tx, &new).await.unwrap();
        atelier_db::assignments::assign_staff(&mut tx, user.id, bench.app.demo.acme).await.unwrap();
        everyone.push(user.id);
    }
    tx.commit().await.unwrap();
    let mut fanned = Vec::new();
    for _ in 0..ROUNDS {
        fanned.extend(bench.round(&everyone).await);
    }

    println!("Notification push bench: a writer hands a text in → each editor's open socket ({ROUNDS} rounds each)");
    let (_, base_p99) = summary(&format!("{} people connected (baseline)", staff.len()), baseline);
    let (_, fan_p99) = summary(&format!("{} people connected", everyone.len()), fanned);
    println!("  ratio (p99)                                  {:.1}x", fan_p99 / base_p99);
    worker.stop().await;
    let _ = std::fs::remove_dir_all(&mail_dir);
}
