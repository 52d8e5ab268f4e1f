//! Password reset links: only a SHA-256 of each secret is kept. A link is taken once, within
//! its expiry, on the host it was asked for.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{DbError, Tx};

pub async fn insert(
    tx: &mut Tx,
    user_id: Uuid,
    token_hash: &[u8],
    audience: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), DbError> {
    sqlx::query("insert into password_resets (user_id, token_hash, audience, expires_at) values ($1, $2, $3, $4)")
        .bind(user_id)
        .bind(token_hash)
        .bind(audience)
        .bind(expires_at)
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Uses the link whose secret hashes to `token_hash`, if it is unused, unexpired and for
/// `audience`: the account it resets. Every other link of that account is used up with it.
///
/// One statement: two confirms of the same account at once lock its links in the same order,
/// so one waits for the other (and then finds its own link used) instead of deadlocking.
pub async fn take(tx: &mut Tx, token_hash: &[u8], audience: &str) -> Result<Option<Uuid>, DbError> {
    let taken: Vec<(Uuid, bool)> = sqlx::query_as(
        "update password_resets set used_at = now()
         where used_at is null and user_id = (
             select user_id from password_resets
             where token_hash = $1 and audience = $2 and used_at is null and expires_at > now())
         returning user_id, token_hash = $1 and expires_at > now()",
    )
    .bind(token_hash)
    .bind(audience)
    .fetch_all(tx.conn())
    .await?;
    Ok(taken.iter().find(|(_, mine)| *mine).map(|(user, _)| *user))
}

/// Whether a link could be taken now (a cheap look before the slow password hash).
pub async fn is_usable(tx: &mut Tx, token_hash: &[u8], audience: &str) -> Result<bool, DbError> {
    Ok(sqlx::query_scalar(
        "select exists (select 1 from password_resets
             where token_hash = $1 and audience = $2 and used_at is null and expires_at > now())",
    )
    .bind(token_hash)
    .bind(audience)
    .fetch_one(tx.conn())
    .await?)
}
