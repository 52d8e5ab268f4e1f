//! What writers earn and how they are paid: the earnings page (balances per website, this
//! month, the ledger), payout requests above the threshold, and admins' answers to them.

use actix_web::web::{Data, Json, Path};
use actix_web::{HttpResponse, get, post};
use atelier_types::ErrorBody;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::tenancy::HostContext;
use atelier_types::orders::{Earnings, NewPayout, Payout, PayoutDecision};

/// The signed-in writer's earnings: per website what they earned, were paid, asked for and
/// may ask for now; this month's earnings; the latest ledger lines; their payout requests.
#[utoipa::path(
    tag = "earnings",
    responses(
        (status = 200, description = "The writer's earnings", body = Earnings),
        (status = 403, description = "Not a writer (`writers_only`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/earnings")]
pub async fn get_earnings(state: Data<AppState>, host: HostContext, user: AuthUser) -> ApiResult<Json<Earnings>> {
    Ok(Json(atelier_app::earnings::earnings(&state, &user.at(host)).await?))
}

/// Asks to be paid everything available on one website (at least the threshold). One open
/// request per website at a time.
#[utoipa::path(
    tag = "earnings",
    request_body = NewPayout,
    responses(
        (status = 201, description = "The request, waiting for an admin", body = Payout),
        (status = 403, description = "Not a writer (`writers_only`)", body = ErrorBody),
        (status = 409, description = "Already asked (`payout_pending`)", body = ErrorBody),
        (status = 422, description = "Below the threshold (`below_threshold`) or not a website the writer earned on", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/payouts")]
pub async fn request_payout(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    body: Json<NewPayout>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created()
        .json(atelier_app::earnings::request_payout(&state, &user.at(host), body.into_inner()).await?))
}

/// Payout requests of the admin's websites: open ones first.
#[utoipa::path(
    tag = "earnings",
    responses(
        (status = 200, description = "Payout requests", body = Vec<Payout>),
        (status = 403, description = "Not an admin (`admins_only`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/payouts")]
pub async fn list_payouts(state: Data<AppState>, host: HostContext, user: AuthUser) -> ApiResult<Json<Vec<Payout>>> {
    Ok(Json(atelier_app::earnings::list_payouts(&state, &user.at(host)).await?))
}

/// Approves (the ledger gets the payout line) or rejects (with a reason the writer reads) an
/// open request.
#[utoipa::path(
    tag = "earnings",
    params(("id" = Uuid, Path, description = "The payout request")),
    request_body = PayoutDecision,
    responses(
        (status = 200, description = "The answered request", body = Payout),
        (status = 403, description = "Not an admin (`admins_only`)", body = ErrorBody),
        (status = 404, description = "Not a request of the admin's websites (`payout_not_found`)", body = ErrorBody),
        (status = 409, description = "Answered already (`payout_decided`)", body = ErrorBody),
        (status = 422, description = "A rejection without a reason", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/payouts/{id}/decision")]
pub async fn decide_payout(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<PayoutDecision>,
) -> ApiResult<Json<Payout>> {
    Ok(Json(atelier_app::earnings::decide_payout(&state, &user.at(host), id.into_inner(), body.into_inner()).await?))
}
