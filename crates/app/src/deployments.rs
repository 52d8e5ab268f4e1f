//! A client's deployments: deploy, history, one deployment with its queue position,
//! cancel, rollback, and the log.

use atelier_db::Tx;
use atelier_db::deployments::{self, DeploymentRow, QueuePosition};
use atelier_db::sites::{self, Owner, SiteRow};
use atelier_deployer::queue::{Request, enqueue};
use atelier_types::deployments::{Deployment, DeploymentStatus, LogLine, LogPage, StepTiming};
use atelier_types::sites::SiteStatus;
use chrono::Utc;
use uuid::Uuid;

use crate::audit::Target;
use crate::sites::{owner, site_not_found};
use crate::staff::{Staff, staff};
use crate::{App, AppError, AppResult, Caller, Kind};
use atelier_domain::HostScope;

fn deployment_not_found() -> AppError {
    AppError::not_found("deployment_not_found", "This site has no deployment with this id.")
}

/// The wire form; `position` is known while it is queued.
pub fn deployment_of(row: &DeploymentRow, position: Option<QueuePosition>, typical_ms: u64) -> Deployment {
    let status = row.status;
    let steps: Vec<StepTiming> = serde_json::from_value(row.steps.0.clone()).unwrap_or_default();
    let duration_ms = row.started_at.map(|start| {
        let end = row.finished_at.unwrap_or_else(Utc::now);
        u64::try_from((end - start).num_milliseconds()).unwrap_or(0)
    });
    let (queue_position, eta_secs) = match (status, position) {
        (DeploymentStatus::Queued, Some(position)) => {
            let place = u32::try_from(position.place).unwrap_or(u32::MAX);
            (Some(place), Some(u32::try_from(u64::from(place) * typical_ms / 1000).unwrap_or(u32::MAX).max(1)))
        }
        _ => (None, None),
    };
    Deployment {
        id: row.id,
        site_id: row.site_id,
        number: row.number,
        kind: row.kind.clone(),
        rollback_of: row.rollback_of,
        status,
        runtime: row.runtime.clone(),
        step: row.step.clone(),
        steps,
        content_hash: row.content_hash.clone(),
        error: row.error.clone(),
        queued_at: row.queued_at,
        started_at: row.started_at,
        finished_at: row.finished_at,
        duration_ms,
        queue_position,
        eta_secs,
    }
}

/// A deployment with its queue position when it waits.
async fn present(tx: &mut Tx, row: &DeploymentRow) -> AppResult<Deployment> {
    let typical = if row.status == DeploymentStatus::Queued { deployments::typical_duration_ms(tx).await? } else { 0 };
    present_with(tx, row, typical).await
}

/// As [`present`], with the typical duration already known (a list reads it once).
async fn present_with(tx: &mut Tx, row: &DeploymentRow, typical_ms: u64) -> AppResult<Deployment> {
    let position =
        if row.status == DeploymentStatus::Queued { Some(deployments::queue_position(tx, row).await?) } else { None };
    Ok(deployment_of(row, position, typical_ms))
}

/// Queues a deployment of `site` (locked by the caller) and pushes its job after commit.
pub async fn deploy_site(
    app: &App,
    mut tx: Tx,
    site: &SiteRow,
    request: Request,
    user: &Caller,
    actor: &SiteActor,
) -> AppResult<Deployment> {
    crate::accounts::verify::require_verified(&mut tx, user).await?;
    if let SiteActor::Owner = actor {
        // The owner's plan: a place among the published sites, a deployment of the month.
        let owner = atelier_db::sites::Owner { website_id: site.website_id, user_id: site.owner_id };
        crate::billing::Meter::lock(&mut tx, owner).await?.publish(&mut tx, site.id, true).await?;
    }
    let runtime = app.settings.runtime_kind().map_err(AppError::internal)?;
    let kind = if matches!(request, Request::Rollback(_)) { "site.rollback" } else { "site.deploy" };
    let (row, _superseded) = enqueue(&mut tx, site, request, runtime, Some(user.id), actor.label()).await?;
    actor.audit(&mut tx, site, kind, serde_json::json!({ "deployment": row.id, "number": row.number })).await?;
    let shown = present(&mut tx, &row).await?;
    tx.commit().await?;
    atelier_deployer::worker::push(&app.deploy_queue, row.id)
        .await
        .map_err(|e| AppError::unavailable("The deployment queue", e))?;
    tracing::info!(deployment.id = %row.id, site.id = %site.id, "deployment queued");
    Ok(shown)
}

/// Who acts on a site: its owner, on their website's domain, or staff of its website on the
/// staff host (every staff role reads; admins and the superadmin act). Staff actions are
/// recorded in the audit log.
pub enum SiteActor {
    Owner,
    Staff(Staff),
}

impl SiteActor {
    fn label(&self) -> &'static str {
        match self {
            SiteActor::Owner => "the client",
            SiteActor::Staff(_) => "staff",
        }
    }

    /// Writes the staff action on `site` to the audit log (the owner's own actions are not
    /// staff actions).
    async fn audit(&self, tx: &mut Tx, site: &SiteRow, action: &str, detail: serde_json::Value) -> AppResult<()> {
        if let SiteActor::Staff(who) = self {
            who.audit(tx, site.website_id, action, Target::new("site", site.id), None, Some(detail)).await?;
        }
        Ok(())
    }
}

/// The site, if the caller may see it (`change`: may act on it), in a transaction of the
/// caller's scope; locked for the rest of it when `change`.
async fn site_access(app: &App, user: &Caller, id: Uuid, change: bool) -> AppResult<(Tx, SiteRow, SiteActor)> {
    if matches!(user.host.scope, HostScope::Staff) {
        let who = staff(app, user).await?;
        if change {
            who.may(atelier_types::permissions::Permission::ActOnSites, "deploy, stop or start customers' sites")?;
        }
        let mut tx = app.db.begin(who.scope()).await?;
        let site = sites::find_any(&mut tx, id, change).await?.filter(|s| who.sees(s.website_id));
        let site = site.ok_or_else(site_not_found)?;
        return Ok((tx, site, SiteActor::Staff(who)));
    }
    let owner: Owner = owner(user)?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let site = sites::find(&mut tx, owner, id, change).await?.ok_or_else(site_not_found)?;
    Ok((tx, site, SiteActor::Owner))
}

/// A deployment the caller may read: of their own site, or (staff) of their websites.
pub async fn deployment_access(app: &App, user: &Caller, id: Uuid) -> AppResult<(Tx, DeploymentRow)> {
    if matches!(user.host.scope, HostScope::Staff) {
        let who = staff(app, user).await?;
        let mut tx = app.db.begin(who.scope()).await?;
        let row = deployments::find(&mut tx, id).await?.filter(|d| who.sees(d.website_id));
        return Ok((tx, row.ok_or_else(deployment_not_found)?));
    }
    let owner = owner(user)?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let row = deployments::find(&mut tx, id).await?.ok_or_else(deployment_not_found)?;
    // Only the owner's: the site must be theirs.
    sites::find(&mut tx, owner, row.site_id, false).await?.ok_or_else(deployment_not_found)?;
    Ok((tx, row))
}

/// Publishes the site's current config: render, start, health check, switch — the previous
/// version serves until the new one is healthy. A deployment still waiting is superseded.
pub async fn deploy(app: &App, user: &Caller, id: Uuid) -> AppResult<Deployment> {
    let (tx, site, actor) = site_access(app, user, id, true).await?;
    let config = atelier_types::site::upgrade(site.config.0.clone()).map_err(AppError::internal)?;
    let errors = config.validate();
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    let shown = deploy_site(app, tx, &site, Request::Deploy, user, &actor).await?;
    Ok(shown)
}

/// The site's deployments, newest first (the last 50).
pub async fn list(app: &App, user: &Caller, id: Uuid) -> AppResult<Vec<Deployment>> {
    let (mut tx, site, _) = site_access(app, user, id, false).await?;
    let rows = deployments::list_of_site(&mut tx, site.id, 50).await?;
    let typical = if rows.iter().any(|r| r.status == DeploymentStatus::Queued) {
        deployments::typical_duration_ms(&mut tx).await?
    } else {
        0
    };
    let mut shown = Vec::with_capacity(rows.len());
    for row in &rows {
        shown.push(present_with(&mut tx, row, typical).await?);
    }
    tx.commit().await?;
    Ok(shown)
}

/// One deployment: its state, steps with timings, and while it waits, its place in the
/// queue and a rough wait.
pub async fn get_deployment(app: &App, user: &Caller, path: (Uuid, Uuid)) -> AppResult<Deployment> {
    let (site_id, id) = path;
    let (mut tx, site, _) = site_access(app, user, site_id, false).await?;
    let row = deployments::find_of_site(&mut tx, site.id, id).await?.ok_or_else(deployment_not_found)?;
    let shown = present(&mut tx, &row).await?;
    tx.commit().await?;
    Ok(shown)
}

/// Cancels a deployment that waits or runs; the previous version keeps serving.
pub async fn cancel(app: &App, user: &Caller, path: (Uuid, Uuid)) -> AppResult<Deployment> {
    let (site_id, id) = path;
    let (mut tx, site, actor) = site_access(app, user, site_id, true).await?;
    let row = deployments::find_of_site(&mut tx, site.id, id).await?.ok_or_else(deployment_not_found)?;
    if row.status.is_finished() {
        return Err(AppError::new(
            Kind::Conflict,
            "deployment_finished",
            format!("Deployment #{} has already ended ({}).", row.number, row.status.as_str()),
        ));
    }
    let why = format!("cancelled by {}", actor.label());
    deployments::fail(&mut tx, row.id, DeploymentStatus::Cancelled, &why).await?;
    actor.audit(&mut tx, &site, "site.cancel_deployment", serde_json::json!({ "deployment": row.id })).await?;
    // A queued one ends here (its job will do nothing); a running one ends when the worker
    // notices, at its next step, and writes the last line then.
    let step = if row.status == DeploymentStatus::Queued { Some("done") } else { row.step.as_deref() };
    let log =
        deployments::NewLog { website_id: row.website_id, deployment_id: row.id, step, level: "warn", line: &why };
    deployments::append_log(&mut tx, &log).await?;
    let row = deployments::find(&mut tx, row.id).await?.ok_or_else(deployment_not_found)?;
    let shown = present(&mut tx, &row).await?;
    tx.commit().await?;
    Ok(shown)
}

fn runtime_here(app: &App) -> AppResult<std::sync::Arc<atelier_deployer::Deployer>> {
    app.deployer.clone().ok_or_else(|| {
        AppError::unavailable(
            "The site runtime",
            anyhow::anyhow!("no deployer on this server (atelier-siteserver missing)"),
        )
    })
}

/// Takes the site off its address: its instance stops and its port is freed. Its builds
/// stay; start brings the live version back.
pub async fn stop_site(app: &App, user: &Caller, id: Uuid) -> AppResult<atelier_types::sites::Site> {
    // Who may act first: a caller who may not learns nothing of the runtime.
    let (mut tx, site, actor) = site_access(app, user, id, true).await?;
    let deployer = runtime_here(app)?;
    // A deployment in progress would bring it back when it goes live.
    if deployments::in_progress(&mut tx, site.id).await? {
        return Err(AppError::new(
            Kind::Conflict,
            "deployment_in_progress",
            "A deployment of this site is queued or running; cancel it or let it finish, then stop the site.",
        ));
    }
    deployer.stop_site(site.id, &site.slug).await.map_err(AppError::internal)?;
    deployments::set_site_status(&mut tx, site.id, SiteStatus::Stopped).await?;
    actor.audit(&mut tx, &site, "site.stop", serde_json::json!({ "status": "stopped" })).await?;
    let site = sites::find_by_id(&mut tx, site.id).await?.ok_or_else(site_not_found)?;
    tx.commit().await?;
    crate::sites::site_of(app, &site)
}

/// Starts a stopped site's live version again on a free port.
pub async fn start_site(app: &App, user: &Caller, id: Uuid) -> AppResult<atelier_types::sites::Site> {
    // Who may act first: a caller who may not learns nothing of the runtime.
    let (mut tx, site, actor) = site_access(app, user, id, true).await?;
    let deployer = runtime_here(app)?;
    if let SiteActor::Owner = actor {
        let owner = atelier_db::sites::Owner { website_id: site.website_id, user_id: site.owner_id };
        crate::billing::Meter::lock(&mut tx, owner).await?.publish(&mut tx, site.id, false).await?;
    }
    if !deployer.start_site(site.id).await.map_err(AppError::internal)? {
        return Err(AppError::new(
            Kind::Conflict,
            "never_deployed",
            "This site has no live version to start; deploy it.",
        ));
    }
    deployments::set_site_status(&mut tx, site.id, SiteStatus::Live).await?;
    actor.audit(&mut tx, &site, "site.start", serde_json::json!({ "status": "live" })).await?;
    let site = sites::find_by_id(&mut tx, site.id).await?.ok_or_else(site_not_found)?;
    tx.commit().await?;
    crate::sites::site_of(app, &site)
}

/// Serves an earlier deployment's build again, through the same steps (start, health
/// check, switch), as a new deployment.
pub async fn rollback(app: &App, user: &Caller, path: (Uuid, Uuid)) -> AppResult<Deployment> {
    let (site_id, id) = path;
    let (mut tx, site, actor) = site_access(app, user, site_id, true).await?;
    let target = deployments::find_of_site(&mut tx, site.id, id).await?.ok_or_else(deployment_not_found)?;
    let went_live =
        matches!(target.status, DeploymentStatus::Live | DeploymentStatus::Retired | DeploymentStatus::RolledBack);
    if !went_live || target.build_dir.is_none() {
        return Err(AppError::new(
            Kind::Conflict,
            "not_rollbackable",
            format!("Deployment #{} never went live, so there is no version of it to go back to.", target.number),
        ));
    }
    let shown = deploy_site(app, tx, &site, Request::Rollback(target.id), user, &actor).await?;
    Ok(shown)
}

/// The deployment's log lines after `after`, in order.
pub async fn logs(app: &App, user: &Caller, id: Uuid, after: i32, limit: Option<i64>) -> AppResult<LogPage> {
    let limit = limit.unwrap_or(500).clamp(1, 1000);
    let (mut tx, row) = deployment_access(app, user, id).await?;
    let lines = deployments::logs(&mut tx, row.id, after.max(0), limit).await?;
    tx.commit().await?;
    let finished = row.status.is_finished();
    let next_after = lines.last().map_or(after.max(0), |l| l.seq);
    let complete = finished && (lines.len() as i64) < limit;
    let lines = lines
        .into_iter()
        .map(|l| LogLine { seq: l.seq, at: l.at, step: l.step, level: l.level, line: l.line })
        .collect();
    Ok(LogPage { lines, next_after, complete })
}

/// The deployment whose live log the caller may watch (its id): of their own site, or
/// (staff) of their websites. The HTTP layer then issues a single-use ticket for it.
pub async fn watchable(app: &App, user: &Caller, id: Uuid) -> AppResult<Uuid> {
    let (tx, row) = deployment_access(app, user, id).await?;
    tx.commit().await?;
    Ok(row.id)
}

/// The deployment a redeemed ticket names, read as the account that asked for the ticket:
/// a ticket issued on a tenant's domain opens that tenant's deployment only; one issued on
/// the staff host was issued after the staff member's access to it was checked.
pub async fn ticketed(app: &App, host: &crate::Host, user_id: Uuid, id: Uuid) -> AppResult<Option<Uuid>> {
    let scope = if matches!(host.scope, HostScope::Staff) { atelier_db::Scope::everything() } else { host.db_scope() };
    let mut tx = app.db.begin(&scope.with_user(user_id)).await?;
    let row = deployments::find(&mut tx, id).await?;
    tx.commit().await?;
    Ok(row.map(|r| r.id))
}

/// A live-log viewer's catch-up read: up to `limit` stored lines after `after` (the viewer
/// was admitted by its ticket).
pub async fn lines_after(app: &App, id: Uuid, after: i32, limit: i64) -> AppResult<Vec<LogLine>> {
    let mut tx = app.db.begin(&atelier_db::Scope::everything()).await?;
    let rows = deployments::logs(&mut tx, id, after, limit).await?;
    tx.commit().await?;
    Ok(rows.into_iter().map(|l| LogLine { seq: l.seq, at: l.at, step: l.step, level: l.level, line: l.line }).collect())
}

/// Where a deployment stands now (for a viewer waiting for its end).
pub async fn status_now(app: &App, id: Uuid) -> AppResult<Option<DeploymentStatus>> {
    let mut tx = app.db.begin(&atelier_db::Scope::everything()).await?;
    let row = deployments::find(&mut tx, id).await?;
    tx.commit().await?;
    Ok(row.map(|r| r.status))
}
