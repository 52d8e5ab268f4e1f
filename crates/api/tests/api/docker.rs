//! The docker runtime against the real engine (`cargo xtask test` starts dockerd): a site
//! deploys into a FROM-scratch container with its labels and limits, answers on its address,
//! and a redeploy or a delete removes the old container and image.

use std::time::{Duration, Instant};

use atelier_api::testing::spawn_worker;
use bollard::Docker;
use serde_json::{Value, json};

use crate::helpers::{TestApp, env, spawn_app_with, status_and_json};

const ACME: &str = "acme.localhost";

async fn engine() -> Docker {
    Docker::connect_with_unix("/var/run/docker.sock", 120, bollard::API_DEFAULT_VERSION)
        .unwrap()
        .negotiate_version()
        .await
        .expect("a Docker engine (cargo xtask test starts one)")
}

async fn live_deployment(app: &TestApp, token: &str, site: &str, deployment: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (_, d) = status_and_json(
            app.call("GET", ACME, &format!("/api/v1/sites/{site}/deployments/{deployment}"), token, None).await,
        )
        .await;
        if d["status"] == "live" {
            return d;
        }
        assert!(["queued", "running"].contains(&d["status"].as_str().unwrap()), "{d}");
        assert!(Instant::now() < deadline, "never live: {d}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn instance_of(app: &TestApp, deployment: &str) -> String {
    sqlx::query_scalar("select instance_ref from deployments where id::text = $1")
        .bind(deployment)
        .fetch_one(&app.owner)
        .await
        .unwrap()
}

async fn gone(docker: &Docker, container: &str) -> bool {
    matches!(
        docker.inspect_container(container, None).await,
        Err(bollard::errors::Error::DockerResponseServerError { status_code: 404, .. })
    )
}

#[tokio::test]
async fn a_site_deploys_into_a_labelled_limited_container_and_old_containers_and_images_are_removed() {
    let server = env("ATELIER_TEST_STATIC_SITESERVER");
    let app = spawn_app_with(|s| {
        s.runtime = "docker".into();
        s.siteserver_static_bin = Some(server.into());
    })
    .await;
    let docker = engine().await;
    let worker = spawn_worker(&app.spawned());
    let token = app.token(ACME, "client@acme.example").await;
    let form = json!({ "business_name": "Conteneur Gourmand", "industry": "restaurant" });
    let (_, site) = status_and_json(app.call("POST", ACME, "/api/v1/sites/rapide", &token, Some(&form)).await).await;
    let (id, slug) = (site["id"].as_str().unwrap().to_owned(), site["slug"].as_str().unwrap().to_owned());
    let (_, list) =
        status_and_json(app.call("GET", ACME, &format!("/api/v1/sites/{id}/deployments"), &token, None).await).await;
    let first = list[0]["id"].as_str().unwrap().to_owned();
    let v1 = live_deployment(&app, &token, &id, &first).await;
    assert_eq!(v1["runtime"], "docker");

    // The container: labels, limits, restart policy, published on loopback only.
    let container = instance_of(&app, &first).await;
    let inspected = docker.inspect_container(&container, None).await.unwrap();
    let labels = inspected.config.as_ref().unwrap().labels.clone().unwrap();
    assert_eq!(labels["atelier.site"], id);
    assert_eq!(labels["atelier.deployment"], first);
    assert_eq!(labels["atelier.tenant"], app.demo.acme.to_string());
    let host = inspected.host_config.unwrap();
    assert_eq!((host.memory, host.nano_cpus), (Some(128 * 1024 * 1024), Some(500_000_000)));
    assert_eq!(host.restart_policy.and_then(|p| p.name), Some(bollard::models::RestartPolicyNameEnum::UNLESS_STOPPED));
    let binding = &host.port_bindings.unwrap()["8080/tcp"].clone().unwrap()[0];
    assert_eq!(binding.host_ip.as_deref(), Some("127.0.0.1"));
    let image = inspected.config.unwrap().image.unwrap();

    // It answers at its address, through the proxy, with the build it was given.
    let client = reqwest::Client::builder()
        .resolve(&format!("{slug}.sites.localhost"), std::net::SocketAddr::from(([127, 0, 0, 1], app.port)))
        .build()
        .unwrap();
    let res = client.get(format!("http://{slug}.sites.localhost:{}/about/", app.port)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["x-atelier-build"].to_str().unwrap(), v1["content_hash"].as_str().unwrap());
    assert!(res.text().await.unwrap().contains("Conteneur Gourmand"));
    // The container's own output reached the deployment's log.
    let (_, log) =
        status_and_json(app.call("GET", ACME, &format!("/api/v1/deployments/{first}/logs"), &token, None).await).await;
    assert!(
        log["lines"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["line"].as_str().unwrap().starts_with("instance: serving /site")),
        "{log}"
    );

    // A redeploy replaces it: the old container and its image are removed.
    let (_, second) =
        status_and_json(app.call("POST", ACME, &format!("/api/v1/sites/{id}/deployments"), &token, None).await).await;
    let second = second["id"].as_str().unwrap().to_owned();
    live_deployment(&app, &token, &id, &second).await;
    let deadline = Instant::now() + Duration::from_secs(20);
    while !gone(&docker, &container).await {
        assert!(Instant::now() < deadline, "the replaced container is still there");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The image goes after its container (the runtime removes them in that order).
    while docker.inspect_image(&image).await.is_ok() {
        assert!(Instant::now() < deadline, "the replaced image is still there");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Deleting the site removes its container and image too.
    let container = instance_of(&app, &second).await;
    let image = docker.inspect_container(&container, None).await.unwrap().config.unwrap().image.unwrap();
    let res = app.call("DELETE", ACME, &format!("/api/v1/sites/{id}"), &token, None).await;
    assert_eq!(res.status(), 204);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !gone(&docker, &container).await || docker.inspect_image(&image).await.is_ok() {
        assert!(Instant::now() < deadline, "the deleted site's container or image is still there");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    worker.stop_all().await;
}
