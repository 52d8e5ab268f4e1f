//! Register, sign in, refresh, sign out, and who am I.

use actix_web::http::StatusCode;
use actix_web::web::{Data, Json};
use actix_web::{HttpRequest, HttpResponse, get, post};
use atelier_db::refresh_tokens::{self, Rotation};
use atelier_db::users::{self, NewUser, User};
use atelier_db::{Tx, assignments};
use atelier_domain::{HostScope, may_sign_in};
use atelier_types::auth::{LoginRequest, LogoutRequest, Me, RefreshRequest, RegisterRequest, TokenResponse};
use atelier_types::validation::normalize_email;
use atelier_types::{ErrorBody, Role};
use chrono::{Duration, Utc};
use secrecy::SecretString;

use crate::auth::tokens::{new_refresh_token, refresh_digest};
use crate::auth::{AuthUser, password};
use crate::error::{ApiError, ApiResult, validated};
use crate::state::AppState;
use crate::tenancy::{HostContext, client_ip};

/// `Me` for `user`, read in `tx` (whose scope must include the user).
async fn profile(tx: &mut Tx, user: &User, host: &HostContext) -> ApiResult<Me> {
    let tenant = match user.website_id {
        Some(id) if host.tenant.as_ref().is_some_and(|t| t.id == id) => host.tenant.as_ref().map(|t| t.branding()),
        Some(id) => atelier_db::tenants::find_by_id(tx, id).await?.map(|t| t.branding()),
        None => None,
    };
    Ok(Me {
        id: user.id,
        email: user.email.clone(),
        display_name: user.display_name.clone(),
        role: user.role,
        app: host.scope.app(),
        tenant,
        assigned_tenants: assignments::assigned_tenants(tx, user.id, user.role).await?,
        created_at: user.created_at,
    })
}

fn refresh_expiry(state: &AppState) -> chrono::DateTime<Utc> {
    Utc::now() + Duration::seconds(state.settings.refresh_token_ttl_secs)
}

fn token_response(state: &AppState, access_token: String, refresh_token: String, user: Me) -> TokenResponse {
    TokenResponse {
        access_token,
        token_type: "Bearer".to_owned(),
        expires_in: state.settings.access_token_ttl_secs,
        refresh_token,
        refresh_expires_in: state.settings.refresh_token_ttl_secs,
        user,
    }
}

/// Opens a new session (a new refresh-token family) for `user` on this host.
async fn open_session(state: &AppState, user: &User, host: &HostContext) -> ApiResult<TokenResponse> {
    let (refresh_token, digest) = new_refresh_token();
    let mut tx = state.db.begin(&host.db_scope().with_user(user.id)).await?;
    refresh_tokens::insert_new_family(&mut tx, user.id, &digest, &host.scope.audience(), refresh_expiry(state)).await?;
    users::record_login(&mut tx, user.id).await?;
    let profile_now = profile(&mut tx, user, host).await?;
    tx.commit().await?;
    let access_token = state.tokens.issue(user.id, user.role, user.website_id, host.scope)?;
    Ok(token_response(state, access_token, refresh_token, profile_now))
}

/// Creates a client account of this tenant and signs it in. Only on a tenant's domain:
/// writers and staff are created by staff.
#[utoipa::path(
    tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Account created; the session is open", body = TokenResponse),
        (status = 403, description = "Not a tenant's domain (`registration_unavailable`)", body = ErrorBody),
        (status = 409, description = "The e-mail address already has an account here (`email_taken`)", body = ErrorBody),
        (status = 422, description = "Invalid fields (`validation_failed`), listed in `details.fields`", body = ErrorBody),
    )
)]
#[post("/auth/register")]
pub async fn register(
    state: Data<AppState>,
    host: HostContext,
    body: Json<RegisterRequest>,
) -> ApiResult<HttpResponse> {
    let HostScope::Tenant(tenant_id) = host.scope else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "registration_unavailable",
            "Accounts can only be created on a website's own domain.",
        ));
    };
    validated(&*body)?;
    let body = body.into_inner();
    let password_hash = password::hash(SecretString::from(body.password)).await?;
    let email = normalize_email(&body.email);
    let mut tx = state.db.begin(&host.db_scope()).await?;
    let user = users::insert(
        &mut tx,
        &NewUser {
            website_id: Some(tenant_id),
            role: Role::Client,
            email: &email,
            display_name: body.display_name.trim(),
            password_hash: &password_hash,
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user.id = %user.id, tenant.id = %tenant_id, "client registered");
    let session = open_session(&state, &user, &host).await?;
    Ok(HttpResponse::Created().json(session))
}

/// Signs in. The host decides who may: a tenant's domain admits its own clients, the
/// writers host writers, the staff host staff roles, the API host writers and staff. Any
/// refusal reads exactly like a wrong password.
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
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: Data<AppState>,
    host: HostContext,
    req: HttpRequest,
    body: Json<LoginRequest>,
) -> ApiResult<Json<TokenResponse>> {
    validated(&*body)?;
    let body = body.into_inner();
    let email = normalize_email(&body.email);
    let ip = client_ip(&req, &state.settings.trusted_proxies).map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    let account_key = state.keys.login_account(&host.scope.audience(), &email);
    state.admit_login_attempt(&ip, &account_key).await?;

    // The lookup ends before the (slow) password check: no transaction waits on argon2.
    let mut tx = state.db.begin(&host.db_scope()).await?;
    let found = match host.scope {
        HostScope::Tenant(tenant_id) => users::find_client(&mut tx, tenant_id, &email).await?,
        _ => users::find_platform_user(&mut tx, &email).await?,
    };
    tx.commit().await?;
    // An account that may not sign in here is treated exactly like a missing one.
    let candidate = found.filter(|u| may_sign_in(u.role, u.website_id, host.scope));
    let stored_hash = candidate.as_ref().map(|u| u.password_hash.clone());
    let matches = password::verify(SecretString::from(body.password), stored_hash).await?;

    match candidate {
        Some(user) if matches => {
            state.clear_login_failures(&account_key).await?;
            if !user.active {
                return Err(ApiError::new(
                    StatusCode::FORBIDDEN,
                    "account_suspended",
                    "This account is suspended. Contact the site's support to restore it.",
                ));
            }
            tracing::info!(user.id = %user.id, role = %user.role, "signed in");
            Ok(Json(open_session(&state, &user, &host).await?))
        }
        _ => {
            state.record_login_failure(&account_key).await?;
            Err(ApiError::invalid_credentials())
        }
    }
}

/// Exchanges a refresh token for a new pair. Each refresh token works once; presenting a
/// used one again ends every session descended from the same sign-in.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new access token and a new refresh token", body = TokenResponse),
        (status = 401, description = "Unknown, expired or revoked token (`invalid_refresh_token`), or a reused one (`refresh_token_reused`, the family is revoked)", body = ErrorBody),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: Data<AppState>,
    host: HostContext,
    body: Json<RefreshRequest>,
) -> ApiResult<Json<TokenResponse>> {
    let ended = || ApiError::unauthorized("invalid_refresh_token", "Your session has ended. Sign in again.");
    let presented = refresh_digest(&body.refresh_token);
    let audience = host.scope.audience();
    let (successor, successor_digest) = new_refresh_token();
    let mut tx = state.db.begin(&host.db_scope()).await?;
    let rotation =
        refresh_tokens::rotate(&mut tx, &presented, &audience, &successor_digest, refresh_expiry(&state)).await?;
    let (user_id, family_id) = match rotation {
        Rotation::Rotated { user_id, family_id } => (user_id, family_id),
        Rotation::Reused { family_id } => {
            tx.commit().await?;
            tracing::warn!(family.id = %family_id, "refresh token reused; family revoked");
            return Err(ApiError::unauthorized(
                "refresh_token_reused",
                "This session was ended because its refresh token was used twice. Sign in again.",
            ));
        }
        Rotation::Unknown | Rotation::Expired | Rotation::Revoked => return Err(ended()),
    };
    tx.set_user(user_id).await?;
    let user = users::find_by_id(&mut tx, user_id).await?;
    let Some(user) = user.filter(|u| u.active && may_sign_in(u.role, u.website_id, host.scope)) else {
        refresh_tokens::revoke_family(&mut tx, family_id).await?;
        tx.commit().await?;
        return Err(ended());
    };
    let profile_now = profile(&mut tx, &user, &host).await?;
    tx.commit().await?;
    let access_token = state.tokens.issue(user.id, user.role, user.website_id, host.scope)?;
    Ok(Json(token_response(&state, access_token, successor, profile_now)))
}

/// Ends the session the refresh token belongs to (every token of its family). Unknown
/// tokens are accepted silently: signing out twice is not an error.
#[utoipa::path(
    tag = "auth",
    request_body = LogoutRequest,
    responses((status = 204, description = "Signed out"))
)]
#[post("/auth/logout")]
pub async fn logout(state: Data<AppState>, host: HostContext, body: Json<LogoutRequest>) -> ApiResult<HttpResponse> {
    let digest = refresh_digest(&body.refresh_token);
    let mut tx = state.db.begin(&host.db_scope()).await?;
    if let Some(family) = refresh_tokens::family_of(&mut tx, &digest, &host.scope.audience()).await? {
        refresh_tokens::revoke_family(&mut tx, family).await?;
    }
    tx.commit().await?;
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
pub async fn me(state: Data<AppState>, host: HostContext, user: AuthUser) -> ApiResult<Json<Me>> {
    let mut tx = state.db.begin(&host.db_scope().with_user(user.id)).await?;
    let found = users::find_by_id(&mut tx, user.id).await?;
    let Some(account) = found.filter(|u| u.active) else {
        return Err(ApiError::unauthorized("unauthenticated", "Your account is no longer available. Sign in again."));
    };
    let profile_now = profile(&mut tx, &account, &host).await?;
    tx.commit().await?;
    Ok(Json(profile_now))
}
