//! Personal access tokens for third parties: made, listed and revoked by a signed-in person,
//! accepted as `Authorization: Bearer atl_…` on the host they were made on, within their
//! scopes. The secret is shown once; only its SHA-256 is kept.

use atelier_db::Scope;
use atelier_db::access_tokens::{self, AccessTokenRow, NewToken};
use atelier_db::users;
use atelier_types::FieldError;
use atelier_types::Role;
use atelier_types::auth::{AccessTokenInfo, CreatedAccessToken, NewAccessToken, TokenScope};
use chrono::{Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{App, AppError, AppResult, Caller, Host};

/// What every token starts with, so a leaked one is recognisable (and scanners can find it).
pub const TOKEN_PREFIX: &str = "atl_";
/// Live tokens one person may hold.
pub const MAX_TOKENS: i64 = 20;

fn digest(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

fn info_of(row: &AccessTokenRow) -> AccessTokenInfo {
    AccessTokenInfo {
        id: row.id,
        name: row.name.clone(),
        prefix: row.prefix.clone(),
        scopes: row.scopes.iter().filter_map(|s| TokenScope::parse(s)).collect(),
        created_at: row.created_at,
        expires_at: row.expires_at,
        last_used_at: row.last_used_at,
    }
}

fn checked(body: &NewAccessToken) -> AppResult<()> {
    let mut errors = Vec::new();
    let name = body.name.trim();
    if name.is_empty() {
        errors.push(FieldError::new("name", "required", "Name the token after what will use it."));
    } else if name.chars().count() > 100 {
        errors.push(FieldError::new("name", "too_long", "Use at most 100 characters."));
    }
    if body.scopes.is_empty() {
        errors.push(FieldError::new("scopes", "required", "Choose at least one scope."));
    }
    if body.expires_in_days.is_some_and(|d| !(1..=365).contains(&d)) {
        errors.push(FieldError::new("expires_in_days", "out_of_range", "Choose between 1 and 365 days."));
    }
    if errors.is_empty() { Ok(()) } else { Err(AppError::validation(errors)) }
}

/// Makes a token for the caller on this host; its secret is in the answer, once.
pub async fn create(app: &App, user: &Caller, body: NewAccessToken) -> AppResult<CreatedAccessToken> {
    checked(&body)?;
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    let token = format!("{TOKEN_PREFIX}{}", hex::encode(bytes));
    let prefix: String = token.chars().take(TOKEN_PREFIX.len() + 8).collect();
    let mut scopes: Vec<TokenScope> = body.scopes.clone();
    scopes.sort();
    scopes.dedup();
    let scopes: Vec<String> = scopes.iter().map(|s| s.as_str().to_owned()).collect();
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    if access_tokens::count_of_user(&mut tx, user.id).await? >= MAX_TOKENS {
        return Err(AppError::conflict(
            "too_many_tokens",
            format!("You already have {MAX_TOKENS} tokens. Revoke one you no longer use first."),
        ));
    }
    let row = access_tokens::insert(
        &mut tx,
        &NewToken {
            user_id: user.id,
            name: body.name.trim(),
            prefix: &prefix,
            token_hash: &digest(&token),
            scopes: &scopes,
            audience: &user.host.scope.audience(),
            expires_at: body.expires_in_days.map(|d| Utc::now() + Duration::days(i64::from(d))),
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user.id = %user.id, token.id = %row.id, "access token created");
    Ok(CreatedAccessToken { token, info: info_of(&row) })
}

pub async fn list(app: &App, user: &Caller) -> AppResult<Vec<AccessTokenInfo>> {
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let rows = access_tokens::of_user(&mut tx, user.id).await?;
    tx.commit().await?;
    Ok(rows.iter().map(info_of).collect())
}

/// Revokes one of the caller's tokens: it is refused from its next request on.
pub async fn revoke(app: &App, user: &Caller, id: Uuid) -> AppResult<()> {
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let revoked = access_tokens::revoke(&mut tx, user.id, id).await?;
    tx.commit().await?;
    if revoked { Ok(()) } else { Err(AppError::not_found("token_not_found", "No such token of yours.")) }
}

/// Who a token acts for.
#[derive(Debug, Clone)]
pub struct TokenHolder {
    pub user_id: Uuid,
    pub role: Role,
    pub tenant_id: Option<Uuid>,
    pub scopes: Vec<TokenScope>,
}

/// The holder of a live token for this host whose account is active; `None` otherwise.
pub async fn holder(app: &App, host: &Host, token: &str) -> AppResult<Option<TokenHolder>> {
    let mut tx = app.db.begin(&Scope::everything()).await?;
    let Some(row) = access_tokens::use_token(&mut tx, &digest(token), &host.scope.audience()).await? else {
        tx.commit().await?;
        return Ok(None);
    };
    let account = users::find_by_id(&mut tx, row.user_id).await?;
    tx.commit().await?;
    let Some(account) = account.filter(|u| u.active) else { return Ok(None) };
    Ok(Some(TokenHolder {
        user_id: account.id,
        role: account.role,
        tenant_id: account.website_id,
        scopes: info_of(&row).scopes,
    }))
}
