//! The platform's health: whether PostgreSQL, Redis, the queue and the runtime answer, and how fast.

use std::future::Future;
use std::time::{Duration, Instant};

use atelier_types::ops::{DependencyCheck, Readiness};
use deadpool_redis::redis;

use crate::App;

/// Runs one check with a 2-second limit and reports it.
pub async fn probe<F, E>(name: &str, check: F) -> DependencyCheck
where
    F: Future<Output = Result<(), E>>,
    E: std::fmt::Display,
{
    let started = Instant::now();
    let outcome = tokio::time::timeout(Duration::from_secs(2), check).await;
    let error = match outcome {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(e.to_string()),
        Err(_) => Some("no answer within 2 s".to_owned()),
    };
    DependencyCheck {
        name: name.to_owned(),
        ok: error.is_none(),
        latency_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        error,
    }
}

/// Whether this instance can serve: PostgreSQL, Redis and the deployment queue answer, and
/// the site runtime can start sites.
pub async fn readiness(app: &App) -> Readiness {
    let database = probe("database", async { app.db.ping().await.map_err(|e| e.to_string()) });
    let redis = probe("redis", async {
        let mut conn = app.redis.get().await.map_err(|e| e.to_string())?;
        redis::cmd("PING").query_async::<String>(&mut conn).await.map(|_| ()).map_err(|e| e.to_string())
    });
    let queue = probe("queue", async {
        atelier_deployer::worker::waiting(&app.deploy_queue).await.map(|_| ()).map_err(|e| format!("{e:#}"))
    });
    let runtime = probe("runtime", async {
        match &app.deployer {
            Some(deployer) => deployer.runtime().check().await.map_err(|e| format!("{e:#}")),
            None => Err("no site runtime on this server: published sites cannot be stopped or started".to_owned()),
        }
    });
    let (database, redis, queue, runtime) = tokio::join!(database, redis, queue, runtime);
    let checks = vec![database, redis, queue, runtime];
    let all_ok = checks.iter().all(|c| c.ok);
    Readiness { status: if all_ok { "ready" } else { "not_ready" }.into(), checks }
}
