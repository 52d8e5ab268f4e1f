//! The mail outbox: a rendered mail is added in the transaction of what caused it; the
//! worker takes due mails (one worker per mail, `skip locked`), then marks each sent, due
//! again later, or dead.

use chrono::{DateTime, Utc};
use sqlx::FromRow;
use uuid::Uuid;

use crate::{DbError, Tx};

/// A mail to send, rendered.
#[derive(Debug, Clone)]
pub struct NewMail<'a> {
    /// The brand it is sent for; `None` for platform mail (writers, staff).
    pub website_id: Option<Uuid>,
    /// What it is about (`password_reset`, …): for people reading the outbox.
    pub kind: &'a str,
    pub to_address: &'a str,
    pub from_name: &'a str,
    pub from_address: &'a str,
    pub subject: &'a str,
    pub text_body: &'a str,
    pub html_body: &'a str,
}

#[derive(Debug, Clone, FromRow)]
pub struct MailRow {
    pub id: Uuid,
    pub website_id: Option<Uuid>,
    pub kind: String,
    pub to_address: String,
    pub from_name: String,
    pub from_address: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub dead_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

pub async fn enqueue(tx: &mut Tx, mail: &NewMail<'_>) -> Result<Uuid, DbError> {
    Ok(sqlx::query_scalar(
        "insert into mail_outbox (website_id, kind, to_address, from_name, from_address, subject, text_body, html_body)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
    )
    .bind(mail.website_id)
    .bind(mail.kind)
    .bind(mail.to_address)
    .bind(mail.from_name)
    .bind(mail.from_address)
    .bind(mail.subject)
    .bind(mail.text_body)
    .bind(mail.html_body)
    .fetch_one(tx.conn())
    .await?)
}

/// Claims the oldest mail due at `now`: it is not due again before `lease_until`, so a
/// worker that dies while sending leaves it to be tried again then. Rows another worker is
/// claiming are skipped.
pub async fn claim_due(
    tx: &mut Tx,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> Result<Option<MailRow>, DbError> {
    Ok(sqlx::query_as(
        "update mail_outbox set next_attempt_at = $2
         where id = (select id from mail_outbox
                     where sent_at is null and dead_at is null and next_attempt_at <= $1
                     order by next_attempt_at, created_at limit 1 for update skip locked)
         returning id, website_id, kind, to_address, from_name, from_address, subject, text_body, html_body,
                   attempts, last_error, sent_at, dead_at, created_at",
    )
    .bind(now)
    .bind(lease_until)
    .fetch_optional(tx.conn())
    .await?)
}

pub async fn mark_sent(tx: &mut Tx, id: Uuid) -> Result<(), DbError> {
    sqlx::query("update mail_outbox set sent_at = now(), attempts = attempts + 1, last_error = null where id = $1")
        .bind(id)
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// One more failed attempt: due again at `retry_at`, or dead when `retry_at` is `None`.
pub async fn mark_failed(tx: &mut Tx, id: Uuid, error: &str, retry_at: Option<DateTime<Utc>>) -> Result<(), DbError> {
    sqlx::query(
        "update mail_outbox set attempts = attempts + 1, last_error = $2,
             next_attempt_at = coalesce($3, next_attempt_at), dead_at = case when $3 is null then now() end
         where id = $1",
    )
    .bind(id)
    .bind(error)
    .bind(retry_at)
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// Whether `address` was ever sent (or is due) a mail of `kind`.
pub async fn has_had(tx: &mut Tx, address: &str, kind: &str) -> Result<bool, DbError> {
    Ok(sqlx::query_scalar("select exists (select 1 from mail_outbox where to_address = $1 and kind = $2)")
        .bind(address)
        .bind(kind)
        .fetch_one(tx.conn())
        .await?)
}
