//! Builds the application: pools, state, the actix `App`, and a bound listener.

use std::net::TcpListener;

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{Compress, ErrorHandlers, from_fn};
use actix_web::web::{self, Data};
use actix_web::{App, HttpResponse, HttpServer};
use anyhow::Context;
use atelier_db::Db;
use prometheus::Registry;
use secrecy::ExposeSecret;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::tokens::TokenKeys;
use crate::config::Settings;
use crate::error;
use crate::generation::Generator;
use crate::redis::Keys;
use crate::state::AppState;
use crate::telemetry::{self, HttpMetrics};
use crate::web::WebApps;

/// A bound, not yet running server. Binding happens here, so `port()` is known before
/// `run` (port 0 in tests).
pub struct Application {
    port: u16,
    server: Server,
    state: Data<AppState>,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        crate::generation::install_tls_provider();
        if settings.migrate_on_start
            && let Some(owner_url) = &settings.migration_database_url
        {
            let owner = atelier_db::connect_owner(owner_url.expose_secret(), 2)
                .await
                .context("connecting to PostgreSQL as the owner (ATELIER_MIGRATION_DATABASE_URL)")?;
            atelier_db::migrate(&owner).await.context("applying migrations")?;
            owner.close().await;
        }
        let db = Db::connect(settings.database_url.expose_secret(), settings.db_max_connections)
            .await
            .context("connecting to PostgreSQL (ATELIER_DATABASE_URL)")?;
        let redis =
            crate::redis::pool(settings.redis_url.expose_secret()).context("configuring Redis (ATELIER_REDIS_URL)")?;
        let web = WebApps::load(&settings.web_dir)
            .with_context(|| format!("reading the web apps from {} (ATELIER_WEB_DIR)", settings.web_dir.display()))?;
        let registry = Registry::new();
        let http_metrics = HttpMetrics::register(&registry)?;
        let generator = Generator::from_settings(&settings).context("configuring the content generator")?;
        let renderer = atelier_sitegen::Renderer::new().context("compiling the site templates")?;
        let deploy_queue = atelier_deployer::worker::connect(
            settings.redis_url.expose_secret(),
            &settings.redis_prefix,
            settings.deploy_concurrency,
        )
        .await
        .context("connecting the deployment queue (ATELIER_REDIS_URL)")?;
        let hub = crate::live::Hub::start(settings.redis_url.expose_secret(), &settings.redis_prefix)
            .context("listening for live logs and notifications (ATELIER_REDIS_URL)")?;
        let deployer = match crate::worker::deployer(&settings, db.clone(), redis.clone()).await {
            Ok(deployer) => Some(std::sync::Arc::new(deployer)),
            Err(e) => {
                tracing::warn!(error = %format!("{e:#}"), "published sites cannot be stopped or started from this server");
                None
            }
        };
        let files = atelier_app::files::LocalDisk::open(&settings.files_dir)
            .with_context(|| format!("opening the file store {} (ATELIER_FILES_DIR)", settings.files_dir.display()))?;
        let application = atelier_app::App {
            files: std::sync::Arc::new(files),
            deployer,
            deploy_queue,
            generator,
            renderer,
            keys: Keys::new(settings.redis_prefix.clone()),
            password_work: atelier_app::accounts::password::Work::new(settings.password_work),
            tokens: TokenKeys::new(&settings.jwt_secret, settings.access_token_ttl_secs),
            settings,
            db,
            redis,
            active: Default::default(),
        };
        let state = Data::new(AppState {
            app: application,
            hub,
            streams: crate::live::StreamLimits::new(crate::live::MAX_STREAMS_PER_USER),
            notify_sockets: crate::live::StreamLimits::new(crate::live::MAX_NOTIFY_SOCKETS_PER_USER),
            proxy_client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .pool_max_idle_per_host(8)
                // Under the site server's 5 s: an idle connection is dropped here before the
                // site server closes it, never reused as it closes.
                .pool_idle_timeout(std::time::Duration::from_secs(4))
                .build()
                .context("building the site proxy's HTTP client")?,
            registry,
            http_metrics,
            web,
        });

        let listener = TcpListener::bind(&state.settings.bind)
            .with_context(|| format!("binding {} (ATELIER_BIND)", state.settings.bind))?;
        let port = listener.local_addr()?.port();
        let openapi = crate::openapi::document();
        let app_state = state.clone();
        let mut server = HttpServer::new(move || {
            app(app_state.clone()).service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", openapi.clone()))
        })
        .listen(listener)?;
        if let Some(workers) = state.settings.http_workers {
            server = server.workers(workers);
        }
        Ok(Self { port, server: server.run(), state })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> Data<AppState> {
        self.state.clone()
    }

    /// Serves until SIGINT/SIGTERM, then finishes in-flight requests.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// The actix application without the docs UI.
pub fn app(
    state: Data<AppState>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .app_data(state)
        .app_data(web::JsonConfig::default().limit(256 * 1024).error_handler(error::json_error))
        .app_data(web::QueryConfig::default().error_handler(error::query_error))
        .app_data(web::PathConfig::default().error_handler(error::path_error))
        .wrap(ErrorHandlers::new().default_handler(error::envelope_non_json_errors))
        .wrap(Compress::default())
        .wrap(from_fn(telemetry::observe))
        .into_utoipa_app()
        .configure(crate::routes::configure)
        .into_app()
        .route(
            "/api/docs",
            web::get()
                .to(|| async { HttpResponse::PermanentRedirect().insert_header(("location", "/api/docs/")).finish() }),
        )
        .default_service(web::to(crate::web::serve))
}
