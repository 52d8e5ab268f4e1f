//! Password reset by e-mail. Asking answers the same whether or not the address has an
//! account here; the link (a secret stored hashed, one hour, once) is mailed only if it has,
//! on the host of the account's app. Using it sets the password, ends every session, clears
//! the sign-in lock, tells the owner by mail, and opens a session on this host.

use atelier_db::{devices, password_resets, refresh_tokens, users};
use atelier_domain::may_sign_in;
use atelier_types::FieldError;
use atelier_types::auth::{PasswordResetConfirm, PasswordResetRequest, TokenResponse};
use atelier_types::validation::normalize_email;
use chrono::{Duration, Utc};
use secrecy::SecretString;

use super::tokens::{new_refresh_token, refresh_digest};
use super::{Requester, account_on_host, brand, session_in};
use crate::error::validated;
use crate::mail::{self, templates};
use crate::{App, AppError, AppResult, Host};

/// How long a reset link works.
pub const LINK_TTL_MINUTES: i64 = 60;
/// Reset requests one IP may make per window (every request counts, known address or not).
pub const MAX_REQUESTS_PER_IP: u32 = 10;
/// Reset mails one address gets per window (more would be a way to flood someone's inbox).
pub const MAX_MAILS_PER_ADDRESS: u32 = 3;
/// New passwords one IP may try to set per window (each costs a password hash).
pub const MAX_CONFIRMS_PER_IP: u32 = 20;
const WINDOW_SECS: u64 = 3600;

/// Mails a reset link to the address if it has an account on this host. `origin` is the
/// address the app is reached at (`https://acme.example`); the link opens its reset page.
pub async fn request(app: &App, host: &Host, from: &Requester, body: PasswordResetRequest) -> AppResult<()> {
    validated(&body)?;
    let origin = from.origin.as_str();
    app.admit(&app.keys.reset_ip(&from.ip), MAX_REQUESTS_PER_IP, WINDOW_SECS).await?;
    let email = normalize_email(&body.email);
    let Some(user) = account_on_host(app, host, &email).await?.filter(|u| u.active) else {
        tracing::info!("password reset asked for an address with no account here");
        return Ok(());
    };
    // Past its quota an address gets no more mail, and the answer stays the same: a refusal
    // here would tell which addresses have accounts.
    if app
        .admit(&app.keys.reset_account(&host.scope.audience(), &email), MAX_MAILS_PER_ADDRESS, WINDOW_SECS)
        .await
        .is_err()
    {
        tracing::warn!(user.id = %user.id, "password reset mails for this address are at their hourly limit");
        return Ok(());
    }
    let (secret, digest) = new_refresh_token();
    let link = format!("{origin}/reset-password?token={secret}");
    let brand = brand(app, host, origin);
    let rendered = templates::password_reset(&brand, user.language, &user.display_name, &link);
    let mut tx = app.db.begin(&host.db_scope().with_user(user.id)).await?;
    let expires = Utc::now() + Duration::minutes(LINK_TTL_MINUTES);
    password_resets::insert(&mut tx, user.id, &digest, &host.scope.audience(), expires).await?;
    mail::enqueue(&mut tx, &brand, "password_reset", &user.email, &rendered).await.map_err(AppError::internal)?;
    tx.commit().await?;
    tracing::info!(user.id = %user.id, "password reset link sent");
    Ok(())
}

/// Sets the new password with a link's secret and signs in on this host.
pub async fn confirm(app: &App, host: &Host, from: &Requester, body: PasswordResetConfirm) -> AppResult<TokenResponse> {
    validated(&body)?;
    app.admit(&app.keys.reset_confirm_ip(&from.ip), MAX_CONFIRMS_PER_IP, WINDOW_SECS).await?;
    let refused = || {
        AppError::validation(vec![FieldError::new(
            "token",
            "invalid_reset_link",
            "This link has expired or was already used. Ask for a new one.",
        )])
    };
    let (digest, audience) = (refresh_digest(&body.token), host.scope.audience());
    // A cheap look first: a made-up secret costs no password hash.
    let mut tx = app.db.begin(&host.db_scope()).await?;
    let usable = password_resets::is_usable(&mut tx, &digest, &audience).await?;
    tx.commit().await?;
    if !usable {
        return Err(refused());
    }
    // Hashed before the transaction: no row lock waits on argon2.
    let password_hash = app.hash_password(SecretString::from(body.password)).await?;
    let mut tx = app.db.begin(&host.db_scope()).await?;
    let Some(user_id) = password_resets::take(&mut tx, &digest, &audience).await? else {
        return Err(refused());
    };
    tx.set_user(user_id).await?;
    let found = users::find_by_id(&mut tx, user_id).await?;
    let Some(user) = found.filter(|u| u.active && may_sign_in(u.role, u.website_id, host.scope)) else {
        return Err(refused());
    };
    users::set_password(&mut tx, user.id, &password_hash).await?;
    // The link came to this address: it is the owner's.
    if user.email_verified_at.is_none() {
        users::confirm_email(&mut tx, user.id, &user.email).await?;
    }
    let ended = refresh_tokens::revoke_all_of_user(&mut tx, user.id).await?;
    // A device that knew the old password is no longer one the owner vouches for.
    devices::forget_others(&mut tx, user.id, None).await?;
    let brand = brand(app, host, &from.origin);
    let notice = templates::password_changed(&brand, user.language, &user.display_name);
    mail::enqueue(&mut tx, &brand, "password_changed", &user.email, &notice).await.map_err(AppError::internal)?;
    crate::notifications::password_changed(&mut tx, &user).await?;
    let changed = users::find_by_id(&mut tx, user.id).await?.ok_or_else(refused)?;
    let opened = session_in(app, &mut tx, &changed, host, from).await?;
    tx.commit().await?;
    // Access tokens issued before now stop working at once, not when they expire.
    app.active.forget(user.id);
    // The owner has proved they hold the address: the sign-in lock no longer applies.
    let account_key = app.keys.login_account(&host.scope.audience(), &user.email);
    app.clear_login_failures(&account_key).await?;
    tracing::info!(user.id = %user.id, sessions.ended = ended, "password reset");
    opened.into_response(app, &changed, host)
}
