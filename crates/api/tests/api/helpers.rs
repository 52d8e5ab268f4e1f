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

    /// Registers a client on `host` (answered 202) and signs it in: unconfirmed yet.
    pub async fn register(&self, host: &str, email: &str, name: &str) -> String {
        let body = json!({ "email": email, "password": PASSWORD, "display_name": name });
        let (status, accepted) = status_and_json(self.post_json(host, "/api/v1/auth/register", &body).await).await;
        assert_eq!(status, 202, "{accepted}");
        self.token(host, email).await
    }

    /// The secret of the newest link of `kind` (`verify_email`, `password_reset`) mailed to
    /// `email`, read from the outbox as the mail carries it.
    pub async fn link_secret(&self, kind: &str, email: &str) -> String {
        let text: String = sqlx::query_scalar(
            "select text_body from mail_outbox where kind = $1 and to_address = $2 order by created_at desc limit 1",
        )
        .bind(kind)
        .bind(email)
        .fetch_one(&self.owner)
        .await
        .unwrap_or_else(|e| panic!("no {kind} mail to {email}: {e}"));
        let at = text.find("token=").expect("a link with a token") + "token=".len();
        text[at..].chars().take_while(char::is_ascii_alphanumeric).collect()
    }

    /// Registers a client on `host` and confirms its address with the mailed link: the
    /// access token of the session the link opens.
    pub async fn verified_client(&self, host: &str, email: &str, name: &str) -> String {
        self.register(host, email, name).await;
        let token = self.link_secret("verify_email", email).await;
        let body = json!({ "token": token, "password": PASSWORD });
        let res = self.post_json(host, "/api/v1/auth/verify-email", &body).await;
        let (status, session) = status_and_json(res).await;
        assert_eq!(status, 200, "{session}");
        assert_eq!(session["user"]["email_verified"], true);
        session["access_token"].as_str().expect("access token").to_owned()
    }

    /// Lifts every plan limit (tests that publish many sites for one client measure the
    /// deployer, not the plans).
    pub async fn unlimited_plans(&self) {
        atelier_api::testing::unlimited_plans(&self.owner).await;
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
