//! Staff manage each website's service catalogue: every entry (withdrawn ones too) for the
//! website's staff, and creating, changing and withdrawing entries for its admins. Clients
//! read the active entries with `GET /catalogue` on their website's domain.

use actix_web::web::{Data, Json, Path};
use actix_web::{HttpResponse, delete, get, put};
use atelier_types::ErrorBody;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::tenancy::HostContext;
use atelier_types::orders::{ServiceType, ServiceTypeInput};

/// Every entry of the website's catalogue, withdrawn ones last.
#[utoipa::path(
    tag = "orders",
    params(("website" = Uuid, Path, description = "The website (tenant)")),
    responses(
        (status = 200, description = "The catalogue", body = Vec<ServiceType>),
        (status = 403, description = "Not staff (`staff_only`)", body = ErrorBody),
        (status = 404, description = "Not a website the caller works for (`website_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/websites/{website}/catalogue")]
pub async fn list_website_catalogue(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    website: Path<Uuid>,
) -> ApiResult<Json<Vec<ServiceType>>> {
    Ok(Json(atelier_app::catalogue::website_catalogue(&state, &user.at(host), website.into_inner()).await?))
}

/// Creates the entry with this code, or changes it (and offers it again if it was withdrawn).
/// Orders already placed keep the price they were quoted.
#[utoipa::path(
    tag = "orders",
    params(("website" = Uuid, Path, description = "The website (tenant)"), ("code" = String, Path, description = "The entry's code, like `blog_article`")),
    request_body = ServiceTypeInput,
    responses(
        (status = 200, description = "The entry as saved", body = ServiceType),
        (status = 403, description = "Not an admin (`admins_only`)", body = ErrorBody),
        (status = 404, description = "Not a website the caller works for (`website_not_found`)", body = ErrorBody),
        (status = 422, description = "Invalid code, price, words, level or turnarounds", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[put("/websites/{website}/catalogue/{code}")]
pub async fn save_catalogue_entry(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    path: Path<(Uuid, String)>,
    body: Json<ServiceTypeInput>,
) -> ApiResult<Json<ServiceType>> {
    Ok(Json(atelier_app::catalogue::save_service(&state, &user.at(host), path.into_inner(), body.into_inner()).await?))
}

/// Withdraws the entry: clients no longer see it; orders placed with it are unchanged.
#[utoipa::path(
    tag = "orders",
    params(("website" = Uuid, Path, description = "The website (tenant)"), ("code" = String, Path, description = "The entry's code")),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 403, description = "Not an admin (`admins_only`)", body = ErrorBody),
        (status = 404, description = "No such website or entry (`website_not_found`, `service_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[delete("/websites/{website}/catalogue/{code}")]
pub async fn withdraw_catalogue_entry(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    path: Path<(Uuid, String)>,
) -> ApiResult<HttpResponse> {
    atelier_app::catalogue::withdraw_service(&state, &user.at(host), path.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
