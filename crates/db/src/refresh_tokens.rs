//! Rotating refresh tokens with reuse detection.
//!
//! Only SHA-256 digests are stored. Each refresh retires the presented token and issues a
//! successor in the same family; presenting a retired token again means it leaked (or two
//! clients raced), so the whole family is revoked and everyone holding it must sign in again —
//! unless it comes back within [`ROTATION_GRACE_SECS`] of its rotation: then it is two tabs
//! (or two requests) of one browser that met the same expired token, and it gets a successor
//! of its own.

use chrono::{DateTime, Utc};
use sqlx::FromRow;
use uuid::Uuid;

use crate::{DbError, Tx};

/// How long after its rotation a refresh token may be presented again without counting as
/// reused (each such use gets its own successor; the family stays one session).
pub const ROTATION_GRACE_SECS: i64 = 20;
/// Successors one token may have in all (its rotation, then uses within the grace): enough for
/// a few tabs, not a way to fork a stolen token at will.
pub const MAX_SUCCESSORS: i64 = 4;

/// Who signs in where, stored with a family: what the session list shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct Device<'a> {
    pub user_agent: &'a str,
    /// A SHA-256 of the id the app keeps for its browser, if it sent one.
    pub device_hash: Option<&'a [u8]>,
}

#[derive(Debug, Clone, FromRow)]
struct StoredToken {
    id: Uuid,
    user_id: Uuid,
    family_id: Uuid,
    audience: String,
    expires_at: DateTime<Utc>,
    rotated_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
}

/// Stores the first token of a new family (a fresh sign-in).
pub async fn insert_new_family(
    tx: &mut Tx,
    user_id: Uuid,
    token_hash: &[u8],
    audience: &str,
    expires_at: DateTime<Utc>,
    device: Device<'_>,
) -> Result<Uuid, DbError> {
    let family = Uuid::new_v4();
    sqlx::query(
        "insert into refresh_tokens (user_id, family_id, token_hash, audience, expires_at, user_agent, device_id)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(user_id)
    .bind(family)
    .bind(token_hash)
    .bind(audience)
    .bind(expires_at)
    .bind(device.user_agent)
    .bind(device.device_hash)
    .execute(tx.conn())
    .await?;
    Ok(family)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rotation {
    /// The token was valid; its successor is stored.
    Rotated {
        user_id: Uuid,
        family_id: Uuid,
    },
    /// No such token for this audience.
    Unknown,
    Expired,
    /// Its family was revoked (logout, or an earlier reuse).
    Revoked,
    /// The token had already been rotated: the family is now revoked.
    Reused {
        family_id: Uuid,
    },
}

/// Retires `presented` and stores `successor` in its family. The row lock makes two
/// concurrent refreshes with one token resolve as one rotation and one reuse. The caller
/// commits — also after `Reused`, so that the family's revocation sticks.
pub async fn rotate(
    tx: &mut Tx,
    presented: &[u8],
    audience: &str,
    successor: &[u8],
    successor_expires_at: DateTime<Utc>,
) -> Result<Rotation, DbError> {
    let stored: Option<StoredToken> = sqlx::query_as(
        "select id, user_id, family_id, audience, expires_at, rotated_at, revoked_at
         from refresh_tokens where token_hash = $1 for update",
    )
    .bind(presented)
    .fetch_optional(tx.conn())
    .await?;

    let Some(token) = stored.filter(|t| t.audience == audience) else {
        return Ok(Rotation::Unknown);
    };
    // A family ended while one of its tokens was being refreshed may hold a successor the
    // revocation did not see: any revoked token ends the whole family.
    let family_ended: bool = sqlx::query_scalar(
        "select exists (select 1 from refresh_tokens where family_id = $1 and revoked_at is not null)",
    )
    .bind(token.family_id)
    .fetch_one(tx.conn())
    .await?;
    if token.revoked_at.is_some() || family_ended {
        revoke_family(tx, token.family_id).await?;
        return Ok(Rotation::Revoked);
    }
    if let Some(rotated) = token.rotated_at {
        let successors: i64 = sqlx::query_scalar("select count(*) from refresh_tokens where parent_id = $1")
            .bind(token.id)
            .fetch_one(tx.conn())
            .await?;
        if Utc::now() - rotated > chrono::Duration::seconds(ROTATION_GRACE_SECS) || successors >= MAX_SUCCESSORS {
            revoke_family(tx, token.family_id).await?;
            return Ok(Rotation::Reused { family_id: token.family_id });
        }
    }
    if token.expires_at <= Utc::now() {
        return Ok(Rotation::Expired);
    }

    // Within the grace the first rotation's time stays: the window does not slide.
    sqlx::query("update refresh_tokens set rotated_at = coalesce(rotated_at, now()) where id = $1")
        .bind(token.id)
        .execute(tx.conn())
        .await?;
    sqlx::query(
        "insert into refresh_tokens (user_id, family_id, token_hash, audience, expires_at, user_agent, device_id, parent_id)
         select user_id, family_id, $2, audience, $3, user_agent, device_id, id from refresh_tokens where id = $1",
    )
    .bind(token.id)
    .bind(successor)
    .bind(successor_expires_at)
    .execute(tx.conn())
    .await?;
    Ok(Rotation::Rotated { user_id: token.user_id, family_id: token.family_id })
}

/// Revokes every live token of the family; returns how many were live.
pub async fn revoke_family(tx: &mut Tx, family_id: Uuid) -> Result<u64, DbError> {
    let done = sqlx::query("update refresh_tokens set revoked_at = now() where family_id = $1 and revoked_at is null")
        .bind(family_id)
        .execute(tx.conn())
        .await?;
    Ok(done.rows_affected())
}

/// Ends every session of the user (all their live tokens); returns how many were live.
pub async fn revoke_all_of_user(tx: &mut Tx, user_id: Uuid) -> Result<u64, DbError> {
    let done = sqlx::query("update refresh_tokens set revoked_at = now() where user_id = $1 and revoked_at is null")
        .bind(user_id)
        .execute(tx.conn())
        .await?;
    Ok(done.rows_affected())
}

/// The family of a stored token (any state), for sign-out.
pub async fn family_of(tx: &mut Tx, token_hash: &[u8], audience: &str) -> Result<Option<Uuid>, DbError> {
    Ok(sqlx::query_scalar("select family_id from refresh_tokens where token_hash = $1 and audience = $2")
        .bind(token_hash)
        .bind(audience)
        .fetch_optional(tx.conn())
        .await?)
}

/// Ends every session of the user but `keep`; returns how many tokens were live.
pub async fn revoke_others_of_user(tx: &mut Tx, user_id: Uuid, keep: Option<Uuid>) -> Result<u64, DbError> {
    let done = sqlx::query(
        "update refresh_tokens set revoked_at = now()
         where user_id = $1 and revoked_at is null and family_id is distinct from $2",
    )
    .bind(user_id)
    .bind(keep)
    .execute(tx.conn())
    .await?;
    Ok(done.rows_affected())
}

/// Ends one session of the user; `false` when they have no such live session.
pub async fn revoke_session(tx: &mut Tx, user_id: Uuid, family_id: Uuid) -> Result<bool, DbError> {
    let done = sqlx::query(
        "update refresh_tokens set revoked_at = now() where user_id = $1 and family_id = $2 and revoked_at is null",
    )
    .bind(user_id)
    .bind(family_id)
    .execute(tx.conn())
    .await?;
    Ok(done.rows_affected() > 0)
}

/// A live session: a family with a token that can still be refreshed.
#[derive(Debug, Clone, FromRow)]
pub struct Session {
    pub family_id: Uuid,
    pub audience: String,
    pub user_agent: String,
    pub signed_in_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
}

/// The user's live sessions, the most recently used first.
pub async fn sessions_of_user(tx: &mut Tx, user_id: Uuid) -> Result<Vec<Session>, DbError> {
    Ok(sqlx::query_as(
        "select family_id, min(audience) as audience, min(user_agent) as user_agent,
                min(created_at) as signed_in_at, max(created_at) as last_used_at
         from refresh_tokens where user_id = $1
         group by family_id
         having bool_and(revoked_at is null) and bool_or(rotated_at is null and expires_at > now())
         order by last_used_at desc
         limit 100",
    )
    .bind(user_id)
    .fetch_all(tx.conn())
    .await?)
}
