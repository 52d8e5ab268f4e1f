//! `spawn_app()`: a fresh migrated and seeded database, its own Redis key prefix, and the
//! application on a random port, reachable under every demo host name.

use std::net::SocketAddr;

use actix_web::web::Data;
use atelier_api::Application;
use atelier_api::config::Settings;
use atelier_api::seed::{self, Demo};
use atelier_api::state::AppState;
use atelier_db::{Db, PgPool};
use reqwest::{Client, Response};
use secrecy::SecretString;
use serde_json::{Value, json};
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use uuid::Uuid;

pub const PASSWORD: &str = "demo-password-for-tests";

pub const HOSTS: &[&str] = &[
    "acme.localhost",
    "globex.localhost",
    "writers.localhost",
    "staff.localhost",
    "api.localhost",
    "nope.localhost",
    "localhost",
];

pub fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: run the tests with `cargo xtask test`, which starts PostgreSQL and Redis")
    })
}

pub struct TestApp {
    pub port: u16,
    /// The application's own handle (role `atelier_app`, row-level security applies).
    pub db: Db,
    /// The superuser on the same database, for fixtures that deliberately go around the
    /// application (suspending an account, renaming a tenant behind its back).
    pub owner: PgPool,
    pub client: Client,
    pub demo: Demo,
    pub state: Data<AppState>,
}

/// A new, empty database, reachable as its owner and as the application's role.
pub struct TestDatabase {
    pub owner_url: String,
    pub app_url: String,
}

fn with_database(url: &str, name: &str) -> String {
    let (base, _) = url.rsplit_once('/').expect("database URL has a path");
    format!("{base}/{name}")
}

pub async fn fresh_database() -> TestDatabase {
    let admin_url = env("ATELIER_TEST_DATABASE_URL");
    let name = format!("atelier_test_{}", Uuid::new_v4().simple());
    let mut admin = PgConnection::connect(&admin_url)
        .await
        .expect("connect to the test PostgreSQL");
    sqlx::query(AssertSqlSafe(format!("create database {name}")))
        .execute(&mut admin)
        .await
        .expect("create database");
    TestDatabase {
        owner_url: with_database(&admin_url, &name),
        app_url: with_database(&env("ATELIER_TEST_APP_DATABASE_URL"), &name),
    }
}

pub fn settings(database: &TestDatabase, redis_url: &str) -> Settings {
    Settings {
        bind: "127.0.0.1:0".into(),
        http_workers: Some(1),
        database_url: SecretString::from(database.app_url.clone()),
        migration_database_url: Some(SecretString::from(database.owner_url.clone())),
        db_max_connections: 5,
        redis_url: SecretString::from(redis_url.to_owned()),
        redis_prefix: format!("test:{}:", Uuid::new_v4().simple()),
        jwt_secret: SecretString::from(format!(
            "{}{}",
            Uuid::new_v4().simple(),
            Uuid::new_v4().simple()
        )),
        platform_domain: "localhost".into(),
        trusted_proxies: Vec::new(),
        access_token_ttl_secs: 900,
        refresh_token_ttl_secs: 3600,
        login_max_attempts_per_ip: 1000,
        login_max_failures_per_account: 1000,
        login_window_secs: 60,
        tenant_cache_ttl_secs: 60,
        migrate_on_start: true,
        web_dir: std::env::temp_dir().join("atelier-no-web-apps"),
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let database = fresh_database().await;
    let mut settings = settings(&database, &env("ATELIER_TEST_REDIS_URL"));
    adjust(&mut settings);
    let app = Application::build(settings)
        .await
        .expect("build the application");
    let port = app.port();
    let state = app.state();
    let db = state.db.clone();
    tokio::spawn(app.run_until_stopped());
    let demo = seed::demo(&db, SecretString::from(PASSWORD), "localhost")
        .await
        .expect("seed the demo");
    let owner = atelier_db::connect_owner(&database.owner_url, 2)
        .await
        .expect("owner connection");

    let mut client = Client::builder().redirect(reqwest::redirect::Policy::none());
    for host in HOSTS {
        client = client.resolve(host, SocketAddr::from(([127, 0, 0, 1], port)));
    }
    TestApp {
        port,
        db,
        owner,
        client: client.build().expect("HTTP client"),
        demo,
        state,
    }
}

impl TestApp {
    pub fn url(&self, host: &str, path: &str) -> String {
        format!("http://{host}:{}{path}", self.port)
    }

    pub async fn get(&self, host: &str, path: &str) -> Response {
        self.client
            .get(self.url(host, path))
            .send()
            .await
            .expect("request")
    }

    pub async fn get_authed(&self, host: &str, path: &str, token: &str) -> Response {
        self.client
            .get(self.url(host, path))
            .bearer_auth(token)
            .send()
            .await
            .expect("request")
    }

    pub async fn post_json(&self, host: &str, path: &str, body: &Value) -> Response {
        self.client
            .post(self.url(host, path))
            .json(body)
            .send()
            .await
            .expect("request")
    }

    pub async fn login(&self, host: &str, email: &str, password: &str) -> Response {
        self.post_json(
            host,
            "/api/v1/auth/login",
            &json!({"email": email, "password": password}),
        )
        .await
    }

    /// Signs in and returns the token response, failing the test if it does not succeed.
    pub async fn session(&self, host: &str, email: &str) -> Value {
        let res = self.login(host, email, PASSWORD).await;
        assert_eq!(res.status(), 200, "sign-in of {email} on {host}");
        res.json().await.expect("token JSON")
    }

    pub async fn refresh(&self, host: &str, refresh_token: &str) -> Response {
        self.post_json(
            host,
            "/api/v1/auth/refresh",
            &json!({"refresh_token": refresh_token}),
        )
        .await
    }
}

/// Status and JSON body together, for compact assertions.
pub async fn status_and_json(res: Response) -> (u16, Value) {
    let status = res.status().as_u16();
    let content_type = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let text = res.text().await.expect("body");
    let body = serde_json::from_str(&text).unwrap_or_else(|_| {
        panic!("expected JSON (content-type {content_type}), got {status}: {text}")
    });
    (status, body)
}

/// Asserts the error envelope: `code`, a non-empty `message`, nothing unexpected.
pub fn assert_envelope(body: &Value, code: &str) {
    assert_eq!(body["code"], code, "{body}");
    assert!(
        body["message"].as_str().is_some_and(|m| m.len() > 10),
        "message should help a person: {body}"
    );
    let keys: Vec<&String> = body.as_object().expect("object").keys().collect();
    assert!(
        keys.iter()
            .all(|k| ["code", "message", "details"].contains(&k.as_str())),
        "{body}"
    );
}
