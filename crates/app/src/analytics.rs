//! The staff overview (the platform's health and the key numbers of the caller's websites)
//! and analytics over a period, from SQL aggregates (`atelier_db::analytics`).

use atelier_db::analytics;
use atelier_types::queries::Period;
use atelier_types::staff::{Analytics, Check, DeployDay, OrderDay, Overview, StatusCount, WriterRow};
use chrono::{Datelike, Duration, NaiveDate, Utc};
use uuid::Uuid;

use crate::staff::{Staff, staff};
use crate::{App, AppError, AppResult, Caller};

/// A queue is healthy while nothing has waited longer than this.
const QUEUE_PATIENCE_SECS: i64 = 300;

/// The platform's health (PostgreSQL, Redis, the deployment queue, the runtime) and the key
/// numbers of the caller's websites. Every staff role may read it.
pub async fn overview(app: &App, user: &Caller) -> AppResult<Overview> {
    let who = staff(app, user).await?;
    // The same checks as `/ready`, with the numbers staff want beside them.
    let ready = crate::ops::readiness(app).await;
    let named = |name: &str| ready.checks.iter().find(|c| c.name == name).cloned();
    let check = |c: Option<atelier_types::ops::DependencyCheck>| match c {
        Some(c) => Check { ok: c.ok, detail: c.error.unwrap_or_else(|| format!("{} ms", c.latency_ms)) },
        None => Check { ok: false, detail: "not checked".to_owned() },
    };
    let mut tx = app.db.begin(who.scope()).await?;
    let k = analytics::kpis(&mut tx, who.websites()).await?;
    tx.commit().await?;
    let waited = k.oldest_queued_secs.unwrap_or(0);
    let counts =
        format!("{} queued, {} running, oldest waiting {waited} s", k.queued_deployments, k.running_deployments);
    let queue = match named("queue") {
        Some(c) if !c.ok => check(Some(c)),
        _ => Check { ok: waited <= QUEUE_PATIENCE_SECS, detail: counts },
    };
    let runtime = match named("runtime") {
        Some(c) if c.ok => {
            Check { ok: true, detail: format!("{} · {} live sites", app.settings.runtime, k.live_sites) }
        }
        other => check(other),
    };
    let (database, redis) = (named("database"), named("redis"));
    Ok(Overview {
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
    })
}

/// Deployments per day (went live, failed, median time to live), orders placed per day and
/// their value, orders by state, live sites and writers' completed orders, for the caller's
/// websites (or one of them) over at most 366 days.
pub async fn analytics_report(app: &App, user: &Caller, query: Period) -> AppResult<Analytics> {
    let who = staff(app, user).await?;
    let invalid = || {
        AppError::validation(vec![atelier_types::FieldError::new(
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
    report(app, &who, websites.as_deref(), from, to).await
}

async fn report(
    app: &App,
    who: &Staff,
    websites: Option<&[Uuid]>,
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<Analytics> {
    let mut tx = app.db.begin(who.scope()).await?;
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
        orders_by_status: by_status
            .into_iter()
            .map(|s| StatusCount { status: s.status.as_str().to_owned(), count: s.count })
            .collect(),
        live_sites: kpis.live_sites,
        writers: writers
            .into_iter()
            .map(|w| WriterRow { writer_name: w.writer_name, completed: w.completed, words: w.words })
            .collect(),
    })
}
