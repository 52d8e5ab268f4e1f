//! Serves the three web apps by host: a tenant's domain gets the clients app, `writers.*`
//! the writers app, `staff.*` the staff app. Some pages are builds of their own (see
//! [`PARTS`]): on a tenant's domain the site wizard (`/sites/<id>/wizard`, files under
//! `/wizard/`) and the billing page (`/billing…`, files under `/billing-app/`); on the staff
//! host the money pages (`/money…`, files under `/money-app/`).
//! The builds (Trunk's `dist/<app>` folders) are read into memory at start and gzipped once;
//! app routes fall back to `index.html`; hashed assets are cached for a year, `index.html`
//! never.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use actix_web::http::header::{self, HeaderValue};
use actix_web::web::{Bytes, Data};
use actix_web::{HttpRequest, HttpResponse};
use atelier_domain::HostScope;
use flate2::Compression;
use flate2::write::GzEncoder;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::tenancy::request_host;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum App {
    Clients,
    /// The clients app's site wizard, built apart (its files are under `/wizard/`).
    Wizard,
    /// The clients app's billing page, built apart (its files are under `/billing-app/`).
    Billing,
    Writers,
    Staff,
    /// The staff app's money pages, built apart (its files are under `/money-app/`).
    Money,
}

/// A build that serves some pages of another app: which app, which pages, and where its
/// files are (its Trunk public URL, without the last `/`).
struct Part {
    app: App,
    of: App,
    is_page: fn(&str) -> bool,
    files: &'static str,
}

/// Whether `path` is the wizard's page: `/sites/<id>/wizard`.
fn is_wizard_page(path: &str) -> bool {
    let segments: Vec<&str> = path.strip_suffix('/').unwrap_or(path).split('/').collect();
    matches!(segments.as_slice(), ["", "sites", id, "wizard"] if !id.is_empty())
}

/// `/<name>` or any page under it.
fn under(path: &str, name: &str) -> bool {
    path.strip_prefix(name).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

const PARTS: [Part; 3] = [
    Part { app: App::Wizard, of: App::Clients, is_page: is_wizard_page, files: "/wizard" },
    Part { app: App::Billing, of: App::Clients, is_page: |p| under(p, "/billing"), files: "/billing-app" },
    Part { app: App::Money, of: App::Staff, is_page: |p| under(p, "/money"), files: "/money-app" },
];

impl App {
    pub const ALL: [App; 6] = [App::Clients, App::Wizard, App::Billing, App::Writers, App::Staff, App::Money];

    pub fn dir_name(self) -> &'static str {
        match self {
            App::Clients => "clients",
            App::Wizard => "wizard",
            App::Billing => "billing",
            App::Writers => "writers",
            App::Staff => "staff",
            App::Money => "money",
        }
    }

    fn for_host(scope: HostScope) -> Option<App> {
        match scope {
            HostScope::Tenant(_) => Some(App::Clients),
            HostScope::Writers => Some(App::Writers),
            HostScope::Staff => Some(App::Staff),
            HostScope::Api => None,
        }
    }
}

struct Asset {
    content_type: &'static str,
    body: Bytes,
    /// Present when gzip makes it smaller.
    gzipped: Option<Bytes>,
    immutable: bool,
}

/// The built apps, in memory. An app whose folder is missing is simply absent.
#[derive(Default)]
pub struct WebApps {
    apps: HashMap<App, HashMap<String, Asset>>,
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" => "application/json",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes)?;
    encoder.finish()
}

fn files_under(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files_under(&path, found)?;
        } else {
            found.push(path);
        }
    }
    Ok(())
}

impl WebApps {
    /// Reads `<root>/<app>` for each of [`App::ALL`].
    pub fn load(root: &Path) -> std::io::Result<WebApps> {
        let mut apps = HashMap::new();
        for app in App::ALL {
            let dir = root.join(app.dir_name());
            if !dir.join("index.html").is_file() {
                tracing::warn!(app = app.dir_name(), dir = %dir.display(), "web app not built; its host will say so");
                continue;
            }
            let mut paths = Vec::new();
            files_under(&dir, &mut paths)?;
            let mut assets = HashMap::new();
            for path in paths {
                let Ok(relative) = path.strip_prefix(&dir) else {
                    continue;
                };
                let key = format!("/{}", relative.to_string_lossy().replace('\\', "/"));
                let body = std::fs::read(&path)?;
                let compressed = gzip(&body)?;
                let gzipped = (compressed.len() < body.len()).then(|| Bytes::from(compressed));
                let immutable = key != "/index.html";
                assets.insert(
                    key.clone(),
                    Asset { content_type: content_type(&key), body: body.into(), gzipped, immutable },
                );
            }
            tracing::info!(app = app.dir_name(), files = assets.len(), "web app loaded");
            apps.insert(app, assets);
        }
        Ok(WebApps { apps })
    }

    /// A file of the build, or 404 (no fallback to `index.html`).
    fn respond_file(&self, app: App, path: &str, req: &HttpRequest) -> ApiResult<HttpResponse> {
        if path == "/index.html" || !self.apps.get(&app).is_some_and(|assets| assets.contains_key(path)) {
            return Err(ApiError::not_found("not_found", format!("No file {path} in this app.")));
        }
        self.respond(app, path, req)
    }

    fn respond(&self, app: App, path: &str, req: &HttpRequest) -> ApiResult<HttpResponse> {
        let Some(assets) = self.apps.get(&app) else {
            return Err(ApiError::new(
                atelier_app::Kind::Unavailable,
                "app_not_built",
                format!(
                    "The {} app has not been built. Run `cargo xtask web` (or `cargo xtask dev`), then restart.",
                    app.dir_name()
                ),
            ));
        };
        // A path with a file extension is an asset; anything else is an app route.
        let is_route = !path.rsplit('/').next().unwrap_or_default().contains('.');
        let asset = match assets.get(path) {
            Some(asset) => asset,
            None if is_route => {
                assets.get("/index.html").ok_or_else(|| ApiError::internal(anyhow::anyhow!("index.html vanished")))?
            }
            None => {
                return Err(ApiError::not_found("not_found", format!("No file {path} in this app.")));
            }
        };
        let accepts_gzip = req
            .headers()
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|e| e.trim().starts_with("gzip")));
        let mut response = HttpResponse::Ok();
        response.insert_header((header::CONTENT_TYPE, asset.content_type));
        response.insert_header((header::VARY, "Accept-Encoding"));
        response.insert_header((
            header::CACHE_CONTROL,
            if asset.immutable { "public, max-age=31536000, immutable" } else { "no-cache" },
        ));
        match &asset.gzipped {
            Some(gzipped) if accepts_gzip => {
                response.insert_header((header::CONTENT_ENCODING, HeaderValue::from_static("gzip")));
                Ok(response.body(gzipped.clone()))
            }
            _ => Ok(response.body(asset.body.clone())),
        }
    }
}

/// Every request no API route matched: the app of this host, or a JSON 404.
pub async fn serve(req: HttpRequest, state: Data<AppState>) -> ApiResult<HttpResponse> {
    let host = request_host(&req, &state.settings.trusted_proxies)
        .ok_or_else(|| ApiError::not_found("unknown_host", "The request has no Host header."))?;
    if let Some(slug) = crate::proxy::site_slug(&host, &state.settings.platform_domain) {
        return crate::proxy::forward(&req, &state, slug).await;
    }
    let path = req.path();
    if path.starts_with("/api/") || path == "/api" {
        return crate::error::no_route(req).await;
    }
    let context = state.resolve_host(&host).await?;
    let host_app = App::for_host(context.scope);
    for part in PARTS.iter().filter(|part| Some(part.of) == host_app) {
        if (part.is_page)(path) {
            return state.web.respond(part.app, "/", &req);
        }
        // Its files only: an address there is no page of either build.
        if let Some(file) = path.strip_prefix(part.files).filter(|rest| rest.starts_with('/')) {
            return state.web.respond_file(part.app, file, &req);
        }
    }
    match host_app {
        Some(app) => state.web.respond(app, path, &req),
        // The API host has no app: its front page is the API documentation.
        None if path == "/" => Ok(HttpResponse::Found().insert_header((header::LOCATION, "/api/docs/")).finish()),
        None => crate::error::no_route(req).await,
    }
}
