//! What the staff console reads and changes: the audit log of staff actions, customers
//! (clients) with what they own, and tenants' branding.

use atelier_types::Role;
use atelier_types::deployments::DeploymentStatus;
use atelier_types::sites::SiteStatus;
use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::FromRow;
use sqlx::types::Json;
use uuid::Uuid;

use crate::{DbError, Tx};

/// One staff action to record.
pub struct AuditEntry<'a> {
    pub website_id: Uuid,
    /// `None` for the system (the seed, jobs).
    pub actor_id: Option<Uuid>,
    pub actor_name: &'a str,
    pub actor_role: &'a str,
    /// `customer.suspend`, `tenant.update`, …
    pub action: &'a str,
    pub target_type: &'a str,
    pub target_id: Option<Uuid>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

pub async fn record(tx: &mut Tx, e: &AuditEntry<'_>) -> Result<(), DbError> {
    sqlx::query(
        "insert into audit_log (website_id, actor_id, actor_name, actor_role, action, target_type, target_id,
                                before, after)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(e.website_id)
    .bind(e.actor_id)
    .bind(e.actor_name)
    .bind(e.actor_role)
    .bind(e.action)
    .bind(e.target_type)
    .bind(e.target_id)
    .bind(e.before.as_ref().map(Json))
    .bind(e.after.as_ref().map(Json))
    .execute(tx.conn())
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct AuditRow {
    pub id: Uuid,
    pub website_id: Uuid,
    pub website_name: String,
    pub actor_name: String,
    pub actor_role: String,
    pub action: String,
    pub target_type: String,
    pub target_id: Option<Uuid>,
    pub before: Option<Json<Value>>,
    pub after: Option<Json<Value>>,
    pub at: DateTime<Utc>,
}

macro_rules! audit_sql {
    ($rest:literal) => {
        concat!(
            "select a.id, a.website_id, w.name as website_name, a.actor_name, a.actor_role, a.action, a.target_type,
                    a.target_id, a.before, a.after, a.at
             from audit_log a join websites w on w.id = a.website_id ",
            $rest
        )
    };
}

/// The latest entries of these websites (all in scope when `None`), newest first.
pub async fn audit(tx: &mut Tx, websites: Option<&[Uuid]>, limit: i64) -> Result<Vec<AuditRow>, DbError> {
    Ok(sqlx::query_as(audit_sql!("where ($1::uuid[] is null or a.website_id = any($1)) order by a.at desc limit $2"))
        .bind(websites)
        .bind(limit)
        .fetch_all(tx.conn())
        .await?)
}

/// What was done to one target, newest first.
pub async fn audit_of(tx: &mut Tx, target_id: Uuid) -> Result<Vec<AuditRow>, DbError> {
    Ok(sqlx::query_as(audit_sql!("where a.target_id = $1 order by a.at desc limit 100"))
        .bind(target_id)
        .fetch_all(tx.conn())
        .await?)
}

#[derive(Debug, Clone, FromRow)]
pub struct CustomerRow {
    pub id: Uuid,
    pub website_id: Uuid,
    pub website_name: String,
    pub email: String,
    pub display_name: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub sites: i64,
    pub orders: i64,
}

macro_rules! customer_sql {
    ($rest:literal) => {
        concat!(
            "select u.id, u.website_id, w.name as website_name, u.email, u.display_name, u.active, u.created_at,
                    u.last_login_at,
                    (select count(*) from sites s where s.owner_id = u.id) as sites,
                    (select count(*) from orders o where o.client_id = u.id) as orders
             from users u join websites w on w.id = u.website_id
             where u.role = 'client' ",
            $rest
        )
    };
}

/// Clients of these websites (all in scope when `None`) whose name or e-mail contains
/// `query` (any when empty), newest first, at most 100.
pub async fn customers(tx: &mut Tx, websites: Option<&[Uuid]>, query: &str) -> Result<Vec<CustomerRow>, DbError> {
    let pattern = format!("%{}%", query.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    Ok(sqlx::query_as(customer_sql!(
        "and ($1::uuid[] is null or u.website_id = any($1))
           and (u.email ilike $2 or u.display_name ilike $2)
         order by u.created_at desc limit 100"
    ))
    .bind(websites)
    .bind(pattern)
    .fetch_all(tx.conn())
    .await?)
}

pub async fn customer(tx: &mut Tx, id: Uuid) -> Result<Option<CustomerRow>, DbError> {
    Ok(sqlx::query_as(customer_sql!("and u.id = $1")).bind(id).fetch_optional(tx.conn()).await?)
}

/// Suspends or restores a client; a suspended client's sessions end at once.
pub async fn set_customer_active(tx: &mut Tx, id: Uuid, active: bool) -> Result<(), DbError> {
    sqlx::query("update users set active = $2 where id = $1 and role = 'client'")
        .bind(id)
        .bind(active)
        .execute(tx.conn())
        .await?;
    if !active {
        crate::refresh_tokens::revoke_all_of_user(tx, id).await?;
    }
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct CustomerDeploymentRow {
    pub id: Uuid,
    pub site_name: String,
    pub status: DeploymentStatus,
    pub queued_at: DateTime<Utc>,
}

/// A customer's recent deployments, newest first.
pub async fn customer_deployments(tx: &mut Tx, customer: Uuid) -> Result<Vec<CustomerDeploymentRow>, DbError> {
    Ok(sqlx::query_as(
        "select d.id, s.name as site_name, d.status, d.queued_at from deployments d join sites s on s.id = d.site_id
         where s.owner_id = $1 order by d.queued_at desc limit 20",
    )
    .bind(customer)
    .fetch_all(tx.conn())
    .await?)
}

#[derive(Debug, Clone, FromRow)]
pub struct CustomerSiteRow {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub status: SiteStatus,
}

/// A customer's sites, newest first.
pub async fn customer_sites(tx: &mut Tx, customer: Uuid) -> Result<Vec<CustomerSiteRow>, DbError> {
    Ok(sqlx::query_as("select id, name, slug, status from sites where owner_id = $1 order by created_at desc")
        .bind(customer)
        .fetch_all(tx.conn())
        .await?)
}

pub struct TenantChange<'a> {
    pub name: &'a str,
    pub theme_color: &'a str,
    pub contact_email: &'a str,
    pub logo_url: Option<&'a str>,
    pub active: bool,
}

/// Changes a tenant's branding; `false` when it is not in scope.
pub async fn update_tenant(tx: &mut Tx, id: Uuid, t: &TenantChange<'_>) -> Result<bool, DbError> {
    let done = sqlx::query(
        "update websites set name = $2, theme_color = $3, contact_email = $4, logo_url = $5, active = $6
         where id = $1",
    )
    .bind(id)
    .bind(t.name)
    .bind(t.theme_color)
    .bind(t.contact_email)
    .bind(t.logo_url)
    .bind(t.active)
    .execute(tx.conn())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Every host of a tenant (to forget them from the tenant cache after a change).
pub async fn hosts_of(tx: &mut Tx, website: Uuid) -> Result<Vec<String>, DbError> {
    Ok(sqlx::query_scalar("select host from website_domains where website_id = $1 order by host")
        .bind(website)
        .fetch_all(tx.conn())
        .await?)
}

#[derive(Debug, Clone, FromRow)]
pub struct MemberRow {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub writer_level: Option<i16>,
    pub active: bool,
    /// The websites they are assigned to (of those in the transaction's scope).
    pub websites: Vec<Uuid>,
}

macro_rules! member_sql {
    ($rest:literal) => {
        concat!(
            "select u.id, u.email, u.display_name, u.role, u.writer_level, u.active,
                    coalesce(array(select website_id from writer_websites where writer_id = u.id
                                   union select website_id from staff_websites where staff_id = u.id), '{}')
                        as websites
             from users u where u.website_id is null ",
            $rest
        )
    };
}

/// Writers and staff (every platform account), by role then name.
pub async fn members(tx: &mut Tx) -> Result<Vec<MemberRow>, DbError> {
    Ok(sqlx::query_as(member_sql!(
        "order by array_position(array['superadmin','admin','editor','support','writer'], u.role), u.display_name"
    ))
    .fetch_all(tx.conn())
    .await?)
}

pub async fn member(tx: &mut Tx, id: Uuid) -> Result<Option<MemberRow>, DbError> {
    Ok(sqlx::query_as(member_sql!("and u.id = $1")).bind(id).fetch_optional(tx.conn()).await?)
}

/// Adds and removes a member's assignments (writers to `writer_websites`, staff to
/// `staff_websites`); only `allowed` websites are touched.
pub async fn set_assignments(
    tx: &mut Tx,
    member: &MemberRow,
    wanted: &[Uuid],
    allowed: Option<&[Uuid]>,
) -> Result<(), DbError> {
    // Fixed statements per table (sqlx wants literals): remove the unwanted, add the new.
    let (remove, add) = if member.role == Role::Writer {
        (
            "delete from writer_websites where writer_id = $1 and not (website_id = any($2))
               and ($3::uuid[] is null or website_id = any($3))",
            "insert into writer_websites (writer_id, website_id) select $1, w from unnest($2::uuid[]) w
             where $3::uuid[] is null or w = any($3) on conflict do nothing",
        )
    } else {
        (
            "delete from staff_websites where staff_id = $1 and not (website_id = any($2))
               and ($3::uuid[] is null or website_id = any($3))",
            "insert into staff_websites (staff_id, website_id) select $1, w from unnest($2::uuid[]) w
             where $3::uuid[] is null or w = any($3) on conflict do nothing",
        )
    };
    sqlx::query(remove).bind(member.id).bind(wanted).bind(allowed).execute(tx.conn()).await?;
    sqlx::query(add).bind(member.id).bind(wanted).bind(allowed).execute(tx.conn()).await?;
    Ok(())
}

pub async fn set_member(tx: &mut Tx, id: Uuid, level: Option<i16>, active: bool) -> Result<(), DbError> {
    sqlx::query(
        "update users set writer_level = case when role = 'writer' then coalesce($2, writer_level) end, active = $3
         where id = $1 and website_id is null",
    )
    .bind(id)
    .bind(level)
    .bind(active)
    .execute(tx.conn())
    .await?;
    if !active {
        crate::refresh_tokens::revoke_all_of_user(tx, id).await?;
    }
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct StaffSiteRow {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub status: SiteStatus,
    pub website_id: Uuid,
    pub website_name: String,
    pub owner_email: String,
    pub updated_at: DateTime<Utc>,
    pub live_deployment_id: Option<Uuid>,
}

/// Sites of these websites (all in scope when `None`), in one state or all (`""`), most
/// recently changed first, at most 200.
pub async fn sites(tx: &mut Tx, websites: Option<&[Uuid]>, status: &str) -> Result<Vec<StaffSiteRow>, DbError> {
    Ok(sqlx::query_as(
        "select s.id, s.name, s.slug, s.status, s.website_id, w.name as website_name,
                coalesce(u.email, '') as owner_email, s.updated_at, s.live_deployment_id
         from sites s join websites w on w.id = s.website_id left join users u on u.id = s.owner_id
         where ($1::uuid[] is null or s.website_id = any($1)) and ($2 = '' or s.status = $2)
         order by s.updated_at desc limit 200",
    )
    .bind(websites)
    .bind(status)
    .fetch_all(tx.conn())
    .await?)
}

#[derive(Debug, Clone, FromRow)]
pub struct QueueRow {
    pub id: Uuid,
    pub number: i32,
    pub status: DeploymentStatus,
    pub step: Option<String>,
    pub error: Option<String>,
    pub queued_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub site_id: Uuid,
    pub site_name: String,
    pub website_name: String,
    /// 1, 2, … for waiting deployments, in the order they were asked for.
    pub position: Option<i64>,
}

/// The deployment queue of these websites: running, then waiting (with their place), then
/// the failures of the last seven days with their reason.
pub async fn queue(tx: &mut Tx, websites: Option<&[Uuid]>) -> Result<Vec<QueueRow>, DbError> {
    Ok(sqlx::query_as(
        "select d.id, d.number, d.status, d.step, d.error, d.queued_at, d.started_at, d.finished_at,
                s.id as site_id, s.name as site_name, w.name as website_name,
                case when d.status = 'queued'
                     then row_number() over (partition by d.status = 'queued' order by d.queued_at) end as position
         from deployments d join sites s on s.id = d.site_id join websites w on w.id = d.website_id
         where ($1::uuid[] is null or d.website_id = any($1))
           and (d.status in ('queued', 'running')
                or (d.status in ('failed', 'timed_out') and d.finished_at > now() - interval '7 days'))
         order by case d.status when 'running' then 0 when 'queued' then 1 else 2 end,
                  case when d.status = 'queued' then d.queued_at end, d.finished_at desc
         limit 200",
    )
    .bind(websites)
    .fetch_all(tx.conn())
    .await?)
}

#[derive(Debug, Clone, FromRow)]
pub struct ReviewRow {
    /// `order` (a writer's submission) or `ai` (a generated text).
    pub kind: String,
    pub id: Uuid,
    pub website_id: Uuid,
    pub website_name: String,
    pub title: String,
    pub detail: String,
    /// An order's status or a generated text's (the two kinds share the column).
    pub status: String,
    pub at: DateTime<Utc>,
    pub site_id: Option<Uuid>,
    /// A generated text's content (the section as written).
    pub content: Option<Json<Value>>,
}

/// What waits for an editor on these websites, oldest first: writers' submissions (handed
/// in or in review) and generated texts nobody has answered.
pub async fn review_queue(tx: &mut Tx, websites: Option<&[Uuid]>) -> Result<Vec<ReviewRow>, DbError> {
    Ok(sqlx::query_as(
        "select * from (
             select 'order' as kind, o.id, o.website_id, w.name as website_name, o.title,
                    o.words::text || ' words' as detail, o.status,
                    coalesce((select max(t.created_at) from order_texts t
                              where t.order_id = o.id and t.kind = 'submission'), o.created_at) as at,
                    o.site_id, null::jsonb as content
             from orders o join websites w on w.id = o.website_id
             where o.status in ('submitted', 'in_review') and ($1::uuid[] is null or o.website_id = any($1))
             union all
             select 'ai', a.id, a.website_id, w.name, s.name || ' · ' || case when a.page_slug = '' then 'home'
                    else a.page_slug end,
                    a.section_id || ' (' || a.generator || ')', a.status, a.created_at, a.site_id, a.content
             from ai_content a join sites s on s.id = a.site_id join websites w on w.id = a.website_id
             where a.status = 'pending' and ($1::uuid[] is null or a.website_id = any($1))
         ) queue order by at, id limit 200",
    )
    .bind(websites)
    .fetch_all(tx.conn())
    .await?)
}
