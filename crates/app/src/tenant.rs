use atelier_db::{Scope, assignments, tenants};
use atelier_types::Role;
use atelier_types::tenant::TenantBranding;

use crate::{App, AppError, AppResult, Caller, Host, Kind};

/// The branding of the tenant whose domain this is: what the clients app shows before
/// anyone signs in.
pub fn current_tenant(host: &Host) -> AppResult<TenantBranding> {
    match &host.tenant {
        Some(tenant) => Ok(tenant.branding()),
        None => Err(AppError::not_found(
            "not_a_tenant_host",
            format!("`{}` is a platform host, not a tenant's website.", host.host),
        )),
    }
}

/// The websites a writer or staff member works for (every website, for the superadmin),
/// by name: what their apps list and filter by.
pub async fn my_websites(app: &App, user: &Caller) -> AppResult<Vec<TenantBranding>> {
    if user.role == Role::Client {
        return Err(AppError::new(
            Kind::Forbidden,
            "platform_only",
            "The list of websites is for writers and staff; a client's website is the one they are on.",
        ));
    }
    let found = if user.role == Role::Superadmin {
        let mut tx = app.db.begin(&Scope::everything().with_user(user.id)).await?;
        let all = tenants::list(&mut tx, None).await?;
        tx.commit().await?;
        all
    } else {
        let mut tx = app.db.begin(&Scope::platform().with_user(user.id)).await?;
        let ids = assignments::assigned_tenants(&mut tx, user.id, user.role).await?;
        tx.commit().await?;
        let mut tx = app.db.begin(&Scope::tenants(ids.clone()).with_user(user.id)).await?;
        let theirs = tenants::list(&mut tx, Some(&ids)).await?;
        tx.commit().await?;
        theirs
    };
    Ok(found.iter().map(tenants::Tenant::branding).collect())
}
