use actix_web::get;
use actix_web::http::StatusCode;
use actix_web::web::{Data, Json};
use atelier_db::{Scope, assignments, tenants};
use atelier_types::tenant::TenantBranding;
use atelier_types::{ErrorBody, Role};

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
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
pub async fn my_websites(state: Data<AppState>, user: AuthUser) -> ApiResult<Json<Vec<TenantBranding>>> {
    if user.role == Role::Client {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "platform_only",
            "The list of websites is for writers and staff; a client's website is the one they are on.",
        ));
    }
    let found = if user.role == Role::Superadmin {
        let mut tx = state.db.begin(&Scope::everything().with_user(user.id)).await?;
        let all = tenants::list(&mut tx, None).await?;
        tx.commit().await?;
        all
    } else {
        let mut tx = state.db.begin(&Scope::platform().with_user(user.id)).await?;
        let ids = assignments::assigned_tenants(&mut tx, user.id, user.role).await?;
        tx.commit().await?;
        let mut tx = state.db.begin(&Scope::tenants(ids.clone()).with_user(user.id)).await?;
        let theirs = tenants::list(&mut tx, Some(&ids)).await?;
        tx.commit().await?;
        theirs
    };
    Ok(Json(found.iter().map(tenants::Tenant::branding).collect()))
}
