//! Logs and metrics: structured logs (pretty or JSON) carrying a request id, and request
//! counters and latency histograms labelled by route pattern, never by raw path.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web::Data;
use prometheus::{HistogramOpts, HistogramVec, IntCounterVec, Opts, Registry};
use tracing::Instrument;
use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;
use crate::state::AppState;

/// Installs the global subscriber once; later calls (tests) are ignored. `RUST_LOG`
/// overrides the default filter.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(false);
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(true).with_span_list(false).try_init(),
        LogFormat::Pretty => builder.compact().try_init(),
    };
}

pub struct HttpMetrics {
    requests: IntCounterVec,
    latency: HistogramVec,
}

impl HttpMetrics {
    pub fn register(registry: &Registry) -> anyhow::Result<Self> {
        let requests = IntCounterVec::new(
            Opts::new("http_requests_total", "HTTP requests answered, by method, route pattern and status."),
            &["method", "route", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new("http_request_duration_seconds", "Time to answer HTTP requests, by method and route.")
                .buckets(vec![0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0]),
            &["method", "route", "status"],
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        Ok(Self { requests, latency })
    }
}

static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Keeps a caller's request id if it is short and plain, so ids can be followed across
/// services; otherwise makes one.
fn request_id(req: &ServiceRequest) -> String {
    req.headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .map_or_else(|| uuid::Uuid::now_v7().to_string(), String::from)
}

/// Outermost middleware: request id (echoed in `X-Request-Id`), a span every log line of
/// the request carries, one access-log line, and the metrics.
pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody + 'static>, actix_web::Error> {
    let id = request_id(&req);
    let method = req.method().to_string();
    let span = tracing::info_span!("request", request_id = %id, http.method = %method, http.path = %req.path());
    let started = Instant::now();
    let state = req.app_data::<Data<AppState>>().cloned();
    let mut res = next.call(req).instrument(span.clone()).await?;

    let elapsed = started.elapsed();
    let status = res.status();
    let route = res.request().match_pattern().unwrap_or_else(|| "unmatched".to_owned());
    if let Some(state) = state {
        let labels = [method.as_str(), route.as_str(), status.as_str()];
        state.http_metrics.requests.with_label_values(&labels).inc();
        state.http_metrics.latency.with_label_values(&labels).observe(elapsed.as_secs_f64());
    }
    if let Ok(value) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(REQUEST_ID.clone(), value);
    }
    span.in_scope(|| {
        tracing::info!(
            http.status = status.as_u16(),
            http.route = %route,
            duration_ms = elapsed.as_secs_f64() * 1000.0,
            "request answered"
        );
    });
    Ok(res)
}
