//! E-mail verification: the link a new account (or an address it moves to) is sent, sending
//! it again, moving to another address, and the rule that an unconfirmed client may build but
//! not deploy or order.

use atelier_db::users::{self, User};
use atelier_db::{Tx, devices, email_verifications, refresh_tokens};
use atelier_types::auth::{EmailChange, EmailVerificationConfirm, TokenResponse};
use atelier_types::validation::normalize_email;
use atelier_types::{FieldError, Role};
use chrono::{Duration, Utc};
use secrecy::SecretString;

use super::tokens::{new_refresh_token, refresh_digest};
use super::{Requester, brand, session_in};
use crate::mail::{self, Brand, templates};
use crate::{App, AppError, AppResult, Caller, Host, Kind};
use atelier_domain::may_sign_in;

/// How long a verification link works.
pub const LINK_TTL_HOURS: i64 = 24;
/// Verification mails, e-mail changes and password changes one account may ask for per hour.
pub const MAX_CHANGES_PER_HOUR: u32 = 5;

/// Stores a link for `to` (the account's address or the one it moves to) and mails it.
pub(crate) async fn send_link(
    tx: &mut Tx,
    host: &Host,
    brand: &Brand,
    origin: &str,
    user: &User,
    to: &str,
) -> AppResult<()> {
    let (secret, digest) = new_refresh_token();
    let expires = Utc::now() + Duration::hours(LINK_TTL_HOURS);
    email_verifications::insert(tx, user.id, to, &digest, &host.scope.audience(), expires).await?;
    let link = format!("{origin}/verify-email?token={secret}");
    // No name in the greeting: whoever registers chooses it, and it would go to any inbox.
    let rendered = templates::verify_email(brand, user.language, "", &link);
    mail::enqueue(tx, brand, "verify_email", to, &rendered).await.map_err(AppError::internal)?;
    Ok(())
}

/// Counts one change the account asks for; refuses past [`MAX_CHANGES_PER_HOUR`].
pub(crate) async fn admit_change(app: &App, user: &Caller) -> AppResult<()> {
    app.admit(&app.keys.account_changes(user.id), MAX_CHANGES_PER_HOUR, 3600)
        .await
        .map_err(|e| e.retold("Too many changes to this account in the last hour. Try again later."))
}

/// Refuses an unconfirmed client: publishing and ordering need a confirmed address. Read in
/// the caller's transaction.
pub async fn require_verified(tx: &mut Tx, user: &Caller) -> AppResult<()> {
    if user.role != Role::Client || users::is_verified(tx, user.id).await? {
        return Ok(());
    }
    Err(AppError::new(
        Kind::Forbidden,
        "email_unverified",
        "Confirm your e-mail address first: open the link we mailed you, or ask for a new one from your profile.",
    ))
}

/// Link confirmations (each a password check) one IP may try per hour.
pub const MAX_CONFIRMS_PER_IP: u32 = 20;

/// Confirms the address a link was sent to, with the account's password, and signs in on
/// this host. The first confirmation of a new account also ends every session and forgets
/// every device it had: whoever registered someone else's address loses what they held.
pub async fn confirm(
    app: &App,
    host: &Host,
    from: &Requester,
    body: EmailVerificationConfirm,
) -> AppResult<TokenResponse> {
    crate::error::validated(&body)?;
    app.admit(&app.keys.verify_confirm_ip(&from.ip), MAX_CONFIRMS_PER_IP, 3600).await?;
    let refused = || {
        AppError::validation(vec![FieldError::new(
            "token",
            "invalid_verification_link",
            "This link has expired or was already used. Sign in and ask for a new one from your profile.",
        )])
    };
    let (digest, audience) = (refresh_digest(body.token.trim()), host.scope.audience());
    // A look first, the password next, and only then is the link used up: a wrong password
    // (or a mail scanner opening the page) leaves it working.
    let mut tx = app.db.begin(&host.db_scope()).await?;
    let Some((user_id, _)) = email_verifications::usable(&mut tx, &digest, &audience).await? else {
        return Err(refused());
    };
    tx.set_user(user_id).await?;
    let found = users::find_by_id(&mut tx, user_id).await?;
    tx.commit().await?;
    let Some(user) = found.filter(|u| u.active && may_sign_in(u.role, u.website_id, host.scope)) else {
        return Err(refused());
    };
    if !app.verify_password(SecretString::from(body.password), Some(user.password_hash.clone())).await? {
        return Err(AppError::validation(vec![FieldError::new(
            "password",
            "wrong_password",
            "This is not the password of the account this link is for.",
        )]));
    }
    let mut tx = app.db.begin(&host.db_scope()).await?;
    let Some((user_id, email)) = email_verifications::take(&mut tx, &digest, &audience).await? else {
        return Err(refused());
    };
    tx.set_user(user_id).await?;
    if email != user.email && users::address_taken(&mut tx, user.website_id, &email).await? {
        return Err(AppError::conflict(
            "email_taken",
            "Another account took this address meanwhile; your account keeps its current address.",
        ));
    }
    let first = user.email_verified_at.is_none();
    users::confirm_email(&mut tx, user.id, &email).await?;
    if first {
        refresh_tokens::revoke_all_of_user(&mut tx, user.id).await?;
        users::end_sessions(&mut tx, user.id).await?;
        devices::forget_others(&mut tx, user.id, None).await?;
    }
    let confirmed = users::find_by_id(&mut tx, user.id).await?.ok_or_else(refused)?;
    let opened = session_in(app, &mut tx, &confirmed, host, from).await?;
    tx.commit().await?;
    app.active.forget(user.id);
    tracing::info!(user.id = %user.id, moved = email != user.email, "e-mail address confirmed");
    opened.into_response(app, &confirmed, host)
}

/// Sends the confirmation link again: to the address the account moves to if it asked to,
/// else to its own (unconfirmed) address.
pub async fn send_again(app: &App, user: &Caller, origin: &str) -> AppResult<()> {
    admit_change(app, user).await?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let account = users::find_by_id(&mut tx, user.id).await?.ok_or_else(super::account_gone)?;
    let to = match email_verifications::pending_email(&mut tx, user.id, &account.email).await? {
        Some(pending) => pending,
        None if account.email_verified_at.is_none() => account.email.clone(),
        None => {
            return Err(AppError::conflict("already_verified", "Your e-mail address is already confirmed."));
        }
    };
    let brand = brand(app, &user.host, origin);
    send_link(&mut tx, &user.host, &brand, origin, &account, &to).await?;
    tx.commit().await?;
    Ok(())
}

fn wrong_password() -> AppError {
    AppError::validation(vec![FieldError::new(
        "current_password",
        "wrong_password",
        "This is not your current password.",
    )])
}

/// Checks the caller's current password (for changes that need it).
pub(crate) async fn check_password(app: &App, account: &User, password: String) -> AppResult<()> {
    if app.verify_password(SecretString::from(password), Some(account.password_hash.clone())).await? {
        Ok(())
    } else {
        Err(wrong_password())
    }
}

/// Asks to move the account to another address: a link goes to the new address, a notice to
/// the current one, and the account keeps its address until the link is opened. When the
/// new address has an account already, its owner is told instead — the answer is the same.
pub async fn change_email(app: &App, user: &Caller, origin: &str, body: EmailChange) -> AppResult<()> {
    crate::error::validated(&body)?;
    admit_change(app, user).await?;
    let new_email = normalize_email(&body.new_email);
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let account = users::find_by_id(&mut tx, user.id).await?.ok_or_else(super::account_gone)?;
    tx.commit().await?;
    check_password(app, &account, body.current_password).await?;
    if new_email == account.email {
        return Err(AppError::validation(vec![FieldError::new(
            "new_email",
            "same_address",
            "This is already your address.",
        )]));
    }
    let brand = brand(app, &user.host, origin);
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    if users::address_taken(&mut tx, account.website_id, &new_email).await? {
        // The profile shows the address as waiting, exactly as for a free one; its link is
        // never mailed (its owner is told someone tried instead).
        let (_, digest) = new_refresh_token();
        let expires = Utc::now() + Duration::hours(LINK_TTL_HOURS);
        email_verifications::insert(&mut tx, account.id, &new_email, &digest, &user.host.scope.audience(), expires)
            .await?;
        let rendered = templates::address_in_use(&brand, account.language, &format!("{origin}/login"));
        mail::enqueue(&mut tx, &brand, "address_in_use", &new_email, &rendered).await.map_err(AppError::internal)?;
    } else {
        send_link(&mut tx, &user.host, &brand, origin, &account, &new_email).await?;
    }
    let notice = templates::email_change_asked(&brand, account.language, &account.display_name, &new_email);
    mail::enqueue(&mut tx, &brand, "email_change_asked", &account.email, &notice).await.map_err(AppError::internal)?;
    tx.commit().await?;
    Ok(())
}
