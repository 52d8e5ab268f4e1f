//! Every API request is resolved to what its host means: a tenant's domain (branded
//! clients app), the writers host, the staff host, or the API host. The answer is cached
//! in Redis; an unknown host is a 404 before any handler runs.

use std::net::{IpAddr, SocketAddr};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap};
use actix_web::middleware::Next;
use actix_web::web::Data;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use atelier_app::Host;
use futures_util::future::{Ready, ready};

use crate::error::ApiError;
use crate::state::AppState;
use atelier_app::Kind;

/// What the request's host means ([`Host`]), available to handlers as an extractor.
#[derive(Debug, Clone)]
pub struct HostContext(pub Host);

impl std::ops::Deref for HostContext {
    type Target = Host;

    fn deref(&self) -> &Host {
        &self.0
    }
}

/// `Host` header → `acme.localhost`: lower-cased, port and trailing dot removed.
pub fn normalize_host(raw: &str) -> String {
    let raw = raw.trim();
    let without_port = if let Some(rest) = raw.strip_prefix('[') {
        // IPv6 literal: keep what is inside the brackets, when only a port follows them
        // (`[x]@evil.example` is not a host of ours: it stays as it is and resolves to none).
        let (inside, after) = rest.split_once(']').unwrap_or((rest, ""));
        let port_only =
            after.is_empty() || after.strip_prefix(':').is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()));
        if !port_only {
            return raw.to_ascii_lowercase();
        }
        inside
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

/// The address the user reached the app at, `http://acme.localhost:8080`, for links in mail:
/// the host a trusted proxy forwarded, or the request's own, *as it resolved* (normalised:
/// the host of ours it named), with its port when the header ends in one, and the scheme a
/// trusted proxy forwarded. Built from parts, never copied: whatever else a header holds
/// (`[acme.example]@evil.example`) cannot make a link point elsewhere.
pub fn request_origin(req: &HttpRequest, trusted: &[IpAddr]) -> String {
    let proxied = peer_is_trusted(req.peer_addr(), trusted);
    let forwarded = |name: &str| if proxied { first_header_value(req.headers(), name) } else { None };
    let authority = forwarded("x-forwarded-host")
        .or_else(|| req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).map(String::from))
        .or_else(|| req.uri().authority().map(|a| a.to_string()))
        .unwrap_or_default();
    let host = normalize_host(&authority);
    let port = authority
        .rsplit_once(':')
        .map(|(_, p)| p)
        .filter(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()));
    let scheme = match forwarded("x-forwarded-proto").as_deref() {
        Some("https") => "https",
        _ => "http",
    };
    match port {
        Some(port) => format!("{scheme}://{host}:{port}"),
        None => format!("{scheme}://{host}"),
    }
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

/// [`client_ip`] as the rate limiters key it (`unknown` when there is no peer address).
pub fn client_ip_key(req: &HttpRequest, trusted: &[IpAddr]) -> String {
    client_ip(req, trusted).map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

/// Who sent a request that may open a session: IP key, the app's origin, user agent and the
/// app's device id (`X-Atelier-Device`: 16–128 visible ASCII characters, else ignored).
pub fn requester(req: &HttpRequest, trusted: &[IpAddr]) -> atelier_app::accounts::Requester {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    let device = header("x-atelier-device")
        .map(str::trim)
        .filter(|id| (16..=128).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_graphic()))
        .map(str::to_owned);
    atelier_app::accounts::Requester {
        ip: client_ip_key(req, trusted),
        origin: request_origin(req, trusted),
        user_agent: header("user-agent").unwrap_or_default().to_owned(),
        device,
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
        let err = ApiError::new(Kind::Malformed, "missing_host", "The request has no Host header.");
        return Ok(req.error_response(err).map_into_right_body());
    };
    match state.resolve_host(&host).await {
        Ok(context) => {
            req.extensions_mut().insert(HostContext(context));
            Ok(next.call(req).await?.map_into_left_body())
        }
        Err(err) => Ok(req.error_response(ApiError::from(err)).map_into_right_body()),
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
