//! `spawn_app()`: a fresh migrated and seeded database, its own Redis key prefix, and the
//! application on a random port, reachable under every demo host name.

use std::net::SocketAddr;

use actix_web::web::Data;
use atelier_api::config::Settings;
use atelier_api::seed::Demo;
use atelier_api::state::AppState;
use atelier_db::{Db, PgPool};
use reqwest::{Client, Response};
use serde_json::{Value, json};

pub use atelier_api::testing::{PASSWORD, env, fresh_database};

pub const HOSTS: &[&str] = &[
    "acme.localhost",
    "globex.localhost",
    "writers.localhost",
    "staff.localhost",
    "api.localhost",
    "nope.localhost",
    "beta.localhost",
    "localhost",
];

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

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let spawned = atelier_api::testing::spawn(adjust).await;
    let mut client = Client::builder().redirect(reqwest::redirect::Policy::none());
    for host in HOSTS {
        client = client.resolve(host, SocketAddr::from(([127, 0, 0, 1], spawned.port)));
    }
    TestApp {
        port: spawned.port,
        db: spawned.state.db.clone(),
        owner: spawned.owner,
        client: client.build().expect("HTTP client"),
        demo: spawned.demo,
        state: spawned.state,
    }
}

impl TestApp {
    /// The application as `atelier_api::testing` hands it out (to start a worker on it).
    pub fn spawned(&self) -> atelier_api::testing::Spawned {
        atelier_api::testing::Spawned {
            port: self.port,
            state: self.state.clone(),
            demo: self.demo.clone(),
            owner: self.owner.clone(),
        }
    }

    pub fn url(&self, host: &str, path: &str) -> String {
        format!("http://{host}:{}{path}", self.port)
    }

    pub async fn get(&self, host: &str, path: &str) -> Response {
        self.client.get(self.url(host, path)).send().await.expect("request")
    }

    pub async fn get_authed(&self, host: &str, path: &str, token: &str) -> Response {
        self.client.get(self.url(host, path)).bearer_auth(token).send().await.expect("request")
    }

    pub async fn post_json(&self, host: &str, path: &str, body: &Value) -> Response {
        self.client.post(self.url(host, path)).json(body).send().await.expect("request")
    }

    /// Any method, signed in, with an optional JSON body.
    pub async fn call(&self, method: &str, host: &str, path: &str, token: &str, body: Option<&Value>) -> Response {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut request = self.client.request(method, self.url(host, path)).bearer_auth(token);
        if let Some(body) = body {
            request = request.json(body);
        }
        request.send().await.expect("request")
    }

    /// The access token of a fresh session.
    pub async fn token(&self, host: &str, email: &str) -> String {
        self.session(host, email).await["access_token"].as_str().expect("access token").to_owned()
    }

    pub async fn login(&self, host: &str, email: &str, password: &str) -> Response {
        self.post_json(host, "/api/v1/auth/login", &json!({"email": email, "password": password})).await
    }

    /// Signs in and returns the token response, failing the test if it does not succeed.
    pub async fn session(&self, host: &str, email: &str) -> Value {
        let res = self.login(host, email, PASSWORD).await;
        assert_eq!(res.status(), 200, "sign-in of {email} on {host}");
        res.json().await.expect("token JSON")
    }

    pub async fn refresh(&self, host: &str, refresh_token: &str) -> Response {
        self.post_json(host, "/api/v1/auth/refresh", &json!({"refresh_token": refresh_token})).await
    }
}

/// Status and JSON body together, for compact assertions.
pub async fn status_and_json(res: Response) -> (u16, Value) {
    let status = res.status().as_u16();
    let content_type = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let text = res.text().await.expect("body");
    let body = serde_json::from_str(&text)
        .unwrap_or_else(|_| panic!("expected JSON (content-type {content_type}), got {status}: {text}"));
    (status, body)
}

/// Asserts the error envelope: `code`, a non-empty `message`, nothing unexpected.
pub fn assert_envelope(body: &Value, code: &str) {
    assert_eq!(body["code"], code, "{body}");
    assert!(body["message"].as_str().is_some_and(|m| m.len() > 10), "message should help a person: {body}");
    let keys: Vec<&String> = body.as_object().expect("object").keys().collect();
    assert!(keys.iter().all(|k| ["code", "message", "details"].contains(&k.as_str())), "{body}");
}
