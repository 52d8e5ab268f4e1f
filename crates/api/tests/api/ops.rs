use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::{spawn_app, spawn_app_with, status_and_json};

#[tokio::test]
async fn health_and_ready_answer_on_any_host() {
    let app = spawn_app().await;
    for host in ["localhost", "nope.localhost"] {
        let (status, body) = status_and_json(app.get(host, "/health").await).await;
        assert_eq!((status, body["status"].as_str()), (200, Some("ok")));
        let (status, body) = status_and_json(app.get(host, "/ready").await).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["status"], "ready");
        let names: Vec<&str> = body["checks"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["database", "redis", "queue", "runtime"]);
        assert!(body["checks"].as_array().unwrap().iter().all(|c| c["ok"] == true), "{body}");
    }
}

#[tokio::test]
async fn ready_says_not_ready_when_this_server_cannot_stop_or_start_sites() {
    let missing = atelier_api::testing::scratch("no-siteserver").join("atelier-siteserver");
    let app = spawn_app_with(|s| s.siteserver_bin = Some(missing.clone())).await;
    let (status, body) = status_and_json(app.get("localhost", "/ready").await).await;
    assert_eq!((status, body["status"].as_str()), (503, Some("not_ready")), "{body}");
    let checks = body["checks"].as_array().unwrap();
    let failed: Vec<&str> = checks.iter().filter(|c| c["ok"] == false).map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(failed, ["runtime"], "{body}");
    let runtime = checks.iter().find(|c| c["name"] == "runtime").unwrap();
    assert!(runtime["error"].as_str().unwrap().contains("cannot be stopped or started"), "{runtime}");
}

struct RedisServer {
    port: u16,
    child: Child,
}

impl RedisServer {
    fn start(port: u16) -> RedisServer {
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server on PATH (installed by `cargo xtask test`)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        RedisServer { port, child }
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}

#[tokio::test]
async fn ready_reports_a_stopped_redis_and_recovers_when_it_returns() {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut redis = RedisServer::start(port);
    let app = spawn_app_with(|s| s.redis_url = format!("redis://127.0.0.1:{port}/0").into()).await;
    assert_eq!(app.get("localhost", "/ready").await.status(), 200);

    redis.stop();
    let (status, body) = status_and_json(app.get("localhost", "/ready").await).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["status"], "not_ready");
    let checks = body["checks"].as_array().unwrap();
    assert_eq!(checks[0]["ok"], true, "the database is still fine");
    assert_eq!(checks[1]["name"], "redis");
    assert_eq!(checks[1]["ok"], false);
    assert!(checks[1]["error"].as_str().is_some_and(|e| !e.is_empty()));
    // The deployment queue lives in the same Redis: deployments cannot be queued either.
    assert_eq!((checks[2]["name"].as_str(), checks[2]["ok"].as_bool()), (Some("queue"), Some(false)), "{body}");
    assert_eq!((checks[3]["name"].as_str(), checks[3]["ok"].as_bool()), (Some("runtime"), Some(true)), "{body}");
    // Sign-in fails closed, with a clear 503, rather than skipping the rate limiter.
    let (status, body) = status_and_json(app.login("acme.localhost", "client@acme.example", "whatever").await).await;
    assert_eq!(status, 503);
    assert_eq!(body["code"], "service_unavailable");

    let _redis = RedisServer::start(redis.port);
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let status = app.get("localhost", "/ready").await.status();
        if status == 200 {
            break;
        }
        assert!(Instant::now() < deadline, "still {status} after Redis came back");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn metrics_count_requests_by_route_pattern() {
    let app = spawn_app().await;
    for _ in 0..3 {
        app.get("acme.localhost", "/api/v1/tenant").await;
    }
    app.get("nope.localhost", "/api/v1/tenant").await;
    let text = app.get("localhost", "/metrics").await.text().await.unwrap();
    assert!(text.contains(r#"http_requests_total{method="GET",route="/api/v1/tenant",status="200"} 3"#), "{text}");
    assert!(text.contains(r#"http_requests_total{method="GET",route="/api/v1/tenant",status="404"} 1"#), "{text}");
    assert!(text.contains("http_request_duration_seconds_bucket"));
}
