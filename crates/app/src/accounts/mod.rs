//! Accounts and sessions: register, sign in, refresh, sign out, and who am I; with the
//! password hashing, the tokens and the sign-in rate limiter they use.

use atelier_db::refresh_tokens::{self, Device, Rotation};
use atelier_db::users::{self, NewUser, User};
use atelier_db::{Tx, assignments, devices, email_verifications};
use atelier_domain::{HostScope, may_sign_in};
use atelier_types::Role;
use atelier_types::auth::{
    LoginRequest, LogoutRequest, Me, RefreshRequest, RegisterRequest, RegistrationAccepted, TokenResponse,
};
use atelier_types::validation::normalize_email;
use chrono::{Duration, Utc};
use secrecy::SecretString;
use sha2::{Digest, Sha256};

pub mod access_tokens;
pub mod active;
pub mod password;
pub mod profile;
pub mod rate_limit;
pub mod reset;
pub mod tokens;
pub mod verify;

use crate::error::validated;
use crate::mail::{self, Brand, templates};
use crate::{App, AppError, AppResult, Caller, Host, Kind};
use tokens::{new_refresh_token, refresh_digest};

/// Who is at the other end of a request that opens a session: what rate limits, the session
/// list and the new-device notice use.
#[derive(Debug, Clone, Default)]
pub struct Requester {
    /// The client IP, as a rate-limit key.
    pub ip: String,
    /// The address the app is reached at (`https://acme.example`): links in mail open it.
    pub origin: String,
    pub user_agent: String,
    /// The random id the app keeps for its browser (`X-Atelier-Device`), if it sent one.
    pub device: Option<String>,
}

impl Requester {
    fn device_hash(&self) -> Option<Vec<u8>> {
        self.device.as_deref().map(|id| Sha256::digest(id.as_bytes()).to_vec())
    }
}

/// The brand an account's mail carries on this host: the tenant's on its domain, the
/// platform's on the writers and staff hosts.
pub(crate) fn brand(app: &App, host: &Host, origin: &str) -> Brand {
    match &host.tenant {
        Some(tenant) => Brand::tenant(tenant, origin, &app.settings.mail_sender()),
        None => Brand::platform(&app.settings.mail_sender()),
    }
}

/// "Firefox on Linux", from a user agent: what the session list and the new-device notice say.
pub fn device_label(user_agent: &str) -> String {
    let ua = user_agent;
    let browser = if ua.contains("Edg/") {
        "Edge"
    } else if ua.contains("OPR/") {
        "Opera"
    } else if ua.contains("Firefox/") {
        "Firefox"
    } else if ua.contains("Chrome/") || ua.contains("Chromium/") {
        "Chrome"
    } else if ua.contains("Safari/") {
        "Safari"
    } else if ua.starts_with("curl/") {
        "curl"
    } else {
        ""
    };
    let system = if ua.contains("Android") {
        "Android"
    } else if ua.contains("iPhone") || ua.contains("iPad") {
        "iOS"
    } else if ua.contains("Windows") {
        "Windows"
    } else if ua.contains("Mac OS X") || ua.contains("Macintosh") {
        "macOS"
    } else if ua.contains("CrOS") {
        "ChromeOS"
    } else if ua.contains("Linux") {
        "Linux"
    } else {
        ""
    };
    match (browser, system) {
        ("", "") => "Unknown device".to_owned(),
        (b, "") => b.to_owned(),
        ("", s) => format!("A browser on {s}"),
        (b, s) => format!("{b} on {s}"),
    }
}

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
        language: user.language,
        email_verified: user.email_verified_at.is_some(),
        pending_email: email_verifications::pending_email(tx, user.id, &user.email).await?,
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

/// User agents are kept to this many characters.
const USER_AGENT_MAX: usize = 300;

/// Opens a new session (a new refresh-token family) for `user` on this host. A sign-in from
/// a device the account has not used before, when it has used others, is notified by mail.
async fn open_session(app: &App, user: &User, host: &Host, from: &Requester) -> AppResult<TokenResponse> {
    let mut tx = app.db.begin(&host.db_scope().with_user(user.id)).await?;
    let opened = session_in(app, &mut tx, user, host, from).await?;
    tx.commit().await?;
    opened.into_response(app, user, host)
}

/// A session stored in a transaction, answered once it commits.
pub(crate) struct Opened {
    refresh_token: String,
    family: uuid::Uuid,
    profile: Me,
}

impl Opened {
    pub(crate) fn into_response(self, app: &App, user: &User, host: &Host) -> AppResult<TokenResponse> {
        let access_token = app.tokens.issue(user.id, user.role, user.website_id, host.scope, Some(self.family))?;
        Ok(token_response(app, access_token, self.refresh_token, self.profile))
    }
}

/// [`open_session`]'s writes, in the caller's transaction (whose scope includes the user):
/// a change and the session it ends in commit together or not at all.
pub(crate) async fn session_in(
    app: &App,
    tx: &mut Tx,
    user: &User,
    host: &Host,
    from: &Requester,
) -> AppResult<Opened> {
    let (refresh_token, digest) = new_refresh_token();
    let user_agent: String = from.user_agent.chars().take(USER_AGENT_MAX).collect();
    let device_hash = from.device_hash();
    let device = Device { user_agent: &user_agent, device_hash: device_hash.as_deref() };
    let family =
        refresh_tokens::insert_new_family(tx, user.id, &digest, &host.scope.audience(), refresh_expiry(app), device)
            .await?;
    let new_device = match &device_hash {
        Some(hash) => devices::remember(tx, user.id, hash, &user_agent).await?,
        None => true,
    };
    if new_device && devices::count(tx, user.id).await? > u64::from(device_hash.is_some()) {
        let brand = brand(app, host, &from.origin);
        let device = device_label(&user_agent);
        let notice = templates::new_sign_in(&brand, user.language, &user.display_name, &device);
        mail::enqueue(tx, &brand, "new_sign_in", &user.email, &notice).await.map_err(AppError::internal)?;
        crate::notifications::new_sign_in(tx, user, &device).await?;
    }
    users::record_login(tx, user.id).await?;
    let profile = profile(tx, user, host).await?;
    Ok(Opened { refresh_token, family, profile })
}

/// How many "this address already has an account" mails one address gets per hour.
const ADDRESS_IN_USE_MAILS: u32 = 3;

/// Creates a client account of this tenant, unconfirmed, and mails its confirmation link.
/// The answer is the same when the address already has an account here: its owner gets a
/// mail saying so instead. Only on a tenant's domain (writers and staff are created by
/// staff); rate-limited per IP and per tenant, and its password hash waits for nobody.
pub async fn register(
    app: &App,
    host: &Host,
    from: &Requester,
    body: RegisterRequest,
) -> AppResult<RegistrationAccepted> {
    let HostScope::Tenant(tenant_id) = host.scope else {
        return Err(AppError::new(
            Kind::Forbidden,
            "registration_unavailable",
            "Accounts can only be created on a website's own domain.",
        ));
    };
    validated(&body)?;
    let hour = 3600;
    app.admit(&app.keys.register_ip(&from.ip), app.settings.register_max_per_ip, hour)
        .await
        .map_err(|e| e.retold("Too many accounts were created from your network in the last hour. Try again later."))?;
    app.admit(&app.keys.register_tenant(tenant_id), app.settings.register_max_per_tenant, hour).await.map_err(|e| {
        e.retold("This site is receiving too many registrations right now. Try again in a little while.")
    })?;
    let password_hash = app.hash_registration_password(SecretString::from(body.password)).await?;
    let email = normalize_email(&body.email);
    let brand = brand(app, host, &from.origin);
    let new = NewUser {
        website_id: Some(tenant_id),
        role: Role::Client,
        email: &email,
        display_name: body.display_name.trim(),
        password_hash: &password_hash,
        verified: false,
    };
    let mut tx = app.db.begin(&host.db_scope()).await?;
    match users::insert_client_if_absent(&mut tx, &new).await? {
        Some(user) => {
            if let Some(code) = body.referral_code.as_deref().filter(|c| !c.trim().is_empty() && c.len() <= 32) {
                crate::billing::promotions::referred_at_registration(&mut tx, tenant_id, user.id, code).await?;
            }
            verify::send_link(&mut tx, host, &brand, &from.origin, &user, &email).await?;
            tracing::info!(user.id = %user.id, tenant.id = %tenant_id, "client registered");
        }
        None => {
            // Same work, same answer; past its quota the address gets no more of these.
            let key = app.keys.register_address(&host.scope.audience(), &email);
            let existing = users::find_client(&mut tx, tenant_id, &email).await?;
            if let Some(owner) = existing
                && app.admit(&key, ADDRESS_IN_USE_MAILS, hour).await.is_ok()
            {
                let sign_in = format!("{}/login", from.origin);
                let rendered = templates::address_in_use(&brand, owner.language, &sign_in);
                mail::enqueue(&mut tx, &brand, "address_in_use", &owner.email, &rendered)
                    .await
                    .map_err(AppError::internal)?;
            }
            tracing::info!(tenant.id = %tenant_id, "registration for an address that has an account");
        }
    }
    tx.commit().await?;
    Ok(RegistrationAccepted { email })
}

/// Signs in. The host decides who may: a tenant's domain admits its own clients, the
/// writers host writers, the staff host staff roles, the API host writers and staff. Any
/// refusal reads exactly like a wrong password.
///
/// Failed attempts pause an account's sign-in for a while, but not for its owner: a device
/// the account signed in from before gets through with the right password, and a password
/// reset (or staff) lifts the pause.
pub async fn login(app: &App, host: &Host, from: &Requester, body: LoginRequest) -> AppResult<TokenResponse> {
    validated(&body)?;
    let email = normalize_email(&body.email);
    let account_key = app.keys.login_account(&host.scope.audience(), &email);
    app.admit_login_ip(&from.ip).await?;

    // The lookup ends before the (slow) password check: no transaction waits on argon2. An
    // account that may not sign in here is treated exactly like a missing one.
    let candidate = account_on_host(app, host, &email).await?;
    let paused = app.login_paused(&account_key).await?;
    if let Some(retry_after) = paused {
        let known = match (&candidate, from.device_hash()) {
            (Some(user), Some(hash)) => {
                let mut tx = app.db.begin(&host.db_scope().with_user(user.id)).await?;
                let known = devices::is_known(&mut tx, user.id, &hash).await?;
                tx.commit().await?;
                known
            }
            _ => false,
        };
        if !known {
            tracing::warn!("sign-in rate limit reached for an account");
            return Err(AppError::rate_limited(retry_after));
        }
    }
    let stored_hash = candidate.as_ref().map(|u| u.password_hash.clone());
    let matches = app.verify_password(SecretString::from(body.password), stored_hash).await?;

    match candidate {
        Some(user) if matches => {
            // Let through a pause by its known device, the owner leaves the count as it is: an
            // attacker guessing elsewhere gets no fresh attempts from the owner's sign-ins.
            if paused.is_none() {
                app.clear_login_failures(&account_key).await?;
            }
            if !user.active {
                return Err(AppError::new(
                    Kind::Forbidden,
                    "account_suspended",
                    "This account is suspended. Contact the site's support to restore it.",
                ));
            }
            tracing::info!(user.id = %user.id, role = %user.role, "signed in");
            open_session(app, &user, host, from).await
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
        Rotation::Revoked => {
            // The family was ended (maybe while this token was refreshed): stays ended, whole.
            tx.commit().await?;
            return Err(ended());
        }
        Rotation::Unknown | Rotation::Expired => return Err(ended()),
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
    let access_token = app.tokens.issue(user.id, user.role, user.website_id, host.scope, Some(family_id))?;
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

/// The refusal for a signed-in account that no longer exists or may no longer act.
pub fn account_gone() -> AppError {
    AppError::unauthorized("unauthenticated", "Your account is no longer available. Sign in again.")
}

/// The signed-in user.
pub async fn me(app: &App, user: &Caller) -> AppResult<Me> {
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let found = users::find_by_id(&mut tx, user.id).await?;
    let Some(account) = found.filter(|u| u.active) else {
        return Err(account_gone());
    };
    let profile_now = profile(&mut tx, &account, &user.host).await?;
    tx.commit().await?;
    Ok(profile_now)
}
