//! The domain events table: append in the transaction that makes the change, read in id
//! order after a subscriber's last id.

use atelier_types::events::DomainEvent;
use chrono::{DateTime, Utc};
use sqlx::FromRow;
use sqlx::types::Json;
use uuid::Uuid;

use crate::{DbError, Tx};

#[derive(Debug, FromRow)]
pub struct EventRow {
    pub id: i64,
    pub website_id: Uuid,
    pub kind: String,
    pub payload: Json<DomainEvent>,
    pub at: DateTime<Utc>,
}

pub async fn record(tx: &mut Tx, website: Uuid, event: &DomainEvent) -> Result<i64, DbError> {
    let id =
        sqlx::query_scalar("insert into domain_events (website_id, kind, payload) values ($1, $2, $3) returning id")
            .bind(website)
            .bind(event.kind())
            .bind(Json(event))
            .fetch_one(tx.conn())
            .await?;
    Ok(id)
}

/// An event as a subscriber reads it: its payload still raw JSON, so that one it cannot read
/// (a kind a newer version wrote) is skipped, not fatal.
#[derive(Debug, FromRow)]
pub struct CommittedRow {
    pub id: i64,
    pub txid: i64,
    pub website_id: Uuid,
    pub kind: String,
    pub payload: Json<serde_json::Value>,
}

/// Events after the cursor `(txid, id)`, in commit order, at most `limit`: only those of
/// transactions older than every transaction still running, so no event can later appear
/// behind the last one read.
pub async fn committed_after(tx: &mut Tx, txid: i64, id: i64, limit: i64) -> Result<Vec<CommittedRow>, DbError> {
    Ok(sqlx::query_as(
        "select id, txid, website_id, kind, payload from domain_events
         where (txid, id) > ($1, $2) and txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
         order by txid, id limit $3",
    )
    .bind(txid)
    .bind(id)
    .bind(limit)
    .fetch_all(tx.conn())
    .await?)
}

/// Events after `after` (an id), oldest first, at most `limit`.
pub async fn after(tx: &mut Tx, after: i64, limit: i64) -> Result<Vec<EventRow>, DbError> {
    Ok(sqlx::query_as("select id, website_id, kind, payload, at from domain_events where id > $1 order by id limit $2")
        .bind(after)
        .bind(limit)
        .fetch_all(tx.conn())
        .await?)
}
