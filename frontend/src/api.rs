//! The typed client of the Atelier API. Requests go to `/api/v1/…` on the page's own host
//! (the host decides the tenant). Tokens live in localStorage of this host only; an expired
//! access token is refreshed once, transparently, and the request retried.

use atelier_types::auth::{LoginRequest, LogoutRequest, Me, RefreshRequest, RegisterRequest, TokenResponse};
use atelier_types::tenant::TenantBranding;
use atelier_types::{ErrorBody, FieldError};
use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::browser;

const TOKENS_KEY: &str = "atelier.tokens";

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

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let body = read_body(response).await?;
    serde_json::from_str(&body).map_err(ApiError::network)
}

async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let request = Request::post(path).json(body).map_err(ApiError::network)?;
    read(request.send().await.map_err(ApiError::network)?).await
}

pub async fn tenant() -> Result<TenantBranding, ApiError> {
    read(Request::get("/api/v1/tenant").send().await.map_err(ApiError::network)?).await
}

pub async fn login(email: String, password: String) -> Result<Me, ApiError> {
    let session: TokenResponse = post("/api/v1/auth/login", &LoginRequest { email, password }).await?;
    save_tokens(&session);
    Ok(session.user)
}

pub async fn register(request: RegisterRequest) -> Result<Me, ApiError> {
    let session: TokenResponse = post("/api/v1/auth/register", &request).await?;
    save_tokens(&session);
    Ok(session.user)
}

/// Ends the session on the server (best effort) and forgets it here.
pub async fn logout() {
    if let Some(tokens) = saved_tokens() {
        let body = LogoutRequest { refresh_token: tokens.refresh_token };
        if let Ok(request) = Request::post("/api/v1/auth/logout").json(&body) {
            let _ = request.send().await;
        }
    }
    forget_tokens();
}

async fn refresh(refresh_token: String) -> Result<(), ApiError> {
    let session: TokenResponse = post("/api/v1/auth/refresh", &RefreshRequest { refresh_token }).await?;
    save_tokens(&session);
    Ok(())
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
    let request = match body {
        Some(json) => builder.header("Content-Type", "application/json").body(json.to_owned()),
        None => builder.build(),
    };
    request.map_err(ApiError::network)?.send().await.map_err(ApiError::network)
}

/// Sends with the access token; on `token_expired` refreshes once and retries. A session
/// that cannot be refreshed is forgotten.
async fn send_authed(method: &str, path: &str, body: Option<String>) -> Result<Response, ApiError> {
    let tokens = saved_tokens().ok_or_else(unauthenticated)?;
    let response = send_once(method, path, body.as_deref(), &tokens.access_token).await?;
    if response.status() != 401 {
        return Ok(response);
    }
    let error = read::<serde_json::Value>(response).await.err().unwrap_or_else(unauthenticated);
    if error.code == "token_expired" {
        if let Err(e) = refresh(tokens.refresh_token).await {
            forget_tokens();
            return Err(e);
        }
        let fresh = saved_tokens().map(|t| t.access_token).unwrap_or_default();
        return send_once(method, path, body.as_deref(), &fresh).await;
    }
    forget_tokens();
    Err(error)
}

/// A signed-in call with an optional JSON body, answered with JSON.
pub async fn call<T: DeserializeOwned>(method: &str, path: &str, body: Option<&impl Serialize>) -> Result<T, ApiError> {
    let json = body.map(serde_json::to_string).transpose().map_err(ApiError::network)?;
    read(send_authed(method, path, json).await?).await
}

pub async fn get_authed<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    call::<T>("GET", path, None::<&()>).await
}

/// A signed-in call answered with no body (204).
pub async fn call_empty(method: &str, path: &str) -> Result<(), ApiError> {
    answered_empty(send_authed(method, path, None).await?).await
}

/// A signed-in call with a JSON body, answered with no body (204).
pub async fn call_json_empty(method: &str, path: &str, body: &impl Serialize) -> Result<(), ApiError> {
    let json = serde_json::to_string(body).map_err(ApiError::network)?;
    answered_empty(send_authed(method, path, Some(json)).await?).await
}

async fn answered_empty(response: Response) -> Result<(), ApiError> {
    if (200..300).contains(&response.status()) { Ok(()) } else { read::<()>(response).await }
}

/// A signed-in GET answered with text (the site preview's HTML).
pub async fn get_text(path: &str) -> Result<String, ApiError> {
    let response = send_authed("GET", path, None).await?;
    if (200..300).contains(&response.status()) {
        response.text().await.map_err(ApiError::network)
    } else {
        read::<String>(response).await
    }
}

/// Sends a file as the request body (an attachment), answered with JSON.
pub async fn upload<T: DeserializeOwned>(path: &str, file: web_sys::File) -> Result<T, ApiError> {
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
    let mut response = send(tokens.access_token).await?;
    if response.status() == 401 {
        refresh(tokens.refresh_token).await?;
        response = send(saved_tokens().map(|t| t.access_token).unwrap_or_default()).await?;
    }
    read(response).await
}

/// Fetches a signed-in file and hands it to the browser as a download named `name`.
pub async fn download(path: &str, name: &str) -> Result<(), ApiError> {
    let response = send_authed("GET", path, None).await?;
    if !(200..300).contains(&response.status()) {
        return read::<()>(response).await;
    }
    let bytes = response.binary().await.map_err(ApiError::network)?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(|_| ApiError::network("blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ApiError::network("url"))?;
    crate::browser::click_download(&url, name);
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

pub async fn me() -> Result<Me, ApiError> {
    get_authed("/api/v1/me").await
}
