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

/// Events after `after` (an id), oldest first, at most `limit`.
pub async fn after(tx: &mut Tx, after: i64, limit: i64) -> Result<Vec<EventRow>, DbError> {
    Ok(sqlx::query_as("select id, website_id, kind, payload, at from domain_events where id > $1 order by id limit $2")
        .bind(after)
        .bind(limit)
        .fetch_all(tx.conn())
        .await?)
}
