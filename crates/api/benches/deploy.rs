//! Deployment figures against the real server, queue, worker and process runtime:
//! 1. Mode Rapide submit → the site answering 200 at its address, median and p95 over 20+
//!    runs (target < 2 s), next to the Mode Rapide API call alone as the baseline.
//! 2. Live-log fan-out: 1,000 WebSocket viewers of one deployment; the time from writing a
//!    line (stored, then published) to each viewer receiving it, median and p95.
//!
//! Run with `cargo xtask bench deploy`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: failing loudly is right

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use atelier_api::testing;
use atelier_db::Scope;
use atelier_deployer::logs::Logger;
use deadpool_redis::redis::AsyncCommands;
use futures_util::StreamExt;
use serde_json::{Value, json};
use tokio::sync::Mutex;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

const RUNS: usize = 25;
const VIEWERS: usize = 1000;
const LINES: usize = 20;

fn percentiles(mut ms: Vec<f64>) -> (f64, f64) {
    ms.sort_by(f64::total_cmp);
    (ms[ms.len() / 2], ms[(ms.len() * 95).div_ceil(100) - 1])
}

/// Mode Rapide → the site answering 200, `RUNS` times on the runtime `settings` describe:
/// (median, p95 to live; median, p95 of the API call alone).
async fn submit_to_live(adjust: impl FnOnce(&mut atelier_api::Settings)) -> ((f64, f64), (f64, f64)) {
    let app = testing::spawn(adjust).await;
    // The plans would stop a client at a few sites: this measures the deployer.
    testing::unlimited_plans(&app.owner).await;
    let worker = testing::spawn_worker(&app);
    let mut builder = reqwest::Client::builder().pool_max_idle_per_host(4);
    for i in 0..RUNS {
        builder =
            builder.resolve(&format!("bench-bakery-{i}.sites.localhost"), SocketAddr::from(([127, 0, 0, 1], app.port)));
    }
    let client = builder.resolve("acme.localhost", SocketAddr::from(([127, 0, 0, 1], app.port))).build().unwrap();
    let api = format!("http://acme.localhost:{}", app.port);
    let token = testing::sign_in(&client, &api, "client@acme.example").await;
    let (mut to_live, mut submit_only) = (Vec::new(), Vec::new());
    for i in 0..RUNS {
        let started = Instant::now();
        let site: Value = client
            .post(format!("{api}/api/v1/sites/rapide"))
            .bearer_auth(&token)
            .json(&json!({ "business_name": format!("Bench Bakery {i}"), "industry": "bakery" }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        submit_only.push(started.elapsed().as_secs_f64() * 1e3);
        let slug = site["slug"].as_str().unwrap_or_else(|| panic!("Mode Rapide refused: {site}"));
        let url = format!("http://{slug}.sites.localhost:{}/", app.port);
        loop {
            if client.get(&url).send().await.is_ok_and(|r| r.status() == 200) {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(60), "site {i} never answered");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        to_live.push(started.elapsed().as_secs_f64() * 1e3);
    }
    worker.stop_all().await;
    (percentiles(to_live), percentiles(submit_only))
}

#[tokio::main]
async fn main() {
    // 1. Submit → live, on each runtime.
    let ((live_median, live_p95), (submit_median, submit_p95)) = submit_to_live(|s| s.deploy_concurrency = 4).await;
    let static_server = std::env::var("ATELIER_TEST_STATIC_SITESERVER").ok();
    let docker = match static_server {
        Some(server) => Some(
            submit_to_live(move |s| {
                s.runtime = "docker".into();
                s.siteserver_static_bin = Some(server.into());
            })
            .await,
        ),
        None => None,
    };

    println!("Deployment bench (one worker, concurrency 4)");
    println!(
        "  process: submit → site answers 200      median {live_median:>7.1} ms   p95 {live_p95:>7.1} ms   ({RUNS} runs; target < 2000 ms)"
    );
    match docker {
        Some(((median, p95), _)) => println!(
            "  docker:  submit → site answers 200      median {median:>7.1} ms   p95 {p95:>7.1} ms   ({RUNS} runs; target < 5000 ms)"
        ),
        None => {
            println!("  docker:  not measured (set ATELIER_TEST_STATIC_SITESERVER; `cargo xtask bench deploy` does)")
        }
    }
    println!("  Mode Rapide API call alone (baseline)   median {submit_median:>7.1} ms   p95 {submit_p95:>7.1} ms");
    println!("  ratio (median)                          {:.1}x", live_median / submit_median);

    let app = testing::spawn(|s| s.deploy_concurrency = 4).await;
    let client = reqwest::Client::builder()
        .resolve("acme.localhost", SocketAddr::from(([127, 0, 0, 1], app.port)))
        .build()
        .unwrap();
    let api = format!("http://acme.localhost:{}", app.port);
    let token = testing::sign_in(&client, &api, "client@acme.example").await;

    // 2. Fan-out to 1,000 viewers of one deployment that is still queued (no worker runs
    // here, so that this benchmark writes its lines).
    let site: Value = client
        .post(format!("{api}/api/v1/sites/rapide"))
        .bearer_auth(&token)
        .json(&json!({ "business_name": "Fan-out Bakery", "industry": "bakery" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let site_id = site["id"].as_str().unwrap();
    let list: Value = client
        .get(format!("{api}/api/v1/sites/{site_id}/deployments"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let deployment: uuid::Uuid = list[0]["id"].as_str().unwrap().parse().unwrap();
    // Tickets straight into Redis, as `create_live_ticket` writes them; eight viewers per
    // account (the per-user cap), accounts made for the bench (a ticket's user must exist
    // and be active).
    let viewers_per_user = 8;
    let users: Vec<uuid::Uuid> = sqlx::query_scalar(
        "insert into users (website_id, role, email, display_name, password_hash)
         select $1, 'client', 'viewer' || g || '@bench.example', 'Viewer ' || g, 'not a hash'
         from generate_series(1, $2) g returning id",
    )
    .bind(app.demo.acme)
    .bind(VIEWERS.div_ceil(viewers_per_user) as i32)
    .fetch_all(&app.owner)
    .await
    .unwrap();
    let mut conn = app.state.redis.get().await.unwrap();
    let received: Arc<Mutex<Vec<f64>>> = Arc::new(Mutex::new(Vec::with_capacity(VIEWERS * LINES)));
    let sent_at: Arc<Mutex<Vec<Instant>>> = Arc::new(Mutex::new(Vec::new()));
    let mut viewers = Vec::with_capacity(VIEWERS);
    for v in 0..VIEWERS {
        let ticket = uuid::Uuid::new_v4().simple().to_string();
        let key = format!("{}ws:ticket:{ticket}", app.state.keys.prefix());
        let _: () = conn.set_ex(&key, format!("{}:{deployment}", users[v / viewers_per_user]), 60).await.unwrap();
        let url =
            format!("ws://127.0.0.1:{}/api/v1/deployments/{deployment}/logs/live?ticket={ticket}&after=1", app.port);
        let mut request = url.into_client_request().unwrap();
        request.headers_mut().insert("host", "acme.localhost".parse().unwrap());
        let (socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
        let (received, sent_at) = (received.clone(), sent_at.clone());
        viewers.push(tokio::spawn(async move {
            let mut socket = socket;
            let mut got = 0;
            while got < LINES {
                let Ok(Some(Ok(message))) = tokio::time::timeout(Duration::from_secs(30), socket.next()).await else {
                    break;
                };
                if let Ok(text) = message.to_text()
                    && let Ok(v) = serde_json::from_str::<Value>(text)
                    && let Some(n) = v["line"]
                        .as_str()
                        .and_then(|l| l.strip_prefix("bench line "))
                        .and_then(|n| n.parse::<usize>().ok())
                {
                    let at = Instant::now();
                    let sent = sent_at.lock().await[n];
                    received.lock().await.push((at - sent).as_secs_f64() * 1e3);
                    got += 1;
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let row = {
        let mut tx = app.state.db.begin(&Scope::everything()).await.unwrap();
        atelier_db::deployments::find(&mut tx, deployment).await.unwrap().unwrap()
    };
    let logger = Logger::open(
        app.state.db.clone(),
        app.state.redis.clone(),
        &app.state.settings.redis_prefix,
        row.website_id,
        deployment,
    )
    .await
    .unwrap();
    for n in 0..LINES {
        sent_at.lock().await.push(Instant::now());
        logger.info("bench", &format!("bench line {n}")).await.unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    for viewer in viewers {
        viewer.await.unwrap();
    }
    let latencies = received.lock().await.clone();
    let delivered = latencies.len();
    let (fan_median, fan_p95) = percentiles(latencies);

    println!("  live-log fan-out, {VIEWERS} WebSocket viewers × {LINES} lines: {delivered} deliveries");
    println!("    write → received                      median {fan_median:>7.1} ms   p95 {fan_p95:>7.1} ms");
}
