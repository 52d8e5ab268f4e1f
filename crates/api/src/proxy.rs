//! The local reverse proxy for published sites: `<slug>.sites.<platform domain>` reaches the
//! live instance of that site (in production nginx does this job). The live port is cached in
//! Redis; the deployer overwrites the entry at the switch, so traffic moves in one step.

use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName};
use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse};
use atelier_db::Scope;
use atelier_deployer::pipeline::route_key;
use deadpool_redis::redis::AsyncCommands;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use atelier_app::Kind;

/// Every answer of a site server carries it (the build's content hash).
pub const BUILD_HEADER: &str = "x-atelier-build";

/// `bakery.sites.localhost` → `bakery`, for the platform domain `localhost`.
pub fn site_slug<'a>(host: &'a str, platform_domain: &str) -> Option<&'a str> {
    let slug = host.strip_suffix(platform_domain)?.strip_suffix(".sites.")?;
    (!slug.is_empty() && !slug.contains('.')).then_some(slug)
}

/// (port, build) of the site's live instance: from Redis, else from the database.
async fn live_route(state: &AppState, slug: &str, fresh: bool) -> ApiResult<Option<(u16, String)>> {
    let key = route_key(state.keys.prefix(), slug);
    let mut conn = state.redis.get().await.map_err(|e| ApiError::unavailable("The site cache", e))?;
    if !fresh
        && let Ok(Some(cached)) = conn.get::<_, Option<String>>(&key).await
        && let Some((port, build)) = cached.split_once(' ')
        && let Ok(port) = port.parse::<u16>()
    {
        return Ok(Some((port, build.to_owned())));
    }
    let mut tx = state.db.begin(&Scope::everything()).await?;
    let route = atelier_db::sites::live_port(&mut tx, slug).await?;
    tx.commit().await?;
    let route = route.and_then(|live| Some((u16::try_from(live.port).ok()?, live.content_hash)));
    match &route {
        Some((port, build)) => {
            let _: Result<(), _> = conn.set_ex(&key, format!("{port} {build}"), 300).await;
        }
        None => {
            let _: Result<(), _> = conn.del(&key).await;
        }
    }
    Ok(route)
}

fn not_published(slug: &str) -> HttpResponse {
    HttpResponse::NotFound()
        .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
        .insert_header((BUILD_HEADER, "none"))
        .body(format!(
            "<!doctype html><meta charset=utf-8><title>Not published</title>\
             <p style=\"font-family:system-ui;margin:4em auto;max-width:30em\">The site <b>{}</b> is not published yet.</p>",
            slug.replace(['<', '>', '&', '"'], "")
        ))
}

/// Forwards a GET or HEAD to the site's live instance.
pub async fn forward(req: &HttpRequest, state: &Data<AppState>, slug: &str) -> ApiResult<HttpResponse> {
    let method = req.method().clone();
    if method != actix_web::http::Method::GET && method != actix_web::http::Method::HEAD {
        return Ok(HttpResponse::MethodNotAllowed()
            .insert_header((header::ALLOW, "GET, HEAD"))
            .insert_header((BUILD_HEADER, "none"))
            .finish());
    }
    let path = req.uri().path_and_query().map_or("/", |p| p.as_str()).to_owned();
    // The cached route first; if its port answers with another build (a switch raced the
    // cache, or the port now belongs to another site), the database decides, once.
    let mut upstream = None;
    for fresh in [false, true] {
        let Some((port, build)) = live_route(state, slug, fresh).await? else { return Ok(not_published(slug)) };
        let mut request = state
            .proxy_client
            .request(
                if method == actix_web::http::Method::HEAD { reqwest::Method::HEAD } else { reqwest::Method::GET },
                format!("http://127.0.0.1:{port}{path}"),
            )
            .timeout(Duration::from_secs(10));
        // What lets the site server answer 304 (the visitor has this build) or its gzip twin.
        for name in ["if-none-match", "accept-encoding"] {
            if let Some(value) = req.headers().get(name).and_then(|v| v.to_str().ok()) {
                request = request.header(name, value);
            }
        }
        let answer = request.send().await;
        match answer {
            Ok(res) if res.headers().get(BUILD_HEADER).and_then(|v| v.to_str().ok()) == Some(build.as_str()) => {
                upstream = Some(res);
                break;
            }
            Ok(_) | Err(_) if !fresh => continue,
            Ok(_) => return Ok(not_published(slug)),
            Err(e) => {
                return Err(ApiError::new(
                    Kind::Upstream,
                    "site_unreachable",
                    format!("The site is not answering ({e})."),
                ));
            }
        }
    }
    let Some(upstream) = upstream else { return Ok(not_published(slug)) };
    let mut response =
        HttpResponse::build(StatusCode::from_u16(upstream.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY));
    for name in [
        "content-type",
        "cache-control",
        "location",
        "x-content-type-options",
        "etag",
        "content-encoding",
        "vary",
        BUILD_HEADER,
    ] {
        if let Some(value) = upstream.headers().get(name).and_then(|v| v.to_str().ok()) {
            response.insert_header((HeaderName::from_static(name), value.to_owned()));
        }
    }
    let body = upstream
        .bytes()
        .await
        .map_err(|e| ApiError::new(Kind::Upstream, "site_unreachable", format!("The site stopped answering ({e}).")))?;
    Ok(response.body(body))
}

#[cfg(test)]
mod tests {
    use super::site_slug;

    #[test]
    fn only_direct_children_of_sites_are_site_hosts() {
        assert_eq!(site_slug("bakery.sites.localhost", "localhost"), Some("bakery"));
        assert_eq!(site_slug("sites.localhost", "localhost"), None);
        assert_eq!(site_slug("a.b.sites.localhost", "localhost"), None);
        assert_eq!(site_slug("acme.localhost", "localhost"), None);
        assert_eq!(site_slug("bakery.sites.example.com", "localhost"), None);
    }
}
