//! The application layer: every business operation of Atelier, once.
//!
//! One function per use case (place an order, apply an order event, save a wizard step,
//! request a deployment, decide a payout, suspend a customer…). Each takes the [`App`]
//! (what the operation may reach), the [`Caller`] (who asks, on which host) and typed
//! input; it checks permission, runs its transaction, writes its audit row and its
//! domain event in that transaction, and returns a wire type or an [`AppError`] that knows
//! nothing of HTTP. The routes of `atelier-api` extract, call and map; the jobs (auto
//! accept, lateness) and the seed call the same functions.

pub mod accounts;
pub mod analytics;
pub mod audit;
pub mod billing;
pub mod caller;
pub mod catalogue;
pub mod config;
pub mod deployments;
pub mod earnings;
pub mod error;
pub mod events;
pub mod files;
pub mod generation;
pub mod mail;
pub mod notifications;
pub mod ops;
pub mod order_work;
pub mod orders;
pub mod redis;
pub mod seed;
pub mod sites;
pub mod staff;
pub mod team;
pub mod tenancy;
pub mod tenant;
pub mod worker;

use std::sync::Arc;

pub use caller::{Caller, Host};
pub use config::Settings;
pub use error::{AppError, AppResult, Kind};

/// What the use cases can reach: the database, Redis, the content generator, the
/// renderer, the deployment queue and runtime, the file store, and the settings.
pub struct App {
    pub settings: Settings,
    pub db: atelier_db::Db,
    pub redis: deadpool_redis::Pool,
    pub keys: redis::Keys,
    pub tokens: accounts::tokens::TokenKeys,
    pub generator: generation::Generator,
    pub renderer: atelier_sitegen::Renderer,
    /// Where deployments are queued for the workers.
    pub deploy_queue: atelier_deployer::worker::DeployQueue,
    /// Stops and starts published sites on this machine (`None` when the runtime is not
    /// available here: the site server binary is missing).
    pub deployer: Option<Arc<atelier_deployer::Deployer>>,
    /// Where attached files and logos are kept.
    pub files: Arc<dyn files::FileStore>,
    /// Which accounts are active, as recently as a second ago (checked on every request).
    pub active: accounts::active::ActiveCache,
    /// How many password hashes run at once.
    pub password_work: accounts::password::Work,
}
