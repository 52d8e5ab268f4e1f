use actix_web::get;
use actix_web::web::{Data, Json};
use atelier_types::ErrorBody;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::tenancy::HostContext;
use atelier_types::tenant::TenantBranding;

/// The branding of the tenant whose domain this is: what the clients app shows before
/// anyone signs in.
#[utoipa::path(
    tag = "tenancy",
    responses(
        (status = 200, description = "The tenant's public branding", body = TenantBranding),
        (status = 404, description = "Unknown host, inactive tenant, or a platform host (`not_a_tenant_host`)", body = ErrorBody),
    )
)]
#[get("/tenant")]
pub async fn get_tenant(host: HostContext) -> ApiResult<Json<TenantBranding>> {
    Ok(Json(atelier_app::tenant::current_tenant(&host)?))
}

/// The websites a writer or staff member works for (every website, for the superadmin),
/// by name: what their apps list and filter by.
#[utoipa::path(
    tag = "tenancy",
    responses(
        (status = 200, description = "The caller's websites", body = Vec<TenantBranding>),
        (status = 403, description = "A client (`platform_only`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/websites")]
pub async fn list_my_websites(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
) -> ApiResult<Json<Vec<TenantBranding>>> {
    Ok(Json(atelier_app::tenant::my_websites(&state, &user.at(host)).await?))
}
