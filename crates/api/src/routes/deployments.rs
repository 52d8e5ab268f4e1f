//! A client's deployments: deploy, history, one deployment with its queue position,
//! cancel, rollback, and the log.

use actix_web::http::StatusCode;
use actix_web::web::{Data, Json, Path, Query};
use actix_web::{HttpResponse, get, post};
use atelier_db::Tx;
use atelier_db::deployments::{self, DeploymentRow};
use atelier_db::sites::{self, Owner, SiteRow};
use atelier_deployer::queue::{Request, enqueue};
use atelier_types::ErrorBody;
use atelier_types::deployments::{Deployment, DeploymentStatus, LogLine, LogPage, StepTiming};
use chrono::Utc;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::routes::sites::{owner, site_not_found};
use crate::routes::staff::{Staff, staff};
use crate::state::AppState;
use crate::tenancy::HostContext;
use atelier_domain::HostScope;
use atelier_types::Role;

fn deployment_not_found() -> ApiError {
    ApiError::not_found("deployment_not_found", "This site has no deployment with this id.")
}

/// The wire form; `position` = (place in the queue, how many run now) while queued.
pub fn deployment_of(row: &DeploymentRow, position: Option<(i64, i64)>, typical_ms: u64) -> ApiResult<Deployment> {
    let status = DeploymentStatus::try_from(row.status.clone()).map_err(|e| ApiError::internal(anyhow::anyhow!(e)))?;
    let steps: Vec<StepTiming> = serde_json::from_value(row.steps.0.clone()).unwrap_or_default();
    let duration_ms = row.started_at.map(|start| {
        let end = row.finished_at.unwrap_or_else(Utc::now);
        u64::try_from((end - start).num_milliseconds()).unwrap_or(0)
    });
    let (queue_position, eta_secs) = match (status, position) {
        (DeploymentStatus::Queued, Some((place, _running))) => {
            let place = u32::try_from(place).unwrap_or(u32::MAX);
            (Some(place), Some(u32::try_from(u64::from(place) * typical_ms / 1000).unwrap_or(u32::MAX).max(1)))
        }
        _ => (None, None),
    };
    Ok(Deployment {
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
    })
}

/// A deployment with its queue position when it waits.
async fn present(tx: &mut Tx, row: &DeploymentRow) -> ApiResult<Deployment> {
    let typical = if row.status == "queued" { deployments::typical_duration_ms(tx).await? } else { 0 };
    present_with(tx, row, typical).await
}

/// As [`present`], with the typical duration already known (a list reads it once).
async fn present_with(tx: &mut Tx, row: &DeploymentRow, typical_ms: u64) -> ApiResult<Deployment> {
    let position = if row.status == "queued" { Some(deployments::queue_position(tx, row).await?) } else { None };
    deployment_of(row, position, typical_ms)
}

/// Queues a deployment of `site` (locked by the caller) and pushes its job after commit.
pub(crate) async fn deploy_site(
    state: &AppState,
    mut tx: Tx,
    site: &SiteRow,
    request: Request,
    user: &AuthUser,
    actor: &SiteActor,
) -> ApiResult<Deployment> {
    let runtime = state.settings.runtime_kind().map_err(ApiError::internal)?;
    let kind = if matches!(request, Request::Rollback(_)) { "site.rollback" } else { "site.deploy" };
    let (row, _superseded) = enqueue(&mut tx, site, request, runtime, Some(user.id), actor.label()).await?;
    actor.audit(&mut tx, site, kind, serde_json::json!({ "deployment": row.id, "number": row.number })).await?;
    let shown = present(&mut tx, &row).await?;
    tx.commit().await?;
    atelier_deployer::worker::push(&state.deploy_queue, row.id)
        .await
        .map_err(|e| ApiError::unavailable("The deployment queue", e))?;
    tracing::info!(deployment.id = %row.id, site.id = %site.id, "deployment queued");
    Ok(shown)
}

/// Who acts on a site: its owner, on their website's domain, or staff of its website on the
/// staff host (every staff role reads; admins and the superadmin act). Staff actions are
/// recorded in the audit log.
pub(crate) enum SiteActor {
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
    async fn audit(&self, tx: &mut Tx, site: &SiteRow, action: &str, detail: serde_json::Value) -> ApiResult<()> {
        if let SiteActor::Staff(who) = self {
            who.audit(tx, site.website_id, action, ("site", Some(site.id)), None, Some(detail)).await?;
        }
        Ok(())
    }
}

/// The site, if the caller may see it (`change`: may act on it), in a transaction of the
/// caller's scope; locked for the rest of it when `change`.
async fn site_access(
    state: &AppState,
    host: &HostContext,
    user: &AuthUser,
    id: Uuid,
    change: bool,
) -> ApiResult<(Tx, SiteRow, SiteActor)> {
    if matches!(host.scope, HostScope::Staff) {
        let who = staff(state, host, user).await?;
        if change {
            who.may(&[Role::Admin, Role::Superadmin], "deploy, stop or start customers' sites")?;
        }
        let mut tx = state.db.begin(who.scope()).await?;
        let site = sites::find_any(&mut tx, id, change).await?.filter(|s| who.sees(s.website_id));
        let site = site.ok_or_else(site_not_found)?;
        return Ok((tx, site, SiteActor::Staff(who)));
    }
    let owner: Owner = owner(user, host)?;
    let mut tx = state.db.begin(&host.db_scope().with_user(user.id)).await?;
    let site = sites::find(&mut tx, owner, id, change).await?.ok_or_else(site_not_found)?;
    Ok((tx, site, SiteActor::Owner))
}

/// A deployment the caller may read: of their own site, or (staff) of their websites.
pub(crate) async fn deployment_access(
    state: &AppState,
    host: &HostContext,
    user: &AuthUser,
    id: Uuid,
) -> ApiResult<(Tx, DeploymentRow)> {
    if matches!(host.scope, HostScope::Staff) {
        let who = staff(state, host, user).await?;
        let mut tx = state.db.begin(who.scope()).await?;
        let row = deployments::find(&mut tx, id).await?.filter(|d| who.sees(d.website_id));
        return Ok((tx, row.ok_or_else(deployment_not_found)?));
    }
    let owner = owner(user, host)?;
    let mut tx = state.db.begin(&host.db_scope().with_user(user.id)).await?;
    let row = deployments::find(&mut tx, id).await?.ok_or_else(deployment_not_found)?;
    // Only the owner's: the site must be theirs.
    sites::find(&mut tx, owner, row.site_id, false).await?.ok_or_else(deployment_not_found)?;
    Ok((tx, row))
}

/// Publishes the site's current config: render, start, health check, switch — the previous
/// version serves until the new one is healthy. A deployment still waiting is superseded.
#[utoipa::path(
    tag = "deployments",
    params(("id" = Uuid, Path, description = "The site")),
    responses(
        (status = 202, description = "Queued", body = Deployment),
        (status = 404, description = "No such site of yours (`site_not_found`)", body = ErrorBody),
        (status = 422, description = "The config has errors to fix first (`validation_failed`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/sites/{id}/deployments")]
pub async fn deploy(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let (tx, site, actor) = site_access(&state, &host, &user, *id, true).await?;
    let config = atelier_types::site::upgrade(site.config.0.clone()).map_err(ApiError::internal)?;
    let errors = config.validate();
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let shown = deploy_site(&state, tx, &site, Request::Deploy, &user, &actor).await?;
    Ok(HttpResponse::Accepted().json(shown))
}

/// The site's deployments, newest first (the last 50).
#[utoipa::path(
    tag = "deployments",
    params(("id" = Uuid, Path, description = "The site")),
    responses(
        (status = 200, description = "Deployments, newest first", body = Vec<Deployment>),
        (status = 404, description = "No such site of yours (`site_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/sites/{id}/deployments")]
pub async fn list(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<Vec<Deployment>>> {
    let (mut tx, site, _) = site_access(&state, &host, &user, *id, false).await?;
    let rows = deployments::list_of_site(&mut tx, site.id, 50).await?;
    let typical =
        if rows.iter().any(|r| r.status == "queued") { deployments::typical_duration_ms(&mut tx).await? } else { 0 };
    let mut shown = Vec::with_capacity(rows.len());
    for row in &rows {
        shown.push(present_with(&mut tx, row, typical).await?);
    }
    tx.commit().await?;
    Ok(Json(shown))
}

/// One deployment: its state, steps with timings, and while it waits, its place in the
/// queue and a rough wait.
#[utoipa::path(
    tag = "deployments",
    params(("id" = Uuid, Path, description = "The site"), ("deployment_id" = Uuid, Path, description = "The deployment")),
    responses(
        (status = 200, description = "The deployment", body = Deployment),
        (status = 404, description = "No such site (`site_not_found`) or deployment (`deployment_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/sites/{id}/deployments/{deployment_id}")]
pub async fn get_deployment(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    path: Path<(Uuid, Uuid)>,
) -> ApiResult<Json<Deployment>> {
    let (site_id, id) = path.into_inner();
    let (mut tx, site, _) = site_access(&state, &host, &user, site_id, false).await?;
    let row = deployments::find_of_site(&mut tx, site.id, id).await?.ok_or_else(deployment_not_found)?;
    let shown = present(&mut tx, &row).await?;
    tx.commit().await?;
    Ok(Json(shown))
}

/// Cancels a deployment that waits or runs; the previous version keeps serving.
#[utoipa::path(
    tag = "deployments",
    params(("id" = Uuid, Path, description = "The site"), ("deployment_id" = Uuid, Path, description = "The deployment")),
    responses(
        (status = 200, description = "Cancelled", body = Deployment),
        (status = 404, description = "No such site or deployment", body = ErrorBody),
        (status = 409, description = "It has already ended (`deployment_finished`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/sites/{id}/deployments/{deployment_id}/cancel")]
pub async fn cancel(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    path: Path<(Uuid, Uuid)>,
) -> ApiResult<Json<Deployment>> {
    let (site_id, id) = path.into_inner();
    let (mut tx, site, actor) = site_access(&state, &host, &user, site_id, true).await?;
    let row = deployments::find_of_site(&mut tx, site.id, id).await?.ok_or_else(deployment_not_found)?;
    if row.status != "queued" && row.status != "running" {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "deployment_finished",
            format!("Deployment #{} has already ended ({}).", row.number, row.status),
        ));
    }
    let why = format!("cancelled by {}", actor.label());
    deployments::fail(&mut tx, row.id, "cancelled", &why).await?;
    actor.audit(&mut tx, &site, "site.cancel_deployment", serde_json::json!({ "deployment": row.id })).await?;
    // A queued one ends here (its job will do nothing); a running one ends when the worker
    // notices, at its next step, and writes the last line then.
    let step = if row.status == "queued" { Some("done") } else { row.step.as_deref() };
    let log =
        deployments::NewLog { website_id: row.website_id, deployment_id: row.id, step, level: "warn", line: &why };
    deployments::append_log(&mut tx, &log).await?;
    let row = deployments::find(&mut tx, row.id).await?.ok_or_else(deployment_not_found)?;
    let shown = present(&mut tx, &row).await?;
    tx.commit().await?;
    Ok(Json(shown))
}

fn runtime_here(state: &AppState) -> ApiResult<std::sync::Arc<atelier_deployer::Deployer>> {
    state.deployer.clone().ok_or_else(|| {
        ApiError::unavailable(
            "The site runtime",
            anyhow::anyhow!("no deployer on this server (atelier-siteserver missing)"),
        )
    })
}

/// Takes the site off its address: its instance stops and its port is freed. Its builds
/// stay; start brings the live version back.
#[utoipa::path(
    tag = "deployments",
    params(("id" = Uuid, Path, description = "The site")),
    responses(
        (status = 200, description = "Stopped", body = atelier_types::sites::Site),
        (status = 409, description = "A deployment is queued or running (`deployment_in_progress`)", body = ErrorBody),
        (status = 404, description = "No such site of yours (`site_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/sites/{id}/stop")]
pub async fn stop_site(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<atelier_types::sites::Site>> {
    let deployer = runtime_here(&state)?;
    let (mut tx, site, actor) = site_access(&state, &host, &user, *id, true).await?;
    // A deployment in progress would bring it back when it goes live.
    if deployments::in_progress(&mut tx, site.id).await? {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "deployment_in_progress",
            "A deployment of this site is queued or running; cancel it or let it finish, then stop the site.",
        ));
    }
    deployer.stop_site(site.id, &site.slug).await.map_err(ApiError::internal)?;
    deployments::set_site_status(&mut tx, site.id, "stopped").await?;
    actor.audit(&mut tx, &site, "site.stop", serde_json::json!({ "status": "stopped" })).await?;
    let site = sites::find_by_id(&mut tx, site.id).await?.ok_or_else(site_not_found)?;
    tx.commit().await?;
    Ok(Json(crate::routes::sites::site_of(&state, &site)?))
}

/// Starts a stopped site's live version again on a free port.
#[utoipa::path(
    tag = "deployments",
    params(("id" = Uuid, Path, description = "The site")),
    responses(
        (status = 200, description = "Serving again", body = atelier_types::sites::Site),
        (status = 404, description = "No such site of yours (`site_not_found`)", body = ErrorBody),
        (status = 409, description = "It was never deployed (`never_deployed`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/sites/{id}/start")]
pub async fn start_site(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<atelier_types::sites::Site>> {
    let deployer = runtime_here(&state)?;
    let (mut tx, site, actor) = site_access(&state, &host, &user, *id, true).await?;
    if !deployer.start_site(site.id).await.map_err(ApiError::internal)? {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "never_deployed",
            "This site has no live version to start; deploy it.",
        ));
    }
    deployments::set_site_status(&mut tx, site.id, "live").await?;
    actor.audit(&mut tx, &site, "site.start", serde_json::json!({ "status": "live" })).await?;
    let site = sites::find_by_id(&mut tx, site.id).await?.ok_or_else(site_not_found)?;
    tx.commit().await?;
    Ok(Json(crate::routes::sites::site_of(&state, &site)?))
}

/// Serves an earlier deployment's build again, through the same steps (start, health
/// check, switch), as a new deployment.
#[utoipa::path(
    tag = "deployments",
    params(("id" = Uuid, Path, description = "The site"), ("deployment_id" = Uuid, Path, description = "The deployment to go back to")),
    responses(
        (status = 202, description = "The rollback, queued", body = Deployment),
        (status = 404, description = "No such site or deployment", body = ErrorBody),
        (status = 409, description = "That deployment never went live or kept no build (`not_rollbackable`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/sites/{id}/deployments/{deployment_id}/rollback")]
pub async fn rollback(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    path: Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (site_id, id) = path.into_inner();
    let (mut tx, site, actor) = site_access(&state, &host, &user, site_id, true).await?;
    let target = deployments::find_of_site(&mut tx, site.id, id).await?.ok_or_else(deployment_not_found)?;
    let went_live = ["live", "retired", "rolled_back"].contains(&target.status.as_str());
    if !went_live || target.build_dir.is_none() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "not_rollbackable",
            format!("Deployment #{} never went live, so there is no version of it to go back to.", target.number),
        ));
    }
    let shown = deploy_site(&state, tx, &site, Request::Rollback(target.id), &user, &actor).await?;
    Ok(HttpResponse::Accepted().json(shown))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LogQuery {
    /// Lines after this sequence number (0: from the start).
    #[serde(default)]
    pub after: i32,
    /// At most this many lines (1–1000, default 500).
    pub limit: Option<i64>,
}

/// The deployment's log lines after `after`, in order.
#[utoipa::path(
    tag = "deployments",
    params(("deployment_id" = Uuid, Path, description = "The deployment"), LogQuery),
    responses(
        (status = 200, description = "One page of lines", body = LogPage),
        (status = 404, description = "No such deployment of yours (`deployment_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/deployments/{deployment_id}/logs")]
pub async fn logs(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    query: Query<LogQuery>,
) -> ApiResult<Json<LogPage>> {
    let limit = query.limit.unwrap_or(500).clamp(1, 1000);
    let (mut tx, row) = deployment_access(&state, &host, &user, *id).await?;
    let lines = deployments::logs(&mut tx, row.id, query.after.max(0), limit).await?;
    tx.commit().await?;
    let finished = DeploymentStatus::try_from(row.status.clone()).map(DeploymentStatus::is_finished).unwrap_or(false);
    let next_after = lines.last().map_or(query.after.max(0), |l| l.seq);
    let complete = finished && (lines.len() as i64) < limit;
    let lines = lines
        .into_iter()
        .map(|l| LogLine { seq: l.seq, at: l.at, step: l.step, level: l.level, line: l.line })
        .collect();
    Ok(Json(LogPage { lines, next_after, complete }))
}
