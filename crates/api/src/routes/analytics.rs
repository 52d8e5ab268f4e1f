//! The staff overview (the platform's health and the key numbers of the caller's websites)
//! and analytics over a period, from SQL aggregates (`atelier_db::analytics`).

use actix_web::get;
use actix_web::web::{Data, Json, Query};
use atelier_db::analytics;
use atelier_types::ErrorBody;
use atelier_types::staff::{Analytics, Check, DeployDay, OrderDay, Overview, StatusCount, WriterRow};
use chrono::{Datelike, Duration, NaiveDate, Utc};
use deadpool_redis::redis;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::routes::ops::probe;
use crate::routes::staff::{Staff, staff};
use crate::state::AppState;
use crate::tenancy::HostContext;

/// A queue is healthy while nothing has waited longer than this.
const QUEUE_PATIENCE_SECS: i64 = 300;

/// The platform's health (PostgreSQL, Redis, the deployment queue, the runtime) and the key
/// numbers of the caller's websites. Every staff role may read it.
#[utoipa::path(
    tag = "staff",
    responses(
        (status = 200, description = "Health and key numbers", body = Overview),
        (status = 403, description = "Not staff on the staff host (`staff_only`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/overview")]
pub async fn overview(state: Data<AppState>, host: HostContext, user: AuthUser) -> ApiResult<Json<Overview>> {
    let who = staff(&state, &host, &user).await?;
    let database = probe("database", async { state.db.ping().await.map_err(|e| e.to_string()) });
    let redis = probe("redis", async {
        let mut conn = state.redis.get().await.map_err(|e| e.to_string())?;
        redis::cmd("PING").query_async::<String>(&mut conn).await.map(|_| ()).map_err(|e| e.to_string())
    });
    let (database, redis) = tokio::join!(database, redis);
    let check = |c: atelier_types::ops::DependencyCheck| Check {
        ok: c.ok,
        detail: c.error.unwrap_or_else(|| format!("{} ms", c.latency_ms)),
    };
    let mut tx = state.db.begin(who.scope()).await?;
    let k = analytics::kpis(&mut tx, who.websites()).await?;
    tx.commit().await?;
    let waited = k.oldest_queued_secs.unwrap_or(0);
    let queue = Check {
        ok: waited <= QUEUE_PATIENCE_SECS,
        detail: format!(
            "{} queued, {} running, oldest waiting {waited} s",
            k.queued_deployments, k.running_deployments
        ),
    };
    let runtime = match &state.deployer {
        Some(_) => Check { ok: true, detail: format!("{} · {} live sites", state.settings.runtime, k.live_sites) },
        None => Check {
            ok: false,
            detail: format!("{}: the site server is not available to this server", state.settings.runtime),
        },
    };
    Ok(Json(Overview {
        postgres: check(database),
        redis: check(redis),
        queue,
        runtime,
        customers: k.customers,
        live_sites: k.live_sites,
        open_orders: k.open_orders,
        queued_deployments: k.queued_deployments,
        running_deployments: k.running_deployments,
        oldest_queued_secs: k.oldest_queued_secs,
        failed_deployments_24h: k.failed_deployments_24h,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct Period {
    /// First day (UTC), `2026-11-01`; 29 days before `to` when left out.
    #[serde(default)]
    from: Option<NaiveDate>,
    /// Last day (UTC), included; today when left out.
    #[serde(default)]
    to: Option<NaiveDate>,
    /// Only this website.
    #[serde(default)]
    website: Option<Uuid>,
}

/// Deployments per day (went live, failed, median time to live), orders placed per day and
/// their value, orders by state, live sites and writers' completed orders, for the caller's
/// websites (or one of them) over at most 366 days.
#[utoipa::path(
    tag = "staff",
    params(Period),
    responses(
        (status = 200, description = "The period's numbers", body = Analytics),
        (status = 404, description = "Not a website the caller works for (`website_not_found`)", body = ErrorBody),
        (status = 422, description = "`from` after `to`, or more than 366 days", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/analytics")]
pub async fn analytics_report(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    query: Query<Period>,
) -> ApiResult<Json<Analytics>> {
    let who = staff(&state, &host, &user).await?;
    let invalid = || {
        ApiError::validation(vec![atelier_types::FieldError::new(
            "from",
            "invalid_period",
            "Choose a period of 1 to 366 days between 2000 and 2100, the first day first.",
        )])
    };
    let sane = |d: NaiveDate| (2000..=2100).contains(&d.year());
    let to = query.to.unwrap_or_else(|| Utc::now().date_naive());
    if !sane(to) {
        return Err(invalid());
    }
    let from = match query.from {
        Some(from) => from,
        None => to.checked_sub_signed(Duration::days(29)).ok_or_else(invalid)?,
    };
    if !sane(from) || from > to || (to - from).num_days() > 365 {
        return Err(invalid());
    }
    let websites = who.narrowed(query.website)?;
    Ok(Json(report(&state, &who, websites.as_deref(), from, to).await?))
}

async fn report(
    state: &AppState,
    who: &Staff,
    websites: Option<&[Uuid]>,
    from: NaiveDate,
    to: NaiveDate,
) -> ApiResult<Analytics> {
    let mut tx = state.db.begin(who.scope()).await?;
    let deployments = analytics::deployments_per_day(&mut tx, websites, from, to).await?;
    let orders = analytics::orders_per_day(&mut tx, websites, from, to).await?;
    let by_status = analytics::orders_by_status(&mut tx, websites).await?;
    let writers = analytics::writer_throughput(&mut tx, websites, from, to).await?;
    let kpis = analytics::kpis(&mut tx, websites).await?;
    tx.commit().await?;
    let (succeeded, failed) = deployments.iter().fold((0, 0), |(s, f), d| (s + d.succeeded, f + d.failed));
    Ok(Analytics {
        from,
        to,
        success_rate: (succeeded + failed > 0).then(|| succeeded as f64 / (succeeded + failed) as f64),
        deployments: deployments
            .into_iter()
            .map(|d| DeployDay {
                day: d.day,
                total: d.total,
                succeeded: d.succeeded,
                failed: d.failed,
                median_secs: d.median_secs,
            })
            .collect(),
        orders: orders
            .into_iter()
            .map(|o| OrderDay { day: o.day, currency: o.currency, placed: o.placed, value_minor: o.value_minor })
            .collect(),
        orders_by_status: by_status.into_iter().map(|(status, count)| StatusCount { status, count }).collect(),
        live_sites: kpis.live_sites,
        writers: writers
            .into_iter()
            .map(|w| WriterRow { writer_name: w.writer_name, completed: w.completed, words: w.words })
            .collect(),
    })
}
