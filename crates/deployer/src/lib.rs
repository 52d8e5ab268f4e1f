//! Deployments. A deployment is run step by step — render, package, start, health check,
//! switch, retire — each step timed and logged; the instance runs in a [`Runtime`] on a
//! port leased in the database; every log line is stored with its sequence number and
//! published on Redis for live viewers.

pub mod docker;
pub mod logs;
pub mod pipeline;
pub mod queue;
pub mod runtime;
pub mod worker;

pub use pipeline::{Deployer, DeployerSettings, Outcome};
pub use runtime::{Runtime, RuntimeKind};
