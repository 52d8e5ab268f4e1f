//! A deployment's log: each line stored with the next sequence number, then published on
//! Redis (`<prefix>deployment:<id>:log`) for live viewers. A viewer that missed a
//! publication reads the stored lines after its last sequence number: nothing is lost.

use atelier_db::deployments::{self, NewLog};
use atelier_db::{Db, Scope};
pub use atelier_types::deployments::LogLine;
use deadpool_redis::redis::AsyncCommands;
use tokio::sync::Mutex;
use uuid::Uuid;

/// The Redis channel a deployment's lines are published on.
pub fn channel(prefix: &str, deployment_id: Uuid) -> String {
    format!("{prefix}deployment:{deployment_id}:log")
}

pub struct Logger {
    db: Db,
    redis: deadpool_redis::Pool,
    channel: String,
    website_id: Uuid,
    deployment_id: Uuid,
    /// Lines of this logger go out in the order they were written.
    order: Mutex<()>,
}

impl Logger {
    pub async fn open(
        db: Db,
        redis: deadpool_redis::Pool,
        prefix: &str,
        website_id: Uuid,
        deployment_id: Uuid,
    ) -> anyhow::Result<Logger> {
        Ok(Logger {
            db,
            redis,
            channel: channel(prefix, deployment_id),
            website_id,
            deployment_id,
            order: Mutex::new(()),
        })
    }

    /// Stores and publishes a line. A Redis failure only costs live viewers a moment (they
    /// catch up from the store); a database failure is an error.
    pub async fn write(&self, step: Option<&str>, level: &str, line: &str) -> anyhow::Result<LogLine> {
        let turn = self.order.lock().await;
        let mut tx = self.db.begin(&Scope::everything()).await?;
        let new = NewLog { website_id: self.website_id, deployment_id: self.deployment_id, step, level, line };
        let stamp = deployments::append_log(&mut tx, &new).await?;
        tx.commit().await?;
        drop(turn);
        let entry = LogLine {
            seq: stamp.seq,
            at: stamp.at,
            step: step.map(str::to_owned),
            level: level.to_owned(),
            line: line.to_owned(),
        };
        if let Err(e) = self.publish(&entry).await {
            tracing::warn!(error = %e, deployment.id = %self.deployment_id, "log line not published");
        }
        Ok(entry)
    }

    async fn publish(&self, entry: &LogLine) -> anyhow::Result<()> {
        let mut conn = self.redis.get().await?;
        let payload = serde_json::to_string(entry)?;
        let _: i64 = conn.publish(&self.channel, payload).await?;
        Ok(())
    }

    pub async fn info(&self, step: &str, line: &str) -> anyhow::Result<LogLine> {
        self.write(Some(step), "info", line).await
    }

    pub async fn error(&self, step: &str, line: &str) -> anyhow::Result<LogLine> {
        self.write(Some(step), "error", line).await
    }
}
