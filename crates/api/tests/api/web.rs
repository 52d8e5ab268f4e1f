//! The web apps are served by host, with SPA fallback, the right types and cache headers.

use std::path::PathBuf;

use crate::helpers::{TestApp, assert_envelope, spawn_app_with, status_and_json};

/// Six fake builds, as Trunk lays them out (the writers one deliberately missing when asked).
fn fake_builds(with_writers: bool) -> PathBuf {
    let root = atelier_api::testing::scratch("web");
    for app in ["clients", "wizard", "billing", "writers", "staff", "money"] {
        if app == "writers" && !with_writers {
            continue;
        }
        let dir = root.join(app);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), format!("<!doctype html><title>{app}-index</title>")).unwrap();
        std::fs::write(dir.join(format!("atelier-frontend-1a2b{app}_bg.wasm")), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(dir.join(format!("atelier-frontend-1a2b{app}.js")), "export const x = 1;\n".repeat(500))
            .unwrap();
    }
    root
}

async fn spawn(with_writers: bool) -> TestApp {
    let dir = fake_builds(with_writers);
    spawn_app_with(move |s| s.web_dir = dir).await
}

async fn text(app: &TestApp, host: &str, path: &str) -> (u16, String) {
    let res = app.get(host, path).await;
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn each_host_gets_its_own_app_and_app_routes_fall_back_to_index() {
    let app = spawn(true).await;
    for (host, marker) in [
        ("acme.localhost", "clients-index"),
        ("globex.localhost", "clients-index"),
        ("writers.localhost", "writers-index"),
        ("staff.localhost", "staff-index"),
    ] {
        for path in ["/", "/login", "/profile", "/some/deep/route"] {
            let (status, body) = text(&app, host, path).await;
            assert_eq!(status, 200, "{host}{path}");
            assert!(body.contains(marker), "{host}{path} served {body}");
        }
    }
    // The site wizard is a build of its own, on tenant hosts: its page and its files.
    for path in ["/sites/3f2a/wizard", "/sites/3f2a/wizard/"] {
        assert!(text(&app, "acme.localhost", path).await.1.contains("wizard-index"), "{path}");
    }
    let (status, body) = text(&app, "globex.localhost", "/wizard/atelier-frontend-1a2bwizard.js").await;
    assert_eq!(status, 200);
    assert!(body.starts_with("export const x"), "{body}");
    for (host, path, marker) in [
        ("acme.localhost", "/sites/3f2a", "clients-index"),
        ("acme.localhost", "/sites/new/wizard/more", "clients-index"),
        ("acme.localhost", "/sites/3f2a/wizard//", "clients-index"),
        ("writers.localhost", "/sites/3f2a/wizard", "writers-index"),
    ] {
        assert!(text(&app, host, path).await.1.contains(marker), "{host}{path}");
    }
    // Under /wizard/ are its files only: no page there (neither build routes one).
    for path in ["/wizard/", "/wizard/sites/3f2a/wizard", "/wizard/index.html"] {
        assert_eq!(text(&app, "acme.localhost", path).await.0, 404, "{path}");
    }
    // The billing page (tenant hosts) and the money pages (staff host) are builds of their own too.
    for (host, path, marker) in [
        ("acme.localhost", "/billing", "billing-index"),
        ("acme.localhost", "/billing/invoices", "billing-index"),
        ("acme.localhost", "/billingx", "clients-index"),
        ("staff.localhost", "/billing", "staff-index"),
        ("staff.localhost", "/money", "money-index"),
        ("staff.localhost", "/money/promo-codes", "money-index"),
        ("acme.localhost", "/money", "clients-index"),
        ("writers.localhost", "/money", "writers-index"),
    ] {
        assert!(text(&app, host, path).await.1.contains(marker), "{host}{path}");
    }
    let (status, body) = text(&app, "staff.localhost", "/money-app/atelier-frontend-1a2bmoney.js").await;
    assert_eq!(status, 200);
    assert!(body.starts_with("export const x"), "{body}");
    assert_eq!(text(&app, "acme.localhost", "/billing-app/atelier-frontend-1a2bbilling.js").await.0, 200);
    assert_eq!(
        text(&app, "acme.localhost", "/money-app/atelier-frontend-1a2bmoney.js").await.0,
        404,
        "staff files only"
    );
    assert_eq!(text(&app, "staff.localhost", "/money-app/index.html").await.0, 404);
    // The API host has no app: its front page is the API documentation.
    let res = app.get("api.localhost", "/").await;
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/api/docs/");
}

#[tokio::test]
async fn assets_have_their_types_long_caching_and_gzip() {
    let app = spawn(true).await;
    let res = app.get("writers.localhost", "/atelier-frontend-1a2bwriters_bg.wasm").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/wasm");
    assert_eq!(res.headers()["cache-control"], "public, max-age=31536000, immutable");

    let res = app.get("acme.localhost", "/").await;
    assert_eq!(res.headers()["cache-control"], "no-cache", "index.html must never be cached");

    let js = app.url("staff.localhost", "/atelier-frontend-1a2bstaff.js");
    let res = app.client.get(&js).header("accept-encoding", "gzip, br").send().await.unwrap();
    assert_eq!(res.headers()["content-encoding"], "gzip");
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/javascript"));
    let compressed = res.bytes().await.unwrap().len();
    let plain = app.client.get(&js).send().await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    let plain = plain.bytes().await.unwrap().len();
    assert!(compressed * 10 < plain, "gzip {compressed} vs plain {plain}");
}

#[tokio::test]
async fn the_api_stays_the_api_on_app_hosts() {
    let app = spawn(true).await;
    let (status, body) = status_and_json(app.get("acme.localhost", "/api/v1/tenant").await).await;
    assert_eq!(status, 200);
    assert_eq!(body["slug"], "acme");
    let (status, body) = status_and_json(app.get("staff.localhost", "/api/v1/nothing-here").await).await;
    assert_eq!(status, 404);
    assert_envelope(&body, "not_found");
    // A missing file is a 404, not the app's index.
    let (status, body) = status_and_json(app.get("acme.localhost", "/missing-asset.js").await).await;
    assert_eq!(status, 404);
    assert_envelope(&body, "not_found");
    // Unknown hosts get no app.
    let (status, body) = status_and_json(app.get("nope.localhost", "/").await).await;
    assert_eq!(status, 404);
    assert_envelope(&body, "unknown_host");
}

#[tokio::test]
async fn an_app_that_was_not_built_says_so() {
    let app = spawn(false).await;
    let (status, body) = status_and_json(app.get("writers.localhost", "/").await).await;
    assert_eq!(status, 503);
    assert_envelope(&body, "app_not_built");
    assert!(body["message"].as_str().unwrap().contains("cargo xtask web"), "{body}");
    assert_eq!(text(&app, "staff.localhost", "/").await.0, 200);
}
