//! Liveness, readiness and Prometheus metrics. Host-independent: probes call them by IP.

use actix_web::web::{Data, Json};
use actix_web::{HttpResponse, get};
use atelier_types::ops::{Liveness, Readiness};
use prometheus::{Encoder, TextEncoder};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The process is up.
#[utoipa::path(tag = "operations", responses((status = 200, description = "Alive", body = Liveness)))]
#[get("/health")]
pub async fn get_health() -> Json<Liveness> {
    Json(Liveness { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() })
}

/// Whether this instance can serve: PostgreSQL, Redis and the deployment queue answer, and the
/// site runtime can start sites (`database`, `redis`, `queue`, `runtime`).
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, description = "Every dependency answers", body = Readiness),
        (status = 503, description = "A dependency is down; `checks` says which and why", body = Readiness),
    )
)]
#[get("/ready")]
pub async fn get_readiness(state: Data<AppState>) -> HttpResponse {
    let body = atelier_app::ops::readiness(&state).await;
    let all_ok = body.checks.iter().all(|c| c.ok);
    if all_ok { HttpResponse::Ok().json(body) } else { HttpResponse::ServiceUnavailable().json(body) }
}

/// Prometheus text exposition: request counts and latency histograms by route and status.
#[utoipa::path(
    tag = "operations",
    responses((status = 200, description = "Prometheus text format 0.0.4", content_type = "text/plain", body = String))
)]
#[get("/metrics")]
pub async fn get_metrics(state: Data<AppState>) -> ApiResult<HttpResponse> {
    let mut buffer = Vec::new();
    TextEncoder::new().encode(&state.registry.gather(), &mut buffer).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok().content_type("text/plain; version=0.0.4").body(buffer))
}
