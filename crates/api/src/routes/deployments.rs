//! A client's deployments: deploy, history, one deployment with its queue position,
//! cancel, rollback, and the log.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{HttpResponse, get, post};
use atelier_types::ErrorBody;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::tenancy::HostContext;
use atelier_types::deployments::{Deployment, LogPage};
use atelier_types::queries::LogQuery;

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
pub async fn create_deployment(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Accepted().json(atelier_app::deployments::deploy(&state, &user.at(host), id.into_inner()).await?))
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
pub async fn list_deployments(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<Vec<Deployment>>> {
    Ok(Json(atelier_app::deployments::list(&state, &user.at(host), id.into_inner()).await?))
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
    Ok(Json(atelier_app::deployments::get_deployment(&state, &user.at(host), path.into_inner()).await?))
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
pub async fn cancel_deployment(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    path: Path<(Uuid, Uuid)>,
) -> ApiResult<Json<Deployment>> {
    Ok(Json(atelier_app::deployments::cancel(&state, &user.at(host), path.into_inner()).await?))
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
    Ok(Json(atelier_app::deployments::stop_site(&state, &user.at(host), id.into_inner()).await?))
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
    Ok(Json(atelier_app::deployments::start_site(&state, &user.at(host), id.into_inner()).await?))
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
pub async fn rollback_deployment(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    path: Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Accepted()
        .json(atelier_app::deployments::rollback(&state, &user.at(host), path.into_inner()).await?))
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
pub async fn list_deployment_logs(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    query: Query<LogQuery>,
) -> ApiResult<Json<LogPage>> {
    Ok(Json(atelier_app::deployments::logs(&state, &user.at(host), id.into_inner(), query.after, query.limit).await?))
}
