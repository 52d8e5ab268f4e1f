//! Domain events ([`DomainEvent`]): recorded by use cases in their own transaction, read
//! in order by subscribers. Notifications, e-mail and webhooks subscribe here.

use atelier_db::Tx;
use atelier_db::events as event_db;
pub use atelier_types::events::DomainEvent;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::AppResult;

/// Records `event` of `website` in the caller's transaction.
pub async fn record(tx: &mut Tx, website: Uuid, event: DomainEvent) -> AppResult<()> {
    event_db::record(tx, website, &event).await?;
    Ok(())
}

/// A recorded event with its place in the stream.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub id: i64,
    pub website_id: Uuid,
    pub at: DateTime<Utc>,
    pub event: DomainEvent,
}

/// Events after `after` (the last id a subscriber handled), oldest first, at most `limit`,
/// across every website: for the platform's own subscribers.
pub async fn read_after(db: &atelier_db::Db, after: i64, limit: i64) -> AppResult<Vec<Recorded>> {
    let mut tx = db.begin(&atelier_db::Scope::everything()).await?;
    let rows = event_db::after(&mut tx, after, limit).await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|r| Recorded { id: r.id, website_id: r.website_id, at: r.at, event: r.payload.0 })
        .collect())
}
