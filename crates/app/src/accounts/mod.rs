//! Accounts and sessions: register, sign in, refresh, sign out, and who am I; with the
//! password hashing, the tokens and the sign-in rate limiter they use.

use atelier_db::refresh_tokens::{self, Rotation};
use atelier_db::users::{self, NewUser, User};
use atelier_db::{Tx, assignments};
use atelier_domain::{HostScope, may_sign_in};
use atelier_types::Role;
use atelier_types::auth::{LoginRequest, LogoutRequest, Me, RefreshRequest, RegisterRequest, TokenResponse};
use atelier_types::validation::normalize_email;
use chrono::{Duration, Utc};
use secrecy::SecretString;

pub mod active;
pub mod password;
pub mod rate_limit;
pub mod reset;
pub mod tokens;

use crate::error::validated;
use crate::{App, AppError, AppResult, Caller, Host, Kind};
use tokens::{new_refresh_token, refresh_digest};

/// `Me` for `user`, read in `tx` (whose scope must include the user).
async fn profile(tx: &mut Tx, user: &User, host: &Host) -> AppResult<Me> {
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

fn refresh_expiry(app: &App) -> chrono::DateTime<Utc> {
    Utc::now() + Duration::seconds(app.settings.refresh_token_ttl_secs)
}

fn token_response(app: &App, access_token: String, refresh_token: String, user: Me) -> TokenResponse {
    TokenResponse {
        access_token,
        token_type: "Bearer".to_owned(),
        expires_in: app.settings.access_token_ttl_secs,
        refresh_token,
        refresh_expires_in: app.settings.refresh_token_ttl_secs,
        user,
    }
}

/// The account of `email` (normalised) that this host looks in: the tenant's clients on its
/// domain, platform accounts elsewhere; `None` also for one that may not sign in here.
async fn account_on_host(app: &App, host: &Host, email: &str) -> AppResult<Option<User>> {
    let mut tx = app.db.begin(&host.db_scope()).await?;
    let found = match host.scope {
        HostScope::Tenant(tenant_id) => users::find_client(&mut tx, tenant_id, email).await?,
        _ => users::find_platform_user(&mut tx, email).await?,
    };
    tx.commit().await?;
    Ok(found.filter(|u| may_sign_in(u.role, u.website_id, host.scope)))
}

/// Opens a new session (a new refresh-token family) for `user` on this host.
async fn open_session(app: &App, user: &User, host: &Host) -> AppResult<TokenResponse> {
    let (refresh_token, digest) = new_refresh_token();
    let mut tx = app.db.begin(&host.db_scope().with_user(user.id)).await?;
    refresh_tokens::insert_new_family(&mut tx, user.id, &digest, &host.scope.audience(), refresh_expiry(app)).await?;
    users::record_login(&mut tx, user.id).await?;
    let profile_now = profile(&mut tx, user, host).await?;
    tx.commit().await?;
    let access_token = app.tokens.issue(user.id, user.role, user.website_id, host.scope)?;
    Ok(token_response(app, access_token, refresh_token, profile_now))
}

/// Creates a client account of this tenant and signs it in. Only on a tenant's domain:
/// writers and staff are created by staff.
pub async fn register(app: &App, host: &Host, body: RegisterRequest) -> AppResult<TokenResponse> {
    let HostScope::Tenant(tenant_id) = host.scope else {
        return Err(AppError::new(
            Kind::Forbidden,
            "registration_unavailable",
            "Accounts can only be created on a website's own domain.",
        ));
    };
    validated(&body)?;
    let password_hash = password::hash(SecretString::from(body.password)).await?;
    let email = normalize_email(&body.email);
    let mut tx = app.db.begin(&host.db_scope()).await?;
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
    open_session(app, &user, host).await
}

/// Signs in. The host decides who may: a tenant's domain admits its own clients, the
/// writers host writers, the staff host staff roles, the API host writers and staff. Any
/// refusal reads exactly like a wrong password.
pub async fn login(app: &App, host: &Host, ip: &str, body: LoginRequest) -> AppResult<TokenResponse> {
    validated(&body)?;
    let email = normalize_email(&body.email);
    let account_key = app.keys.login_account(&host.scope.audience(), &email);
    app.admit_login_attempt(ip, &account_key).await?;

    // The lookup ends before the (slow) password check: no transaction waits on argon2. An
    // account that may not sign in here is treated exactly like a missing one.
    let candidate = account_on_host(app, host, &email).await?;
    let stored_hash = candidate.as_ref().map(|u| u.password_hash.clone());
    let matches = password::verify(SecretString::from(body.password), stored_hash).await?;

    match candidate {
        Some(user) if matches => {
            app.clear_login_failures(&account_key).await?;
            if !user.active {
                return Err(AppError::new(
                    Kind::Forbidden,
                    "account_suspended",
                    "This account is suspended. Contact the site's support to restore it.",
                ));
            }
            tracing::info!(user.id = %user.id, role = %user.role, "signed in");
            open_session(app, &user, host).await
        }
        _ => {
            app.record_login_failure(&account_key).await?;
            Err(AppError::invalid_credentials())
        }
    }
}

/// Exchanges a refresh token for a new pair. Each refresh token works once; presenting a
/// used one again ends every session descended from the same sign-in.
pub async fn refresh(app: &App, host: &Host, body: RefreshRequest) -> AppResult<TokenResponse> {
    let ended = || AppError::unauthorized("invalid_refresh_token", "Your session has ended. Sign in again.");
    let presented = refresh_digest(&body.refresh_token);
    let audience = host.scope.audience();
    let (successor, successor_digest) = new_refresh_token();
    let mut tx = app.db.begin(&host.db_scope()).await?;
    let rotation =
        refresh_tokens::rotate(&mut tx, &presented, &audience, &successor_digest, refresh_expiry(app)).await?;
    let (user_id, family_id) = match rotation {
        Rotation::Rotated { user_id, family_id } => (user_id, family_id),
        Rotation::Reused { family_id } => {
            tx.commit().await?;
            tracing::warn!(family.id = %family_id, "refresh token reused; family revoked");
            return Err(AppError::unauthorized(
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
    let profile_now = profile(&mut tx, &user, host).await?;
    tx.commit().await?;
    let access_token = app.tokens.issue(user.id, user.role, user.website_id, host.scope)?;
    Ok(token_response(app, access_token, successor, profile_now))
}

/// Ends the session the refresh token belongs to (every token of its family). Unknown
/// tokens are accepted silently: signing out twice is not an error.
pub async fn logout(app: &App, host: &Host, body: LogoutRequest) -> AppResult<()> {
    let digest = refresh_digest(&body.refresh_token);
    let mut tx = app.db.begin(&host.db_scope()).await?;
    if let Some(family) = refresh_tokens::family_of(&mut tx, &digest, &host.scope.audience()).await? {
        refresh_tokens::revoke_family(&mut tx, family).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The signed-in user.
pub async fn me(app: &App, user: &Caller) -> AppResult<Me> {
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let found = users::find_by_id(&mut tx, user.id).await?;
    let Some(account) = found.filter(|u| u.active) else {
        return Err(AppError::unauthorized("unauthenticated", "Your account is no longer available. Sign in again."));
    };
    let profile_now = profile(&mut tx, &account, &user.host).await?;
    tx.commit().await?;
    Ok(profile_now)
}
