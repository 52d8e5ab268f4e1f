//! The OpenAPI 3.1 document: paths come from the handlers' `#[utoipa::path]` through
//! `routes::configure`, so a route cannot exist without being documented.

use actix_web::App;
use atelier_domain::tokens::{TokenNeed, token_need};
use serde_json::Value;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{Ref, RefOr};
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
    // Path parameters name their schema without pulling it in.
    components(schemas(atelier_types::sites::WizardStep)),
    tags(
        (name = "auth", description = "Accounts and sessions"),
        (name = "account", description = "The signed-in person's profile, password, address and sessions"),
        (name = "billing", description = "Plans and their limits, usage, invoices, payments (transfer, balance, card), refunds as credit notes, promo codes, loyalty points, referrals, content packages, billing settings and revenue"),
        (name = "notifications", description = "What happened that the signed-in person cares about: the list, the live socket, the preferences"),
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
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("A session's access token (15 minutes; `POST /auth/refresh` renews it)."))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "access_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("atl_…")
                    .description(Some(
                        "A personal access token (`POST /me/tokens`), for third parties: it works on the host it \
                         was made on, within its scopes (listed per operation). Outside them: `403 \
                         insufficient_scope`. See docs/api-tokens.md.",
                    ))
                    .build(),
            ),
        );
    }
}

/// The document as the server publishes it at `/api/openapi.json`.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, mut doc) =
        App::new().into_utoipa_app().openapi(ApiDoc::openapi()).configure(crate::routes::configure).split_for_parts();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    with_shared_answers(doc)
}

/// The answers every operation of a kind can give, whatever its handler says, added where
/// the handler's own list lacks them: the host check in front of `/api/v1` (404), a
/// dependency down (503), authentication on secured operations (401) and the role or app
/// check behind it (403), and the body and query extractors (400, 413, 415, 422). A client
/// generated from the document then knows every status the server can send.
fn with_shared_answers(mut doc: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    for (path, item) in doc.paths.paths.iter_mut() {
        let operations = [
            ("GET", &mut item.get),
            ("PUT", &mut item.put),
            ("POST", &mut item.post),
            ("DELETE", &mut item.delete),
            ("PATCH", &mut item.patch),
        ];
        for (method, operation) in operations {
            let Some(operation) = operation else { continue };
            with_token_scope(method, path, operation);
            let Ok(view) = serde_json::to_value(&*operation) else { continue };
            for (status, description) in shared_answers(path, &view) {
                operation.responses.responses.entry(status.to_owned()).or_insert_with(|| {
                    let body = ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build();
                    RefOr::T(ResponseBuilder::new().description(description).content("application/json", body).build())
                });
            }
        }
    }
    doc
}

/// A signed-in operation a personal access token may call lists the `access_token` scheme
/// with the scope it needs (the rule the server applies, `domain::tokens::token_need`).
fn with_token_scope(method: &str, path: &str, operation: &mut utoipa::openapi::path::Operation) {
    let Some(security) = operation.security.as_mut().filter(|s| !s.is_empty()) else { return };
    let scopes: Vec<&str> = match token_need(method, path) {
        TokenNeed::SessionOnly => return,
        TokenNeed::Any => Vec::new(),
        TokenNeed::Scope(scope) => vec![scope.as_str()],
    };
    security.push(SecurityRequirement::new("access_token", scopes));
}

/// (status, what it means) for one operation.
fn shared_answers(path: &str, operation: &Value) -> Vec<(&'static str, &'static str)> {
    let mut answers = Vec::new();
    if !path.starts_with("/api/v1/") {
        return answers;
    }
    answers.push(("404", "The host is no website's (`unknown_host`), the website is switched off (`tenant_inactive`), or nothing the caller can see is at this path (`not_found`)"));
    answers.push(("503", "PostgreSQL or Redis does not answer (`service_unavailable`), or the server is busy checking passwords (`busy`, with `Retry-After`); try again in a moment"));
    let secured = operation.get("security").and_then(Value::as_array).is_some_and(|s| !s.is_empty());
    if secured {
        answers.push(("401", "Not signed in, or the token expired or belongs to another host (`unauthenticated`, `token_expired`, `invalid_token`)"));
        if operation["operationId"] != "get_me" {
            answers.push(("403", "The caller's role or app may not do this (`wrong_app`, `clients_only`, `staff_only`, `not_your_role`, …), or an access token lacks the scope (`insufficient_scope`)"));
        }
    }
    let content = &operation["requestBody"]["content"];
    if content.get("application/json").is_some() {
        answers.push(("400", "The body is not valid JSON (`malformed_json`)"));
        answers.push(("413", "The body is larger than this operation accepts (`payload_too_large`)"));
        answers.push(("415", "The body is not sent as `application/json` (`unsupported_media_type`)"));
        answers.push(("422", "The body does not have the expected shape (`invalid_body`) or its fields need attention (`validation_failed`)"));
    } else if content.is_object() {
        answers.push(("400", "The upload did not arrive whole (`upload_interrupted`)"));
        answers.push(("413", "The file is larger than this operation accepts (`file_too_large`)"));
    }
    let has_query = operation["parameters"].as_array().is_some_and(|ps| ps.iter().any(|p| p["in"] == "query"));
    if has_query {
        answers.push(("400", "The query string is not valid (`invalid_query`)"));
    }
    answers
}
