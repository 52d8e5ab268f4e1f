//! The work on an order beyond its state: its texts (the writer's draft, submissions,
//! editors' edits), files on its conversation, and what writers are paid for it.

use chrono::{DateTime, Utc};
use sqlx::FromRow;
use uuid::Uuid;

use crate::orders::OrderRow;
use crate::{DbError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct TextRow {
    pub id: Uuid,
    pub kind: String,
    pub body: String,
    pub words: i32,
    pub author: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

/// Every text of the order, oldest first.
pub async fn texts(tx: &mut Tx, order_id: Uuid) -> Result<Vec<TextRow>, DbError> {
    Ok(sqlx::query_as(
        "select id, kind, body, words, author, created_at, updated_at, delivered_at from order_texts where order_id = $1 order by created_at, id"
    )
    .bind(order_id)
    .fetch_all(tx.conn())
    .await?)
}

/// Saves the writer's working copy over the previous one (there is one per order).
pub async fn save_draft(
    tx: &mut Tx,
    order: &OrderRow,
    writer: Uuid,
    body: &str,
    words: i32,
) -> Result<TextRow, DbError> {
    Ok(sqlx::query_as(
        "insert into order_texts (website_id, order_id, kind, body, words, author_id, author)
         values ($1, $2, 'draft', $3, $4, $5, 'writer')
         on conflict (order_id) where kind = 'draft'
         do update set body = excluded.body, words = excluded.words, author_id = excluded.author_id,
                       updated_at = clock_timestamp()
         returning id, kind, body, words, author, created_at, updated_at, delivered_at",
    )
    .bind(order.website_id)
    .bind(order.id)
    .bind(body)
    .bind(words)
    .bind(writer)
    .fetch_one(tx.conn())
    .await?)
}

/// The writer gave the order back: their draft goes, so the next writer starts clean (what
/// was handed in stays in the history).
pub async fn discard_draft(tx: &mut Tx, order_id: Uuid) -> Result<(), DbError> {
    sqlx::query("delete from order_texts where order_id = $1 and kind = 'draft'")
        .bind(order_id)
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Hands the draft in: a copy of it becomes a submission. `None` when the draft is empty
/// or missing (nothing to hand in).
pub async fn submit_draft(tx: &mut Tx, order: &OrderRow) -> Result<Option<TextRow>, DbError> {
    Ok(sqlx::query_as(
        "insert into order_texts (website_id, order_id, kind, body, words, author_id, author)
         select website_id, order_id, 'submission', body, words, author_id, 'writer' from order_texts
         where order_id = $1 and kind = 'draft' and words > 0
         returning id, kind, body, words, author, created_at, updated_at, delivered_at",
    )
    .bind(order.id)
    .fetch_optional(tx.conn())
    .await?)
}

/// An editor's version during review: one per review round, saved over while they work.
pub async fn save_edit(
    tx: &mut Tx,
    order: &OrderRow,
    author_id: Uuid,
    author: &str,
    body: &str,
    words: i32,
) -> Result<TextRow, DbError> {
    let latest: Option<(Uuid, String)> = sqlx::query_as(
        "select id, kind from order_texts where order_id = $1 and kind <> 'draft'
         order by created_at desc, id desc limit 1",
    )
    .bind(order.id)
    .fetch_optional(tx.conn())
    .await?;
    if let Some((id, kind)) = latest
        && kind == "edit"
    {
        return Ok(sqlx::query_as(
            "update order_texts set body = $2, words = $3, author_id = $4, author = $5, updated_at = clock_timestamp()
             where id = $1 returning id, kind, body, words, author, created_at, updated_at, delivered_at",
        )
        .bind(id)
        .bind(body)
        .bind(words)
        .bind(author_id)
        .bind(author)
        .fetch_one(tx.conn())
        .await?);
    }
    Ok(sqlx::query_as(
        "insert into order_texts (website_id, order_id, kind, body, words, author_id, author)
         values ($1, $2, 'edit', $3, $4, $5, $6) returning id, kind, body, words, author, created_at, updated_at, delivered_at"
    )
    .bind(order.website_id)
    .bind(order.id)
    .bind(body)
    .bind(words)
    .bind(author_id)
    .bind(author)
    .fetch_one(tx.conn())
    .await?)
}

/// The client receives the latest submission or edit.
pub async fn mark_delivered(tx: &mut Tx, order_id: Uuid) -> Result<(), DbError> {
    sqlx::query(
        "update order_texts set delivered_at = clock_timestamp() where id = (
             select id from order_texts where order_id = $1 and kind <> 'draft'
             order by created_at desc, id desc limit 1)",
    )
    .bind(order_id)
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// The text the client received last.
pub async fn delivered_text(tx: &mut Tx, order_id: Uuid) -> Result<Option<TextRow>, DbError> {
    Ok(sqlx::query_as(
        "select id, kind, body, words, author, created_at, updated_at, delivered_at from order_texts where order_id = $1 and delivered_at is not null
         order by delivered_at desc limit 1"
    )
    .bind(order_id)
    .fetch_optional(tx.conn())
    .await?)
}

#[derive(Debug, Clone, FromRow)]
pub struct AttachmentRow {
    pub id: Uuid,
    pub message_id: Uuid,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub storage_key: String,
}

pub struct NewAttachment<'a> {
    pub order: &'a OrderRow,
    pub message_id: Uuid,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub storage_key: &'a str,
}

pub async fn add_attachment(tx: &mut Tx, a: &NewAttachment<'_>) -> Result<AttachmentRow, DbError> {
    Ok(sqlx::query_as(
        "insert into order_attachments (website_id, order_id, message_id, file_name, content_type, size_bytes,
                                        storage_key)
         values ($1, $2, $3, $4, $5, $6, $7)
         returning id, message_id, file_name, content_type, size_bytes, storage_key",
    )
    .bind(a.order.website_id)
    .bind(a.order.id)
    .bind(a.message_id)
    .bind(a.file_name)
    .bind(a.content_type)
    .bind(a.size_bytes)
    .bind(a.storage_key)
    .fetch_one(tx.conn())
    .await?)
}

pub async fn attachments(tx: &mut Tx, order_id: Uuid) -> Result<Vec<AttachmentRow>, DbError> {
    Ok(sqlx::query_as(
        "select id, message_id, file_name, content_type, size_bytes, storage_key from order_attachments
         where order_id = $1 order by created_at",
    )
    .bind(order_id)
    .fetch_all(tx.conn())
    .await?)
}

pub async fn attachment(tx: &mut Tx, order_id: Uuid, id: Uuid) -> Result<Option<AttachmentRow>, DbError> {
    Ok(sqlx::query_as(
        "select id, message_id, file_name, content_type, size_bytes, storage_key from order_attachments
         where order_id = $1 and id = $2",
    )
    .bind(order_id)
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}

#[derive(Debug, Clone, FromRow)]
pub struct BalanceRow {
    pub website_id: Uuid,
    pub website_name: String,
    pub currency: String,
    pub earned_minor: i64,
    pub paid_minor: i64,
    pub pending_minor: i64,
    pub this_month_minor: i64,
}

/// A writer's money per website: earned (earnings and adjustments), paid out, asked for,
/// and earned since `month_start`.
pub async fn balances(tx: &mut Tx, writer: Uuid, month_start: DateTime<Utc>) -> Result<Vec<BalanceRow>, DbError> {
    Ok(sqlx::query_as(
        "with ledger as (
             select website_id, currency,
                    coalesce(sum(amount_minor) filter (where kind <> 'payout'), 0)::bigint as earned_minor,
                    coalesce(sum(amount_minor) filter (where kind = 'payout'), 0)::bigint as paid_minor,
                    coalesce(sum(amount_minor) filter (where kind = 'earning' and created_at >= $2), 0)::bigint
                        as this_month_minor
             from writer_ledger where writer_id = $1 group by website_id, currency
         ), pending as (
             select website_id, sum(amount_minor)::bigint as pending_minor from payout_requests
             where writer_id = $1 and status = 'requested' group by website_id
         )
         select l.website_id, w.name as website_name, l.currency, l.earned_minor, l.paid_minor,
                coalesce(p.pending_minor, 0)::bigint as pending_minor, l.this_month_minor
         from ledger l join websites w on w.id = l.website_id
         left join pending p on p.website_id = l.website_id
         order by w.name",
    )
    .bind(writer)
    .bind(month_start)
    .fetch_all(tx.conn())
    .await?)
}

#[derive(Debug, Clone, FromRow)]
pub struct LedgerRow {
    pub kind: String,
    pub amount_minor: i64,
    pub currency: String,
    pub website_name: String,
    pub order_title: Option<String>,
    pub created_at: DateTime<Utc>,
}

pub async fn ledger(tx: &mut Tx, writer: Uuid, limit: i64) -> Result<Vec<LedgerRow>, DbError> {
    Ok(sqlx::query_as(
        "select l.kind, l.amount_minor, l.currency, w.name as website_name, o.title as order_title, l.created_at
         from writer_ledger l join websites w on w.id = l.website_id left join orders o on o.id = l.order_id
         where l.writer_id = $1 order by l.created_at desc, l.id limit $2",
    )
    .bind(writer)
    .bind(limit)
    .fetch_all(tx.conn())
    .await?)
}

#[derive(Debug, Clone, FromRow)]
pub struct PayoutRow {
    pub id: Uuid,
    pub website_id: Uuid,
    pub website_name: String,
    pub writer_id: Uuid,
    pub writer_name: String,
    pub amount_minor: i64,
    pub currency: String,
    pub status: String,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

macro_rules! payout_sql {
    ($rest:literal) => {
        concat!(
            "select p.id, p.website_id, w.name as website_name, p.writer_id,
                    coalesce(u.display_name, '') as writer_name,
                    p.amount_minor, p.currency, p.status, p.reason, p.created_at, p.decided_at
             from payout_requests p join websites w on w.id = p.website_id
             -- A writer's own account row is outside their scope (it belongs to no tenant):
             -- their name is for staff, who see it.
             left join users u on u.id = p.writer_id ",
            $rest
        )
    };
}

pub async fn payouts_of_writer(tx: &mut Tx, writer: Uuid) -> Result<Vec<PayoutRow>, DbError> {
    Ok(sqlx::query_as(payout_sql!("where p.writer_id = $1 order by p.created_at desc limit 100"))
        .bind(writer)
        .fetch_all(tx.conn())
        .await?)
}

/// Payout requests of these websites (all in scope when `None`): open ones first, then the
/// latest answered.
pub async fn payouts_of_tenants(tx: &mut Tx, tenants: Option<&[Uuid]>) -> Result<Vec<PayoutRow>, DbError> {
    Ok(sqlx::query_as(payout_sql!(
        "where ($1::uuid[] is null or p.website_id = any($1))
         order by p.status <> 'requested', p.created_at desc limit 200"
    ))
    .bind(tenants)
    .fetch_all(tx.conn())
    .await?)
}

pub async fn payout(tx: &mut Tx, id: Uuid) -> Result<Option<PayoutRow>, DbError> {
    Ok(sqlx::query_as(payout_sql!("where p.id = $1")).bind(id).fetch_optional(tx.conn()).await?)
}

pub async fn request_payout(
    tx: &mut Tx,
    website: Uuid,
    writer: Uuid,
    amount_minor: i64,
    currency: &str,
) -> Result<Uuid, DbError> {
    Ok(sqlx::query_scalar(
        "insert into payout_requests (website_id, writer_id, amount_minor, currency) values ($1, $2, $3, $4)
         returning id",
    )
    .bind(website)
    .bind(writer)
    .bind(amount_minor)
    .bind(currency)
    .fetch_one(tx.conn())
    .await?)
}

/// Answers an open request; an approval puts its payout line in the ledger. `false` when
/// it was answered already.
pub async fn decide_payout(
    tx: &mut Tx,
    id: Uuid,
    approve: bool,
    reason: Option<&str>,
    by: Option<Uuid>,
) -> Result<bool, DbError> {
    let decided: Option<PayoutRow> = sqlx::query_as(
        "update payout_requests set status = $2, reason = $3, decided_by = $4, decided_at = clock_timestamp()
         where id = $1 and status = 'requested'
         returning id, website_id, '' as website_name, writer_id, '' as writer_name, amount_minor, currency, status,
                   reason, created_at, decided_at",
    )
    .bind(id)
    .bind(if approve { "approved" } else { "rejected" })
    .bind(reason)
    .bind(by)
    .fetch_optional(tx.conn())
    .await?;
    let Some(p) = decided else { return Ok(false) };
    if approve {
        sqlx::query(
            "insert into writer_ledger (website_id, writer_id, kind, amount_minor, currency, payout_id)
             values ($1, $2, 'payout', $3, $4, $5)",
        )
        .bind(p.website_id)
        .bind(p.writer_id)
        .bind(p.amount_minor)
        .bind(&p.currency)
        .bind(p.id)
        .execute(tx.conn())
        .await?;
    }
    Ok(true)
}
