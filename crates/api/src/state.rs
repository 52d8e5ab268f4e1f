//! What every handler can reach.

use atelier_db::Db;
use prometheus::Registry;

use crate::auth::tokens::TokenKeys;
use crate::config::Settings;
use crate::generation::Generator;
use crate::redis::Keys;
use crate::telemetry::HttpMetrics;
use crate::web::WebApps;

pub struct AppState {
    pub settings: Settings,
    pub db: Db,
    pub redis: deadpool_redis::Pool,
    pub keys: Keys,
    pub tokens: TokenKeys,
    pub registry: Registry,
    pub http_metrics: HttpMetrics,
    pub web: WebApps,
    pub generator: Generator,
    pub renderer: atelier_sitegen::Renderer,
    /// The local reverse proxy's client (published sites on this machine).
    pub proxy_client: reqwest::Client,
    /// Where deployments are queued for the workers.
    pub deploy_queue: atelier_deployer::worker::DeployQueue,
    pub log_hub: std::sync::Arc<crate::live::LogHub>,
    /// Stops and starts published sites on this machine (`None` when the runtime is not
    /// available here: the site server binary is missing).
    pub deployer: Option<std::sync::Arc<atelier_deployer::Deployer>>,
    pub streams: std::sync::Arc<crate::live::StreamLimits>,
    /// Where attached files are kept.
    pub files: std::sync::Arc<dyn crate::files::FileStore>,
}
