//! The signed-in person's own account: profile, password, e-mail address, sessions.

use actix_web::web::{Data, Json, Path};
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post};
use atelier_app::accounts::{access_tokens, profile, verify};
use atelier_types::ErrorBody;
use atelier_types::auth::{
    AccessTokenInfo, CreatedAccessToken, EmailChange, Me, NewAccessToken, PasswordChange, ProfileUpdate, SessionInfo,
    TokenResponse,
};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::tenancy::{HostContext, request_origin, requester};

/// Changes the signed-in person's name or language (absent fields stay as they are).
#[utoipa::path(
    tag = "account",
    request_body = ProfileUpdate,
    responses(
        (status = 200, description = "The profile as it is now", body = Me),
        (status = 422, description = "A name that is empty or too long (`validation_failed`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[patch("/me")]
pub async fn update_profile(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    body: Json<ProfileUpdate>,
) -> ApiResult<Json<Me>> {
    Ok(Json(profile::update(&state, &user.at(host), body.into_inner()).await?))
}

/// Changes the password (the current one is needed). Every session of the account ends at
/// once, this one too, and the owner is told by mail; the answer is a new session.
#[utoipa::path(
    tag = "account",
    request_body = PasswordChange,
    responses(
        (status = 200, description = "Password changed; a new session", body = TokenResponse),
        (status = 422, description = "A wrong current password (field `current_password`: `wrong_password`) or a weak new one (`validation_failed`)", body = ErrorBody),
        (status = 429, description = "Too many changes to this account in an hour (`too_many_attempts`)", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds until a new change is accepted"))),
    ),
    security(("bearer" = []))
)]
#[post("/me/password")]
pub async fn change_password(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    req: HttpRequest,
    body: Json<PasswordChange>,
) -> ApiResult<Json<TokenResponse>> {
    let from = requester(&req, &state.settings.trusted_proxies);
    Ok(Json(profile::change_password(&state, &user.at(host), &from, body.into_inner()).await?))
}

/// Asks to move the account to another address (the current password is needed). A link
/// goes to the new address and a notice to the current one; the account keeps its address
/// until the link is opened. The answer does not say whether the new address has an account.
#[utoipa::path(
    tag = "account",
    request_body = EmailChange,
    responses(
        (status = 202, description = "A confirmation link is on its way to the new address"),
        (status = 422, description = "Not an address, the same address, or a wrong current password (`validation_failed`)", body = ErrorBody),
        (status = 429, description = "Too many changes to this account in an hour (`too_many_attempts`)", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds until a new change is accepted"))),
    ),
    security(("bearer" = []))
)]
#[post("/me/email")]
pub async fn change_email(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    req: HttpRequest,
    body: Json<EmailChange>,
) -> ApiResult<HttpResponse> {
    let origin = request_origin(&req, &state.settings.trusted_proxies);
    verify::change_email(&state, &user.at(host), &origin, body.into_inner()).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Sends the confirmation link again: to the address the account is moving to, or to its own
/// unconfirmed address.
#[utoipa::path(
    tag = "account",
    responses(
        (status = 202, description = "A new link is on its way"),
        (status = 409, description = "The address is already confirmed (`already_verified`)", body = ErrorBody),
        (status = 429, description = "Too many mails asked for in an hour (`too_many_attempts`)", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds until a new one is accepted"))),
    ),
    security(("bearer" = []))
)]
#[post("/me/email/verification")]
pub async fn resend_verification(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let origin = request_origin(&req, &state.settings.trusted_proxies);
    verify::send_again(&state, &user.at(host), &origin).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// The signed-in person's sessions (one per sign-in and device), the most recently used first.
#[utoipa::path(
    tag = "account",
    responses((status = 200, description = "Live sessions", body = [SessionInfo])),
    security(("bearer" = []))
)]
#[get("/me/sessions")]
pub async fn list_sessions(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
) -> ApiResult<Json<Vec<SessionInfo>>> {
    Ok(Json(profile::sessions(&state, &user.at(host)).await?))
}

/// Signs one session out: its device can no longer refresh, and its access token stops at its
/// next request.
#[utoipa::path(
    tag = "account",
    params(("id" = Uuid, Path, description = "The session")),
    responses(
        (status = 204, description = "Signed out"),
        (status = 404, description = "No such live session of yours (`session_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[delete("/me/sessions/{id}")]
pub async fn end_session(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<HttpResponse> {
    profile::end_session(&state, &user.at(host), id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Signs out everywhere: every session of the account ends at once, this one included.
#[utoipa::path(
    tag = "account",
    responses((status = 204, description = "Every session ended")),
    security(("bearer" = []))
)]
#[delete("/me/sessions")]
pub async fn end_all_sessions(state: Data<AppState>, host: HostContext, user: AuthUser) -> ApiResult<HttpResponse> {
    profile::end_all_sessions(&state, &user.at(host)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Makes a personal access token for a third party (named, scoped, optionally expiring). Its
/// secret is in this answer only; send it as `Authorization: Bearer atl_…` on this host. Only
/// a signed-in session makes tokens (a token cannot).
#[utoipa::path(
    tag = "account",
    request_body = NewAccessToken,
    responses(
        (status = 201, description = "The token; `token` is shown this once", body = CreatedAccessToken),
        (status = 409, description = "Already 20 live tokens (`too_many_tokens`)", body = ErrorBody),
        (status = 422, description = "No name, no scope or an expiry out of range (`validation_failed`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/me/tokens")]
pub async fn create_access_token(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    body: Json<NewAccessToken>,
) -> ApiResult<HttpResponse> {
    let created = access_tokens::create(&state, &user.at(host), body.into_inner()).await?;
    Ok(HttpResponse::Created().json(created))
}

/// The signed-in person's live tokens (never their secrets), newest first.
#[utoipa::path(
    tag = "account",
    responses((status = 200, description = "Live tokens", body = [AccessTokenInfo])),
    security(("bearer" = []))
)]
#[get("/me/tokens")]
pub async fn list_access_tokens(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
) -> ApiResult<Json<Vec<AccessTokenInfo>>> {
    Ok(Json(access_tokens::list(&state, &user.at(host)).await?))
}

/// Revokes a token: it is refused from its next request on.
#[utoipa::path(
    tag = "account",
    params(("id" = Uuid, Path, description = "The token")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, description = "No such live token of yours (`token_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[delete("/me/tokens/{id}")]
pub async fn revoke_access_token(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<HttpResponse> {
    access_tokens::revoke(&state, &user.at(host), id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
