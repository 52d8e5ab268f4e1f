//! E-mail verification links: only a SHA-256 of each secret is kept. A link confirms one
//! address (the account's own, or the one it moves to), once, within its expiry, on the host
//! it was sent from.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{DbError, Tx};

pub async fn insert(
    tx: &mut Tx,
    user_id: Uuid,
    email: &str,
    token_hash: &[u8],
    audience: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), DbError> {
    sqlx::query(
        "insert into email_verifications (user_id, email, token_hash, audience, expires_at)
         values ($1, $2, $3, $4, $5)",
    )
    .bind(user_id)
    .bind(email)
    .bind(token_hash)
    .bind(audience)
    .bind(expires_at)
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// Uses the link whose secret hashes to `token_hash`, if it is unused, unexpired and for
/// `audience`: the account and the address it confirms. Every other open link of the account
/// is used up with it (one statement, as for password resets: no deadlock between two).
pub async fn take(tx: &mut Tx, token_hash: &[u8], audience: &str) -> Result<Option<(Uuid, String)>, DbError> {
    let taken: Vec<(Uuid, String, bool)> = sqlx::query_as(
        "update email_verifications set used_at = now()
         where used_at is null and user_id = (
             select user_id from email_verifications
             where token_hash = $1 and audience = $2 and used_at is null and expires_at > now())
         returning user_id, email, token_hash = $1 and expires_at > now()",
    )
    .bind(token_hash)
    .bind(audience)
    .fetch_all(tx.conn())
    .await?;
    Ok(taken.into_iter().find(|(_, _, mine)| *mine).map(|(user, email, _)| (user, email)))
}

/// The address the account asked to move to and has not confirmed yet (the newest open link
/// for an address other than `current`).
pub async fn pending_email(tx: &mut Tx, user_id: Uuid, current: &str) -> Result<Option<String>, DbError> {
    Ok(sqlx::query_scalar(
        "select email from email_verifications
         where user_id = $1 and email <> $2 and used_at is null and expires_at > now()
         order by created_at desc limit 1",
    )
    .bind(user_id)
    .bind(current)
    .fetch_optional(tx.conn())
    .await?)
}

/// The account and address of a link that could be taken now (a look before the password
/// check, which must not use the link up when it fails).
pub async fn usable(tx: &mut Tx, token_hash: &[u8], audience: &str) -> Result<Option<(Uuid, String)>, DbError> {
    Ok(sqlx::query_as(
        "select user_id, email from email_verifications
         where token_hash = $1 and audience = $2 and used_at is null and expires_at > now()",
    )
    .bind(token_hash)
    .bind(audience)
    .fetch_optional(tx.conn())
    .await?)
}
