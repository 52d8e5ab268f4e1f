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
    pub created_at: DateTime<Utc>,
}

macro_rules! select_user {
    ($where:literal) => {
        concat!(
            "select id, website_id, role, email, display_name, password_hash, active, language, created_at from users ",
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
}

pub async fn insert(tx: &mut Tx, user: &NewUser<'_>) -> Result<User, DbError> {
    let sql = "insert into users (website_id, role, email, display_name, password_hash)
               values ($1, $2, $3, $4, $5)
               returning id, website_id, role, email, display_name, password_hash, active, language, created_at";
    Ok(sqlx::query_as(sql)
        .bind(user.website_id)
        .bind(user.role.as_str())
        .bind(user.email)
        .bind(user.display_name)
        .bind(user.password_hash)
        .fetch_one(tx.conn())
        .await?)
}

/// Creates the account, or — when its e-mail exists where it would live (the tenant for a
/// client, the platform otherwise) — resets its role, name and password and reactivates it.
/// Used by `seed` and `create-superadmin`, which must be safe to re-run.
pub async fn upsert(tx: &mut Tx, user: &NewUser<'_>) -> Result<User, DbError> {
    // The conflict target must name the partial unique index the row falls under.
    let sql = if user.website_id.is_some() {
        "insert into users (website_id, role, email, display_name, password_hash)
         values ($1, $2, $3, $4, $5)
         on conflict (website_id, email) where role = 'client' do update
             set role = excluded.role, display_name = excluded.display_name,
                 password_hash = excluded.password_hash, active = true
         returning id, website_id, role, email, display_name, password_hash, active, language, created_at"
    } else {
        "insert into users (website_id, role, email, display_name, password_hash)
         values ($1, $2, $3, $4, $5)
         on conflict (email) where role <> 'client' do update
             set role = excluded.role, display_name = excluded.display_name,
                 password_hash = excluded.password_hash, active = true
         returning id, website_id, role, email, display_name, password_hash, active, language, created_at"
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

/// Whether the account may still act, and since when its sessions count (`None`: it no
/// longer exists).
pub async fn standing(tx: &mut Tx, id: Uuid) -> Result<Option<(bool, Option<DateTime<Utc>>)>, DbError> {
    Ok(sqlx::query_as("select active, sessions_valid_after from users where id = $1")
        .bind(id)
        .fetch_optional(tx.conn())
        .await?)
}
