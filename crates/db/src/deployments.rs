//! Deployments, their log lines, and the port leases of their instances.

use atelier_types::deployments::DeploymentStatus;
use atelier_types::events::DomainEvent;
use atelier_types::sites::SiteStatus;
use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::FromRow;
use sqlx::types::Json;
use uuid::Uuid;

use crate::{DbError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct DeploymentRow {
    pub id: Uuid,
    pub website_id: Uuid,
    pub site_id: Uuid,
    pub number: i32,
    pub kind: String,
    pub rollback_of: Option<Uuid>,
    pub status: DeploymentStatus,
    pub runtime: String,
    pub step: Option<String>,
    pub steps: Json<Value>,
    pub content_hash: Option<String>,
    pub build_dir: Option<String>,
    pub port: Option<i32>,
    pub instance_ref: Option<String>,
    pub error: Option<String>,
    pub requested_by: Option<Uuid>,
    pub heartbeat_at: Option<DateTime<Utc>>,
    pub queued_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// The deployment query with the rest of its SQL, joined at compile time.
macro_rules! deployment_sql {
    ($rest:literal) => {
        concat!(
            "select id, website_id, site_id, number, kind, rollback_of, status, runtime, step, steps, content_hash,
                    build_dir, port, instance_ref, error, requested_by, heartbeat_at, queued_at, started_at, finished_at
             from deployments ",
            $rest
        )
    };
}

/// Columns of `returning` clauses (same list as the query above).
macro_rules! returning_deployment {
    ($sql:literal) => {
        concat!(
            $sql,
            " returning id, website_id, site_id, number, kind, rollback_of, status, runtime, step, steps, content_hash,
                        build_dir, port, instance_ref, error, requested_by, heartbeat_at, queued_at, started_at, finished_at"
        )
    };
}

pub struct NewDeployment {
    pub website_id: Uuid,
    pub site_id: Uuid,
    pub kind: &'static str,
    pub rollback_of: Option<Uuid>,
    pub runtime: &'static str,
    pub requested_by: Option<Uuid>,
}

/// Queues a deployment of the site; queued older ones of the same site are superseded
/// (returned, so their jobs can be told). The caller holds the site's row lock.
pub async fn queue(tx: &mut Tx, new: &NewDeployment) -> Result<(DeploymentRow, Vec<Uuid>), DbError> {
    let superseded: Vec<Uuid> = sqlx::query_scalar(
        "update deployments set status = 'superseded', finished_at = now()
         where site_id = $1 and status = 'queued' returning id",
    )
    .bind(new.site_id)
    .fetch_all(tx.conn())
    .await?;
    let row = sqlx::query_as(returning_deployment!(
        "insert into deployments (website_id, site_id, number, kind, rollback_of, runtime, requested_by)
         select $1, $2, coalesce(max(number), 0) + 1, $3, $4, $5, $6 from deployments where site_id = $2"
    ))
    .bind(new.website_id)
    .bind(new.site_id)
    .bind(new.kind)
    .bind(new.rollback_of)
    .bind(new.runtime)
    .bind(new.requested_by)
    .fetch_one(tx.conn())
    .await?;
    sqlx::query("update sites set status = 'queued' where id = $1 and status <> 'live'")
        .bind(new.site_id)
        .execute(tx.conn())
        .await?;
    Ok((row, superseded))
}

pub async fn find(tx: &mut Tx, id: Uuid) -> Result<Option<DeploymentRow>, DbError> {
    Ok(sqlx::query_as(deployment_sql!("where id = $1")).bind(id).fetch_optional(tx.conn()).await?)
}

/// A site's deployment, only if it is of that site.
pub async fn find_of_site(tx: &mut Tx, site_id: Uuid, id: Uuid) -> Result<Option<DeploymentRow>, DbError> {
    Ok(sqlx::query_as(deployment_sql!("where id = $1 and site_id = $2"))
        .bind(id)
        .bind(site_id)
        .fetch_optional(tx.conn())
        .await?)
}

/// A site's deployments, newest first.
pub async fn list_of_site(tx: &mut Tx, site_id: Uuid, limit: i64) -> Result<Vec<DeploymentRow>, DbError> {
    Ok(sqlx::query_as(deployment_sql!("where site_id = $1 order by number desc limit $2"))
        .bind(site_id)
        .bind(limit)
        .fetch_all(tx.conn())
        .await?)
}

/// Takes the next queued deployment for running, fairly across tenants: the tenant with
/// the fewest deployments running goes first, then the oldest request. `None` when nothing
/// waits. Each job is a turn, not a particular deployment, so a tenant that queues many
/// deployments cannot hold every worker slot while another tenant waits.
pub async fn claim_next(tx: &mut Tx) -> Result<Option<DeploymentRow>, DbError> {
    Ok(sqlx::query_as(returning_deployment!(
        "update deployments set status = 'running', started_at = now(), heartbeat_at = now()
         where id = (
             select d.id from deployments d
             where d.status = 'queued'
               -- One at a time per site: an older deployment finishing last must not
               -- replace a newer one.
               and not exists (select 1 from deployments r where r.site_id = d.site_id and r.status = 'running')
             -- The tenant with the fewest running, then the one served least recently (a
             -- deployment goes live, and stops counting as running, a moment before its turn
             -- ends: equal counts take turns instead of favouring the oldest queue), then the
             -- oldest request.
             order by (select count(*) from deployments r where r.website_id = d.website_id and r.status = 'running'),
                      (select max(r.started_at) from deployments r where r.website_id = d.website_id) nulls first,
                      d.queued_at, d.id
             limit 1
             for update skip locked
         )"
    ))
    .fetch_optional(tx.conn())
    .await?)
}

/// Records the step in progress and the steps so far; also a heartbeat. `false` when the
/// deployment is no longer running (cancelled): the job should stop.
pub async fn progress(tx: &mut Tx, id: Uuid, step: &str, steps: &Value) -> Result<bool, DbError> {
    let done = sqlx::query(
        "update deployments set step = $2, steps = $3, heartbeat_at = now() where id = $1 and status = 'running'",
    )
    .bind(id)
    .bind(step)
    .bind(Json(steps))
    .execute(tx.conn())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The worker is alive and still on this deployment.
pub async fn heartbeat(tx: &mut Tx, id: Uuid) -> Result<(), DbError> {
    sqlx::query("update deployments set heartbeat_at = now() where id = $1 and status = 'running'")
        .bind(id)
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Stores the steps with their timings, whatever the status (the last steps are timed
/// after the deployment went live).
pub async fn set_steps(tx: &mut Tx, id: Uuid, steps: &Value) -> Result<(), DbError> {
    sqlx::query("update deployments set steps = $2 where id = $1")
        .bind(id)
        .bind(Json(steps))
        .execute(tx.conn())
        .await?;
    Ok(())
}

pub struct Instance<'a> {
    pub content_hash: &'a str,
    pub build_dir: &'a str,
    pub port: Option<i32>,
    pub instance_ref: Option<&'a str>,
}

pub async fn set_instance(tx: &mut Tx, id: Uuid, instance: &Instance<'_>) -> Result<(), DbError> {
    sqlx::query(
        "update deployments set content_hash = $2, build_dir = $3, port = $4, instance_ref = $5, heartbeat_at = now()
         where id = $1",
    )
    .bind(id)
    .bind(instance.content_hash)
    .bind(instance.build_dir)
    .bind(instance.port)
    .bind(instance.instance_ref)
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// Ends a running deployment in `status` (`failed`, `cancelled`, `timed_out`); the site
/// goes back to `live` when an earlier deployment still serves it, else `failed`.
pub async fn fail(tx: &mut Tx, id: Uuid, status: DeploymentStatus, error: &str) -> Result<(), DbError> {
    let site: Option<Uuid> = sqlx::query_scalar(
        "update deployments set status = $2, error = $3, finished_at = now()
         where id = $1 and status in ('queued', 'running') returning site_id",
    )
    .bind(id)
    .bind(status.as_str())
    .bind(error)
    .fetch_optional(tx.conn())
    .await?;
    if let Some(site) = site {
        sqlx::query(
            "update sites set status = case when live_deployment_id is null then 'failed' else 'live' end where id = $1",
        )
        .bind(site)
        .execute(tx.conn())
        .await?;
        if status != DeploymentStatus::Cancelled {
            record_ended(tx, site, id, Some(error)).await?;
        }
    }
    Ok(())
}

/// The domain event of a deployment that just ended (`reason`: why it failed; `None`: it
/// went live), written by the conditional update that ended it, so exactly once whichever
/// path ended it (the pipeline, the watchdog).
async fn record_ended(tx: &mut Tx, site: Uuid, deployment: Uuid, reason: Option<&str>) -> Result<(), DbError> {
    let (website, owner): (Uuid, Uuid) =
        sqlx::query_as("select website_id, owner_id from sites where id = $1").bind(site).fetch_one(tx.conn()).await?;
    let event = match reason {
        None => DomainEvent::DeploymentLive { site_id: site, deployment_id: deployment, owner_id: owner },
        Some(reason) => DomainEvent::DeploymentFailed {
            site_id: site,
            deployment_id: deployment,
            owner_id: owner,
            reason: reason.to_owned(),
        },
    };
    crate::events::record(tx, website, &event).await?;
    Ok(())
}

/// The outcome of [`go_live`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Switch {
    /// Live now; it replaced this deployment (if any).
    Done { previous: Option<Uuid> },
    /// It is no longer running (cancelled meanwhile): nothing changed.
    NotRunning,
}

/// Ends a running deployment as `timed_out` if its worker is still silent since `before`;
/// `false` when it beat meanwhile (or ended otherwise).
pub async fn fail_if_silent(tx: &mut Tx, id: Uuid, before: DateTime<Utc>, reason: &str) -> Result<bool, DbError> {
    let silent: Option<Uuid> = sqlx::query_scalar(
        "update deployments set status = 'timed_out', error = $3, finished_at = now()
         where id = $1 and status = 'running' and heartbeat_at < $2 returning site_id",
    )
    .bind(id)
    .bind(before)
    .bind(reason)
    .fetch_optional(tx.conn())
    .await?;
    let Some(site) = silent else { return Ok(false) };
    sqlx::query(
        "update sites set status = case when live_deployment_id is null then 'failed' else 'live' end where id = $1",
    )
    .bind(site)
    .execute(tx.conn())
    .await?;
    record_ended(tx, site, id, Some(reason)).await?;
    Ok(true)
}

/// The new deployment serves the site now: it is `live`, the one it replaces becomes
/// `retired` (or `rolled_back` when a rollback replaced it).
pub async fn go_live(tx: &mut Tx, row: &DeploymentRow) -> Result<Switch, DbError> {
    let previous: Option<Uuid> = sqlx::query_scalar("select live_deployment_id from sites where id = $1 for update")
        .bind(row.site_id)
        .fetch_one(tx.conn())
        .await?;
    let switched = sqlx::query(
        "update deployments set status = 'live', finished_at = now(), step = 'switch' where id = $1 and status = 'running'",
    )
    .bind(row.id)
    .execute(tx.conn())
    .await?;
    if switched.rows_affected() == 0 {
        return Ok(Switch::NotRunning);
    }
    let replaced_status = if row.kind == "rollback" { "rolled_back" } else { "retired" };
    let previous = previous.filter(|p| *p != row.id);
    if let Some(previous) = previous {
        sqlx::query("update deployments set status = $2 where id = $1 and status = 'live'")
            .bind(previous)
            .bind(replaced_status)
            .execute(tx.conn())
            .await?;
    }
    sqlx::query("update sites set status = 'live', live_deployment_id = $2 where id = $1")
        .bind(row.site_id)
        .bind(row.id)
        .execute(tx.conn())
        .await?;
    record_ended(tx, row.site_id, row.id, None).await?;
    Ok(Switch::Done { previous })
}

/// The median duration of the last 20 deployments that went live (2 s before there are any).
pub async fn typical_duration_ms(tx: &mut Tx) -> Result<u64, DbError> {
    let ms: Option<f64> = sqlx::query_scalar(
        "select percentile_cont(0.5) within group (order by extract(epoch from finished_at - started_at) * 1000)
         from (select started_at, finished_at from deployments
               where status in ('live', 'retired', 'rolled_back') and started_at is not null and finished_at is not null
               order by finished_at desc limit 20) recent",
    )
    .fetch_one(tx.conn())
    .await?;
    Ok(ms.map_or(2_000, |m| m.max(1.0) as u64))
}

/// Running deployments whose worker stopped heartbeating before `before`.
pub async fn stale(tx: &mut Tx, before: DateTime<Utc>) -> Result<Vec<DeploymentRow>, DbError> {
    Ok(sqlx::query_as(deployment_sql!("where status = 'running' and heartbeat_at < $1 order by heartbeat_at"))
        .bind(before)
        .fetch_all(tx.conn())
        .await?)
}

/// Builds of the site's replaced deployments beyond the newest `keep` that went live:
/// their rows forget the folder (no longer offered for rollback) and the folders that no
/// row uses any more are returned, to be deleted. The live build is never touched.
pub async fn forget_old_builds(tx: &mut Tx, site_id: Uuid, keep: i64) -> Result<Vec<String>, DbError> {
    let forgotten: Vec<String> = sqlx::query_scalar(
        "with kept as (
             select id from deployments
             where site_id = $1 and status in ('live', 'retired', 'rolled_back') and build_dir is not null
             order by number desc limit $2
         ), old as (
             select d.id, d.build_dir from deployments d
             where d.site_id = $1 and d.build_dir is not null and d.status in ('retired', 'rolled_back')
               and d.id not in (select id from kept)
               and not exists (select 1 from deployments o
                               where o.site_id = $1 and o.build_dir = d.build_dir and o.status = 'live')
             for update
         )
         update deployments d set build_dir = null from old where d.id = old.id returning old.build_dir",
    )
    .bind(site_id)
    .bind(keep)
    .fetch_all(tx.conn())
    .await?;
    let mut unused = Vec::new();
    for dir in forgotten {
        let used: bool = sqlx::query_scalar("select exists (select 1 from deployments where build_dir = $1)")
            .bind(&dir)
            .fetch_one(tx.conn())
            .await?;
        if !used && !unused.contains(&dir) {
            unused.push(dir);
        }
    }
    Ok(unused)
}

/// Whether a deployment of the site is queued or running.
pub async fn in_progress(tx: &mut Tx, site_id: Uuid) -> Result<bool, DbError> {
    Ok(sqlx::query_scalar(
        "select exists (select 1 from deployments where site_id = $1 and status in ('queued', 'running'))",
    )
    .bind(site_id)
    .fetch_one(tx.conn())
    .await?)
}

/// Ids of queued deployments, oldest first.
pub async fn queued_ids(tx: &mut Tx) -> Result<Vec<Uuid>, DbError> {
    Ok(sqlx::query_scalar("select id from deployments where status = 'queued' order by queued_at, id")
        .fetch_all(tx.conn())
        .await?)
}

/// Deployments whose instance should be serving (`live`, of a site not stopped).
pub async fn live(tx: &mut Tx) -> Result<Vec<DeploymentRow>, DbError> {
    Ok(sqlx::query_as(deployment_sql!(
        "where status = 'live' and site_id in (select id from sites where status <> 'stopped') order by site_id"
    ))
    .fetch_all(tx.conn())
    .await?)
}

/// The site's live deployment, if it has one.
pub async fn live_of_site(tx: &mut Tx, site_id: Uuid) -> Result<Option<DeploymentRow>, DbError> {
    Ok(sqlx::query_as(deployment_sql!("where site_id = $1 and status = 'live'"))
        .bind(site_id)
        .fetch_optional(tx.conn())
        .await?)
}

/// Every deployment of the site whose instance may still run.
pub async fn with_instances_of_site(tx: &mut Tx, site_id: Uuid) -> Result<Vec<DeploymentRow>, DbError> {
    Ok(sqlx::query_as(deployment_sql!("where site_id = $1 and instance_ref is not null"))
        .bind(site_id)
        .fetch_all(tx.conn())
        .await?)
}

/// The instance is gone (stopped): no port, no handle.
pub async fn clear_instance(tx: &mut Tx, id: Uuid) -> Result<(), DbError> {
    sqlx::query("update deployments set port = null, instance_ref = null where id = $1")
        .bind(id)
        .execute(tx.conn())
        .await?;
    Ok(())
}

pub async fn set_site_status(tx: &mut Tx, site_id: Uuid, status: SiteStatus) -> Result<(), DbError> {
    sqlx::query("update sites set status = $2 where id = $1")
        .bind(site_id)
        .bind(status.as_str())
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Where a queued deployment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromRow)]
pub struct QueuePosition {
    /// Its place among the deployments waiting, 1-based.
    pub place: i64,
    /// How many deployments run now.
    pub running: i64,
}

pub async fn queue_position(tx: &mut Tx, row: &DeploymentRow) -> Result<QueuePosition, DbError> {
    Ok(sqlx::query_as(
        "select count(*) filter (where status = 'queued' and (queued_at, id) < ($1, $2)) + 1 as place,
                count(*) filter (where status = 'running') as running
         from deployments where status in ('queued', 'running')",
    )
    .bind(row.queued_at)
    .bind(row.id)
    .fetch_one(tx.conn())
    .await?)
}

// ---------------------------------------------------------------------------------------
// Log lines.

#[derive(Debug, Clone, FromRow)]
pub struct LogRow {
    pub seq: i32,
    pub at: DateTime<Utc>,
    pub step: Option<String>,
    pub level: String,
    pub line: String,
}

pub struct NewLog<'a> {
    pub website_id: Uuid,
    pub deployment_id: Uuid,
    pub step: Option<&'a str>,
    pub level: &'a str,
    pub line: &'a str,
}

/// The sequence number and time a log line was stored under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromRow)]
pub struct LogStamp {
    pub seq: i32,
    pub at: DateTime<Utc>,
}

/// Appends a line with the deployment's next sequence number (returned with its time).
/// Writers of one deployment's log — the worker, the API cancelling it — take turns on the
/// deployment's row, so numbers never clash and never skip.
pub async fn append_log(tx: &mut Tx, log: &NewLog<'_>) -> Result<LogStamp, DbError> {
    sqlx::query("select 1 from deployments where id = $1 for update")
        .bind(log.deployment_id)
        .execute(tx.conn())
        .await?;
    Ok(sqlx::query_as(
        "insert into deployment_logs (website_id, deployment_id, seq, step, level, line)
         select $1, $2, coalesce(max(seq), 0) + 1, $3, $4, $5 from deployment_logs where deployment_id = $2
         returning seq, at",
    )
    .bind(log.website_id)
    .bind(log.deployment_id)
    .bind(log.step)
    .bind(log.level)
    .bind(log.line)
    .fetch_one(tx.conn())
    .await?)
}

/// Lines after `after`, in order, at most `limit`.
pub async fn logs(tx: &mut Tx, deployment_id: Uuid, after: i32, limit: i64) -> Result<Vec<LogRow>, DbError> {
    Ok(sqlx::query_as(
        "select seq, at, step, level, line from deployment_logs
         where deployment_id = $1 and seq > $2 order by seq limit $3",
    )
    .bind(deployment_id)
    .bind(after)
    .bind(limit)
    .fetch_all(tx.conn())
    .await?)
}

// ---------------------------------------------------------------------------------------
// Ports.

/// Leases the lowest free port of `low..=high` (skipping `avoid`) to the deployment; `None`
/// when the range is full. Two workers racing for one port: the primary key lets one win,
/// the other gets nothing back and asks again.
pub async fn lease_port(
    tx: &mut Tx,
    deployment_id: Uuid,
    low: i32,
    high: i32,
    avoid: &[i32],
) -> Result<Option<i32>, DbError> {
    for _ in 0..20 {
        let free: Option<i32> = sqlx::query_scalar(
            "select p from generate_series($1::int, $2::int) p
             where p <> all($3) and not exists (select 1 from port_leases l where l.port = p)
             order by p limit 1",
        )
        .bind(low)
        .bind(high)
        .bind(avoid)
        .fetch_optional(tx.conn())
        .await?;
        let Some(port) = free else { return Ok(None) };
        let leased: Option<i32> = sqlx::query_scalar(
            "insert into port_leases (port, deployment_id) values ($1, $2) on conflict (port) do nothing returning port",
        )
        .bind(port)
        .bind(deployment_id)
        .fetch_optional(tx.conn())
        .await?;
        if leased.is_some() {
            return Ok(leased);
        }
    }
    Ok(None)
}

pub async fn release_port(tx: &mut Tx, deployment_id: Uuid) -> Result<(), DbError> {
    sqlx::query("delete from port_leases where deployment_id = $1").bind(deployment_id).execute(tx.conn()).await?;
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, FromRow)]
pub struct PortLease {
    pub port: i32,
    pub deployment_id: Uuid,
}

/// Ports leased now, with their deployment.
pub async fn leased_ports(tx: &mut Tx) -> Result<Vec<PortLease>, DbError> {
    Ok(sqlx::query_as("select port, deployment_id from port_leases order by port").fetch_all(tx.conn()).await?)
}
