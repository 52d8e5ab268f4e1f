//! The staff overview (the platform's health and the key numbers of the caller's websites)
//! and analytics over a period, from SQL aggregates (`atelier_db::analytics`).

use actix_web::get;
use actix_web::web::{Data, Json, Query};
use atelier_types::ErrorBody;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::tenancy::HostContext;
use atelier_types::queries::Period;
use atelier_types::staff::{Analytics, Overview};

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
pub async fn get_overview(state: Data<AppState>, host: HostContext, user: AuthUser) -> ApiResult<Json<Overview>> {
    Ok(Json(atelier_app::analytics::overview(&state, &user.at(host)).await?))
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
pub async fn get_analytics(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    query: Query<Period>,
) -> ApiResult<Json<Analytics>> {
    Ok(Json(atelier_app::analytics::analytics_report(&state, &user.at(host), query.into_inner()).await?))
}
