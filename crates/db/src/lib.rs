//! PostgreSQL access for Atelier: the pool, the embedded migrator, one module per table
//! group, and the single place where constraint violations become clean errors.
//!
//! Query functions take a scoped transaction ([`Tx`]), which only [`Db::begin`] creates:
//! see `scope.rs` and docs/tenant-isolation.md.

pub mod access_tokens;
pub mod analytics;
pub mod assignments;
pub mod billing;
pub mod deployments;
pub mod devices;
pub mod email_verifications;
pub mod error;
pub mod events;
pub mod mail;
pub mod notifications;
pub mod order_work;
pub mod orders;
pub mod password_resets;
pub mod promotions;
pub mod refresh_tokens;
pub mod scope;
pub mod sites;
pub mod staff;
pub mod tenants;
pub mod users;

use std::time::Duration;

pub use error::{DbError, Violation, ViolationKind};
pub use scope::{Db, RoleError, Scope, Tx};
use sqlx::migrate::{MigrateError, Migrator};
use sqlx::postgres::PgPoolOptions;
pub use sqlx::{PgPool, Postgres, Transaction};

/// Every file in the repository's `migrations/` folder, compiled into the binary.
pub static MIGRATOR: Migrator = sqlx::migrate!("../../migrations");

/// Opens a plain pool: for migrations and administration as the tables' owner, never
/// for request code (which uses [`Db`], itself built on this pool after checking the role).
pub async fn connect_owner(url: &str, max_connections: u32) -> Result<PgPool, sqlx::Error> {
    PgPoolOptions::new().max_connections(max_connections).acquire_timeout(Duration::from_secs(5)).connect(url).await
}

/// Applies pending migrations; applied ones are skipped, so running it twice is a no-op.
pub async fn migrate(pool: &PgPool) -> Result<(), MigrateError> {
    MIGRATOR.run(pool).await
}

/// How many migrations have been applied successfully (an error before the first one).
pub async fn applied_migrations(pool: &PgPool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from _sqlx_migrations where success").fetch_one(pool).await
}
