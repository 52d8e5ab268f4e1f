//! Clients' sites and the AI content queue.
//!
//! Every read and write names the tenant and the owner: row-level security keeps other
//! tenants out, the owner filter keeps other clients of the same tenant out, and both
//! make "not yours" look exactly like "does not exist".

use atelier_types::sites::{AiContentStatus, SiteStatus};
use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::FromRow;
use sqlx::types::Json;
use uuid::Uuid;

use crate::{DbError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct SiteRow {
    pub id: Uuid,
    pub website_id: Uuid,
    pub owner_id: Uuid,
    pub name: String,
    pub slug: String,
    pub status: SiteStatus,
    /// The stored JSON, in the version it was written in (upgrade it before use).
    pub config: Json<Value>,
    pub config_version: i32,
    pub wizard_step: i16,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub live_deployment_id: Option<Uuid>,
}

/// The site query with the rest of its SQL, joined at compile time (sqlx wants literals).
macro_rules! site_sql {
    ($rest:literal) => {
        concat!(
            "select id, website_id, owner_id, name, slug, status, config, config_version, wizard_step, created_at, updated_at,
                    live_deployment_id
             from sites ",
            $rest
        )
    };
}

/// Whose site: every query below is scoped by both.
#[derive(Debug, Clone, Copy)]
pub struct Owner {
    pub website_id: Uuid,
    pub user_id: Uuid,
}

pub struct NewSiteRow<'a> {
    pub name: &'a str,
    pub config: &'a Value,
    pub config_version: i32,
    pub wizard_step: i16,
}

/// Inserts the site under `slug`; `None` when another site (of any tenant) holds it.
pub async fn insert(tx: &mut Tx, owner: Owner, slug: &str, site: &NewSiteRow<'_>) -> Result<Option<SiteRow>, DbError> {
    let sql = "insert into sites (website_id, owner_id, name, slug, config, config_version, wizard_step)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict on constraint sites_slug_key do nothing
         returning id, website_id, owner_id, name, slug, status, config, config_version, wizard_step, created_at, updated_at,
                   live_deployment_id";
    Ok(sqlx::query_as(sql)
        .bind(owner.website_id)
        .bind(owner.user_id)
        .bind(site.name)
        .bind(slug)
        .bind(Json(site.config))
        .bind(site.config_version)
        .bind(site.wizard_step)
        .fetch_optional(tx.conn())
        .await?)
}

/// A site by id alone, for the worker and staff (their scope decides what they see).
pub async fn find_by_id(tx: &mut Tx, id: Uuid) -> Result<Option<SiteRow>, DbError> {
    Ok(sqlx::query_as(site_sql!("where id = $1")).bind(id).fetch_optional(tx.conn()).await?)
}

/// Where a site's live instance listens, and the build it serves.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct LivePort {
    pub port: i32,
    pub content_hash: String,
}

/// The port and build of the live instance of the site at `slug`, for the local reverse
/// proxy (which checks that the port still serves that build).
pub async fn live_port(tx: &mut Tx, slug: &str) -> Result<Option<LivePort>, DbError> {
    Ok(sqlx::query_as(
        "select d.port, d.content_hash from sites s join deployments d on d.id = s.live_deployment_id
         where s.slug = $1 and s.status <> 'stopped' and d.port is not null and d.content_hash is not null",
    )
    .bind(slug)
    .fetch_optional(tx.conn())
    .await?)
}

/// Whether any site (of any tenant) has this address.
pub async fn slug_exists(tx: &mut Tx, slug: &str) -> Result<bool, DbError> {
    Ok(sqlx::query_scalar("select exists (select 1 from sites where slug = $1)")
        .bind(slug)
        .fetch_one(tx.conn())
        .await?)
}

/// The owner's sites, newest first, and how many there are in all.
pub async fn list(tx: &mut Tx, owner: Owner, limit: i64, offset: i64) -> Result<(Vec<SiteRow>, i64), DbError> {
    let rows = sqlx::query_as(site_sql!(
        "where website_id = $1 and owner_id = $2 order by created_at desc, id desc limit $3 offset $4"
    ))
    .bind(owner.website_id)
    .bind(owner.user_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(tx.conn())
    .await?;
    let total = sqlx::query_scalar("select count(*) from sites where website_id = $1 and owner_id = $2")
        .bind(owner.website_id)
        .bind(owner.user_id)
        .fetch_one(tx.conn())
        .await?;
    Ok((rows, total))
}

/// The owner's site, locked until the transaction ends when `for_update` (a wizard save
/// reads, merges and writes; two tabs saving at once must not lose either change).
pub async fn find(tx: &mut Tx, owner: Owner, id: Uuid, for_update: bool) -> Result<Option<SiteRow>, DbError> {
    let sql = if for_update {
        site_sql!("where id = $1 and website_id = $2 and owner_id = $3 for update")
    } else {
        site_sql!("where id = $1 and website_id = $2 and owner_id = $3")
    };
    Ok(sqlx::query_as(sql).bind(id).bind(owner.website_id).bind(owner.user_id).fetch_optional(tx.conn()).await?)
}

/// A site by id, whoever owns it, among the websites in scope (staff), optionally locked.
pub async fn find_any(tx: &mut Tx, id: Uuid, for_update: bool) -> Result<Option<SiteRow>, DbError> {
    let sql = if for_update { site_sql!("where id = $1 for update") } else { site_sql!("where id = $1") };
    Ok(sqlx::query_as(sql).bind(id).fetch_optional(tx.conn()).await?)
}

pub struct SiteUpdate<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub config: &'a Value,
    pub config_version: i32,
    pub wizard_step: i16,
}

pub async fn update(tx: &mut Tx, owner: Owner, id: Uuid, site: &SiteUpdate<'_>) -> Result<Option<SiteRow>, DbError> {
    let sql = "update sites set name = $4, slug = $5, config = $6, config_version = $7, wizard_step = $8
         where id = $1 and website_id = $2 and owner_id = $3
         returning id, website_id, owner_id, name, slug, status, config, config_version, wizard_step, created_at, updated_at,
                   live_deployment_id";
    Ok(sqlx::query_as(sql)
        .bind(id)
        .bind(owner.website_id)
        .bind(owner.user_id)
        .bind(site.name)
        .bind(site.slug)
        .bind(Json(site.config))
        .bind(site.config_version)
        .bind(site.wizard_step)
        .fetch_optional(tx.conn())
        .await?)
}

/// Deletes the site and its queue entries; `false` when the owner has no such site.
pub async fn delete(tx: &mut Tx, owner: Owner, id: Uuid) -> Result<bool, DbError> {
    let done = sqlx::query("delete from sites where id = $1 and website_id = $2 and owner_id = $3")
        .bind(id)
        .bind(owner.website_id)
        .bind(owner.user_id)
        .execute(tx.conn())
        .await?;
    Ok(done.rows_affected() == 1)
}

// ---------------------------------------------------------------------------------------
// The AI content queue.

#[derive(Debug, Clone, FromRow)]
pub struct AiContentRow {
    pub id: Uuid,
    pub site_id: Uuid,
    pub page_slug: String,
    pub section_id: String,
    pub generator: String,
    pub seed: i64,
    pub content: Json<Value>,
    pub previous: Option<Json<Value>>,
    pub status: AiContentStatus,
    pub created_at: DateTime<Utc>,
    pub review_note: Option<String>,
}

pub struct NewAiContent<'a> {
    pub page_slug: &'a str,
    pub section_id: &'a str,
    pub generator: &'a str,
    pub seed: i64,
    pub content: Value,
    pub previous: Option<Value>,
}

/// Records generated texts of one site, in one statement.
pub async fn record_generated(
    tx: &mut Tx,
    site: &SiteRow,
    entries: &[NewAiContent<'_>],
) -> Result<Vec<AiContentRow>, DbError> {
    let sql = "insert into ai_content (website_id, site_id, page_slug, section_id, generator, seed, content, previous)
               select $1, $2, e.page_slug, e.section_id, e.generator, e.seed, e.content, e.previous
               from unnest($3::text[], $4::text[], $5::text[], $6::bigint[], $7::jsonb[], $8::jsonb[])
                    with ordinality as e(page_slug, section_id, generator, seed, content, previous, n)
               order by e.n
               returning id, site_id, page_slug, section_id, generator, seed, content, previous, status, created_at,
                         review_note";
    let column = |f: fn(&NewAiContent<'_>) -> String| entries.iter().map(f).collect::<Vec<String>>();
    Ok(sqlx::query_as(sql)
        .bind(site.website_id)
        .bind(site.id)
        .bind(column(|e| e.page_slug.to_owned()))
        .bind(column(|e| e.section_id.to_owned()))
        .bind(column(|e| e.generator.to_owned()))
        .bind(entries.iter().map(|e| e.seed).collect::<Vec<i64>>())
        .bind(entries.iter().map(|e| Json(e.content.clone())).collect::<Vec<_>>())
        .bind(entries.iter().map(|e| e.previous.clone().map(Json)).collect::<Vec<_>>())
        .fetch_all(tx.conn())
        .await?)
}

/// The site's queue entries, newest first.
pub async fn ai_content_of_site(tx: &mut Tx, site: &SiteRow) -> Result<Vec<AiContentRow>, DbError> {
    let sql = "select id, site_id, page_slug, section_id, generator, seed, content, previous, status, created_at,
                      review_note
               from ai_content where website_id = $1 and site_id = $2 order by created_at desc, id desc";
    Ok(sqlx::query_as(sql).bind(site.website_id).bind(site.id).fetch_all(tx.conn()).await?)
}

pub async fn find_ai_content(tx: &mut Tx, site: &SiteRow, id: Uuid) -> Result<Option<AiContentRow>, DbError> {
    let sql = "select id, site_id, page_slug, section_id, generator, seed, content, previous, status, created_at,
                      review_note
               from ai_content where website_id = $1 and site_id = $2 and id = $3 for update";
    Ok(sqlx::query_as(sql).bind(site.website_id).bind(site.id).bind(id).fetch_optional(tx.conn()).await?)
}

pub async fn set_ai_content_status(tx: &mut Tx, id: Uuid, status: AiContentStatus) -> Result<(), DbError> {
    sqlx::query("update ai_content set status = $2 where id = $1")
        .bind(id)
        .bind(status.as_str())
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Pending entries of a section whose text has since been replaced leave the review
/// queue: only the text the section now holds waits for an editor.
pub async fn supersede_pending_of_section(tx: &mut Tx, site: &SiteRow, section_id: &str) -> Result<(), DbError> {
    sqlx::query(
        "update ai_content set status = 'superseded'
         where website_id = $1 and site_id = $2 and section_id = $3 and status = 'pending'",
    )
    .bind(site.website_id)
    .bind(site.id)
    .bind(section_id)
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// A generated text with the website it belongs to.
#[derive(Debug, Clone, FromRow)]
pub struct ScopedAiContent {
    pub website_id: Uuid,
    #[sqlx(flatten)]
    pub row: AiContentRow,
}

/// A generated text by id, with its website, among the websites in scope (the review
/// queue), locked.
pub async fn ai_content_by_id(tx: &mut Tx, id: Uuid) -> Result<Option<ScopedAiContent>, DbError> {
    Ok(sqlx::query_as(
        "select website_id, id, site_id, page_slug, section_id, generator, seed, content, previous, status, created_at,
                review_note
         from ai_content where id = $1 for update",
    )
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}

/// An editor's answer on a pending generated text; `false` when it is no longer pending.
pub async fn review_ai_content(
    tx: &mut Tx,
    id: Uuid,
    status: AiContentStatus,
    note: Option<&str>,
    by: Uuid,
) -> Result<bool, DbError> {
    let done = sqlx::query(
        "update ai_content set status = $2, review_note = $3, reviewed_by = $4, reviewed_at = now()
         where id = $1 and status = 'pending'",
    )
    .bind(id)
    .bind(status.as_str())
    .bind(note)
    .bind(by)
    .execute(tx.conn())
    .await?;
    Ok(done.rows_affected() == 1)
}
