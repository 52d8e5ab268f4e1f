//! The Atelier HTTP API.

pub mod auth;
pub mod config;
pub mod error;
pub mod files;
pub mod generation;
pub mod live;
pub mod openapi;
pub mod proxy;
pub mod redis;
pub mod routes;
pub mod seed;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod tenancy;
#[cfg(feature = "test-support")]
pub mod testing;
pub mod web;
pub mod worker;

pub use config::Settings;
pub use startup::Application;
