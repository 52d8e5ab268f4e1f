//! Register, sign in, refresh, sign out, and who am I.

use actix_web::web::{Data, Json};
use actix_web::{HttpResponse, get, post};
use atelier_types::ErrorBody;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::tenancy::{HostContext, requester};
use actix_web::HttpRequest;
use atelier_types::auth::{
    EmailVerificationConfirm, LoginRequest, LogoutRequest, Me, PasswordResetConfirm, PasswordResetRequest,
    RefreshRequest, RegisterRequest, RegistrationAccepted, TokenResponse,
};

/// Creates a client account of this tenant and mails it a link to confirm its address. The
/// answer is the same when the address already has an account here (its owner is told by
/// mail instead), so it reveals nobody's account. A new account signs in at once with
/// `POST /auth/login`; until its address is confirmed it can build sites but not deploy or
/// order (`email_unverified`). Only on a tenant's domain: writers and staff are created by staff.
#[utoipa::path(
    tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 202, description = "Accepted; a mail is on its way to the address", body = RegistrationAccepted),
        (status = 403, description = "Not a tenant's domain (`registration_unavailable`)", body = ErrorBody),
        (status = 422, description = "Invalid fields (`validation_failed`), listed in `details.fields`", body = ErrorBody),
        (status = 429, description = "Too many registrations from this network or on this site (`too_many_attempts`); see `Retry-After`", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds until a new registration is accepted"))),
        (status = 503, description = "The server is busy checking passwords (`busy`); see `Retry-After`", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/auth/register")]
pub async fn create_account(
    state: Data<AppState>,
    host: HostContext,
    req: HttpRequest,
    body: Json<RegisterRequest>,
) -> ApiResult<HttpResponse> {
    let from = requester(&req, &state.settings.trusted_proxies);
    let accepted = atelier_app::accounts::register(&state, &host, &from, body.into_inner()).await?;
    Ok(HttpResponse::Accepted().json(accepted))
}

/// Confirms an address with the secret from a verification link (once, within a day) and the
/// account's password, and signs in on this host. For an account that asked to move to
/// another address, the move happens now. A new account's first confirmation ends every
/// other session it had and forgets its devices.
#[utoipa::path(
    tag = "auth",
    request_body = EmailVerificationConfirm,
    responses(
        (status = 200, description = "Address confirmed; signed in", body = TokenResponse),
        (status = 409, description = "Another account took the new address meanwhile (`email_taken`)", body = ErrorBody),
        (status = 422, description = "A link that expired or was used (`validation_failed`, field `token`: `invalid_verification_link`), or a wrong password (field `password`: `wrong_password`; the link still works)", body = ErrorBody),
        (status = 429, description = "Too many confirmations from this address (`too_many_attempts`); see `Retry-After`", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds until a new attempt is accepted"))),
    )
)]
#[post("/auth/verify-email")]
pub async fn confirm_email(
    state: Data<AppState>,
    host: HostContext,
    req: HttpRequest,
    body: Json<EmailVerificationConfirm>,
) -> ApiResult<Json<TokenResponse>> {
    let from = requester(&req, &state.settings.trusted_proxies);
    Ok(Json(atelier_app::accounts::verify::confirm(&state, &host, &from, body.into_inner()).await?))
}

/// Signs in. The host decides who may: a tenant's domain admits its own clients, the
/// writers host writers, the staff host staff roles, the API host writers and staff. Any
/// refusal reads exactly like a wrong password. Failed attempts pause an account for a while,
/// except from a device it signed in from before (the apps send `X-Atelier-Device`).
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 401, description = "Wrong e-mail, password or host (`invalid_credentials`)", body = ErrorBody),
        (status = 403, description = "Right password, suspended account (`account_suspended`)", body = ErrorBody),
        (status = 422, description = "Missing fields (`validation_failed`)", body = ErrorBody),
        (status = 429, description = "Too many attempts (`too_many_attempts`); see `Retry-After`", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds until a new attempt is accepted"))),
        (status = 503, description = "The server is busy checking passwords (`busy`); see `Retry-After`", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/auth/login")]
pub async fn create_session(
    state: Data<AppState>,
    host: HostContext,
    req: HttpRequest,
    body: Json<LoginRequest>,
) -> ApiResult<Json<TokenResponse>> {
    let from = requester(&req, &state.settings.trusted_proxies);
    Ok(Json(atelier_app::accounts::login(&state, &host, &from, body.into_inner()).await?))
}

/// Exchanges a refresh token for a new pair. Each refresh token works once; presenting a
/// used one again ends every session descended from the same sign-in — unless it comes back
/// within 20 seconds of its first use (two tabs that met the same expired token): then it
/// gets a new pair too.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new access token and a new refresh token", body = TokenResponse),
        (status = 401, description = "Unknown, expired or revoked token (`invalid_refresh_token`), or a reused one (`refresh_token_reused`, the family is revoked)", body = ErrorBody),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh_session(
    state: Data<AppState>,
    host: HostContext,
    body: Json<RefreshRequest>,
) -> ApiResult<Json<TokenResponse>> {
    Ok(Json(atelier_app::accounts::refresh(&state, &host, body.into_inner()).await?))
}

/// Ends the session the refresh token belongs to (every token of its family). Unknown
/// tokens are accepted silently: signing out twice is not an error.
#[utoipa::path(
    tag = "auth",
    request_body = LogoutRequest,
    responses((status = 204, description = "Signed out"))
)]
#[post("/auth/logout")]
pub async fn delete_session(
    state: Data<AppState>,
    host: HostContext,
    body: Json<LogoutRequest>,
) -> ApiResult<HttpResponse> {
    atelier_app::accounts::logout(&state, &host, body.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in user.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The signed-in user", body = Me),
        (status = 401, description = "Missing, invalid or expired access token (`unauthenticated`, `invalid_token`, `token_expired`)", body = ErrorBody),
    )
)]
#[get("/me")]
pub async fn get_me(state: Data<AppState>, host: HostContext, user: AuthUser) -> ApiResult<Json<Me>> {
    Ok(Json(atelier_app::accounts::me(&state, &user.at(host)).await?))
}

/// Mails a password reset link to the address if it has an account on this host (a
/// website's clients on its domain, writers and staff on theirs). The answer is the same
/// either way, so it tells nobody which addresses have accounts.
#[utoipa::path(
    tag = "auth",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If the address has an account here, a link is on its way (valid one hour)"),
        (status = 422, description = "Not an e-mail address (`validation_failed`)", body = ErrorBody),
        (status = 429, description = "Too many requests from this address (`too_many_attempts`); see `Retry-After`", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds until a new request is accepted"))),
    )
)]
#[post("/auth/password-reset")]
pub async fn request_password_reset(
    state: Data<AppState>,
    host: HostContext,
    req: HttpRequest,
    body: Json<PasswordResetRequest>,
) -> ApiResult<HttpResponse> {
    let from = requester(&req, &state.settings.trusted_proxies);
    atelier_app::accounts::reset::request(&state, &host, &from, body.into_inner()).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Sets a new password with the secret from a reset link. Every session of the account
/// ends, its sign-in lock is lifted, its owner is told by mail; the answer is a new session
/// on this host.
#[utoipa::path(
    tag = "auth",
    request_body = PasswordResetConfirm,
    responses(
        (status = 200, description = "Password changed; signed in", body = TokenResponse),
        (status = 422, description = "A weak password, or a link that expired or was used (`validation_failed`, field `token`: `invalid_reset_link`)", body = ErrorBody),
        (status = 429, description = "Too many attempts from this address (`too_many_attempts`); see `Retry-After`", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds until a new attempt is accepted"))),
    )
)]
#[post("/auth/password-reset/confirm")]
pub async fn confirm_password_reset(
    state: Data<AppState>,
    host: HostContext,
    req: HttpRequest,
    body: Json<PasswordResetConfirm>,
) -> ApiResult<Json<TokenResponse>> {
    let from = requester(&req, &state.settings.trusted_proxies);
    Ok(Json(atelier_app::accounts::reset::confirm(&state, &host, &from, body.into_inner()).await?))
}
