//! A registration flood against everyone else's reads. The same signed-in read,
//! `GET /api/v1/sites/{id}`, measured alone (baseline), then while 32 tasks send registrations
//! as fast as the server answers them, then alone again; twice: with the per-tenant limit at
//! its default (200 an hour: past it the flood gets cheap 429s) and with it lifted, so that
//! only the password slots bound the flood (registrations may hold half of them and get
//! `503 busy` past that: nothing queues). The per-IP limit is lifted in both (a flood from many
//! addresses). Client and server share the machine. Run with `cargo xtask bench flood`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: failing loudly is right

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::sync::Mutex;

const READS: usize = 400;
const FLOODERS: usize = 32;
const HOST: &str = "acme.localhost";

async fn reads(client: &reqwest::Client, read: &str, token: &str) -> Vec<Duration> {
    let mut times = Vec::with_capacity(READS);
    for _ in 0..READS {
        let started = Instant::now();
        let res = client.get(read).bearer_auth(token).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let _ = res.bytes().await.unwrap();
        times.push(started.elapsed());
    }
    times
}

async fn phase(label: &str, per_tenant: u32) {
    let app = atelier_api::testing::spawn(|s| {
        s.register_max_per_ip = u32::MAX;
        s.register_max_per_tenant = per_tenant;
    })
    .await;
    let client =
        reqwest::Client::builder().resolve(HOST, SocketAddr::from(([127, 0, 0, 1], app.port))).build().unwrap();
    let url = |path: &str| format!("http://{HOST}:{}{path}", app.port);
    let token = atelier_api::testing::sign_in(&client, &url(""), "client@acme.example").await;
    let sites: Value = client.get(url("/api/v1/sites")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    let read = url(&format!("/api/v1/sites/{}", sites["items"][0]["id"].as_str().unwrap()));
    let _ = reads(&client, &read, &token).await; // warm-up

    let before = reads(&client, &read, &token).await;

    let flooding = Arc::new(AtomicBool::new(true));
    let sent = Arc::new(AtomicUsize::new(0));
    let answers = Arc::new(Mutex::new(BTreeMap::<u16, usize>::new()));
    let mut flood = Vec::new();
    for task in 0..FLOODERS {
        let (client, flooding, sent, answers) = (client.clone(), flooding.clone(), sent.clone(), answers.clone());
        let register = url("/api/v1/auth/register");
        flood.push(tokio::spawn(async move {
            while flooding.load(Ordering::Relaxed) {
                let n = sent.fetch_add(1, Ordering::Relaxed);
                let body = json!({ "email": format!("flood{task}-{n}@example.com"), "password": "a flood of passwords", "display_name": "Flood" });
                let status = client.post(&register).json(&body).send().await.map_or(0, |r| r.status().as_u16());
                *answers.lock().await.entry(status).or_default() += 1;
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = Instant::now();
    let during = reads(&client, &read, &token).await;
    let flood_secs = started.elapsed().as_secs_f64();
    flooding.store(false, Ordering::Relaxed);
    for task in flood {
        task.await.unwrap();
    }
    let after = reads(&client, &read, &token).await;

    let (b50, b99) = atelier_api::testing::median_and(before, 99);
    let (d50, d99) = atelier_api::testing::median_and(during, 99);
    let (a50, a99) = atelier_api::testing::median_and(after, 99);
    let answers = answers.lock().await.clone();
    let total: usize = answers.values().sum();
    println!("{label}");
    println!("  no flood (baseline)       median {b50:>7.3} ms   p99 {b99:>7.3} ms");
    println!(
        "  during the flood          median {d50:>7.3} ms   p99 {d99:>7.3} ms   ({:.2}x, {:.2}x)",
        d50 / b50,
        d99 / b99
    );
    println!(
        "  after it                  median {a50:>7.3} ms   p99 {a99:>7.3} ms   ({:.2}x, {:.2}x)",
        a50 / b50,
        a99 / b99
    );
    println!(
        "  the flood: {FLOODERS} tasks, {total} registrations in {flood_secs:.1} s ({:.0}/s); answers {answers:?}",
        total as f64 / flood_secs
    );
}

#[tokio::main]
async fn main() {
    println!("Registration flood bench: {READS} signed-in reads (GET /api/v1/sites/{{id}}) each phase, one client");
    phase("per-tenant limit at its default (200 an hour)", 200).await;
    phase("per-tenant limit lifted: only the password slots bound it", u32::MAX).await;
}
