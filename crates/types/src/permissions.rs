//! Who may do what in the staff console: one list of permissions and the grants of each
//! role. The server's checks, the staff app's navigation and the table in `docs/staff.md`
//! all come from here (a test compares the document with [`grants`]).

use serde::{Deserialize, Serialize};

use crate::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// The overview, analytics, sites and the deployment queue, any deployment's log.
    Operate,
    /// The review queue, orders (review moves), the writers list (to assign).
    Review,
    /// Customers: search, detail, lift the sign-in lock.
    LookAfterCustomers,
    /// Customers: suspend, reactivate.
    SuspendCustomers,
    /// Deploy, stop, start, cancel, roll back a customer's site.
    ActOnSites,
    /// The catalogue, read.
    ReadCatalogue,
    /// The catalogue changed, payouts, payments confirmed, refunds, disputes resolved.
    ManageMoney,
    /// Their website's branding and logo, its writers and staff, its audit log.
    ManageWebsite,
    /// Websites created, domains added, websites and accounts switched on or off.
    RunPlatform,
}

impl Permission {
    pub const ALL: [Permission; 9] = [
        Permission::Operate,
        Permission::Review,
        Permission::LookAfterCustomers,
        Permission::SuspendCustomers,
        Permission::ActOnSites,
        Permission::ReadCatalogue,
        Permission::ManageMoney,
        Permission::ManageWebsite,
        Permission::RunPlatform,
    ];

    /// Its row in the table of `docs/staff.md`.
    pub fn row(self) -> &'static str {
        match self {
            Permission::Operate => {
                "overview, analytics, sites and the deployment queue, any deployment's log (live too)"
            }
            Permission::Review => "review queue, orders (review moves), writers list (to assign)",
            Permission::LookAfterCustomers => "customers: search, detail, lift the sign-in lock",
            Permission::SuspendCustomers => "customers: suspend, reactivate",
            Permission::ActOnSites => "deploy, stop, start, cancel, roll back a customer's site",
            Permission::ReadCatalogue => "catalogue (read)",
            Permission::ManageMoney => "catalogue (change), payouts, confirm payment, refund, resolve",
            Permission::ManageWebsite => {
                "branding and logo of their website; writers and staff of their website; audit log"
            }
            Permission::RunPlatform => "create websites, add domains, switch websites and accounts on or off",
        }
    }
}

/// The permissions of `role` (clients and writers have none of the console's).
pub fn grants(role: Role) -> &'static [Permission] {
    use Permission::*;
    match role {
        Role::Editor => &[Operate, Review, ReadCatalogue],
        Role::Support => &[Operate, LookAfterCustomers],
        Role::Admin => &[
            Operate,
            Review,
            LookAfterCustomers,
            SuspendCustomers,
            ActOnSites,
            ReadCatalogue,
            ManageMoney,
            ManageWebsite,
        ],
        Role::Superadmin => &Permission::ALL,
        Role::Client | Role::Writer => &[],
    }
}

/// Whether `role` has `permission`.
pub fn may(role: Role, permission: Permission) -> bool {
    grants(role).contains(&permission)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_permission_is_the_superadmins_and_no_client_or_writer_has_one() {
        assert_eq!(grants(Role::Superadmin), &Permission::ALL);
        assert!(grants(Role::Client).is_empty() && grants(Role::Writer).is_empty());
        // An admin has everything but running the platform.
        assert!(Permission::ALL.iter().all(|p| may(Role::Admin, *p) == (*p != Permission::RunPlatform)));
    }
}
