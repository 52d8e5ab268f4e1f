//! The service catalogue, orders, and the record of their transitions.

use atelier_types::orders::OrderStatus;
use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::FromRow;
use sqlx::types::Json;
use uuid::Uuid;

use crate::{DbError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct ServiceTypeRow {
    pub id: Uuid,
    pub website_id: Uuid,
    pub code: String,
    pub name: String,
    pub description: String,
    pub price_per_word_minor: i32,
    pub min_words: i32,
    pub max_words: i32,
    pub required_level: i16,
    pub turnarounds: Json<Value>,
    pub active: bool,
}

macro_rules! service_type_sql {
    ($rest:literal) => {
        concat!(
            "select id, website_id, code, name, description, price_per_word_minor, min_words, max_words,
                    required_level, turnarounds, active
             from service_types ",
            $rest
        )
    };
}

pub async fn catalogue(tx: &mut Tx, website_id: Uuid) -> Result<Vec<ServiceTypeRow>, DbError> {
    Ok(sqlx::query_as(service_type_sql!("where website_id = $1 and active order by price_per_word_minor, code"))
        .bind(website_id)
        .fetch_all(tx.conn())
        .await?)
}

/// Every entry of the website's catalogue, withdrawn ones included (staff manage them).
pub async fn full_catalogue(tx: &mut Tx, website_id: Uuid) -> Result<Vec<ServiceTypeRow>, DbError> {
    Ok(sqlx::query_as(service_type_sql!("where website_id = $1 order by active desc, price_per_word_minor, code"))
        .bind(website_id)
        .fetch_all(tx.conn())
        .await?)
}

/// Withdraws the entry from the catalogue; orders placed with it keep it. `false` when the
/// website has no such entry.
pub async fn withdraw_service_type(tx: &mut Tx, website_id: Uuid, code: &str) -> Result<bool, DbError> {
    let done = sqlx::query("update service_types set active = false where website_id = $1 and code = $2")
        .bind(website_id)
        .bind(code)
        .execute(tx.conn())
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn service_type(tx: &mut Tx, website_id: Uuid, id: Uuid) -> Result<Option<ServiceTypeRow>, DbError> {
    Ok(sqlx::query_as(service_type_sql!("where website_id = $1 and id = $2 and active"))
        .bind(website_id)
        .bind(id)
        .fetch_optional(tx.conn())
        .await?)
}

pub struct NewServiceType<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub price_per_word_minor: i32,
    pub min_words: i32,
    pub max_words: i32,
    pub required_level: i16,
    pub turnarounds: Value,
}

/// Creates the entry, or updates the one with the same code (the seed re-runs).
pub async fn upsert_service_type(tx: &mut Tx, website_id: Uuid, new: &NewServiceType<'_>) -> Result<Uuid, DbError> {
    Ok(sqlx::query_scalar(
        "insert into service_types (website_id, code, name, description, price_per_word_minor, min_words, max_words,
                                    required_level, turnarounds)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         on conflict (website_id, code) do update set name = excluded.name, description = excluded.description,
             price_per_word_minor = excluded.price_per_word_minor, min_words = excluded.min_words,
             max_words = excluded.max_words, required_level = excluded.required_level,
             turnarounds = excluded.turnarounds, active = true
         returning id",
    )
    .bind(website_id)
    .bind(new.code)
    .bind(new.name)
    .bind(new.description)
    .bind(new.price_per_word_minor)
    .bind(new.min_words)
    .bind(new.max_words)
    .bind(new.required_level)
    .bind(Json(&new.turnarounds))
    .fetch_one(tx.conn())
    .await?)
}

#[derive(Debug, Clone, FromRow)]
pub struct OrderRow {
    pub id: Uuid,
    pub website_id: Uuid,
    pub client_id: Uuid,
    pub service_type_id: Uuid,
    pub title: String,
    pub brief: String,
    pub words: i32,
    pub turnaround_days: i32,
    pub price_minor: i64,
    pub currency: String,
    pub required_level: i16,
    pub status: OrderStatus,
    pub writer_id: Option<Uuid>,
    pub site_id: Option<Uuid>,
    pub section_id: Option<String>,
    pub deadline_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub claimed_at: Option<DateTime<Utc>>,
    pub late_at: Option<DateTime<Utc>>,
    /// The content package that opened it (billed by the package's invoice).
    pub package_id: Option<Uuid>,
    pub website_name: String,
    pub service_name: String,
}

macro_rules! order_sql {
    ($rest:literal) => {
        concat!(
            "select id, website_id, client_id, service_type_id, title, brief, words, turnaround_days, price_minor,
                    currency, required_level, status, writer_id, site_id, section_id, deadline_at, created_at,
                    claimed_at, late_at, package_id,
                    (select w.name from websites w where w.id = orders.website_id) as website_name,
                    (select s.name from service_types s where s.id = orders.service_type_id) as service_name
             from orders ",
            $rest
        )
    };
}

pub struct NewOrderRow<'a> {
    pub website_id: Uuid,
    pub client_id: Uuid,
    pub service_type_id: Uuid,
    pub title: &'a str,
    pub brief: &'a str,
    pub words: i32,
    pub turnaround_days: i32,
    pub price_minor: i64,
    pub currency: &'a str,
    pub required_level: i16,
    pub site_id: Option<Uuid>,
    pub section_id: Option<&'a str>,
    pub package_id: Option<Uuid>,
}

pub async fn insert(tx: &mut Tx, new: &NewOrderRow<'_>) -> Result<Uuid, DbError> {
    Ok(sqlx::query_scalar(
        "insert into orders (website_id, client_id, service_type_id, title, brief, words, turnaround_days,
                             price_minor, currency, required_level, site_id, section_id, package_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id",
    )
    .bind(new.website_id)
    .bind(new.client_id)
    .bind(new.service_type_id)
    .bind(new.title)
    .bind(new.brief)
    .bind(new.words)
    .bind(new.turnaround_days)
    .bind(new.price_minor)
    .bind(new.currency)
    .bind(new.required_level)
    .bind(new.site_id)
    .bind(new.section_id)
    .bind(new.package_id)
    .fetch_one(tx.conn())
    .await?)
}

/// An order in the transaction's scope (the caller checks whose it is).
pub async fn find(tx: &mut Tx, id: Uuid) -> Result<Option<OrderRow>, DbError> {
    Ok(sqlx::query_as(order_sql!("where id = $1")).bind(id).fetch_optional(tx.conn()).await?)
}

pub async fn of_client(tx: &mut Tx, website_id: Uuid, client_id: Uuid) -> Result<Vec<OrderRow>, DbError> {
    Ok(sqlx::query_as(order_sql!("where website_id = $1 and client_id = $2 order by created_at desc"))
        .bind(website_id)
        .bind(client_id)
        .fetch_all(tx.conn())
        .await?)
}

pub async fn of_writer(tx: &mut Tx, writer_id: Uuid) -> Result<Vec<OrderRow>, DbError> {
    Ok(sqlx::query_as(order_sql!("where writer_id = $1 order by created_at desc"))
        .bind(writer_id)
        .fetch_all(tx.conn())
        .await?)
}

/// The orders of these tenants (every tenant in scope when `None`), newest first.
pub async fn of_tenants(tx: &mut Tx, tenants: Option<&[Uuid]>) -> Result<Vec<OrderRow>, DbError> {
    Ok(match tenants {
        Some(tenants) => {
            sqlx::query_as(order_sql!("where website_id = any($1) order by created_at desc limit 500"))
                .bind(tenants)
                .fetch_all(tx.conn())
                .await?
        }
        None => sqlx::query_as(order_sql!("order by created_at desc limit 500")).fetch_all(tx.conn()).await?,
    })
}

/// Open orders a writer of `level` may take, in the tenants of the transaction's scope,
/// oldest first.
pub async fn available(tx: &mut Tx, tenants: &[Uuid], level: i16) -> Result<Vec<OrderRow>, DbError> {
    Ok(sqlx::query_as(order_sql!(
        "where status = 'open' and website_id = any($1) and required_level <= $2 order by created_at"
    ))
    .bind(tenants)
    .bind(level)
    .fetch_all(tx.conn())
    .await?)
}

pub struct Move<'a> {
    pub order: &'a OrderRow,
    pub event: &'a str,
    pub to: OrderStatus,
    pub actor: &'a str,
    pub actor_id: Option<Uuid>,
    /// The writer the order has after the move.
    pub writer_id: Option<Uuid>,
    /// A comment on the move (what to revise, why a dispute).
    pub note: Option<&'a str>,
}

/// Applies a transition if the order is still in the state it was read in; `false` when
/// someone else moved it first (two writers claiming: exactly one wins). Recorded with its
/// actor and time.
pub async fn apply(tx: &mut Tx, m: &Move<'_>) -> Result<bool, DbError> {
    let moved = sqlx::query(
        "update orders set status = $3, writer_id = $4,
                claimed_at = case when $3 = 'assigned' then now() else claimed_at end,
                deadline_at = case when $3 = 'open' and deadline_at is null
                                   then now() + make_interval(days => turnaround_days) else deadline_at end,
                delivered_at = case when $3 = 'delivered' then now() else delivered_at end
         where id = $1 and status = $2",
    )
    .bind(m.order.id)
    .bind(m.order.status.as_str())
    .bind(m.to.as_str())
    .bind(m.writer_id)
    .execute(tx.conn())
    .await?;
    if moved.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query(
        "insert into order_events (website_id, order_id, event, from_status, to_status, actor_id, actor, note)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(m.order.website_id)
    .bind(m.order.id)
    .bind(m.event)
    .bind(m.order.status.as_str())
    .bind(m.to.as_str())
    .bind(m.actor_id)
    .bind(m.actor)
    .bind(m.note)
    .execute(tx.conn())
    .await?;
    Ok(true)
}

/// One line of an order's timeline.
#[derive(Debug, Clone, FromRow)]
pub struct HistoryRow {
    /// An [`OrderEvent`](atelier_types::orders::OrderEvent) name, or `late`.
    pub event: String,
    pub from_status: OrderStatus,
    pub to_status: OrderStatus,
    /// `client`, `writer`, `editor`, `admin` or `system`.
    pub actor: String,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
}

/// An order's timeline, in order.
pub async fn history(tx: &mut Tx, order_id: Uuid) -> Result<Vec<HistoryRow>, DbError> {
    Ok(sqlx::query_as(
        "select event, from_status, to_status, actor, at, note from order_events where order_id = $1
         order by at, id",
    )
    .bind(order_id)
    .fetch_all(tx.conn())
    .await?)
}

/// How many times the client has asked for a revision of this order.
pub async fn client_revisions(tx: &mut Tx, order_id: Uuid) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar(
        "select count(*) from order_events where order_id = $1 and event = 'request_revision' and actor = 'client'",
    )
    .bind(order_id)
    .fetch_one(tx.conn())
    .await?)
}

/// Whether the writer is assigned to the tenant.
pub async fn writer_works_for(tx: &mut Tx, writer_id: Uuid, website_id: Uuid) -> Result<bool, DbError> {
    Ok(sqlx::query_scalar("select exists (select 1 from writer_websites where writer_id = $1 and website_id = $2)")
        .bind(writer_id)
        .bind(website_id)
        .fetch_one(tx.conn())
        .await?)
}

/// A writer's level (`None` for anyone else).
pub async fn writer_level(tx: &mut Tx, user_id: Uuid) -> Result<Option<i16>, DbError> {
    Ok(sqlx::query_scalar("select writer_level from users where id = $1")
        .bind(user_id)
        .fetch_optional(tx.conn())
        .await?
        .flatten())
}

pub async fn set_writer_level(tx: &mut Tx, user_id: Uuid, level: i16) -> Result<(), DbError> {
    sqlx::query("update users set writer_level = $2 where id = $1 and role = 'writer'")
        .bind(user_id)
        .bind(level)
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Delivered orders whose client has not answered within their tenant's auto-accept days,
/// as of `now` (the scheduler passes the clock, so tests can move it).
pub async fn due_for_auto_accept(tx: &mut Tx, now: DateTime<Utc>) -> Result<Vec<Uuid>, DbError> {
    Ok(sqlx::query_scalar(
        "select o.id from orders o join websites w on w.id = o.website_id
         where o.status = 'delivered' and o.delivered_at + make_interval(days => w.auto_accept_days) <= $1
         order by o.delivered_at",
    )
    .bind(now)
    .fetch_all(tx.conn())
    .await?)
}

/// Marks orders whose deadline passed before their text was delivered as late, once, with a
/// `late` line on their timeline. `now` is the scheduler's clock. Returns how many it marked.
pub async fn mark_late(tx: &mut Tx, now: DateTime<Utc>) -> Result<u64, DbError> {
    let marked = sqlx::query(
        "with late as (
             update orders set late_at = $1
             where late_at is null and deadline_at < $1
               and status in ('open', 'assigned', 'submitted', 'in_review', 'revision_requested')
             returning id, website_id, status
         )
         insert into order_events (website_id, order_id, event, from_status, to_status, actor, at)
         select website_id, id, 'late', status, status, 'system', $1 from late",
    )
    .bind(now)
    .execute(tx.conn())
    .await?;
    Ok(marked.rows_affected())
}

/// Credits the order's writer with their share, once: a second credit of the same order
/// changes nothing. Returns whether this call credited.
pub async fn credit_writer(tx: &mut Tx, order: &OrderRow, amount_minor: i64) -> Result<bool, DbError> {
    let Some(writer) = order.writer_id else { return Ok(false) };
    let done = sqlx::query(
        "insert into writer_ledger (website_id, writer_id, order_id, kind, amount_minor, currency)
         values ($1, $2, $3, 'earning', $4, $5)
         on conflict on constraint writer_ledger_order_earning_key do nothing",
    )
    .bind(order.website_id)
    .bind(writer)
    .bind(order.id)
    .bind(amount_minor)
    .bind(&order.currency)
    .execute(tx.conn())
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct WriterBalance {
    pub website_id: Uuid,
    pub currency: String,
    pub balance_minor: i64,
}

/// A writer's balance per (tenant, currency).
pub async fn writer_balance(tx: &mut Tx, writer_id: Uuid) -> Result<Vec<WriterBalance>, DbError> {
    Ok(sqlx::query_as(
        "select website_id, currency,
                sum(case when kind = 'payout' then -amount_minor else amount_minor end)::bigint as balance_minor
         from writer_ledger where writer_id = $1 group by website_id, currency order by website_id",
    )
    .bind(writer_id)
    .fetch_all(tx.conn())
    .await?)
}

#[derive(Debug, Clone, FromRow)]
pub struct MessageRow {
    pub id: Uuid,
    pub author_id: Option<Uuid>,
    pub author_role: String,
    pub author_name: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

pub struct NewMessage<'a> {
    pub order: &'a OrderRow,
    pub author_id: Uuid,
    pub author_role: &'a str,
    pub author_name: &'a str,
    pub body: &'a str,
}

pub async fn add_message(tx: &mut Tx, m: &NewMessage<'_>) -> Result<MessageRow, DbError> {
    Ok(sqlx::query_as(
        "insert into order_messages (website_id, order_id, author_id, author_role, author_name, body)
         values ($1, $2, $3, $4, $5, $6) returning id, author_id, author_role, author_name, body, created_at",
    )
    .bind(m.order.website_id)
    .bind(m.order.id)
    .bind(m.author_id)
    .bind(m.author_role)
    .bind(m.author_name)
    .bind(m.body)
    .fetch_one(tx.conn())
    .await?)
}

pub async fn messages(tx: &mut Tx, order_id: Uuid) -> Result<Vec<MessageRow>, DbError> {
    Ok(sqlx::query_as(
        "select id, author_id, author_role, author_name, body, created_at from order_messages where order_id = $1
         order by created_at, id",
    )
    .bind(order_id)
    .fetch_all(tx.conn())
    .await?)
}
