//! The tenant a host serves, and sessions: sign-in, registration, refresh, sign-out, who am I.

use atelier_types::auth::{
    LoginRequest, LogoutRequest, Me, PasswordResetConfirm, PasswordResetRequest, RefreshRequest, RegisterRequest,
    TokenResponse,
};
use atelier_types::tenant::TenantBranding;
use gloo_net::http::Request;

use super::{ApiError, Boxed, Call, anonymous, forget_tokens, get, parse, save_tokens, saved_tokens};

pub fn get_tenant() -> Call<TenantBranding> {
    Call::new(anonymous(Request::get("/api/v1/tenant").build()))
}

/// Signs in and keeps the session on this host.
pub fn create_session(email: String, password: String) -> Boxed<Me> {
    let request = Request::post("/api/v1/auth/login").json(&LoginRequest { email, password });
    Box::pin(async move { opened(&anonymous(request).await?) })
}

/// Registers a client and keeps the new session on this host.
pub fn create_account(account: RegisterRequest) -> Boxed<Me> {
    let request = Request::post("/api/v1/auth/register").json(&account);
    Box::pin(async move { opened(&anonymous(request).await?) })
}

/// Asks for a reset link to be mailed to the address (the answer is the same either way).
pub fn request_password_reset(request: &PasswordResetRequest) -> Call<()> {
    Call::new(anonymous(Request::post("/api/v1/auth/password-reset").json(request)))
}

/// Sets the new password with a link's secret; the answer is a session, kept here.
pub fn confirm_password_reset(confirm: &PasswordResetConfirm) -> Boxed<Me> {
    let request = Request::post("/api/v1/auth/password-reset/confirm").json(confirm);
    Box::pin(async move { opened(&anonymous(request).await?) })
}

/// A new session's tokens, kept; its user, returned.
fn opened(body: &str) -> Result<Me, ApiError> {
    let session: TokenResponse = parse(body)?;
    save_tokens(&session);
    Ok(session.user)
}

/// Ends the session on the server (best effort) and forgets it here.
pub async fn delete_session() {
    if let Some(tokens) = saved_tokens() {
        let body = LogoutRequest { refresh_token: tokens.refresh_token };
        if let Ok(request) = Request::post("/api/v1/auth/logout").json(&body) {
            let _ = request.send().await;
        }
    }
    forget_tokens();
}

pub(super) async fn refresh_session(refresh_token: String) -> Result<(), ApiError> {
    let request = Request::post("/api/v1/auth/refresh").json(&RefreshRequest { refresh_token });
    let session: TokenResponse = parse(&anonymous(request).await?)?;
    save_tokens(&session);
    Ok(())
}

pub fn get_me() -> Call<Me> {
    get("/api/v1/me")
}
