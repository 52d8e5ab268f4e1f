//! Mode Rapide API latency: `POST /api/v1/sites/rapide` (write a whole site, save it and
//! its AI content queue entries) against the real server, PostgreSQL and Redis. Baseline in
//! the same run: `GET /api/v1/sites/{id}` (a signed-in read of one site), so the ratio says
//! what writing a site costs over the cheapest authenticated round trip.
//! Run with `cargo xtask bench rapide`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: failing loudly is right

use std::net::SocketAddr;
use std::time::Instant;

use serde_json::{Value, json};

const RUNS: usize = 60;
const WARMUP: usize = 5;
const HOST: &str = "acme.localhost";

#[tokio::main]
async fn main() {
    let app = atelier_api::testing::spawn(|_| {}).await;
    // The plans would stop a client at a few sites: this measures writing one.
    atelier_api::testing::unlimited_plans(&app.owner).await;
    let client =
        reqwest::Client::builder().resolve(HOST, SocketAddr::from(([127, 0, 0, 1], app.port))).build().unwrap();
    let url = |path: &str| format!("http://{HOST}:{}{path}", app.port);
    let token = atelier_api::testing::sign_in(&client, &url(""), "client@acme.example").await;

    let mut rapide = Vec::with_capacity(RUNS);
    let mut last_id = String::new();
    for i in 0..RUNS + WARMUP {
        let form = json!({
            "business_name": format!("Bench Bakery {i}"),
            "industry": "bakery",
            "description": "Sourdough, croissants and cakes to order.",
            "email": "hello@bench.example",
        });
        let started = Instant::now();
        let res = client.post(url("/api/v1/sites/rapide")).bearer_auth(&token).json(&form).send().await.unwrap();
        let status = res.status();
        let body: Value = res.json().await.unwrap();
        let elapsed = started.elapsed();
        assert_eq!(status, 201, "{body}");
        last_id = body["id"].as_str().unwrap().to_owned();
        if i >= WARMUP {
            rapide.push(elapsed);
        }
    }

    let mut read = Vec::with_capacity(RUNS);
    for i in 0..RUNS + WARMUP {
        let started = Instant::now();
        let res = client.get(url(&format!("/api/v1/sites/{last_id}"))).bearer_auth(&token).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let _ = res.bytes().await.unwrap();
        if i >= WARMUP {
            read.push(started.elapsed());
        }
    }

    let (rapide_median, rapide_p95) = atelier_api::testing::median_and(rapide, 95);
    let (read_median, read_p95) = atelier_api::testing::median_and(read, 95);
    println!("Mode Rapide bench: {RUNS} runs each after {WARMUP} warm-up, one client, offline generator");
    println!("  POST /sites/rapide   median {rapide_median:>7.2} ms   p95 {rapide_p95:>7.2} ms");
    println!("  GET  /sites/{{id}}     median {read_median:>7.2} ms   p95 {read_p95:>7.2} ms   (baseline)");
    println!("  ratio (median)       {:.1}x the baseline", rapide_median / read_median);
}
