//! The OpenAPI 3.1 document: paths come from the handlers' `#[utoipa::path]` through
//! `routes::configure`, so a route cannot exist without being documented.

use actix_web::App;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Atelier API",
        description = "White-label website generator portal. Every error is a JSON `ErrorBody` \
            with a stable `code`. `/api/v1` answers on every host; the host decides the tenant \
            and which accounts may sign in.",
        license(name = "AGPL-3.0-only", identifier = "AGPL-3.0-only"),
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Accounts and sessions"),
        (name = "tenancy", description = "What the current host is"),
        (name = "orders", description = "Written content: the catalogue, orders and their lifecycle"),
        (name = "staff", description = "The staff console: websites, customers, the audit log"),
        (name = "earnings", description = "Writers' earnings and payouts"),
        (name = "deployments", description = "Publishing a site: the queue, steps, logs, cancel and rollback"),
        (name = "sites", description = "A client's sites: the wizard's steps, Mode Rapide, preview, generated content"),
        (name = "operations", description = "Health, readiness and metrics"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
    }
}

/// The document as the server publishes it at `/api/openapi.json`.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, mut doc) =
        App::new().into_utoipa_app().openapi(ApiDoc::openapi()).configure(crate::routes::configure).split_for_parts();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc
}
