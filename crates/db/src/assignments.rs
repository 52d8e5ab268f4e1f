//! Writer ↔ tenant and staff ↔ tenant assignments.

use atelier_types::Role;
use sqlx::PgExecutor;
use uuid::Uuid;

use crate::DbError;

/// Assigns a writer to a tenant; assigning twice changes nothing.
pub async fn assign_writer<'c>(
    db: impl PgExecutor<'c>,
    writer_id: Uuid,
    website_id: Uuid,
) -> Result<(), DbError> {
    sqlx::query("insert into writer_websites (writer_id, website_id) values ($1, $2) on conflict do nothing")
        .bind(writer_id)
        .bind(website_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Assigns a staff member to a tenant; assigning twice changes nothing.
pub async fn assign_staff<'c>(
    db: impl PgExecutor<'c>,
    staff_id: Uuid,
    website_id: Uuid,
) -> Result<(), DbError> {
    sqlx::query(
        "insert into staff_websites (staff_id, website_id) values ($1, $2) on conflict do nothing",
    )
    .bind(staff_id)
    .bind(website_id)
    .execute(db)
    .await?;
    Ok(())
}

/// The tenants a platform user is assigned to, in a stable order. Clients have none.
pub async fn assigned_tenants<'c>(
    db: impl PgExecutor<'c>,
    user_id: Uuid,
    role: Role,
) -> Result<Vec<Uuid>, DbError> {
    let sql = match role {
        Role::Client => return Ok(Vec::new()),
        Role::Writer => {
            "select website_id from writer_websites where writer_id = $1 order by website_id"
        }
        _ => "select website_id from staff_websites where staff_id = $1 order by website_id",
    };
    Ok(sqlx::query_scalar(sql).bind(user_id).fetch_all(db).await?)
}
