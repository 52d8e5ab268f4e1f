//! Every API request is resolved to what its host means: a tenant's domain (branded
//! clients app), the writers host, the staff host, or the API host. The answer is cached
//! in Redis; an unknown host is a 404 before any handler runs.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderMap};
use actix_web::middleware::Next;
use actix_web::web::Data;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use atelier_db::Scope;
use atelier_db::tenants::{self, Tenant};
use atelier_domain::HostScope;
use deadpool_redis::redis::AsyncCommands;
use futures_util::future::{Ready, ready};

use crate::error::ApiError;
use crate::state::AppState;

/// What the request's host means, available to handlers as an extractor.
#[derive(Debug, Clone)]
pub struct HostContext {
    /// Lower-case, without port.
    pub host: String,
    pub scope: HostScope,
    pub tenant: Option<Arc<Tenant>>,
}

impl HostContext {
    /// The database scope of anonymous work on this host: the tenant's rows on its domain,
    /// platform accounts on the platform hosts.
    pub fn db_scope(&self) -> Scope {
        match self.scope {
            HostScope::Tenant(id) => Scope::tenant(id),
            HostScope::Writers | HostScope::Staff | HostScope::Api => Scope::platform(),
        }
    }
}

/// `Host` header → `acme.localhost`: lower-cased, port and trailing dot removed.
pub fn normalize_host(raw: &str) -> String {
    let raw = raw.trim();
    let without_port = if let Some(rest) = raw.strip_prefix('[') {
        // IPv6 literal: keep what is inside the brackets.
        rest.split(']').next().unwrap_or_default()
    } else {
        raw.rsplit_once(':').filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit())).map_or(raw, |(h, _)| h)
    };
    without_port.trim_end_matches('.').to_ascii_lowercase()
}

fn first_header_value(headers: &HeaderMap, name: &str) -> Option<String> {
    let value = headers.get(name)?.to_str().ok()?;
    value.split(',').next().map(str::trim).filter(|v| !v.is_empty()).map(String::from)
}

fn peer_is_trusted(peer: Option<SocketAddr>, trusted: &[IpAddr]) -> bool {
    peer.is_some_and(|p| trusted.contains(&p.ip()))
}

/// The host the user typed: `X-Forwarded-Host` when a trusted proxy sent the request,
/// the `Host` header (or the URI's authority, for HTTP/2) otherwise.
pub fn request_host(req: &HttpRequest, trusted: &[IpAddr]) -> Option<String> {
    if peer_is_trusted(req.peer_addr(), trusted)
        && let Some(forwarded) = first_header_value(req.headers(), "x-forwarded-host")
    {
        return Some(normalize_host(&forwarded));
    }
    let raw = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).map(String::from);
    raw.or_else(|| req.uri().authority().map(|a| a.to_string())).map(|h| normalize_host(&h))
}

/// The client's address: the right-most `X-Forwarded-For` entry that is not one of our
/// proxies when a trusted proxy sent the request, the socket's peer otherwise.
pub fn client_ip(req: &HttpRequest, trusted: &[IpAddr]) -> Option<IpAddr> {
    let peer = req.peer_addr();
    if peer_is_trusted(peer, trusted)
        && let Some(chain) = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok())
    {
        let hop = chain.rsplit(',').filter_map(|s| s.trim().parse::<IpAddr>().ok()).find(|ip| !trusted.contains(ip));
        if hop.is_some() {
            return hop;
        }
    }
    peer.map(|p| p.ip())
}

impl AppState {
    /// Resolves a normalised host, from the Redis cache when it can.
    pub async fn resolve_host(&self, host: &str) -> Result<HostContext, ApiError> {
        let settings = &self.settings;
        let platform = |scope| Ok(HostContext { host: host.to_owned(), scope, tenant: None });
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
            Some(tenant) if tenant.active => Ok(HostContext {
                host: host.to_owned(),
                scope: HostScope::Tenant(tenant.id),
                tenant: Some(Arc::new(tenant)),
            }),
            Some(_) => Err(ApiError::not_found("tenant_inactive", "This website is currently unavailable.")),
            None => Err(ApiError::not_found(
                "unknown_host",
                format!("No website is configured for the host `{host}`. Check the address."),
            )),
        }
    }

    /// Cache-aside lookup. Unknown hosts are cached too (briefly), so a flood of random
    /// hosts does not reach PostgreSQL. A Redis failure falls back to the database.
    async fn tenant_for_host(&self, host: &str) -> Result<Option<Tenant>, ApiError> {
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
    async fn lookup_host(&self, host: &str) -> Result<Option<Tenant>, ApiError> {
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

/// Middleware for the `/api/v1` scope: resolve the host or answer 404.
pub async fn resolve(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody + 'static>>, actix_web::Error> {
    let Some(state) = req.app_data::<Data<AppState>>().cloned() else {
        return Ok(req.error_response(ApiError::internal(anyhow::anyhow!("AppState missing"))).map_into_right_body());
    };
    let Some(host) = request_host(req.request(), &state.settings.trusted_proxies) else {
        let err = ApiError::new(StatusCode::BAD_REQUEST, "missing_host", "The request has no Host header.");
        return Ok(req.error_response(err).map_into_right_body());
    };
    match state.resolve_host(&host).await {
        Ok(context) => {
            req.extensions_mut().insert(context);
            Ok(next.call(req).await?.map_into_left_body())
        }
        Err(err) => Ok(req.error_response(err).map_into_right_body()),
    }
}

impl FromRequest for HostContext {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let context = req.extensions().get::<HostContext>().cloned();
        ready(context.ok_or_else(|| ApiError::internal(anyhow::anyhow!("host not resolved: route outside /api/v1?"))))
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_host;

    #[test]
    fn hosts_are_compared_without_port_case_or_trailing_dot() {
        assert_eq!(normalize_host("Acme.LocalHost:8080"), "acme.localhost");
        assert_eq!(normalize_host("acme.localhost."), "acme.localhost");
        assert_eq!(normalize_host("[::1]:8080"), "::1");
        assert_eq!(normalize_host("127.0.0.1"), "127.0.0.1");
    }
}
