//! `kill -9` of the real `atelier worker` process in the middle of a deployment: after a
//! worker runs again, the deployment ends in a terminal state, its instance is gone, its
//! port is free, and the site deploys normally.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use atelier_api::testing;
use secrecy::ExposeSecret;
use serde_json::{Value, json};

#[tokio::test]
async fn a_deployment_whose_worker_is_killed_ends_timed_out_and_gives_everything_back() {
    let app = testing::spawn(|s| s.deploy_stale_secs = 3).await;
    let settings = app.state.settings.clone();

    // A site server that takes long to come up: the deployment sits in its health check.
    let slow_dir = atelier_api::testing::scratch("slow");
    std::fs::create_dir_all(&slow_dir).unwrap();
    let slow = slow_dir.join("atelier-siteserver");
    // A loop of short sleeps: when it is ended, no long-lived child is left behind.
    std::fs::write(&slow, "#!/bin/sh\nwhile :; do sleep 1; done\n").unwrap();
    std::fs::set_permissions(&slow, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut worker = Command::new(env!("CARGO_BIN_EXE_atelier"))
        .arg("worker")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("ATELIER_DATABASE_URL", settings.database_url.expose_secret())
        .env("ATELIER_REDIS_URL", settings.redis_url.expose_secret())
        .env("ATELIER_REDIS_PREFIX", &settings.redis_prefix)
        .env("ATELIER_JWT_SECRET", settings.jwt_secret.expose_secret())
        .env("ATELIER_DATA_DIR", &settings.data_dir)
        .env("ATELIER_MAIL_DIR", &settings.mail_dir)
        .env("ATELIER_SITE_PORTS", &settings.site_ports)
        .env("ATELIER_SITESERVER_BIN", &slow)
        .env("ATELIER_DEPLOY_STALE_SECS", "3")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();

    let client = reqwest::Client::builder()
        .resolve("acme.localhost", SocketAddr::from(([127, 0, 0, 1], app.port)))
        .build()
        .unwrap();
    let base = format!("http://acme.localhost:{}", app.port);
    let token = testing::sign_in(&client, &base, "client@acme.example").await;
    let form = json!({ "business_name": "Le Pétrin", "industry": "bakery" });
    let site: Value = client
        .post(format!("{base}/api/v1/sites/rapide"))
        .bearer_auth(&token)
        .json(&form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let site_id: uuid::Uuid = site["id"].as_str().unwrap().parse().unwrap();

    // Wait for the health check, then kill the worker without warning.
    let deadline = Instant::now() + Duration::from_secs(30);
    let (deployment, pid): (uuid::Uuid, String) = loop {
        let row: Option<(uuid::Uuid, Option<String>, Option<String>)> =
            sqlx::query_as("select id, step, instance_ref from deployments where site_id = $1 and status = 'running'")
                .bind(site_id)
                .fetch_optional(&app.owner)
                .await
                .unwrap();
        if let Some((id, Some(step), Some(instance))) = row
            && step == "health_check"
        {
            // The process runtime's handle is `<pid>:<port>`.
            break (id, instance.split(':').next().unwrap().to_owned());
        }
        assert!(Instant::now() < deadline, "the deployment never reached its health check");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    worker.kill().unwrap();
    worker.wait().unwrap();
    let leased: i64 = sqlx::query_scalar("select count(*) from port_leases where deployment_id = $1")
        .bind(deployment)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(leased, 1, "the killed worker left a port leased");
    assert!(std::path::Path::new(&format!("/proc/{pid}")).exists(), "and its instance running");

    // A worker starts again (here in the test process, with the real site server).
    let restarted = testing::spawn_worker(&app);
    let deadline = Instant::now() + Duration::from_secs(30);
    let (status, error): (String, Option<String>) = loop {
        let row: (String, Option<String>) = sqlx::query_as("select status, error from deployments where id = $1")
            .bind(deployment)
            .fetch_one(&app.owner)
            .await
            .unwrap();
        if row.0 != "running" {
            break row;
        }
        assert!(Instant::now() < deadline, "the deployment stayed running after its worker died");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(status, "timed_out");
    assert!(error.unwrap_or_default().contains("stopped responding during health_check"));
    // The watchdog ends the deployment first, then stops its instance and frees its port
    // (in that order, so the port is never leased again while the old instance holds it).
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let leased: i64 = sqlx::query_scalar("select count(*) from port_leases where deployment_id = $1")
            .bind(deployment)
            .fetch_one(&app.owner)
            .await
            .unwrap();
        if leased == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "no leaked port ({leased} still leased)");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        assert!(Instant::now() < deadline, "no orphan instance (process {pid} still runs)");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // And the site deploys normally afterwards.
    let again: Value = client
        .post(format!("{base}/api/v1/sites/{site_id}/deployments"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = again["id"].as_str().unwrap().to_owned();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let status: String = sqlx::query_scalar("select status from deployments where id::text = $1")
            .bind(&id)
            .fetch_one(&app.owner)
            .await
            .unwrap();
        if status == "live" {
            break;
        }
        assert!(Instant::now() < deadline && ["queued", "running"].contains(&status.as_str()), "{status}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    restarted.stop_all().await;
    let _ = std::fs::remove_dir_all(slow_dir);
}
