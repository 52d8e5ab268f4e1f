//! Which account may open a session on which host.
//!
//! The host a request arrives on decides the app, and the app decides who may sign in:
//! a tenant's domain admits that tenant's clients only, the writers host admits writers,
//! the staff host admits staff roles. The API-only host admits every platform user
//! (writers and staff) but no client: a client's session always belongs to its tenant's
//! own domain.

use atelier_types::{AppKind, Role};
use uuid::Uuid;

/// The resolved meaning of a request's host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HostScope {
    /// One of a tenant's domains.
    Tenant(Uuid),
    Writers,
    Staff,
    Api,
}

impl HostScope {
    pub fn app(self) -> AppKind {
        match self {
            HostScope::Tenant(_) => AppKind::Clients,
            HostScope::Writers => AppKind::Writers,
            HostScope::Staff => AppKind::Staff,
            HostScope::Api => AppKind::Api,
        }
    }

    pub fn tenant_id(self) -> Option<Uuid> {
        match self {
            HostScope::Tenant(id) => Some(id),
            _ => None,
        }
    }

    /// The audience written into tokens issued on this host; a token is only accepted
    /// on a host of the same audience, so a session cannot wander between tenants or apps.
    pub fn audience(self) -> String {
        match self {
            HostScope::Tenant(id) => format!("tenant:{id}"),
            HostScope::Writers => "writers".to_owned(),
            HostScope::Staff => "staff".to_owned(),
            HostScope::Api => "api".to_owned(),
        }
    }
}

/// Whether an account with `role` (a client of `user_tenant`, if any) may sign in on `host`.
pub fn may_sign_in(role: Role, user_tenant: Option<Uuid>, host: HostScope) -> bool {
    match host {
        HostScope::Tenant(tenant) => role == Role::Client && user_tenant == Some(tenant),
        HostScope::Writers => role == Role::Writer,
        HostScope::Staff => role.is_staff(),
        HostScope::Api => role != Role::Client,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acme() -> Uuid {
        Uuid::from_u128(1)
    }
    fn globex() -> Uuid {
        Uuid::from_u128(2)
    }

    #[test]
    fn a_client_signs_in_only_on_its_own_tenant() {
        assert!(may_sign_in(Role::Client, Some(acme()), HostScope::Tenant(acme())));
        assert!(!may_sign_in(Role::Client, Some(acme()), HostScope::Tenant(globex())));
        for host in [HostScope::Writers, HostScope::Staff, HostScope::Api] {
            assert!(!may_sign_in(Role::Client, Some(acme()), host), "{host:?}");
        }
    }

    #[test]
    fn each_platform_host_admits_exactly_its_roles() {
        let expect = |host, roles: &[Role]| {
            for role in Role::ALL {
                if role == Role::Client {
                    continue;
                }
                assert_eq!(may_sign_in(role, None, host), roles.contains(&role), "{role} on {host:?}");
            }
        };
        expect(HostScope::Writers, &[Role::Writer]);
        expect(HostScope::Staff, &[Role::Editor, Role::Support, Role::Admin, Role::Superadmin]);
        expect(HostScope::Api, &[Role::Writer, Role::Editor, Role::Support, Role::Admin, Role::Superadmin]);
        // Staff never sign in on a tenant's domain, even one they manage.
        expect(HostScope::Tenant(acme()), &[]);
    }

    #[test]
    fn audiences_differ_between_tenants_and_apps() {
        let all = [
            HostScope::Tenant(acme()).audience(),
            HostScope::Tenant(globex()).audience(),
            HostScope::Writers.audience(),
            HostScope::Staff.audience(),
            HostScope::Api.audience(),
        ];
        let unique: std::collections::HashSet<_> = all.iter().collect();
        assert_eq!(unique.len(), all.len());
    }
}
