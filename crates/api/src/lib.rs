//! The Atelier HTTP API.

pub mod auth;
pub mod error;
pub mod files;
pub mod live;
pub mod openapi;
pub mod proxy;
pub mod routes;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod tenancy;
#[cfg(feature = "test-support")]
pub mod testing;
pub mod web;

pub use atelier_app::{config, generation, redis, seed, worker};
pub use config::Settings;
pub use startup::Application;
