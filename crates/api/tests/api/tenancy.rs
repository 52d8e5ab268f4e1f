use redis::AsyncCommands;

use crate::helpers::{assert_envelope, env, spawn_app, spawn_app_with, status_and_json};

#[tokio::test]
async fn each_tenant_domain_shows_its_own_branding() {
    let app = spawn_app().await;
    let (status, acme) = status_and_json(app.get("acme.localhost", "/api/v1/tenant").await).await;
    assert_eq!(status, 200);
    let (_, globex) = status_and_json(app.get("globex.localhost", "/api/v1/tenant").await).await;
    assert_eq!(acme["name"], "Acme Sites");
    assert_eq!(acme["primary_domain"], "acme.localhost");
    assert_eq!(globex["name"], "Globex Web Studio");
    assert_ne!(acme["theme_color"], globex["theme_color"]);
    assert_ne!(acme["currency"], globex["currency"]);

    // Case and a trailing dot do not matter; the port never does.
    let res = app
        .client
        .get(app.url("acme.localhost", "/api/v1/tenant"))
        .header("host", "ACME.localhost.")
        .send()
        .await
        .unwrap();
    let (_, again) = status_and_json(res).await;
    assert_eq!(again["id"], acme["id"]);
}

#[tokio::test]
async fn platform_hosts_are_not_tenants() {
    let app = spawn_app().await;
    for host in ["writers.localhost", "staff.localhost", "api.localhost", "localhost"] {
        let (status, body) = status_and_json(app.get(host, "/api/v1/tenant").await).await;
        assert_eq!(status, 404, "{host}");
        assert_envelope(&body, "not_a_tenant_host");
    }
}

#[tokio::test]
async fn an_inactive_tenant_is_unavailable() {
    let app = spawn_app().await;
    sqlx::query("update websites set active = false where slug = 'globex'").execute(&app.owner).await.unwrap();
    app.state.forget_host("globex.localhost").await.unwrap();
    let (status, body) = status_and_json(app.get("globex.localhost", "/api/v1/tenant").await).await;
    assert_eq!(status, 404);
    assert_envelope(&body, "tenant_inactive");
}

#[tokio::test]
async fn resolution_is_cached_in_redis_until_forgotten() {
    let app = spawn_app().await;
    assert_eq!(app.get("acme.localhost", "/api/v1/tenant").await.status(), 200);
    let key = app.state.keys.tenant_by_host("acme.localhost");
    let mut redis =
        redis::Client::open(env("ATELIER_TEST_REDIS_URL")).unwrap().get_multiplexed_async_connection().await.unwrap();
    let cached: Option<String> = redis.get(&key).await.unwrap();
    assert!(cached.unwrap().contains("Acme Sites"));

    // A rename is not seen while cached, and is seen once the entry is forgotten.
    sqlx::query("update websites set name = 'Acme Renamed' where slug = 'acme'").execute(&app.owner).await.unwrap();
    let (_, body) = status_and_json(app.get("acme.localhost", "/api/v1/tenant").await).await;
    assert_eq!(body["name"], "Acme Sites");
    app.state.forget_host("acme.localhost").await.unwrap();
    let (_, body) = status_and_json(app.get("acme.localhost", "/api/v1/tenant").await).await;
    assert_eq!(body["name"], "Acme Renamed");
}

#[tokio::test]
async fn forwarded_host_is_believed_only_from_a_trusted_proxy() {
    let untrusted = spawn_app().await;
    let res = untrusted
        .client
        .get(untrusted.url("acme.localhost", "/api/v1/tenant"))
        .header("x-forwarded-host", "globex.localhost")
        .send()
        .await
        .unwrap();
    let (_, body) = status_and_json(res).await;
    assert_eq!(body["slug"], "acme", "a direct client cannot pick its tenant");

    let behind_proxy = spawn_app_with(|s| s.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]).await;
    let res = behind_proxy
        .client
        .get(behind_proxy.url("api.localhost", "/api/v1/tenant"))
        .header("x-forwarded-host", "globex.localhost:443")
        .send()
        .await
        .unwrap();
    let (_, body) = status_and_json(res).await;
    assert_eq!(body["slug"], "globex");
}
