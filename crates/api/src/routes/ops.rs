//! Liveness, readiness and Prometheus metrics. Host-independent: probes call them by IP.

use std::future::Future;
use std::time::{Duration, Instant};

use actix_web::web::{Data, Json};
use actix_web::{HttpResponse, get};
use atelier_types::ops::{DependencyCheck, Liveness, Readiness};
use deadpool_redis::redis;
use prometheus::{Encoder, TextEncoder};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The process is up.
#[utoipa::path(tag = "operations", responses((status = 200, description = "Alive", body = Liveness)))]
#[get("/health")]
pub async fn health() -> Json<Liveness> {
    Json(Liveness { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() })
}

pub(crate) async fn probe<F, E>(name: &str, check: F) -> DependencyCheck
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

/// Whether this instance can serve: PostgreSQL and Redis both answer.
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, description = "Every dependency answers", body = Readiness),
        (status = 503, description = "A dependency is down; `checks` says which and why", body = Readiness),
    )
)]
#[get("/ready")]
pub async fn ready(state: Data<AppState>) -> HttpResponse {
    let database = probe("database", async { state.db.ping().await.map_err(|e| e.to_string()) });
    let redis = probe("redis", async {
        let mut conn = state.redis.get().await.map_err(|e| e.to_string())?;
        redis::cmd("PING").query_async::<String>(&mut conn).await.map(|_| ()).map_err(|e| e.to_string())
    });
    let (database, redis) = tokio::join!(database, redis);
    let checks = vec![database, redis];
    let all_ok = checks.iter().all(|c| c.ok);
    let body = Readiness { status: if all_ok { "ready" } else { "not_ready" }.into(), checks };
    if all_ok { HttpResponse::Ok().json(body) } else { HttpResponse::ServiceUnavailable().json(body) }
}

/// Prometheus text exposition: request counts and latency histograms by route and status.
#[utoipa::path(
    tag = "operations",
    responses((status = 200, description = "Prometheus text format 0.0.4", content_type = "text/plain", body = String))
)]
#[get("/metrics")]
pub async fn metrics(state: Data<AppState>) -> ApiResult<HttpResponse> {
    let mut buffer = Vec::new();
    TextEncoder::new().encode(&state.registry.gather(), &mut buffer).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok().content_type("text/plain; version=0.0.4").body(buffer))
}
