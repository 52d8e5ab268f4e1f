use actix_web::get;
use actix_web::web::Json;
use atelier_types::ErrorBody;
use atelier_types::tenant::TenantBranding;

use crate::error::{ApiError, ApiResult};
use crate::tenancy::HostContext;

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
pub async fn current_tenant(host: HostContext) -> ApiResult<Json<TenantBranding>> {
    match &host.tenant {
        Some(tenant) => Ok(Json(tenant.branding())),
        None => Err(ApiError::not_found(
            "not_a_tenant_host",
            format!("`{}` is a platform host, not a tenant's website.", host.host),
        )),
    }
}
