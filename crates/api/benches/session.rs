//! What checking the account on every signed-in request costs. The same signed-in read,
//! `GET /api/v1/sites/{id}`, interleaved in one run: with the account's answer in the
//! one-second cache (what nearly every request of an active user meets, and no dearer than
//! no check at all: a map lookup), and with the cache emptied before each request (the
//! dearest case: every request of a user who calls once a second or less asks PostgreSQL).
//! Run with `cargo xtask bench session`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: failing loudly is right

use std::net::SocketAddr;
use std::time::Instant;

use serde_json::Value;

const RUNS: usize = 400;
const WARMUP: usize = 20;
const HOST: &str = "acme.localhost";

#[tokio::main]
async fn main() {
    let app = atelier_api::testing::spawn(|_| {}).await;
    let client =
        reqwest::Client::builder().resolve(HOST, SocketAddr::from(([127, 0, 0, 1], app.port))).build().unwrap();
    let url = |path: &str| format!("http://{HOST}:{}{path}", app.port);
    let token = atelier_api::testing::sign_in(&client, &url(""), "client@acme.example").await;
    let me: Value = client.get(url("/api/v1/me")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    let user = me["id"].as_str().unwrap().parse().unwrap();
    let sites: Value = client.get(url("/api/v1/sites")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    let site = sites["items"][0]["id"].as_str().unwrap().to_owned();
    let read = url(&format!("/api/v1/sites/{site}"));

    let (mut cached, mut checked) = (Vec::with_capacity(RUNS), Vec::with_capacity(RUNS));
    for i in 0..RUNS + WARMUP {
        for miss in [false, true] {
            if miss {
                app.state.active.forget(user);
            }
            let started = Instant::now();
            let res = client.get(&read).bearer_auth(&token).send().await.unwrap();
            assert_eq!(res.status(), 200);
            let _ = res.bytes().await.unwrap();
            if i >= WARMUP {
                if miss { checked.push(started.elapsed()) } else { cached.push(started.elapsed()) }
            }
        }
    }
    let (cached_median, cached_p99) = atelier_api::testing::median_and(cached, 99);
    let (checked_median, checked_p99) = atelier_api::testing::median_and(checked, 99);
    println!("Account check bench: {RUNS} pairs after {WARMUP} warm-up, one client, GET /api/v1/sites/{{id}}");
    println!("  answer cached (baseline)  median {cached_median:>6.3} ms   p99 {cached_p99:>6.3} ms");
    println!("  asked of PostgreSQL       median {checked_median:>6.3} ms   p99 {checked_p99:>6.3} ms");
    println!(
        "  ratio                     median {:.2}x   p99 {:.2}x   (+{:.3} ms a request at most once a second per account)",
        checked_median / cached_median,
        checked_p99 / cached_p99,
        checked_median - cached_median
    );
}
