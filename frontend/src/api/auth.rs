//! The tenant a host serves, and sessions: sign-in, registration, refresh, sign-out, who am I;
//! the signed-in person's own account (profile, password, address, sessions).

use atelier_types::auth::{
    EmailChange, EmailVerificationConfirm, LoginRequest, LogoutRequest, Me, PasswordChange, PasswordResetConfirm,
    PasswordResetRequest, ProfileUpdate, RefreshRequest, RegisterRequest, SessionInfo, TokenResponse,
};
use atelier_types::tenant::TenantBranding;
use gloo_net::http::{Request, RequestBuilder};
use uuid::Uuid;

use super::{
    ApiError, Boxed, Call, anonymous, delete, device_id, forget_tokens, get, parse, patch, post, post_empty,
    save_tokens, saved_tokens,
};

pub fn get_tenant() -> Call<TenantBranding> {
    Call::new(anonymous(Request::get("/api/v1/tenant").build()))
}

/// A request that opens a session, with this browser's device id (a known device gets
/// through a sign-in pause, and a new one is notified to the owner).
fn from_this_device(request: RequestBuilder) -> RequestBuilder {
    match device_id() {
        Some(id) => request.header("X-Atelier-Device", &id),
        None => request,
    }
}

/// Signs in and keeps the session on this host.
pub fn create_session(email: String, password: String) -> Boxed<Me> {
    let request = from_this_device(Request::post("/api/v1/auth/login")).json(&LoginRequest { email, password });
    Box::pin(async move { opened(&anonymous(request).await?) })
}

/// Registers a client, then signs in with the same password: `None` when that fails, which
/// means the address already had an account (its owner was mailed; the page says "check
/// your inbox" either way).
pub fn create_account(account: RegisterRequest) -> Boxed<Option<Me>> {
    let request = Request::post("/api/v1/auth/register").json(&account);
    Box::pin(async move {
        anonymous(request).await?;
        match create_session(account.email, account.password).await {
            Ok(me) => Ok(Some(me)),
            Err(e) if e.code == "invalid_credentials" => Ok(None),
            Err(e) => Err(e),
        }
    })
}

/// Confirms an address with a verification link's secret; the answer is a session, kept.
pub fn confirm_email(confirm: &EmailVerificationConfirm) -> Boxed<Me> {
    let request = from_this_device(Request::post("/api/v1/auth/verify-email")).json(confirm);
    Box::pin(async move { opened(&anonymous(request).await?) })
}

/// Asks for a reset link to be mailed to the address (the answer is the same either way).
pub fn request_password_reset(request: &PasswordResetRequest) -> Call<()> {
    Call::new(anonymous(Request::post("/api/v1/auth/password-reset").json(request)))
}

/// Sets the new password with a link's secret; the answer is a session, kept here.
pub fn confirm_password_reset(confirm: &PasswordResetConfirm) -> Boxed<Me> {
    let request = from_this_device(Request::post("/api/v1/auth/password-reset/confirm")).json(confirm);
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

pub fn update_profile(update: &ProfileUpdate) -> Call<Me> {
    patch("/api/v1/me", update)
}

/// Changes the password; every session ends and the answer's new one is kept.
pub fn change_password(change: &PasswordChange) -> Boxed<Me> {
    let call: Call<TokenResponse> = post("/api/v1/me/password", change);
    Box::pin(async move {
        let session = call.await?;
        save_tokens(&session);
        Ok(session.user)
    })
}

pub fn change_email(change: &EmailChange) -> Call<()> {
    post("/api/v1/me/email", change)
}

pub fn resend_verification() -> Call<()> {
    post_empty("/api/v1/me/email/verification")
}

pub fn list_sessions() -> Call<Vec<SessionInfo>> {
    get("/api/v1/me/sessions")
}

pub fn end_session(id: Uuid) -> Call<()> {
    delete(format!("/api/v1/me/sessions/{id}"))
}

pub fn end_all_sessions() -> Call<()> {
    delete("/api/v1/me/sessions")
}
