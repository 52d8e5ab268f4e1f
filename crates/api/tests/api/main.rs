//! Integration tests against real PostgreSQL and Redis (started by `cargo xtask test`).
// In the test harness a panic is how a test fails: unwrap and expect are the point.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod account;
mod analytics;
mod architecture;
mod auth;
mod billing;
mod deployments;
mod docker;
mod errors;
mod events;
mod generator;
mod helpers;
mod host_rules;
mod isolation;
mod live;
mod mail;
mod migrations;
mod notifications;
mod openapi;
mod ops;
mod order_work;
mod orders;
mod promotions;
mod rate_limit;
mod role_matrix;
mod sites;
mod staff;
mod tenancy;
mod tokens;
mod web;
