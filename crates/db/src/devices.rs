//! Devices an account has signed in from, by a SHA-256 of the random id the app keeps.

use uuid::Uuid;

use crate::{DbError, Tx};

/// Whether the account has signed in from this device before.
pub async fn is_known(tx: &mut Tx, user_id: Uuid, device_hash: &[u8]) -> Result<bool, DbError> {
    Ok(sqlx::query_scalar("select exists (select 1 from known_devices where user_id = $1 and device_hash = $2)")
        .bind(user_id)
        .bind(device_hash)
        .fetch_one(tx.conn())
        .await?)
}

/// Remembers a sign-in from this device; `true` when it is the account's first from it.
pub async fn remember(tx: &mut Tx, user_id: Uuid, device_hash: &[u8], user_agent: &str) -> Result<bool, DbError> {
    let first: bool = sqlx::query_scalar(
        "insert into known_devices (user_id, device_hash, user_agent) values ($1, $2, $3)
         on conflict (user_id, device_hash) do update set last_seen = now(), user_agent = excluded.user_agent
         returning xmax = 0",
    )
    .bind(user_id)
    .bind(device_hash)
    .bind(user_agent)
    .fetch_one(tx.conn())
    .await?;
    Ok(first)
}

/// How many devices the account has signed in from.
pub async fn count(tx: &mut Tx, user_id: Uuid) -> Result<u64, DbError> {
    let n: i64 = sqlx::query_scalar("select count(*) from known_devices where user_id = $1")
        .bind(user_id)
        .fetch_one(tx.conn())
        .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Forgets every device of the account but `keep` (a password change or reset: a device that
/// knew the old password gets no special treatment any more).
pub async fn forget_others(tx: &mut Tx, user_id: Uuid, keep: Option<&[u8]>) -> Result<u64, DbError> {
    let done = sqlx::query("delete from known_devices where user_id = $1 and device_hash is distinct from $2")
        .bind(user_id)
        .bind(keep)
        .execute(tx.conn())
        .await?;
    Ok(done.rows_affected())
}
