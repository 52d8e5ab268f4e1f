//! Notifications, the preferences that say who hears of what, and the cursor of the
//! dispatcher that writes them from the domain events.

use chrono::{DateTime, Utc};
use sqlx::FromRow;
use uuid::Uuid;

use crate::{DbError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct NotificationRow {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    pub read_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NewNotification<'a> {
    pub user_id: Uuid,
    pub event_id: Option<i64>,
    pub kind: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub link: Option<&'a str>,
}

/// Adds a notification; `None` when this person already has one for this event.
pub async fn insert(tx: &mut Tx, n: &NewNotification<'_>) -> Result<Option<NotificationRow>, DbError> {
    Ok(sqlx::query_as(
        "insert into notifications (user_id, event_id, kind, title, body, link) values ($1, $2, $3, $4, $5, $6)
         on conflict (event_id, user_id) where event_id is not null do nothing
         returning id, kind, title, body, link, read_at, created_at",
    )
    .bind(n.user_id)
    .bind(n.event_id)
    .bind(n.kind)
    .bind(n.title)
    .bind(n.body)
    .bind(n.link)
    .fetch_optional(tx.conn())
    .await?)
}

/// The person's notifications older than `before` (an id; none: the newest), newest first.
pub async fn list(tx: &mut Tx, user: Uuid, before: Option<i64>, limit: i64) -> Result<Vec<NotificationRow>, DbError> {
    Ok(sqlx::query_as(
        "select id, kind, title, body, link, read_at, created_at from notifications
         where user_id = $1 and ($2::bigint is null or id < $2) order by id desc limit $3",
    )
    .bind(user)
    .bind(before)
    .bind(limit)
    .fetch_all(tx.conn())
    .await?)
}

pub async fn unread_count(tx: &mut Tx, user: Uuid) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar("select count(*) from notifications where user_id = $1 and read_at is null")
        .bind(user)
        .fetch_one(tx.conn())
        .await?)
}

/// Marks one notification read; false when the person has none with this id.
pub async fn mark_read(tx: &mut Tx, user: Uuid, id: i64) -> Result<bool, DbError> {
    let found: Option<i64> = sqlx::query_scalar(
        "update notifications set read_at = coalesce(read_at, now()) where user_id = $1 and id = $2 returning id",
    )
    .bind(user)
    .bind(id)
    .fetch_optional(tx.conn())
    .await?;
    Ok(found.is_some())
}

/// Marks every notification of the person read; how many were unread.
pub async fn mark_all_read(tx: &mut Tx, user: Uuid) -> Result<u64, DbError> {
    Ok(sqlx::query("update notifications set read_at = now() where user_id = $1 and read_at is null")
        .bind(user)
        .execute(tx.conn())
        .await?
        .rows_affected())
}

#[derive(Debug, Clone, FromRow)]
pub struct PrefRow {
    pub kind: String,
    pub in_app: bool,
    pub email: bool,
}

/// The kinds this person chose for (the others keep their default).
pub async fn prefs(tx: &mut Tx, user: Uuid) -> Result<Vec<PrefRow>, DbError> {
    Ok(sqlx::query_as("select kind, in_app, email from notification_prefs where user_id = $1")
        .bind(user)
        .fetch_all(tx.conn())
        .await?)
}

/// The person's choice for one kind, if they made one.
pub async fn pref(tx: &mut Tx, user: Uuid, kind: &str) -> Result<Option<PrefRow>, DbError> {
    Ok(sqlx::query_as("select kind, in_app, email from notification_prefs where user_id = $1 and kind = $2")
        .bind(user)
        .bind(kind)
        .fetch_optional(tx.conn())
        .await?)
}

pub async fn set_pref(tx: &mut Tx, user: Uuid, kind: &str, in_app: bool, email: bool) -> Result<(), DbError> {
    sqlx::query(
        "insert into notification_prefs (user_id, kind, in_app, email) values ($1, $2, $3, $4)
         on conflict (user_id, kind) do update set in_app = excluded.in_app, email = excluded.email",
    )
    .bind(user)
    .bind(kind)
    .bind(in_app)
    .bind(email)
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// Locks the subscriber's cursor `(txid, id)` for this transaction and reads it: a second
/// worker waits here until the first commits, then reads on from where it stopped.
pub async fn lock_cursor(tx: &mut Tx, subscriber: &str) -> Result<(i64, i64), DbError> {
    sqlx::query("insert into event_cursors (subscriber) values ($1) on conflict do nothing")
        .bind(subscriber)
        .execute(tx.conn())
        .await?;
    Ok(sqlx::query_as("select last_txid, last_id from event_cursors where subscriber = $1 for update")
        .bind(subscriber)
        .fetch_one(tx.conn())
        .await?)
}

pub async fn move_cursor(tx: &mut Tx, subscriber: &str, (txid, id): (i64, i64)) -> Result<(), DbError> {
    sqlx::query("update event_cursors set last_txid = $2, last_id = $3, updated_at = now() where subscriber = $1")
        .bind(subscriber)
        .bind(txid)
        .bind(id)
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// How many events the subscriber has not handled yet, those of transactions still running
/// included.
pub async fn pending(tx: &mut Tx, subscriber: &str) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar(
        "select count(*) from domain_events e, event_cursors c
         where c.subscriber = $1 and (e.txid, e.id) > (c.last_txid, c.last_id)",
    )
    .bind(subscriber)
    .fetch_one(tx.conn())
    .await?)
}

/// Moves the subscriber past every event this transaction recorded and every event of an
/// older transaction (for the seed, which runs alone).
pub async fn skip_to_latest(tx: &mut Tx, subscriber: &str) -> Result<(), DbError> {
    lock_cursor(tx, subscriber).await?;
    sqlx::query(
        "update event_cursors set (last_txid, last_id) = (
             select e.txid, e.id from domain_events e
             where e.txid <= pg_current_xact_id()::text::bigint
             order by e.txid desc, e.id desc limit 1),
             updated_at = now()
         where subscriber = $1
           and exists (select 1 from domain_events e
                       where (e.txid, e.id) > (event_cursors.last_txid, event_cursors.last_id)
                         and e.txid <= pg_current_xact_id()::text::bigint)",
    )
    .bind(subscriber)
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// Who an order concerns, and what it is called.
#[derive(Debug, Clone, FromRow)]
pub struct OrderParties {
    pub title: String,
    pub client_id: Uuid,
    pub writer_id: Option<Uuid>,
}

pub async fn order_parties(tx: &mut Tx, order: Uuid) -> Result<Option<OrderParties>, DbError> {
    Ok(sqlx::query_as("select title, client_id, writer_id from orders where id = $1")
        .bind(order)
        .fetch_optional(tx.conn())
        .await?)
}

pub async fn site_name(tx: &mut Tx, site: Uuid) -> Result<Option<String>, DbError> {
    Ok(sqlx::query_scalar("select name from sites where id = $1").bind(site).fetch_optional(tx.conn()).await?)
}

/// The active staff of a website with one of `roles` (superadmins reach every website).
pub async fn staff_of(tx: &mut Tx, website: Uuid, roles: &[&str]) -> Result<Vec<Uuid>, DbError> {
    Ok(sqlx::query_scalar(
        "select u.id from users u
         where u.active and u.role = any($2)
           and (u.role = 'superadmin'
                or exists (select 1 from staff_websites s where s.staff_id = u.id and s.website_id = $1))
         order by u.id",
    )
    .bind(website)
    .bind(roles)
    .fetch_all(tx.conn())
    .await?)
}
