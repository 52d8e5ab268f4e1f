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
pub async fn take(tx: &mut Tx, token_hash: &[u8], audience: &str) -> Result<Option<Uuid>, DbError> {
    let user: Option<Uuid> = sqlx::query_scalar(
        "update password_resets set used_at = now()
         where token_hash = $1 and audience = $2 and used_at is null and expires_at > now()
         returning user_id",
    )
    .bind(token_hash)
    .bind(audience)
    .fetch_optional(tx.conn())
    .await?;
    if let Some(user) = user {
        sqlx::query("update password_resets set used_at = now() where user_id = $1 and used_at is null")
            .bind(user)
            .execute(tx.conn())
            .await?;
    }
    Ok(user)
}
