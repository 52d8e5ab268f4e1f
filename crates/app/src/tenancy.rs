//! What a host means: a platform host (writers, staff, API) or a tenant's domain, looked
//! up cache-aside in Redis.

use std::sync::Arc;

use atelier_db::Scope;
use atelier_db::tenants::{self, Tenant};
use atelier_domain::HostScope;
use deadpool_redis::redis::AsyncCommands;

use crate::{App, AppError, AppResult, Host};

impl App {
    /// Resolves a normalised host, from the Redis cache when it can.
    pub async fn resolve_host(&self, host: &str) -> AppResult<Host> {
        let settings = &self.settings;
        let platform = |scope| Ok(Host { host: host.to_owned(), scope, tenant: None });
        if host == settings.writers_host() {
            return platform(HostScope::Writers);
        }
        if host == settings.staff_host() {
            return platform(HostScope::Staff);
        }
        if host == settings.api_host() || host == settings.platform_domain {
            return platform(HostScope::Api);
        }

        let tenant = self.tenant_for_host(host).await?;
        match tenant {
            Some(tenant) if tenant.active => {
                Ok(Host { host: host.to_owned(), scope: HostScope::Tenant(tenant.id), tenant: Some(Arc::new(tenant)) })
            }
            Some(_) => Err(AppError::not_found("tenant_inactive", "This website is currently unavailable.")),
            None => Err(AppError::not_found(
                "unknown_host",
                format!("No website is configured for the host `{host}`. Check the address."),
            )),
        }
    }

    /// Cache-aside lookup. Unknown hosts are cached too (briefly), so a flood of random
    /// hosts does not reach PostgreSQL. A Redis failure falls back to the database.
    async fn tenant_for_host(&self, host: &str) -> AppResult<Option<Tenant>> {
        let key = self.keys.tenant_by_host(host);
        match self.redis.get().await {
            Ok(mut conn) => {
                let cached: Result<Option<String>, _> = conn.get(&key).await;
                match cached {
                    Ok(Some(json)) => match serde_json::from_str::<Option<Tenant>>(&json) {
                        Ok(tenant) => return Ok(tenant),
                        Err(e) => {
                            tracing::warn!(error = %e, key, "ignoring unreadable tenant cache entry")
                        }
                    },
                    Ok(None) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "tenant cache read failed; using the database")
                    }
                }
                let tenant = self.lookup_host(host).await?;
                let ttl = if tenant.is_some() { self.settings.tenant_cache_ttl_secs } else { 10 };
                if let Ok(json) = serde_json::to_string(&tenant) {
                    let stored: Result<(), _> = conn.set_ex(&key, json, ttl).await;
                    if let Err(e) = stored {
                        tracing::warn!(error = %e, "tenant cache write failed");
                    }
                }
                Ok(tenant)
            }
            Err(e) => {
                tracing::warn!(error = %e, "Redis unavailable; resolving the tenant from the database");
                self.lookup_host(host).await
            }
        }
    }

    /// Domains and branding are public rows: no tenant scope is needed to read them.
    async fn lookup_host(&self, host: &str) -> AppResult<Option<Tenant>> {
        let mut tx = self.db.begin(&Scope::none()).await?;
        let tenant = tenants::find_by_host(&mut tx, host).await?;
        tx.commit().await?;
        Ok(tenant)
    }

    /// Forgets the cached resolution of `host` (after a tenant or domain changes).
    pub async fn forget_host(&self, host: &str) -> anyhow::Result<()> {
        let mut conn = self.redis.get().await?;
        let _: () = conn.del(self.keys.tenant_by_host(host)).await?;
        Ok(())
    }
}
