//! Deployments on the wire: their state, steps with timings, queue position, and log lines.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "sqlx", derive(sqlx::Type))]
#[cfg_attr(feature = "sqlx", sqlx(type_name = "text", rename_all = "snake_case"))]
pub enum DeploymentStatus {
    Queued,
    Running,
    Live,
    Failed,
    Cancelled,
    TimedOut,
    /// A newer deployment of the site was asked for while this one waited.
    Superseded,
    /// It was live; a rollback to an earlier deployment replaced it.
    RolledBack,
    /// It was live; a newer deployment replaced it.
    Retired,
}

impl DeploymentStatus {
    pub const ALL: [DeploymentStatus; 9] = [
        DeploymentStatus::Queued,
        DeploymentStatus::Running,
        DeploymentStatus::Live,
        DeploymentStatus::Failed,
        DeploymentStatus::Cancelled,
        DeploymentStatus::TimedOut,
        DeploymentStatus::Superseded,
        DeploymentStatus::RolledBack,
        DeploymentStatus::Retired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DeploymentStatus::Queued => "queued",
            DeploymentStatus::Running => "running",
            DeploymentStatus::Live => "live",
            DeploymentStatus::Failed => "failed",
            DeploymentStatus::Cancelled => "cancelled",
            DeploymentStatus::TimedOut => "timed_out",
            DeploymentStatus::Superseded => "superseded",
            DeploymentStatus::RolledBack => "rolled_back",
            DeploymentStatus::Retired => "retired",
        }
    }

    pub fn is_finished(self) -> bool {
        !matches!(self, DeploymentStatus::Queued | DeploymentStatus::Running)
    }
}

/// The steps of a deployment, in order.
pub const STEPS: [&str; 6] = ["render", "package", "start", "health_check", "switch", "retire"];

/// One step reached, with its timing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepTiming {
    /// `render`, `package`, `start`, `health_check`, `switch`, `retire`.
    pub name: String,
    pub started_at: DateTime<Utc>,
    #[serde(default)]
    pub finished_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub ms: Option<u64>,
    #[serde(default)]
    pub ok: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deployment {
    pub id: Uuid,
    pub site_id: Uuid,
    /// 1, 2, 3… per site.
    pub number: i32,
    /// `deploy`, or `rollback` to an earlier deployment's build.
    pub kind: String,
    pub rollback_of: Option<Uuid>,
    pub status: DeploymentStatus,
    /// `process` or `docker`.
    pub runtime: String,
    /// The step in progress, or the last one reached.
    pub step: Option<String>,
    pub steps: Vec<StepTiming>,
    /// Names the build (SHA-256 of its files).
    pub content_hash: Option<String>,
    /// Why it failed, with the instance's last output when there was one.
    pub error: Option<String>,
    pub queued_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    /// From start to end (or to now while it runs).
    pub duration_ms: Option<u64>,
    /// While queued: 1 = next to run.
    pub queue_position: Option<u32>,
    /// While queued: a rough wait, from recent deployments' durations.
    pub eta_secs: Option<u32>,
}

/// One line of a deployment's log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogLine {
    /// 1, 2, 3… without gaps: ask for the lines after the last one you have.
    pub seq: i32,
    pub at: DateTime<Utc>,
    pub step: Option<String>,
    /// `info`, `warn` or `error`.
    pub level: String,
    pub line: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogPage {
    pub lines: Vec<LogLine>,
    /// Pass as `after` for the next page (the last line's `seq`, or the `after` you sent).
    pub next_after: i32,
    /// The deployment has ended and every line is in: nothing more will come.
    pub complete: bool,
}

/// A one-time pass to the live log's WebSocket (a browser cannot send headers on one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveTicket {
    /// Pass as `?ticket=` to the live log; valid once, for 30 s.
    pub ticket: String,
    pub expires_in: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_written_by_hand_are_the_ones_serde_writes() {
        for status in DeploymentStatus::ALL {
            assert_eq!(serde_json::to_value(status).unwrap(), serde_json::Value::from(status.as_str()));
        }
    }
}
