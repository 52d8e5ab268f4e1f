//! The audit log of staff actions: written by the use case, in the transaction that makes
//! the change, so an entry exists exactly when its change does.

use atelier_db::Tx;
use atelier_db::staff::{self as staff_db, AuditEntry};
use atelier_types::Role;
use serde_json::Value;
use uuid::Uuid;

use crate::AppResult;

/// The staff member an entry names.
#[derive(Debug, Clone)]
pub struct StaffActor {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
}

/// What an action was done to: `("order", Some(id))`, `("tenant", Some(id))`, …
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub kind: &'a str,
    pub id: Option<Uuid>,
}

impl<'a> Target<'a> {
    pub fn new(kind: &'a str, id: Uuid) -> Self {
        Self { kind, id: Some(id) }
    }
}

/// What the object looked like before and after (either may be absent).
#[derive(Debug, Clone, Default)]
pub struct Change {
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl Change {
    pub fn new(before: Option<Value>, after: Option<Value>) -> Self {
        Self { before, after }
    }
}

/// Writes one staff action to the audit log of `website`.
pub async fn record(
    tx: &mut Tx,
    actor: &StaffActor,
    website: Uuid,
    action: &str,
    target: Target<'_>,
    change: Change,
) -> AppResult<()> {
    let entry = AuditEntry {
        website_id: website,
        actor_id: Some(actor.id),
        actor_name: &actor.name,
        actor_role: actor.role.as_str(),
        action,
        target_type: target.kind,
        target_id: target.id,
        before: change.before,
        after: change.after,
    };
    Ok(staff_db::record(tx, &entry).await?)
}
