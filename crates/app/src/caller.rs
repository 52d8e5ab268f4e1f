//! Who is asking, and where: every use case takes a [`Caller`] (or, before sign-in, a
//! [`Host`]) instead of an HTTP request.

use std::sync::Arc;

use atelier_db::Scope;
use atelier_db::tenants::Tenant;
use atelier_domain::HostScope;
use atelier_types::Role;
use uuid::Uuid;

/// What the host a request arrived on means: a tenant's domain (with its tenant), the
/// writers host, the staff host or the API host.
#[derive(Debug, Clone)]
pub struct Host {
    /// Lower-case, without port.
    pub host: String,
    pub scope: HostScope,
    pub tenant: Option<Arc<Tenant>>,
}

impl Host {
    /// The database scope of anonymous work on this host: the tenant's rows on its domain,
    /// platform accounts on the platform hosts.
    pub fn db_scope(&self) -> Scope {
        match self.scope {
            HostScope::Tenant(id) => Scope::tenant(id),
            HostScope::Writers | HostScope::Staff | HostScope::Api => Scope::platform(),
        }
    }
}

/// A signed-in account (as its access token says) on a host.
#[derive(Debug, Clone)]
pub struct Caller {
    pub id: Uuid,
    pub role: Role,
    /// A client's tenant.
    pub tenant_id: Option<Uuid>,
    pub host: Host,
    /// The session (sign-in) the request is made with, when its token says.
    pub session: Option<Uuid>,
}
