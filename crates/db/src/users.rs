//! Accounts.

use atelier_types::{Language, Role};
use chrono::{DateTime, Utc};
use sqlx::FromRow;
use uuid::Uuid;

use crate::{DbError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct User {
    pub id: Uuid,
    /// The client's tenant; `None` for platform users.
    pub website_id: Option<Uuid>,
    pub role: Role,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub active: bool,
    /// The language of the mail sent to this person.
    pub language: Language,
    /// When its address was confirmed; `None` until then.
    pub email_verified_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

macro_rules! select_user {
    ($where:literal) => {
        concat!(
            "select id, website_id, role, email, display_name, password_hash, active, language, email_verified_at, created_at from users ",
            $where
        )
    };
}

/// The client of `website_id` with this (normalised) e-mail.
pub async fn find_client(tx: &mut Tx, website_id: Uuid, email: &str) -> Result<Option<User>, DbError> {
    let sql = select_user!("where role = 'client' and website_id = $1 and email = $2");
    Ok(sqlx::query_as(sql).bind(website_id).bind(email).fetch_optional(tx.conn()).await?)
}

/// The writer or staff account with this (normalised) e-mail.
pub async fn find_platform_user(tx: &mut Tx, email: &str) -> Result<Option<User>, DbError> {
    let sql = select_user!("where role <> 'client' and email = $1");
    Ok(sqlx::query_as(sql).bind(email).fetch_optional(tx.conn()).await?)
}

pub async fn find_by_id(tx: &mut Tx, id: Uuid) -> Result<Option<User>, DbError> {
    Ok(sqlx::query_as(select_user!("where id = $1")).bind(id).fetch_optional(tx.conn()).await?)
}

#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub website_id: Option<Uuid>,
    pub role: Role,
    /// Already normalised (trimmed, lower-case).
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    /// Whether its address counts as confirmed from the start (accounts made by staff or the
    /// seed); a client who registers confirms theirs by mail.
    pub verified: bool,
}

pub async fn insert(tx: &mut Tx, user: &NewUser<'_>) -> Result<User, DbError> {
    let sql = "insert into users (website_id, role, email, display_name, password_hash, email_verified_at)
               values ($1, $2, $3, $4, $5, case when $6 then now() end)
               returning id, website_id, role, email, display_name, password_hash, active, language, email_verified_at, created_at";
    Ok(sqlx::query_as(sql)
        .bind(user.website_id)
        .bind(user.role.as_str())
        .bind(user.email)
        .bind(user.display_name)
        .bind(user.password_hash)
        .bind(user.verified)
        .fetch_one(tx.conn())
        .await?)
}

/// Creates a client account unless the tenant already has one with this address (`None`
/// then, and nothing changes): registration answers the same either way.
pub async fn insert_client_if_absent(tx: &mut Tx, user: &NewUser<'_>) -> Result<Option<User>, DbError> {
    let sql = concat!(
        "insert into users (website_id, role, email, display_name, password_hash) values ($1, 'client', $2, $3, $4)
         on conflict (website_id, email) where role = 'client' do nothing returning ",
        "id, website_id, role, email, display_name, password_hash, active, language, email_verified_at, created_at"
    );
    Ok(sqlx::query_as(sql)
        .bind(user.website_id)
        .bind(user.email)
        .bind(user.display_name)
        .bind(user.password_hash)
        .fetch_optional(tx.conn())
        .await?)
}

/// Creates the account, or — when its e-mail exists where it would live (the tenant for a
/// client, the platform otherwise) — resets its role, name and password and reactivates it.
/// Used by `seed` and `create-superadmin`, which must be safe to re-run.
pub async fn upsert(tx: &mut Tx, user: &NewUser<'_>) -> Result<User, DbError> {
    // The conflict target must name the partial unique index the row falls under.
    let sql = if user.website_id.is_some() {
        "insert into users (website_id, role, email, display_name, password_hash, email_verified_at)
         values ($1, $2, $3, $4, $5, now())
         on conflict (website_id, email) where role = 'client' do update
             set role = excluded.role, display_name = excluded.display_name,
                 password_hash = excluded.password_hash, active = true,
                 email_verified_at = coalesce(users.email_verified_at, now())
         returning id, website_id, role, email, display_name, password_hash, active, language, email_verified_at, created_at"
    } else {
        "insert into users (website_id, role, email, display_name, password_hash, email_verified_at)
         values ($1, $2, $3, $4, $5, now())
         on conflict (email) where role <> 'client' do update
             set role = excluded.role, display_name = excluded.display_name,
                 password_hash = excluded.password_hash, active = true,
                 email_verified_at = coalesce(users.email_verified_at, now())
         returning id, website_id, role, email, display_name, password_hash, active, language, email_verified_at, created_at"
    };
    Ok(sqlx::query_as(sql)
        .bind(user.website_id)
        .bind(user.role.as_str())
        .bind(user.email)
        .bind(user.display_name)
        .bind(user.password_hash)
        .fetch_one(tx.conn())
        .await?)
}

pub async fn record_login(tx: &mut Tx, id: Uuid) -> Result<(), DbError> {
    sqlx::query("update users set last_login_at = now() where id = $1").bind(id).execute(tx.conn()).await?;
    Ok(())
}

/// Replaces the account's password (already hashed).
pub async fn set_password(tx: &mut Tx, id: Uuid, password_hash: &str) -> Result<(), DbError> {
    sqlx::query("update users set password_hash = $2, sessions_valid_after = now() where id = $1")
        .bind(id)
        .bind(password_hash)
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// What decides whether an access token of the account still opens anything.
#[derive(Debug, Clone, FromRow)]
pub struct Standing {
    pub active: bool,
    /// Access tokens issued before this no longer count (a password change, "sign out
    /// everywhere").
    pub sessions_valid_after: Option<DateTime<Utc>>,
    /// Sessions ended within the last `recent_secs` (signed out one by one, or revoked for a
    /// reused refresh token): their access tokens stop at once too.
    pub ended_sessions: Vec<Uuid>,
}

/// The account's [`Standing`] (`None`: it no longer exists). `recent_secs` is how long an
/// access token lives: sessions ended longer ago have no access token left.
pub async fn standing(tx: &mut Tx, id: Uuid, recent_secs: i64) -> Result<Option<Standing>, DbError> {
    let sql = "select u.active, u.sessions_valid_after,
                      array(select distinct r.family_id from refresh_tokens r
                            where r.user_id = u.id and r.revoked_at > now() - $2::bigint * interval '1 second') as ended_sessions
               from users u where u.id = $1";
    Ok(sqlx::query_as(sql).bind(id).bind(recent_secs).fetch_optional(tx.conn()).await?)
}

/// Renames the account and sets its language (absent: unchanged).
pub async fn set_profile(
    tx: &mut Tx,
    id: Uuid,
    display_name: Option<&str>,
    language: Option<Language>,
) -> Result<(), DbError> {
    sqlx::query(
        "update users set display_name = coalesce($2, display_name), language = coalesce($3, language) where id = $1",
    )
    .bind(id)
    .bind(display_name)
    .bind(language)
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// Confirms `email` as the account's address (its own, or the one it moves to).
pub async fn confirm_email(tx: &mut Tx, id: Uuid, email: &str) -> Result<(), DbError> {
    sqlx::query("update users set email = $2, email_verified_at = now() where id = $1")
        .bind(id)
        .bind(email)
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Ends every session of the account at once: access tokens issued before now stop counting.
pub async fn end_sessions(tx: &mut Tx, id: Uuid) -> Result<(), DbError> {
    sqlx::query("update users set sessions_valid_after = now() where id = $1").bind(id).execute(tx.conn()).await?;
    Ok(())
}

/// Whether the address is confirmed (`false` also for a missing account).
pub async fn is_verified(tx: &mut Tx, id: Uuid) -> Result<bool, DbError> {
    let found: Option<bool> = sqlx::query_scalar("select email_verified_at is not null from users where id = $1")
        .bind(id)
        .fetch_optional(tx.conn())
        .await?;
    Ok(found.unwrap_or(false))
}

/// Whether an account other than `except` already uses `email` where `user` would (the same
/// tenant's clients, or the platform's accounts).
pub async fn address_taken(tx: &mut Tx, website_id: Option<Uuid>, email: &str) -> Result<bool, DbError> {
    let sql = "select exists (select 1 from users where email = $2
                   and ((role = 'client' and website_id = $1) or ($1 is null and role <> 'client')))";
    Ok(sqlx::query_scalar(sql).bind(website_id).bind(email).fetch_one(tx.conn()).await?)
}
