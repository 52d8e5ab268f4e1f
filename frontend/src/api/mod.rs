//! The typed client of the Atelier API: one function per operation of the OpenAPI document,
//! named after its `operationId` (a test holds names, methods and paths to the document), in
//! one file per area. Pages call these and never build an address themselves.
//!
//! This file is the transport under them. Requests go to `/api/v1/…` on the page's own host
//! (the host decides the tenant). Tokens live in localStorage of this host only; an expired
//! access token is refreshed once, transparently, and the request retried. Every call of a
//! tab that meets an expired token waits for one refresh; a tab finds the tokens another tab
//! refreshed in the shared storage and uses them (and the server forgives the rare refresh
//! two tabs still race, within 20 seconds).

mod auth;
mod billing;
mod deployments;
mod finance;
mod money;
mod notifications;
mod orders;
mod sites;
mod staff;

pub use auth::*;
pub use billing::*;
pub use deployments::*;
pub use finance::*;
pub use money::*;
pub use notifications::*;
pub use orders::*;
pub use sites::*;
pub use staff::*;

use atelier_types::auth::TokenResponse;
use atelier_types::{ErrorBody, FieldError};
use gloo_net::http::{Request, Response};
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::browser;

const TOKENS_KEY: &str = "atelier.tokens";
const DEVICE_KEY: &str = "atelier.device";

/// This browser's random device id on this host, made on first use (`None` without storage
/// or a secure context's random source).
fn device_id() -> Option<String> {
    if let Some(id) = browser::load(DEVICE_KEY) {
        return Some(id);
    }
    let mut bytes = [0u8; 16];
    web_sys::window()?.crypto().ok()?.get_random_values_with_u8_array(&mut bytes).ok()?;
    let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    browser::store(DEVICE_KEY, &id);
    browser::load(DEVICE_KEY)
}

/// A failed call, as the UI needs it: the envelope's code and message, the fields to mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// 0 when the server could not be reached.
    pub status: u16,
    pub code: String,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl ApiError {
    fn network(detail: impl ToString) -> Self {
        Self { status: 0, code: "network".into(), message: detail.to_string(), fields: Vec::new() }
    }

    /// An address that names nothing (a malformed id), answered here as the server would.
    pub fn not_found() -> Self {
        Self { status: 404, code: "not_found".into(), message: "Nothing is here.".into(), fields: Vec::new() }
    }

    pub fn field(&self, name: &str) -> Option<&FieldError> {
        self.fields.iter().find(|f| f.field == name)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Tokens {
    access_token: String,
    refresh_token: String,
}

fn saved_tokens() -> Option<Tokens> {
    serde_json::from_str(&browser::load(TOKENS_KEY)?).ok()
}

fn save_tokens(response: &TokenResponse) {
    let tokens = Tokens { access_token: response.access_token.clone(), refresh_token: response.refresh_token.clone() };
    if let Ok(json) = serde_json::to_string(&tokens) {
        browser::store(TOKENS_KEY, &json);
    }
}

pub fn forget_tokens() {
    browser::forget(TOKENS_KEY);
}

thread_local! {
    /// What the app does when the server ends its session (set by `Session::provide`).
    static ON_SESSION_END: std::cell::RefCell<Option<std::rc::Rc<dyn Fn()>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `then` whenever a call finds the session over (suspended, signed out elsewhere,
/// refresh refused): the app signs out at the click that found it.
pub fn on_session_end(then: impl Fn() + 'static) {
    ON_SESSION_END.with(|slot| *slot.borrow_mut() = Some(std::rc::Rc::new(then)));
}

fn session_ended() {
    forget_tokens();
    if let Some(then) = ON_SESSION_END.with(|slot| slot.borrow().clone()) {
        then();
    }
}

pub fn has_session() -> bool {
    saved_tokens().is_some()
}

/// A 2xx answer's body, or the failure from the error envelope. Not generic: each app calls
/// it with dozens of answer types, and only the final parse (`read`) is made per type.
async fn read_body(response: Response) -> Result<String, ApiError> {
    let status = response.status();
    if (200..300).contains(&status) {
        return response.text().await.map_err(ApiError::network);
    }
    match response.json::<ErrorBody>().await {
        Ok(body) => Err(ApiError {
            status,
            code: body.code,
            message: body.message,
            fields: body.details.map(|d| d.fields).unwrap_or_default(),
        }),
        Err(_) => Err(ApiError {
            status,
            code: "unexpected".into(),
            message: format!("The server answered {status}."),
            fields: Vec::new(),
        }),
    }
}

/// A body on its way (or the failure), before it is read as any type.
type Body = Pin<Box<dyn Future<Output = Result<String, ApiError>>>>;

/// A finished call whose answer needs more than a parse (a session kept, a download saved).
pub type Boxed<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

/// The answer to a call, on its way: awaited, it is read as `T`, the operation's answer type.
/// Only the read is per type: the request is one boxed future whatever the answer, and an
/// app that awaits [`Call::done`] instead never carries the code that reads a `T`. Measured
/// on the staff app, gzipped: 374 KB with each answer read, 352 KB this way (it stops and
/// starts sites without the code that reads a whole `Site`).
pub struct Call<T> {
    body: Body,
    answer: PhantomData<fn() -> T>,
}

impl<T> Call<T> {
    fn new(body: impl Future<Output = Result<String, ApiError>> + 'static) -> Self {
        Call { body: Box::pin(body), answer: PhantomData }
    }

    /// Waits for the answer without reading it, for a page that needs only to know it worked.
    pub fn done(self) -> impl Future<Output = Result<(), ApiError>> {
        succeeded(self.body)
    }
}

async fn succeeded(body: Body) -> Result<(), ApiError> {
    body.await.map(drop)
}

impl<T: DeserializeOwned> Future for Call<T> {
    type Output = Result<T, ApiError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.get_mut().body.as_mut().poll(cx).map(|body| parse(&body?))
    }
}

/// A 2xx body as `T`; an empty answer (204) reads as JSON `null`, so `()` takes it.
fn parse<T: DeserializeOwned>(body: &str) -> Result<T, ApiError> {
    serde_json::from_str(if body.is_empty() { "null" } else { body }).map_err(ApiError::network)
}

/// An anonymous call's body (the tenant's branding, sign-in, registration, refresh).
async fn anonymous(request: Result<gloo_net::http::Request, gloo_net::Error>) -> Result<String, ApiError> {
    read_body(request.map_err(ApiError::network)?.send().await.map_err(ApiError::network)?).await
}

/// `path?name=value&…` from a query type's fields (absent ones left out), each encoded.
fn with_query(path: &str, query: &impl Serialize) -> String {
    // Through a string rather than `to_value`: the apps already carry the JSON writer and
    // reader, and `to_value`'s serializer would add its own code to each app.
    let fields = serde_json::to_string(query).and_then(|json| serde_json::from_str::<serde_json::Value>(&json));
    let Ok(serde_json::Value::Object(fields)) = fields else { return path.to_owned() };
    let pairs: Vec<String> = fields
        .into_iter()
        .filter_map(|(name, value)| {
            let text = match value {
                serde_json::Value::Null => return None,
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            Some(format!("{name}={}", encode(&text)))
        })
        .collect();
    if pairs.is_empty() { path.to_owned() } else { format!("{path}?{}", pairs.join("&")) }
}

/// One path segment or query value, percent-encoded.
/// A WebSocket to `path` (with its query) on this host, `wss` on an https page.
fn websocket(path: &str) -> Result<web_sys::WebSocket, ApiError> {
    let location = web_sys::window().map(|w| w.location());
    let scheme = match location.as_ref().and_then(|l| l.protocol().ok()).as_deref() {
        Some("https:") => "wss",
        _ => "ws",
    };
    let host = location.and_then(|l| l.host().ok()).unwrap_or_default();
    web_sys::WebSocket::new(&format!("{scheme}://{host}{path}")).map_err(|_| ApiError::network("websocket"))
}

fn encode(text: &str) -> String {
    js_sys::encode_uri_component(text).as_string().unwrap_or_default()
}

fn unauthenticated() -> ApiError {
    ApiError { status: 401, code: "unauthenticated".into(), message: "Sign in to continue.".into(), fields: Vec::new() }
}

async fn send_once(method: &str, path: &str, body: Option<&str>, token: &str) -> Result<Response, ApiError> {
    let builder = match method {
        "POST" => Request::post(path),
        "PATCH" => Request::patch(path),
        "PUT" => Request::put(path),
        "DELETE" => Request::delete(path),
        _ => Request::get(path),
    }
    .header("Authorization", &format!("Bearer {token}"));
    // A password change opens a session too: from this device, which stays known.
    let builder = match device_id() {
        Some(id) => builder.header("X-Atelier-Device", &id),
        None => builder,
    };
    let request = match body {
        Some(json) => builder.header("Content-Type", "application/json").body(json.to_owned()),
        None => builder.build(),
    };
    request.map_err(ApiError::network)?.send().await.map_err(ApiError::network)
}

type Refresh = futures_util::future::Shared<Pin<Box<dyn Future<Output = Result<(), ApiError>>>>>;

thread_local! {
    /// The refresh this tab has in flight, which every call that meets an expired token joins.
    static REFRESHING: std::cell::RefCell<Option<(String, Refresh)>> = const { std::cell::RefCell::new(None) };
}

/// A fresh access token after `stale` expired: another tab's (found in storage), the one
/// this tab is already refreshing, or a new refresh that later callers join.
async fn renewed(stale: Tokens) -> Result<String, ApiError> {
    if let Some(now) = saved_tokens().filter(|t| t.refresh_token != stale.refresh_token) {
        return Ok(now.access_token);
    }
    let refresh = REFRESHING.with(|slot| {
        let mut slot = slot.borrow_mut();
        match slot.as_ref() {
            Some((token, refresh)) if *token == stale.refresh_token => refresh.clone(),
            _ => {
                let future: Pin<Box<dyn Future<Output = Result<(), ApiError>>>> =
                    Box::pin(auth::refresh_session(stale.refresh_token.clone()));
                let refresh = futures_util::FutureExt::shared(future);
                *slot = Some((stale.refresh_token.clone(), refresh.clone()));
                refresh
            }
        }
    });
    refresh.await?;
    saved_tokens().map(|t| t.access_token).ok_or_else(unauthenticated)
}

/// Sends with the access token; on `token_expired` gets a fresh one ([`renewed`]) and
/// retries once. A session that cannot be refreshed is forgotten.
async fn send_authed(method: &str, path: &str, body: Option<String>) -> Result<Response, ApiError> {
    let tokens = saved_tokens().ok_or_else(unauthenticated)?;
    let response = send_once(method, path, body.as_deref(), &tokens.access_token).await?;
    if response.status() != 401 {
        return Ok(response);
    }
    let error = read_body(response).await.err().unwrap_or_else(unauthenticated);
    if error.code == "token_expired" {
        return match renewed(tokens).await {
            Ok(fresh) => send_once(method, path, body.as_deref(), &fresh).await,
            Err(e) => {
                session_ended();
                Err(e)
            }
        };
    }
    session_ended();
    Err(error)
}

/// A signed-in call with an optional JSON body.
fn call<T>(method: &'static str, path: String, body: Option<serde_json::Result<String>>) -> Call<T> {
    Call::new(async move {
        let body = body.transpose().map_err(ApiError::network)?;
        read_body(send_authed(method, &path, body).await?).await
    })
}

fn get<T>(path: impl Into<String>) -> Call<T> {
    call("GET", path.into(), None)
}

fn post<T>(path: impl Into<String>, body: &impl Serialize) -> Call<T> {
    call("POST", path.into(), Some(serde_json::to_string(body)))
}

/// A POST whose operation takes no body (deploy, stop, unlock…).
fn post_empty<T>(path: impl Into<String>) -> Call<T> {
    call("POST", path.into(), None)
}

fn put<T>(path: impl Into<String>, body: &impl Serialize) -> Call<T> {
    call("PUT", path.into(), Some(serde_json::to_string(body)))
}

fn patch<T>(path: impl Into<String>, body: &impl Serialize) -> Call<T> {
    call("PATCH", path.into(), Some(serde_json::to_string(body)))
}

fn delete(path: impl Into<String>) -> Call<()> {
    call("DELETE", path.into(), None)
}

/// A signed-in GET answered with text (the site preview's HTML).
fn get_text(path: String) -> Boxed<String> {
    Box::pin(async move { read_body(send_authed("GET", &path, None).await?).await })
}

/// Sends a file as the request body (an attachment), answered with JSON.
fn upload<T>(path: String, file: web_sys::File) -> Call<T> {
    Call::new(async move { upload_body(&path, file).await })
}

async fn upload_body(path: &str, file: web_sys::File) -> Result<String, ApiError> {
    let send = |token: String| {
        let file = file.clone();
        async move {
            let request = Request::post(path)
                .header("Authorization", &format!("Bearer {token}"))
                .header("Content-Type", "application/octet-stream")
                .body(file)
                .map_err(ApiError::network)?;
            request.send().await.map_err(ApiError::network)
        }
    };
    let tokens = saved_tokens().ok_or_else(unauthenticated)?;
    let mut response = send(tokens.access_token.clone()).await?;
    if response.status() == 401 {
        response = send(renewed(tokens).await?).await?;
    }
    read_body(response).await
}

/// Fetches a signed-in file and hands it to the browser as a download named `name`.
fn download(path: String, name: String) -> Boxed<()> {
    Box::pin(async move { save_download(&path, &name).await })
}

async fn save_download(path: &str, name: &str) -> Result<(), ApiError> {
    let response = send_authed("GET", path, None).await?;
    if !(200..300).contains(&response.status()) {
        return read_body(response).await.map(drop);
    }
    let bytes = response.binary().await.map_err(ApiError::network)?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(|_| ApiError::network("blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ApiError::network("url"))?;
    crate::browser::click_download(&url, name);
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
