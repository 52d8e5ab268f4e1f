//! Wire types shared by the server and the WASM apps.
//!
//! This crate must compile for `wasm32-unknown-unknown`: it depends on serde and small
//! value crates only. OpenAPI schema derives sit behind the `openapi` feature, and the
//! `sqlx::Type` derives of statuses and roles behind the `sqlx` feature; only the server
//! enables them.

pub mod auth;
pub mod billing;
pub mod color;
pub mod deployments;
pub mod error;
pub mod events;
pub mod markdown;
pub mod notifications;
pub mod ops;
pub mod orders;
pub mod permissions;
pub mod queries;
pub mod site;
pub mod sites;
pub mod staff;
pub mod tenant;
pub mod validation;

pub use auth::{AppKind, Language, Role};
pub use error::{ErrorBody, ErrorDetails, FieldError};
