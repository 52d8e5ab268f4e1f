//! Personal access tokens: only a SHA-256 of each secret is kept.

use chrono::{DateTime, Utc};
use sqlx::FromRow;
use uuid::Uuid;

use crate::{DbError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct AccessTokenRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub name: String,
    pub prefix: String,
    pub scopes: Vec<String>,
    pub audience: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

pub struct NewToken<'a> {
    pub user_id: Uuid,
    pub name: &'a str,
    pub prefix: &'a str,
    pub token_hash: &'a [u8],
    pub scopes: &'a [String],
    pub audience: &'a str,
    pub expires_at: Option<DateTime<Utc>>,
}

pub async fn insert(tx: &mut Tx, token: &NewToken<'_>) -> Result<AccessTokenRow, DbError> {
    let sql = concat!(
        "insert into access_tokens (user_id, name, prefix, token_hash, scopes, audience, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7) returning ",
        "id, user_id, name, prefix, scopes, audience, created_at, expires_at, last_used_at"
    );
    Ok(sqlx::query_as(sql)
        .bind(token.user_id)
        .bind(token.name)
        .bind(token.prefix)
        .bind(token.token_hash)
        .bind(token.scopes)
        .bind(token.audience)
        .bind(token.expires_at)
        .fetch_one(tx.conn())
        .await?)
}

/// The user's live tokens (not revoked, not expired), newest first.
pub async fn of_user(tx: &mut Tx, user_id: Uuid) -> Result<Vec<AccessTokenRow>, DbError> {
    let sql = concat!(
        "select ",
        "id, user_id, name, prefix, scopes, audience, created_at, expires_at, last_used_at",
        " from access_tokens where user_id = $1 and revoked_at is null
          and (expires_at is null or expires_at > now()) order by created_at desc limit 100"
    );
    Ok(sqlx::query_as(sql).bind(user_id).fetch_all(tx.conn()).await?)
}

/// How many live tokens the user has.
pub async fn count_of_user(tx: &mut Tx, user_id: Uuid) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar(
        "select count(*) from access_tokens where user_id = $1 and revoked_at is null
         and (expires_at is null or expires_at > now())",
    )
    .bind(user_id)
    .fetch_one(tx.conn())
    .await?)
}

/// Revokes one of the user's tokens; `false` when they have no such live token.
pub async fn revoke(tx: &mut Tx, user_id: Uuid, id: Uuid) -> Result<bool, DbError> {
    let done = sqlx::query(
        "update access_tokens set revoked_at = now() where id = $1 and user_id = $2 and revoked_at is null",
    )
    .bind(id)
    .bind(user_id)
    .execute(tx.conn())
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The live token with this hash for `audience`, marked used now (at most once a minute,
/// so a busy integration does not write on every request).
pub async fn use_token(tx: &mut Tx, token_hash: &[u8], audience: &str) -> Result<Option<AccessTokenRow>, DbError> {
    let sql = concat!(
        "select ",
        "id, user_id, name, prefix, scopes, audience, created_at, expires_at, last_used_at",
        " from access_tokens where token_hash = $1 and audience = $2 and revoked_at is null
          and (expires_at is null or expires_at > now())"
    );
    let found: Option<AccessTokenRow> =
        sqlx::query_as(sql).bind(token_hash).bind(audience).fetch_optional(tx.conn()).await?;
    if let Some(row) = &found
        && row.last_used_at.is_none_or(|at| Utc::now() - at > chrono::Duration::seconds(60))
    {
        sqlx::query("update access_tokens set last_used_at = now() where id = $1")
            .bind(row.id)
            .execute(tx.conn())
            .await?;
    }
    Ok(found)
}
