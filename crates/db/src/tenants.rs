//! Tenants (`websites`) and their domains.

use atelier_types::tenant::TenantBranding;
use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use uuid::Uuid;

use crate::{DbError, Tx};

#[derive(Debug, Clone, PartialEq, Eq, FromRow, Serialize, Deserialize)]
pub struct Tenant {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub logo_url: Option<String>,
    pub theme_color: String,
    pub contact_email: String,
    pub currency: String,
    pub active: bool,
    pub primary_domain: String,
}

impl Tenant {
    pub fn branding(&self) -> TenantBranding {
        TenantBranding {
            id: self.id,
            slug: self.slug.clone(),
            name: self.name.clone(),
            logo_url: self.logo_url.clone(),
            theme_color: self.theme_color.clone(),
            contact_email: self.contact_email.clone(),
            currency: self.currency.clone(),
            primary_domain: self.primary_domain.clone(),
        }
    }
}

/// The tenant query with a `where` clause, joined at compile time so the SQL stays a
/// `&'static str` (sqlx 0.9 refuses runtime-built SQL unless asserted safe).
macro_rules! select_tenant {
    ($where:literal) => {
        concat!(
            "select w.id, w.slug, w.name, w.logo_url, w.theme_color, w.contact_email, w.currency, w.active,
                    coalesce(
                        (select p.host from website_domains p where p.website_id = w.id and p.is_primary),
                        (select min(a.host) from website_domains a where a.website_id = w.id),
                        ''
                    ) as primary_domain
             from websites w ",
            $where
        )
    };
}

/// The tenant that owns `host` (lower-case, without port), active or not.
pub async fn find_by_host(tx: &mut Tx, host: &str) -> Result<Option<Tenant>, DbError> {
    let sql = select_tenant!("where w.id = (select website_id from website_domains where host = $1)");
    Ok(sqlx::query_as::<_, Tenant>(sql).bind(host).fetch_optional(tx.conn()).await?)
}

pub async fn find_by_id(tx: &mut Tx, id: Uuid) -> Result<Option<Tenant>, DbError> {
    Ok(sqlx::query_as::<_, Tenant>(select_tenant!("where w.id = $1")).bind(id).fetch_optional(tx.conn()).await?)
}

/// These tenants (every one in scope when `None`), by name.
pub async fn list(tx: &mut Tx, ids: Option<&[Uuid]>) -> Result<Vec<Tenant>, DbError> {
    Ok(sqlx::query_as::<_, Tenant>(select_tenant!("where ($1::uuid[] is null or w.id = any($1)) order by w.name"))
        .bind(ids)
        .fetch_all(tx.conn())
        .await?)
}

#[derive(Debug, Clone)]
pub struct NewTenant<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub logo_url: Option<&'a str>,
    pub theme_color: &'a str,
    pub contact_email: &'a str,
    pub currency: &'a str,
}

/// Creates a tenant; a slug in use is a `slug_taken` conflict.
pub async fn insert(tx: &mut Tx, t: &NewTenant<'_>) -> Result<Uuid, DbError> {
    Ok(sqlx::query_scalar(
        "insert into websites (slug, name, logo_url, theme_color, contact_email, currency)
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(t.slug)
    .bind(t.name)
    .bind(t.logo_url)
    .bind(t.theme_color)
    .bind(t.contact_email)
    .bind(t.currency)
    .fetch_one(tx.conn())
    .await?)
}

/// Creates the tenant or, when the slug exists, brings its branding up to date.
pub async fn upsert(tx: &mut Tx, t: &NewTenant<'_>) -> Result<Uuid, DbError> {
    let id = sqlx::query_scalar(
        "insert into websites (slug, name, logo_url, theme_color, contact_email, currency)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (slug) do update set name = excluded.name, logo_url = excluded.logo_url,
             theme_color = excluded.theme_color, contact_email = excluded.contact_email,
             currency = excluded.currency
         returning id",
    )
    .bind(t.slug)
    .bind(t.name)
    .bind(t.logo_url)
    .bind(t.theme_color)
    .bind(t.contact_email)
    .bind(t.currency)
    .fetch_one(tx.conn())
    .await?;
    Ok(id)
}

/// Attaches `host` to the tenant. Attaching a host the tenant already has changes nothing;
/// a host owned by another tenant is a `domain_taken` conflict.
pub async fn add_domain(tx: &mut Tx, website_id: Uuid, host: &str, is_primary: bool) -> Result<(), DbError> {
    let done = sqlx::query(
        "insert into website_domains (website_id, host, is_primary) values ($1, $2, $3)
         on conflict (host) do update set is_primary = excluded.is_primary
         where website_domains.website_id = excluded.website_id",
    )
    .bind(website_id)
    .bind(host)
    .bind(is_primary)
    .execute(tx.conn())
    .await?;
    if done.rows_affected() == 0 {
        // The conflict arm's `where` filtered the row out: another tenant owns the host.
        return Err(DbError::constraint("website_domains_host_key"));
    }
    Ok(())
}
