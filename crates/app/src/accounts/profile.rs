//! The signed-in person's own account: name, language, password, and their sessions (one per
//! sign-in, on one device), which they can end one by one or all at once.

use atelier_db::{devices, refresh_tokens, users};
use atelier_types::AppKind;
use atelier_types::auth::{Me, PasswordChange, ProfileUpdate, SessionInfo, TokenResponse};
use secrecy::SecretString;
use uuid::Uuid;

use super::verify::{admit_change, check_password};
use super::{Requester, brand, device_label, profile, session_in};
use crate::error::validated;
use crate::mail::{self, templates};
use crate::{App, AppError, AppResult, Caller};

/// Renames the caller and sets their language.
pub async fn update(app: &App, user: &Caller, body: ProfileUpdate) -> AppResult<Me> {
    validated(&body)?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    users::set_profile(&mut tx, user.id, body.display_name.as_deref().map(str::trim), body.language).await?;
    let account = users::find_by_id(&mut tx, user.id).await?.ok_or_else(super::account_gone)?;
    let me = profile(&mut tx, &account, &user.host).await?;
    tx.commit().await?;
    Ok(me)
}

/// Changes the caller's password (the current one is needed). Every session ends at once,
/// this one too, and the owner is told by mail; the answer is a new session on this host.
pub async fn change_password(
    app: &App,
    user: &Caller,
    from: &Requester,
    body: PasswordChange,
) -> AppResult<TokenResponse> {
    validated(&body)?;
    admit_change(app, user).await?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let account = users::find_by_id(&mut tx, user.id).await?.ok_or_else(super::account_gone)?;
    tx.commit().await?;
    check_password(app, &account, body.current_password).await?;
    let password_hash = app.hash_password(SecretString::from(body.new_password)).await?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    users::set_password(&mut tx, user.id, &password_hash).await?;
    refresh_tokens::revoke_all_of_user(&mut tx, user.id).await?;
    // The device making the change stays known; the others knew the old password only.
    let this_device = from.device_hash();
    devices::forget_others(&mut tx, user.id, this_device.as_deref()).await?;
    let brand = brand(app, &user.host, &from.origin);
    let notice = templates::password_changed(&brand, account.language, &account.display_name);
    mail::enqueue(&mut tx, &brand, "password_changed", &account.email, &notice).await.map_err(AppError::internal)?;
    crate::notifications::password_changed(&mut tx, &account).await?;
    let opened = session_in(app, &mut tx, &account, &user.host, from).await?;
    tx.commit().await?;
    app.active.forget(user.id);
    tracing::info!(user.id = %user.id, "password changed");
    opened.into_response(app, &account, &user.host)
}

fn app_of(audience: &str) -> AppKind {
    match audience {
        "writers" => AppKind::Writers,
        "staff" => AppKind::Staff,
        "api" => AppKind::Api,
        _ => AppKind::Clients,
    }
}

/// The caller's live sessions, the most recently used first.
pub async fn sessions(app: &App, user: &Caller) -> AppResult<Vec<SessionInfo>> {
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let rows = refresh_tokens::sessions_of_user(&mut tx, user.id).await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|s| SessionInfo {
            id: s.family_id,
            app: app_of(&s.audience),
            device: device_label(&s.user_agent),
            signed_in_at: s.signed_in_at,
            last_used_at: s.last_used_at,
            current: user.session == Some(s.family_id),
        })
        .collect())
}

/// Ends one of the caller's sessions: its refresh token stops at once, and so does its access
/// token (at its next request).
pub async fn end_session(app: &App, user: &Caller, id: Uuid) -> AppResult<()> {
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let ended = refresh_tokens::revoke_session(&mut tx, user.id, id).await?;
    tx.commit().await?;
    if !ended {
        return Err(AppError::not_found("session_not_found", "This session has already ended."));
    }
    app.active.forget(user.id);
    Ok(())
}

/// Ends every session of the caller, this one included.
pub async fn end_all_sessions(app: &App, user: &Caller) -> AppResult<()> {
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let ended = refresh_tokens::revoke_all_of_user(&mut tx, user.id).await?;
    users::end_sessions(&mut tx, user.id).await?;
    tx.commit().await?;
    app.active.forget(user.id);
    tracing::info!(user.id = %user.id, tokens = ended, "signed out everywhere");
    Ok(())
}
