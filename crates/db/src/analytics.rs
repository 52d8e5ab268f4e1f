//! The numbers of the staff overview and analytics, as SQL aggregates over the websites in
//! scope. Days are UTC calendar days; every day of the period is present (zeros included), so
//! charts have a continuous axis.

use atelier_types::orders::OrderStatus;
use chrono::NaiveDate;
use sqlx::FromRow;
use uuid::Uuid;

use crate::{DbError, Tx};

#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct DeployDay {
    pub day: NaiveDate,
    pub total: i64,
    pub succeeded: i64,
    pub failed: i64,
    /// Median seconds from start to live of the day's successful deployments.
    pub median_secs: Option<f64>,
}

/// Per day of `[from, to]`: deployments asked for, how many went live (still live, or later
/// retired or rolled back), how many failed or timed out, and the median time to live.
pub async fn deployments_per_day(
    tx: &mut Tx,
    websites: Option<&[Uuid]>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<DeployDay>, DbError> {
    Ok(sqlx::query_as(
        "with days as (select generate_series($2::date, $3::date, interval '1 day')::date as day),
         d as (
             select (queued_at at time zone 'UTC')::date as day, status,
                    extract(epoch from finished_at - started_at)::float8 as secs
             from deployments
             where ($1::uuid[] is null or website_id = any($1))
               and queued_at >= $2::date at time zone 'UTC' and queued_at < ($3::date + 1) at time zone 'UTC'
         )
         select days.day,
                count(d.status)::bigint as total,
                count(*) filter (where d.status in ('live', 'retired', 'rolled_back'))::bigint as succeeded,
                count(*) filter (where d.status in ('failed', 'timed_out'))::bigint as failed,
                percentile_cont(0.5) within group (order by d.secs)
                    filter (where d.status in ('live', 'retired', 'rolled_back')) as median_secs
         from days left join d on d.day = days.day
         group by days.day order by days.day",
    )
    .bind(websites)
    .bind(from)
    .bind(to)
    .fetch_all(tx.conn())
    .await?)
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct OrderDay {
    pub day: NaiveDate,
    pub currency: String,
    pub placed: i64,
    pub value_minor: i64,
}

/// Per day of `[from, to]` and currency: orders placed that day (the client's `place`
/// move; a draft never placed does not count) and their value.
/// Days without orders appear once, with the empty currency.
pub async fn orders_per_day(
    tx: &mut Tx,
    websites: Option<&[Uuid]>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<OrderDay>, DbError> {
    Ok(sqlx::query_as(
        "with days as (select generate_series($2::date, $3::date, interval '1 day')::date as day),
         o as (
             select (e.at at time zone 'UTC')::date as day, o.currency, o.price_minor
             from order_events e join orders o on o.id = e.order_id
             where e.event = 'place' and ($1::uuid[] is null or e.website_id = any($1))
               and e.at >= $2::date at time zone 'UTC' and e.at < ($3::date + 1) at time zone 'UTC'
         )
         select days.day, coalesce(o.currency, '') as currency, count(o.currency)::bigint as placed,
                coalesce(sum(o.price_minor), 0)::bigint as value_minor
         from days left join o on o.day = days.day
         group by days.day, o.currency order by days.day, currency",
    )
    .bind(websites)
    .bind(from)
    .bind(to)
    .fetch_all(tx.conn())
    .await?)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, FromRow)]
pub struct OrderStatusCount {
    pub status: OrderStatus,
    pub count: i64,
}

/// Orders of the websites by their current state, most first.
pub async fn orders_by_status(tx: &mut Tx, websites: Option<&[Uuid]>) -> Result<Vec<OrderStatusCount>, DbError> {
    Ok(sqlx::query_as(
        "select status, count(*)::bigint as count from orders where ($1::uuid[] is null or website_id = any($1))
         group by status order by count(*) desc, status",
    )
    .bind(websites)
    .fetch_all(tx.conn())
    .await?)
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct WriterThroughput {
    pub writer_name: String,
    pub completed: i64,
    pub words: i64,
}

/// Per writer: orders completed (accepted or auto-accepted) in `[from, to]` and their words.
pub async fn writer_throughput(
    tx: &mut Tx,
    websites: Option<&[Uuid]>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<WriterThroughput>, DbError> {
    Ok(sqlx::query_as(
        "select coalesce(u.display_name, '?') as writer_name, count(*)::bigint as completed,
                sum(o.words)::bigint as words
         from order_events e join orders o on o.id = e.order_id left join users u on u.id = o.writer_id
         where e.to_status = 'completed' and ($1::uuid[] is null or e.website_id = any($1))
           and e.at >= $2::date at time zone 'UTC' and e.at < ($3::date + 1) at time zone 'UTC'
         group by u.display_name order by completed desc, words desc, writer_name",
    )
    .bind(websites)
    .bind(from)
    .bind(to)
    .fetch_all(tx.conn())
    .await?)
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Kpis {
    pub customers: i64,
    pub live_sites: i64,
    pub open_orders: i64,
    pub queued_deployments: i64,
    pub running_deployments: i64,
    /// Seconds the oldest queued deployment has waited.
    pub oldest_queued_secs: Option<i64>,
    pub failed_deployments_24h: i64,
}

pub async fn kpis(tx: &mut Tx, websites: Option<&[Uuid]>) -> Result<Kpis, DbError> {
    Ok(sqlx::query_as(
        "select
            (select count(*) from users where role = 'client' and ($1::uuid[] is null or website_id = any($1)))::bigint
                as customers,
            (select count(*) from sites where live_deployment_id is not null and status = 'live'
                and ($1::uuid[] is null or website_id = any($1)))::bigint as live_sites,
            (select count(*) from orders where status not in ('draft', 'completed', 'cancelled', 'refunded', 'resolved')
                and ($1::uuid[] is null or website_id = any($1)))::bigint as open_orders,
            (select count(*) from deployments where status = 'queued'
                and ($1::uuid[] is null or website_id = any($1)))::bigint as queued_deployments,
            (select count(*) from deployments where status = 'running'
                and ($1::uuid[] is null or website_id = any($1)))::bigint as running_deployments,
            (select extract(epoch from now() - min(queued_at))::bigint from deployments where status = 'queued'
                and ($1::uuid[] is null or website_id = any($1))) as oldest_queued_secs,
            (select count(*) from deployments where status in ('failed', 'timed_out')
                and finished_at > now() - interval '24 hours'
                and ($1::uuid[] is null or website_id = any($1)))::bigint as failed_deployments_24h",
    )
    .bind(websites)
    .fetch_one(tx.conn())
    .await?)
}
