//! `atelier worker`: the deployment worker, built from the same settings as the server.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use atelier_db::Db;
use atelier_deployer::docker::DockerRuntime;
use atelier_deployer::runtime::ProcessRuntime;
use atelier_deployer::{Deployer, DeployerSettings, Runtime, RuntimeKind};
use secrecy::ExposeSecret;

use crate::config::Settings;

/// The deployer these settings describe.
pub async fn deployer(settings: &Settings, db: Db, redis: deadpool_redis::Pool) -> anyhow::Result<Deployer> {
    let runtime = match settings.runtime_kind()? {
        RuntimeKind::Process => {
            let binary = ProcessRuntime::locate(settings.siteserver_bin.as_deref())?;
            Runtime::Process(ProcessRuntime::new(binary)?)
        }
        RuntimeKind::Docker => {
            let server = settings.siteserver_static_bin.as_deref().context(
                "the docker runtime needs ATELIER_SITESERVER_STATIC_BIN: atelier-siteserver linked statically",
            )?;
            Runtime::Docker(DockerRuntime::connect(server).await?)
        }
    };
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("creating {} (ATELIER_DATA_DIR)", settings.data_dir.display()))?;
    let data_dir = std::fs::canonicalize(&settings.data_dir)?;
    let deployer_settings = DeployerSettings {
        data_dir,
        ports: settings.port_range()?,
        redis_prefix: settings.redis_prefix.clone(),
        sites_url: settings.site_url("{slug}"),
        health_attempts: 50,
        health_interval: Duration::from_millis(100),
        drain: Duration::from_millis(300),
    };
    let renderer = atelier_sitegen::Renderer::new()?;
    Ok(Deployer::new(db, redis, renderer, runtime, deployer_settings))
}

/// Runs the deployment worker until `shutdown` resolves.
pub async fn run(settings: &Settings, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
    let db = Db::connect(settings.database_url.expose_secret(), settings.db_max_connections)
        .await
        .context("connecting to PostgreSQL (ATELIER_DATABASE_URL)")?;
    let redis =
        crate::redis::pool(settings.redis_url.expose_secret()).context("configuring Redis (ATELIER_REDIS_URL)")?;
    let deployer = Arc::new(deployer(settings, db.clone(), redis.clone()).await?);
    let queue = atelier_deployer::worker::connect(
        settings.redis_url.expose_secret(),
        &settings.redis_prefix,
        settings.deploy_concurrency,
    )
    .await
    .context("connecting the deployment queue (ATELIER_REDIS_URL)")?;
    tracing::info!(concurrency = settings.deploy_concurrency, runtime = %settings.runtime, "deployment worker started");
    // Order timers: auto-accept and lateness, checked every minute.
    let timers = {
        let db = db.clone();
        let deployer = deployer.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                let now = chrono::Utc::now();
                match crate::orders::auto_accept_due(&db, now).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(orders = n, "delivered orders auto-accepted"),
                    Err(e) => tracing::warn!(error = %format!("{e:#}"), "order timers did not run"),
                }
                match crate::orders::mark_late_due(&db, now).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(orders = n, "orders past their deadline marked late"),
                    Err(e) => tracing::warn!(error = %format!("{e:#}"), "the lateness check did not run"),
                }
                match crate::billing::cycle::run_once(&db, Some(&deployer), 200).await {
                    Ok(done) if done != crate::billing::cycle::Cycle::default() => {
                        tracing::info!(?done, "billing cycle")
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %format!("{e:#}"), "the billing cycle did not run"),
                }
            }
        })
    };
    // Mail: the outbox, every `mail_poll_ms`.
    let mailer =
        crate::mail::from_settings(settings).context("setting up mail (ATELIER_SMTP_URL, ATELIER_MAIL_DIR)")?;
    let postman = {
        let db = db.clone();
        let every = Duration::from_millis(settings.mail_poll_ms.max(50));
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                match crate::mail::deliver_due(&db, mailer.as_ref(), 20).await {
                    Ok(done) if done.sent + done.failed > 0 => {
                        tracing::info!(sent = done.sent, failed = done.failed, "mail delivered")
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %format!("{e:#}"), "the mail outbox could not be read"),
                }
            }
        })
    };
    // Notifications: from the domain events, woken by each commit that records some.
    let dispatcher = tokio::spawn(crate::notifications::run_dispatcher(db.clone(), settings.clone(), redis));
    let stale = Duration::from_secs(settings.deploy_stale_secs);
    let redis_url = settings.redis_url.expose_secret();
    let outcome =
        atelier_deployer::worker::run(deployer, db, queue, redis_url, settings.deploy_concurrency, stale, shutdown)
            .await;
    timers.abort();
    postman.abort();
    dispatcher.abort();
    outcome
}
