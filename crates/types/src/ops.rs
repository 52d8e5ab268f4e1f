//! Operational endpoints' bodies.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Liveness {
    /// Always `ok` when the process answers.
    pub status: String,
    pub version: String,
}

/// Readiness: the process can serve traffic only when every dependency answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Readiness {
    /// `ready` or `not_ready`.
    pub status: String,
    pub checks: Vec<DependencyCheck>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DependencyCheck {
    /// `database` or `redis`.
    pub name: String,
    pub ok: bool,
    /// Round-trip time of the probe, in milliseconds.
    pub latency_ms: u64,
    /// Why the check failed, when it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}
