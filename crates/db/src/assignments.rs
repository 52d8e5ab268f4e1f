//! Writer ↔ tenant and staff ↔ tenant assignments.

use atelier_types::Role;
use uuid::Uuid;

use crate::{DbError, Tx};

/// Assigns a writer to a tenant; assigning twice changes nothing.
pub async fn assign_writer(tx: &mut Tx, writer_id: Uuid, website_id: Uuid) -> Result<(), DbError> {
    sqlx::query("insert into writer_websites (writer_id, website_id) values ($1, $2) on conflict do nothing")
        .bind(writer_id)
        .bind(website_id)
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Assigns a staff member to a tenant; assigning twice changes nothing.
pub async fn assign_staff(tx: &mut Tx, staff_id: Uuid, website_id: Uuid) -> Result<(), DbError> {
    sqlx::query("insert into staff_websites (staff_id, website_id) values ($1, $2) on conflict do nothing")
        .bind(staff_id)
        .bind(website_id)
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// The tenants a platform user is assigned to, in a stable order. Clients have none.
pub async fn assigned_tenants(tx: &mut Tx, user_id: Uuid, role: Role) -> Result<Vec<Uuid>, DbError> {
    let sql = match role {
        Role::Client => return Ok(Vec::new()),
        Role::Writer => "select website_id from writer_websites where writer_id = $1 order by website_id",
        _ => "select website_id from staff_websites where staff_id = $1 order by website_id",
    };
    Ok(sqlx::query_scalar(sql).bind(user_id).fetch_all(tx.conn()).await?)
}
