//! Deployments through the real queue (apalis on Redis), a real worker and the process
//! runtime: sites answer on their address, a bad version never replaces a good one,
//! switches drop no request, and the queue supersedes, cancels and rolls back.

use std::net::SocketAddr;
use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

use atelier_api::testing::{Worker, spawn_worker, spawn_worker_with};
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_envelope, spawn_app, status_and_json};

const ACME: &str = "acme.localhost";

async fn rapide(app: &TestApp, token: &str, name: &str) -> Value {
    let form = json!({ "business_name": name, "industry": "bakery", "description": "Bread since 1998." });
    let (status, site) =
        status_and_json(app.call("POST", ACME, "/api/v1/sites/rapide", token, Some(&form)).await).await;
    assert_eq!(status, 201, "{site}");
    site
}

async fn deployments(app: &TestApp, token: &str, site: &str) -> Vec<Value> {
    let (status, list) =
        status_and_json(app.call("GET", ACME, &format!("/api/v1/sites/{site}/deployments"), token, None).await).await;
    assert_eq!(status, 200, "{list}");
    list.as_array().unwrap().clone()
}

/// Waits until the deployment reaches `status`, failing on any other end.
async fn wait_for(app: &TestApp, token: &str, site: &str, deployment: &str, status: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let path = format!("/api/v1/sites/{site}/deployments/{deployment}");
        let (_, d) = status_and_json(app.call("GET", ACME, &path, token, None).await).await;
        if d["status"] == status {
            return d;
        }
        let ended = !["queued", "running"].contains(&d["status"].as_str().unwrap_or_default());
        assert!(!ended && Instant::now() < deadline, "deployment never became {status}: {d}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A client for `<slug>.sites.localhost` on the test server.
fn site_client(app: &TestApp, slug: &str) -> (reqwest::Client, String) {
    let host = format!("{slug}.sites.localhost");
    let client = reqwest::Client::builder()
        .resolve(&host, SocketAddr::from(([127, 0, 0, 1], app.port)))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    (client, format!("http://{host}:{}", app.port))
}

/// The ports of the live versions of the sites whose name is `like`.
async fn live_ports(app: &TestApp, like: &str) -> Vec<i32> {
    sqlx::query_scalar(
        "select d.port from deployments d join sites s on s.live_deployment_id = d.id where s.name like $1",
    )
    .bind(like)
    .fetch_all(&app.owner)
    .await
    .unwrap()
}

async fn stop(worker: Worker) {
    worker.stop_all().await;
}

/// A name the form accepts (64 characters) once made a site whose render refused its own
/// SEO title; the client saw a failed deployment for a form filled in correctly.
#[tokio::test]
async fn a_long_business_name_the_form_accepts_goes_live() {
    let app = spawn_app().await;
    let worker = spawn_worker(&app.spawned());
    let token = app.token(ACME, "client@acme.example").await;
    let name = "Boulangerie Pâtisserie Traditionnelle du Vieux Port de Marseille";
    assert_eq!(name.chars().count(), 64);
    let site = rapide(&app, &token, name).await;
    let id = site["id"].as_str().unwrap();
    let first = deployments(&app, &token, id).await;
    wait_for(&app, &token, id, first[0]["id"].as_str().unwrap(), "live").await;
    let (client, base) = site_client(&app, site["slug"].as_str().unwrap());
    let home = client.get(format!("{base}/")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains(name), "the site names the business in full");

    // A config that does not validate (written around the API) is refused before it is
    // queued, with the field named (the wizard marks it on its step); were it to reach the
    // render, the log says it in words (`atelier_sitegen::explain`, tested there).
    sqlx::query(
        "update sites set config = jsonb_set(config, '{pages,0,seo,title}', to_jsonb(repeat('x', 80))) where id::text = $1",
    )
    .bind(id)
    .execute(&app.owner)
    .await
    .unwrap();
    let (status, refused) =
        status_and_json(app.call("POST", ACME, &format!("/api/v1/sites/{id}/deployments"), &token, None).await).await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["details"]["fields"][0]["field"], "pages[0].seo.title", "{refused}");
    assert_eq!(deployments(&app, &token, id).await.len(), 1, "nothing queued");
    stop(worker).await;
}

#[tokio::test]
async fn mode_rapide_ends_live_and_the_site_answers_on_its_address_with_its_pages() {
    let app = spawn_app().await;
    let worker = spawn_worker(&app.spawned());
    let token = app.token(ACME, "client@acme.example").await;
    let site = rapide(&app, &token, "Fournil Lumière").await;
    let (id, slug) = (site["id"].as_str().unwrap(), site["slug"].as_str().unwrap());
    assert_eq!(site["status"], "queued");
    let first = deployments(&app, &token, id).await;
    assert_eq!(first.len(), 1);
    let live = wait_for(&app, &token, id, first[0]["id"].as_str().unwrap(), "live").await;
    let steps: Vec<&str> = live["steps"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(steps, ["render", "package", "start", "health_check", "switch"]);
    assert!(live["steps"].as_array().unwrap().iter().all(|s| s["ms"].is_u64()), "every step is timed: {live}");

    let (client, base) = site_client(&app, slug);
    let home = client.get(format!("{base}/")).send().await.unwrap();
    assert_eq!(home.status(), 200);
    assert_eq!(home.headers()["x-atelier-build"].to_str().unwrap(), live["content_hash"].as_str().unwrap());
    assert!(home.text().await.unwrap().contains("Fournil Lumière"));
    for page in ["/about/", "/services/", "/contact/", "/sitemap.xml", "/robots.txt", "/style.css"] {
        assert_eq!(client.get(format!("{base}{page}")).send().await.unwrap().status(), 200, "{page}");
    }
    let missing = client.get(format!("{base}/nope")).send().await.unwrap();
    assert_eq!(missing.status(), 404);
    assert!(missing.headers()["content-type"].to_str().unwrap().starts_with("text/html"), "the site's own 404 page");
    let (_, site_now) =
        status_and_json(app.call("GET", ACME, &format!("/api/v1/sites/{id}"), &token, None).await).await;
    assert_eq!(site_now["status"], "live");

    // The log: numbered without gaps, each step reported, readable from any point.
    let deployment = first[0]["id"].as_str().unwrap();
    let (_, page) =
        status_and_json(app.call("GET", ACME, &format!("/api/v1/deployments/{deployment}/logs"), &token, None).await)
            .await;
    let lines = page["lines"].as_array().unwrap();
    let seqs: Vec<i64> = lines.iter().map(|l| l["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>());
    let text: Vec<&str> = lines.iter().map(|l| l["line"].as_str().unwrap()).collect();
    assert!(text.iter().any(|l| l.starts_with("✓ health_check")), "{text:?}");
    assert!(text.last().unwrap().contains("is live"), "{text:?}");
    assert_eq!(page["complete"], true);
    let after = seqs.len() as i64 - 2;
    let (_, tail) = status_and_json(
        app.call("GET", ACME, &format!("/api/v1/deployments/{deployment}/logs?after={after}"), &token, None).await,
    )
    .await;
    assert_eq!(tail["lines"].as_array().unwrap().len(), 2);

    // Another tenant's client cannot read it.
    let globex = app.token("globex.localhost", "client@globex.example").await;
    let (status, body) = status_and_json(
        app.call("GET", "globex.localhost", &format!("/api/v1/deployments/{deployment}/logs"), &globex, None).await,
    )
    .await;
    assert_eq!(status, 404);
    assert_envelope(&body, "deployment_not_found");
    stop(worker).await;
}

#[tokio::test]
async fn a_redeploy_switches_without_a_failed_request_and_a_failing_version_never_replaces_a_good_one() {
    let app = spawn_app().await;
    let worker = spawn_worker(&app.spawned());
    let token = app.token(ACME, "client@acme.example").await;
    let site = rapide(&app, &token, "Moulin Clair").await;
    let (id, slug) = (site["id"].as_str().unwrap().to_owned(), site["slug"].as_str().unwrap().to_owned());
    let first = deployments(&app, &token, &id).await[0]["id"].as_str().unwrap().to_owned();
    let v1 = wait_for(&app, &token, &id, &first, "live").await;

    // A visitor polls the site throughout the second deployment.
    let (client, base) = site_client(&app, &slug);
    let polling = tokio::spawn(async move {
        let mut answers = Vec::new();
        let until = Instant::now() + Duration::from_secs(60);
        while Instant::now() < until {
            let res = client.get(format!("{base}/")).send().await;
            let answer = match res {
                Ok(r) => {
                    (r.status().as_u16(), r.headers().get("x-atelier-build").map(|v| v.to_str().unwrap().to_owned()))
                }
                Err(_) => (0, None),
            };
            answers.push(answer);
            if answers.len() > 5000 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
            if answers
                .iter()
                .filter(|a| a.1.is_some())
                .map(|a| a.1.clone())
                .collect::<std::collections::HashSet<_>>()
                .len()
                > 1
                && answers.len() > 50
            {
                // Both versions seen: keep polling a little after the switch.
                for _ in 0..40 {
                    let r = client.get(format!("{base}/")).send().await;
                    answers.push(r.map_or((0, None), |r| (r.status().as_u16(), None)));
                }
                break;
            }
        }
        answers
    });
    let patch = json!({ "template": "bold" });
    let (status, _) = status_and_json(
        app.call("PATCH", ACME, &format!("/api/v1/sites/{id}/steps/template"), &token, Some(&patch)).await,
    )
    .await;
    assert_eq!(status, 200);
    let (status, second) =
        status_and_json(app.call("POST", ACME, &format!("/api/v1/sites/{id}/deployments"), &token, None).await).await;
    assert_eq!(status, 202, "{second}");
    let v2 = wait_for(&app, &token, &id, second["id"].as_str().unwrap(), "live").await;
    assert_ne!(v1["content_hash"], v2["content_hash"]);
    let answers = polling.await.unwrap();
    let failed = answers.iter().filter(|a| a.0 != 200).count();
    assert_eq!(failed, 0, "{failed} of {} requests failed during the switch", answers.len());
    assert!(answers.iter().any(|a| a.1.as_deref() == v2["content_hash"].as_str()), "the new version was reached");
    let v1_now = wait_for(&app, &token, &id, &first, "retired").await;
    assert_eq!(v1_now["status"], "retired");
    // The worker goes away; the sites it published keep serving.
    let worker = worker.stop().await;

    // A worker whose site server cannot start: the third deployment fails its health check,
    // says why, and the second version keeps serving.
    let broken_dir = atelier_api::testing::scratch("broken");
    std::fs::create_dir_all(&broken_dir).unwrap();
    let broken = broken_dir.join("atelier-siteserver");
    std::fs::write(&broken, "#!/bin/sh\necho 'boom: the disk is on fire' >&2\nexit 3\n").unwrap();
    std::fs::set_permissions(&broken, std::fs::Permissions::from_mode(0o755)).unwrap();
    let broken_worker = spawn_worker_with(&app.spawned(), |s| s.siteserver_bin = Some(broken.clone()));
    let (_, third) =
        status_and_json(app.call("POST", ACME, &format!("/api/v1/sites/{id}/deployments"), &token, None).await).await;
    let third_id = third["id"].as_str().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let failed = loop {
        let (_, d) = status_and_json(
            app.call("GET", ACME, &format!("/api/v1/sites/{id}/deployments/{third_id}"), &token, None).await,
        )
        .await;
        if d["status"] == "failed" {
            break d;
        }
        assert!(Instant::now() < deadline && d["status"] != "live", "{d}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let reason = failed["error"].as_str().unwrap();
    assert!(reason.starts_with("health_check:") && reason.contains("boom: the disk is on fire"), "{reason}");
    let (client, base) = site_client(&app, &slug);
    let still = client.get(format!("{base}/")).send().await.unwrap();
    assert_eq!(still.status(), 200);
    assert_eq!(still.headers()["x-atelier-build"].to_str().unwrap(), v2["content_hash"].as_str().unwrap());
    let (_, site_now) =
        status_and_json(app.call("GET", ACME, &format!("/api/v1/sites/{id}"), &token, None).await).await;
    assert_eq!(site_now["status"], "live", "the site is still live on the previous version");
    let leases: i64 = sqlx::query_scalar(
        "select count(*) from port_leases p join deployments d on d.id = p.deployment_id where d.id::text = $1",
    )
    .bind(third_id)
    .fetch_one(&app.owner)
    .await
    .unwrap();
    assert_eq!(leases, 0, "the failed deployment's port was given back");
    broken_worker.stop().await;
    stop(worker).await;
    let _ = std::fs::remove_dir_all(broken_dir);
}

#[tokio::test]
async fn a_newer_deploy_supersedes_a_queued_one_cancel_stops_one_and_rollback_serves_an_old_build_again() {
    let app = spawn_app().await;
    let token = app.token(ACME, "client@acme.example").await;
    // No worker yet: everything waits in the queue.
    let site = rapide(&app, &token, "Pain Perdu").await;
    let id = site["id"].as_str().unwrap().to_owned();
    let first = deployments(&app, &token, &id).await[0].clone();
    assert_eq!(first["status"], "queued");
    assert!(first["queue_position"].as_u64().is_some_and(|p| p >= 1), "{first}");
    assert!(first["eta_secs"].as_u64().is_some(), "{first}");
    let (_, second) =
        status_and_json(app.call("POST", ACME, &format!("/api/v1/sites/{id}/deployments"), &token, None).await).await;
    let list = deployments(&app, &token, &id).await;
    assert_eq!(list[1]["status"], "superseded", "the older queued deployment gives way: {list:?}");
    // Stopping now would be undone when the queued deployment goes live: refused.
    let (status, body) =
        status_and_json(app.call("POST", ACME, &format!("/api/v1/sites/{id}/stop"), &token, None).await).await;
    assert_eq!(status, 409);
    assert_envelope(&body, "deployment_in_progress");
    // Cancel the second while it waits.
    let second_id = second["id"].as_str().unwrap().to_owned();
    let (status, cancelled) = status_and_json(
        app.call("POST", ACME, &format!("/api/v1/sites/{id}/deployments/{second_id}/cancel"), &token, None).await,
    )
    .await;
    assert_eq!((status, cancelled["status"].as_str()), (200, Some("cancelled")));
    let (status, again) = status_and_json(
        app.call("POST", ACME, &format!("/api/v1/sites/{id}/deployments/{second_id}/cancel"), &token, None).await,
    )
    .await;
    assert_eq!(status, 409);
    assert_envelope(&again, "deployment_finished");

    // The worker starts: the superseded and cancelled jobs do nothing; a new deploy goes live.
    let worker = spawn_worker(&app.spawned());
    let (_, third) =
        status_and_json(app.call("POST", ACME, &format!("/api/v1/sites/{id}/deployments"), &token, None).await).await;
    let v1 = wait_for(&app, &token, &id, third["id"].as_str().unwrap(), "live").await;
    let patch = json!({ "template": "minimal" });
    app.call("PATCH", ACME, &format!("/api/v1/sites/{id}/steps/template"), &token, Some(&patch)).await;
    let (_, fourth) =
        status_and_json(app.call("POST", ACME, &format!("/api/v1/sites/{id}/deployments"), &token, None).await).await;
    let v2 = wait_for(&app, &token, &id, fourth["id"].as_str().unwrap(), "live").await;
    assert_ne!(v1["content_hash"], v2["content_hash"]);
    let (superseded, cancelled_now) = (
        deployments(&app, &token, &id).await.iter().find(|d| d["id"] == first["id"]).cloned().unwrap(),
        deployments(&app, &token, &id).await.iter().find(|d| d["id"] == second["id"]).cloned().unwrap(),
    );
    assert_eq!(
        (superseded["status"].as_str(), cancelled_now["status"].as_str()),
        (Some("superseded"), Some("cancelled"))
    );
    assert!(superseded["started_at"].is_null() && cancelled_now["started_at"].is_null(), "neither ever ran");

    // Roll back to the first live version: its build serves again, as a new deployment.
    let v1_id = v1["id"].as_str().unwrap();
    let (status, rollback) = status_and_json(
        app.call("POST", ACME, &format!("/api/v1/sites/{id}/deployments/{v1_id}/rollback"), &token, None).await,
    )
    .await;
    assert_eq!(status, 202, "{rollback}");
    assert_eq!(rollback["kind"], "rollback");
    let back = wait_for(&app, &token, &id, rollback["id"].as_str().unwrap(), "live").await;
    assert_eq!(back["content_hash"], v1["content_hash"]);
    let (client, base) = site_client(&app, site["slug"].as_str().unwrap());
    let served = client.get(format!("{base}/")).send().await.unwrap();
    assert_eq!(served.headers()["x-atelier-build"].to_str().unwrap(), v1["content_hash"].as_str().unwrap());
    let v2_now = wait_for(&app, &token, &id, v2["id"].as_str().unwrap(), "rolled_back").await;
    assert_eq!(v2_now["status"], "rolled_back");
    // A deployment that never went live cannot be rolled back to.
    let (status, body) = status_and_json(
        app.call("POST", ACME, &format!("/api/v1/sites/{id}/deployments/{second_id}/rollback"), &token, None).await,
    )
    .await;
    assert_eq!(status, 409);
    assert_envelope(&body, "not_rollbackable");
    stop(worker).await;
}

#[tokio::test]
async fn twenty_deploys_at_once_get_twenty_ports_and_stop_start_and_delete_give_them_back() {
    let app = spawn_app().await;
    app.unlimited_plans().await;
    let worker = spawn_worker(&app.spawned());
    let token = app.token(ACME, "client@acme.example").await;
    let mut sites = Vec::new();
    for i in 0..20 {
        sites.push(rapide(&app, &token, &format!("Fournée {i}")).await);
    }
    let mut live = Vec::new();
    for site in &sites {
        let id = site["id"].as_str().unwrap();
        let first = deployments(&app, &token, id).await[0]["id"].as_str().unwrap().to_owned();
        live.push(wait_for(&app, &token, id, &first, "live").await);
    }
    let ports = live_ports(&app, "Fournée %").await;
    let distinct: std::collections::HashSet<i32> = ports.iter().copied().collect();
    assert_eq!((ports.len(), distinct.len()), (20, 20), "every live site has a port of its own: {ports:?}");
    // Each address reaches its own site.
    for (site, deployment) in sites.iter().zip(&live).take(5) {
        let (client, base) = site_client(&app, site["slug"].as_str().unwrap());
        let res = client.get(format!("{base}/")).send().await.unwrap();
        assert_eq!(res.headers()["x-atelier-build"].to_str().unwrap(), deployment["content_hash"].as_str().unwrap());
    }

    // Stop: off its address, port free. Start: back, on a port again.
    let (id, slug) = (sites[0]["id"].as_str().unwrap(), sites[0]["slug"].as_str().unwrap());
    let leases_of = |site: String| {
        let owner = app.owner.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "select count(*) from port_leases l join deployments d on d.id = l.deployment_id where d.site_id::text = $1",
            )
            .bind(site)
            .fetch_one(&owner)
            .await
            .unwrap()
        }
    };
    // Beside its build, the instance's pid file: what the test command ends when a test
    // fails before stopping its sites (its own run's, nobody else's).
    let (build_dir, instance, port): (String, String, i32) = sqlx::query_as(
        "select d.build_dir, d.instance_ref, d.port from deployments d
         join sites s on s.live_deployment_id = d.id where s.id::text = $1",
    )
    .bind(id)
    .fetch_one(&app.owner)
    .await
    .unwrap();
    let pid_file = format!("{build_dir}.{port}.pid");
    let written = std::fs::read_to_string(&pid_file).unwrap_or_else(|e| panic!("{pid_file}: {e}"));
    assert_eq!(Some(written.trim()), instance.split(':').next(), "{pid_file}");
    let (status, stopped) =
        status_and_json(app.call("POST", ACME, &format!("/api/v1/sites/{id}/stop"), &token, None).await).await;
    assert_eq!((status, stopped["status"].as_str()), (200, Some("stopped")), "{stopped}");
    assert_eq!(leases_of(id.to_owned()).await, 0);
    assert!(!std::path::Path::new(&pid_file).exists(), "a stopped instance leaves no pid file");
    let (client, base) = site_client(&app, slug);
    let res = client.get(format!("{base}/")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("not published"));
    let (status, started) =
        status_and_json(app.call("POST", ACME, &format!("/api/v1/sites/{id}/start"), &token, None).await).await;
    assert_eq!((status, started["status"].as_str()), (200, Some("live")), "{started}");
    assert_eq!(leases_of(id.to_owned()).await, 1);
    assert_eq!(client.get(format!("{base}/")).send().await.unwrap().status(), 200);

    // Delete: the instance stops, the port and the builds go with the rows.
    let pid: String = sqlx::query_scalar(
        "select d.instance_ref from deployments d join sites s on s.live_deployment_id = d.id where s.id::text = $1",
    )
    .bind(id)
    .fetch_one(&app.owner)
    .await
    .unwrap();
    // The process runtime's handle is `<pid>:<port>`.
    let pid = pid.split(':').next().unwrap().to_owned();
    let build_root = app.state.settings.data_dir.join(id);
    assert!(build_root.is_dir());
    let res = app.call("DELETE", ACME, &format!("/api/v1/sites/{id}"), &token, None).await;
    assert_eq!(res.status(), 204);
    assert_eq!(leases_of(id.to_owned()).await, 0);
    assert!(
        !std::path::Path::new(&format!("/proc/{pid}")).exists()
            || !std::fs::read(format!("/proc/{pid}/cmdline"))
                .map(|c| String::from_utf8_lossy(&c).contains("atelier-siteserver"))
                .unwrap_or(false),
        "the site server process is gone"
    );
    assert!(!build_root.exists(), "the builds are gone");
    assert_eq!(client.get(format!("{base}/")).send().await.unwrap().status(), 404);
    stop(worker).await;
}

#[tokio::test]
async fn only_the_last_five_builds_are_kept_for_rollback_and_older_folders_are_deleted() {
    let app = spawn_app().await;
    let worker = spawn_worker(&app.spawned());
    let token = app.token(ACME, "client@acme.example").await;
    let site = rapide(&app, &token, "Sept Fournées").await;
    let id = site["id"].as_str().unwrap().to_owned();
    let first = deployments(&app, &token, &id).await[0]["id"].as_str().unwrap().to_owned();
    let mut all = vec![wait_for(&app, &token, &id, &first, "live").await];
    // Each version has a colour of its own, so each build differs (a wrong build deleted
    // or served would show).
    let colour = |n: usize| format!("#a0{:02x}{:02x}", 0x30 + n, 0x40 + n);
    for n in 1..7 {
        let branding = json!({ "primary_color": colour(n), "accent_color": "#112233", "font": "serif" });
        let path = format!("/api/v1/sites/{id}/steps/branding");
        assert_eq!(app.call("PATCH", ACME, &path, &token, Some(&branding)).await.status(), 200);
        let (_, next) =
            status_and_json(app.call("POST", ACME, &format!("/api/v1/sites/{id}/deployments"), &token, None).await)
                .await;
        all.push(wait_for(&app, &token, &id, next["id"].as_str().unwrap(), "live").await);
    }
    // The last deployment collects old builds after it retired its predecessor.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let dirs: Vec<(i32, Option<String>)> =
            sqlx::query_as("select number, build_dir from deployments where site_id::text = $1 order by number")
                .bind(&id)
                .fetch_all(&app.owner)
                .await
                .unwrap();
        let kept: Vec<i32> = dirs.iter().filter(|(_, d)| d.is_some()).map(|(n, _)| *n).collect();
        // The rows are updated first, then the folders they named are deleted.
        let site_dir = app.state.settings.data_dir.join(&id);
        let folders = std::fs::read_dir(&site_dir).unwrap().filter(|e| e.as_ref().unwrap().path().is_dir()).count();
        if kept == vec![3, 4, 5, 6, 7] && folders == 5 {
            break;
        }
        assert!(Instant::now() < deadline, "kept builds: {kept:?}, {folders} folders (older ones are deleted)");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let oldest = all[0]["id"].as_str().unwrap();
    let (status, body) = status_and_json(
        app.call("POST", ACME, &format!("/api/v1/sites/{id}/deployments/{oldest}/rollback"), &token, None).await,
    )
    .await;
    assert_eq!(status, 409);
    assert_envelope(&body, "not_rollbackable");
    let hashes: std::collections::HashSet<&str> = all.iter().map(|d| d["content_hash"].as_str().unwrap()).collect();
    assert_eq!(hashes.len(), 7, "every version is a different build");
    let third = all[2]["id"].as_str().unwrap();
    let (status, rollback) = status_and_json(
        app.call("POST", ACME, &format!("/api/v1/sites/{id}/deployments/{third}/rollback"), &token, None).await,
    )
    .await;
    assert_eq!(status, 202, "a kept build can be rolled back to: {rollback}");
    wait_for(&app, &token, &id, rollback["id"].as_str().unwrap(), "live").await;
    // The site serves the third version again: its build, its colour.
    let (client, base) = site_client(&app, site["slug"].as_str().unwrap());
    let res = client.get(format!("{base}/style.css")).send().await.unwrap();
    assert_eq!(res.headers()["x-atelier-build"].to_str().unwrap(), all[2]["content_hash"].as_str().unwrap());
    let css = res.text().await.unwrap();
    assert!(css.contains(&colour(2)) && !css.contains(&colour(6)), "the third version's colour {}", colour(2));
    stop(worker).await;
}

#[tokio::test]
async fn a_tenant_that_queues_many_deployments_does_not_make_another_tenant_wait_behind_them() {
    let app = spawn_app().await;
    app.unlimited_plans().await;
    let acme = app.token(ACME, "client@acme.example").await;
    let globex = app.token("globex.localhost", "client@globex.example").await;
    // No worker yet: Acme queues five, then Globex two.
    for i in 0..5 {
        rapide(&app, &acme, &format!("Acme Rush {i}")).await;
    }
    for i in 0..2 {
        let form = json!({ "business_name": format!("Globex Late {i}"), "industry": "retail" });
        let (status, _) =
            status_and_json(app.call("POST", "globex.localhost", "/api/v1/sites/rapide", &globex, Some(&form)).await)
                .await;
        assert_eq!(status, 201);
    }
    let worker = atelier_api::testing::spawn_worker_with(&app.spawned(), |s| s.deploy_concurrency = 2);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let waiting: i64 = sqlx::query_scalar("select count(*) from deployments where status in ('queued', 'running')")
            .fetch_one(&app.owner)
            .await
            .unwrap();
        if waiting == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "{waiting} deployments never finished");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // In the order they started (the seed's two demo sites were queued first).
    let started: Vec<(String, String)> = sqlx::query_as(
        "select s.name, d.status from deployments d join sites s on s.id = d.site_id order by d.started_at, d.number",
    )
    .fetch_all(&app.owner)
    .await
    .unwrap();
    assert!(started.iter().all(|(_, status)| status == "live"), "{started:?}");
    // Where Globex's two deployments started (the worker runs two at once, so which of the
    // two Globex ones starts first within the same instant is not the point).
    let globex: Vec<usize> =
        started.iter().enumerate().filter(|(_, (n, _))| n.starts_with("Globex Late")).map(|(i, _)| i + 1).collect();
    // First come, first served would start them 8th and 9th of 9.
    assert!(globex[0] <= 5, "{started:?}");
    assert!(globex[1] <= 7, "{started:?}");
    stop(worker).await;
}

/// A site server that never answers (a shell script sleeping): a deployment using it sits in
/// its health check until it is cancelled or times out.
fn silent_siteserver() -> std::path::PathBuf {
    let dir = atelier_api::testing::scratch("silent");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("atelier-siteserver");
    // Not `exec`: the process keeps the site server's command line, as a hung server would.
    std::fs::write(&path, "#!/bin/sh\nwhile :; do sleep 1; done\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn process_alive(pid: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|stat| stat.rsplit(')').next().is_some_and(|rest| !rest.trim_start().starts_with('Z')))
}

#[tokio::test]
async fn cancelling_a_running_deployment_stops_its_instance_and_frees_its_port() {
    let app = spawn_app().await;
    let silent = silent_siteserver();
    let worker = spawn_worker_with(&app.spawned(), |s| s.siteserver_bin = Some(silent.clone()));
    let token = app.token(ACME, "client@acme.example").await;
    let site = rapide(&app, &token, "Pain Lent").await;
    let id = site["id"].as_str().unwrap().to_owned();
    let deployment = deployments(&app, &token, &id).await[0]["id"].as_str().unwrap().to_owned();
    // Running, its instance started and waiting for a health check that will not pass.
    let deadline = Instant::now() + Duration::from_secs(30);
    let instance = loop {
        let row: Option<(String, Option<String>, Option<String>)> =
            sqlx::query_as("select status, step, instance_ref from deployments where id::text = $1")
                .bind(&deployment)
                .fetch_optional(&app.owner)
                .await
                .unwrap();
        if let Some((status, Some(step), Some(instance))) = row
            && status == "running"
            && step == "health_check"
        {
            break instance;
        }
        assert!(Instant::now() < deadline, "the deployment never reached its health check");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let pid = instance.split(':').next().unwrap().to_owned();
    assert!(process_alive(&pid));

    let path = format!("/api/v1/sites/{id}/deployments/{deployment}/cancel");
    let (status, answered) = status_and_json(app.call("POST", ACME, &path, &token, None).await).await;
    assert_eq!(status, 200, "{answered}");
    let ended = wait_for(&app, &token, &id, &deployment, "cancelled").await;
    assert_eq!(ended["status"], "cancelled");
    // What it held is given back when the worker notices (at its next health-check beat):
    // the instance ends, the port is leased to nobody.
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let leases: i64 = sqlx::query_scalar("select count(*) from port_leases where deployment_id::text = $1")
            .bind(&deployment)
            .fetch_one(&app.owner)
            .await
            .unwrap();
        if leases == 0 && !process_alive(&pid) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "still held after cancel: {leases} port lease(s), instance alive: {}",
            process_alive(&pid)
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (_, log) =
        status_and_json(app.call("GET", ACME, &format!("/api/v1/deployments/{deployment}/logs"), &token, None).await)
            .await;
    let lines: Vec<&str> = log["lines"].as_array().unwrap().iter().map(|l| l["line"].as_str().unwrap()).collect();
    assert!(lines.contains(&"cancelled by the client"), "{lines:?}");
    // The site was never live: it is not now.
    let (_, detail) = status_and_json(app.call("GET", ACME, &format!("/api/v1/sites/{id}"), &token, None).await).await;
    assert_ne!(detail["status"], "live", "{detail}");
    stop(worker).await;
}

#[tokio::test]
async fn two_workers_at_once_run_each_deployment_once_on_ports_of_their_own() {
    let app = spawn_app().await;
    app.unlimited_plans().await;
    let token = app.token(ACME, "client@acme.example").await;
    // Queued first, then two workers race for them.
    let mut sites = Vec::new();
    for i in 0..8 {
        sites.push(rapide(&app, &token, &format!("Deux Fours {i}")).await);
    }
    let first = spawn_worker_with(&app.spawned(), |s| s.deploy_concurrency = 2);
    let second = spawn_worker_with(&app.spawned(), |s| s.deploy_concurrency = 2);
    let mut live = Vec::new();
    for site in &sites {
        let id = site["id"].as_str().unwrap();
        let deployment = deployments(&app, &token, id).await[0]["id"].as_str().unwrap().to_owned();
        live.push(wait_for(&app, &token, id, &deployment, "live").await);
    }
    let ports = live_ports(&app, "Deux Fours %").await;
    let distinct: std::collections::HashSet<i32> = ports.iter().copied().collect();
    assert_eq!((ports.len(), distinct.len()), (8, 8), "every live site has a port of its own: {ports:?}");
    // Each deployment ran once: one start step in its log, not two.
    for d in &live {
        let starts = d["steps"].as_array().unwrap().iter().filter(|s| s["name"] == "start").count();
        assert_eq!(starts, 1, "{d}");
        let lines: Vec<String> = sqlx::query_scalar(
            "select line from deployment_logs where deployment_id::text = $1
             and (line like '✓ start %' or line like '%started on the%') order by seq",
        )
        .bind(d["id"].as_str().unwrap())
        .fetch_all(&app.owner)
        .await
        .unwrap();
        assert_eq!(lines.len(), 2, "one worker took it, once: {lines:?}");
    }
    // Each site answers with its own build.
    for (site, d) in sites.iter().zip(&live) {
        let (client, base) = site_client(&app, site["slug"].as_str().unwrap());
        let res = client.get(format!("{base}/")).send().await.unwrap();
        assert_eq!(res.headers()["x-atelier-build"].to_str().unwrap(), d["content_hash"].as_str().unwrap());
    }
    first.stop().await;
    stop(second).await;
}

#[tokio::test]
async fn a_worker_that_starts_again_brings_back_a_live_site_whose_server_died() {
    let app = spawn_app().await;
    let worker = spawn_worker(&app.spawned());
    let token = app.token(ACME, "client@acme.example").await;
    let site = rapide(&app, &token, "Four Ressuscité").await;
    let id = site["id"].as_str().unwrap().to_owned();
    let deployment = deployments(&app, &token, &id).await[0]["id"].as_str().unwrap().to_owned();
    let live = wait_for(&app, &token, &id, &deployment, "live").await;
    let (client, base) = site_client(&app, site["slug"].as_str().unwrap());
    assert_eq!(client.get(format!("{base}/")).send().await.unwrap().status(), 200);
    let worker = worker.stop().await;

    // The site's server dies while no worker runs (a crash, an OOM kill): visitors get the
    // platform's error page, not the site.
    let instance: String = sqlx::query_scalar("select instance_ref from deployments where id::text = $1")
        .bind(&deployment)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    let pid = instance.split(':').next().unwrap().to_owned();
    assert!(std::process::Command::new("kill").args(["-9", &pid]).status().unwrap().success());
    let deadline = Instant::now() + Duration::from_secs(10);
    while process_alive(&pid) {
        assert!(Instant::now() < deadline, "kill -9 did not end {pid}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_ne!(client.get(format!("{base}/")).send().await.unwrap().status(), 200);

    // A worker starting again finds the live version without its server and starts it.
    let again = spawn_worker(&app.spawned());
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let res = client.get(format!("{base}/")).send().await.unwrap();
        if res.status() == 200 {
            assert_eq!(res.headers()["x-atelier-build"].to_str().unwrap(), live["content_hash"].as_str().unwrap());
            break;
        }
        assert!(Instant::now() < deadline, "the site never came back: {}", res.status());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    drop(worker);
    stop(again).await;
}

/// `n` requests for `/` written on one TCP connection to `port`, and what came back.
fn on_one_connection(port: u16, requests: &[&str]) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    for request in requests {
        stream.write_all(request.as_bytes()).unwrap();
    }
    let mut answers = String::new();
    // The last request says `Connection: close`: the server ends the connection after it.
    let _ = stream.read_to_string(&mut answers);
    answers
}

#[tokio::test]
async fn a_second_visit_is_not_modified_pages_come_gzipped_and_one_connection_serves_many_requests() {
    let app = spawn_app().await;
    let worker = spawn_worker(&app.spawned());
    let token = app.token(ACME, "client@acme.example").await;
    let site = rapide(&app, &token, "Fournil Malin").await;
    let (id, slug) = (site["id"].as_str().unwrap(), site["slug"].as_str().unwrap());
    let first = deployments(&app, &token, id).await;
    let live = wait_for(&app, &token, id, first[0]["id"].as_str().unwrap(), "live").await;
    let hash = live["content_hash"].as_str().unwrap();

    // Through the platform's address: the build is the tag, a second visit is a 304.
    let (client, base) = site_client(&app, slug);
    let home = client.get(format!("{base}/")).send().await.unwrap();
    assert_eq!(home.status(), 200);
    let tag = home.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(tag, format!("\"{hash}\""));
    let html = home.text().await.unwrap();
    let again = client.get(format!("{base}/")).header("if-none-match", &tag).send().await.unwrap();
    assert_eq!(again.status(), 304);
    let stale = client.get(format!("{base}/")).header("if-none-match", "\"an-older-build\"").send().await.unwrap();
    assert_eq!(stale.status(), 200, "another build's tag gets the page");

    // A client that accepts gzip gets the twin written when the build was packaged.
    let zipped = client.get(format!("{base}/")).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(zipped.headers()["content-encoding"], "gzip");
    assert_eq!(zipped.headers()["vary"], "Accept-Encoding");
    let bytes = zipped.bytes().await.unwrap();
    let mut unzipped = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut unzipped).unwrap();
    assert_eq!(unzipped, html);
    assert!(bytes.len() * 2 < html.len(), "{} bytes gzipped of {}", bytes.len(), html.len());

    // The site server itself keeps a connection for the next request, and dates its answers.
    let port: i32 = sqlx::query_scalar("select port from deployments where id::text = $1")
        .bind(live["id"].as_str().unwrap())
        .fetch_one(&app.owner)
        .await
        .unwrap();
    let ask =
        |last: bool| format!("GET / HTTP/1.1\r\nHost: x\r\n{}\r\n", if last { "Connection: close\r\n" } else { "" });
    let answers = on_one_connection(port as u16, &[&ask(false), &ask(false), &ask(true)]);
    assert_eq!(answers.matches("HTTP/1.1 200 OK").count(), 3, "three answers on one connection: {answers:.400}");
    assert_eq!(answers.matches("Connection: keep-alive").count(), 2);
    assert_eq!(answers.matches("Connection: close").count(), 1);
    assert!(answers.contains("\r\nDate: ") && answers.contains(" GMT\r\n"), "{answers:.400}");
    // A 304, as the site server writes it: the tag, no length, nothing after the headers.
    let ask_again = format!("GET / HTTP/1.1\r\nHost: x\r\nIf-None-Match: {tag}\r\nConnection: close\r\n\r\n");
    let not_modified = on_one_connection(port as u16, &[&ask_again]);
    assert!(not_modified.starts_with("HTTP/1.1 304 Not Modified\r\n"), "{not_modified:.400}");
    assert!(not_modified.contains(&format!("ETag: {tag}\r\n")) && !not_modified.contains("Content-Length"));
    assert!(not_modified.ends_with("\r\n\r\n"), "a 304 has no body: {not_modified:?}");
    // The gzip twin is its own representation, with its own tag.
    let zipped_tag = format!("\"{hash}-gz\"");
    let ask_zipped = "HEAD / HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n";
    assert!(on_one_connection(port as u16, &[ask_zipped]).contains(&format!("ETag: {zipped_tag}\r\n")));
    stop(worker).await;
}
