//! What every handler can reach: the application (`atelier_app::App`, which the use cases
//! take) and what only the HTTP side needs (metrics, the web apps, the site proxy's client,
//! the live hub and its limits). `AppState` dereferences to the `App`, so a handler
//! passes `&state` to a use case.

use atelier_app::App;
use prometheus::Registry;

use crate::telemetry::HttpMetrics;
use crate::web::WebApps;

pub struct AppState {
    pub app: App,
    pub registry: Registry,
    pub http_metrics: HttpMetrics,
    pub web: WebApps,
    /// The local reverse proxy's client (published sites on this machine).
    pub proxy_client: reqwest::Client,
    pub hub: std::sync::Arc<crate::live::Hub>,
    /// Open live logs per user.
    pub streams: std::sync::Arc<crate::live::StreamLimits>,
    /// Open notification sockets per user.
    pub notify_sockets: std::sync::Arc<crate::live::StreamLimits>,
}

impl std::ops::Deref for AppState {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}
