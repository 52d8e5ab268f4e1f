//! A client's sites: create (wizard or Mode Rapide), list, read, save a wizard step,
//! preview a page, regenerate or revert a section, delete.
//!
//! Every query is scoped to the host's tenant and the signed-in client: another client's
//! site, of this tenant or another, is a 404 exactly like a site that does not exist.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{HttpResponse, delete, get, patch, post};
use atelier_types::ErrorBody;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::tenancy::HostContext;
use actix_web::http::header::{self, ContentType};
use atelier_types::queries::{ListQuery, PreviewQuery};
use atelier_types::sites::{AiContent, NewSite, RapideRequest, Regenerated, Site, SiteList, StepDraft, WizardStep};
use serde_json::Value;

/// Starts a site from step 1 of the wizard. It begins with content written for its
/// industry (recorded in the AI content queue), which the next steps shape.
#[utoipa::path(
    tag = "sites",
    request_body = NewSite,
    responses(
        (status = 201, description = "The site, as a draft at step 1", body = Site),
        (status = 409, description = "The slug is taken (`slug_taken`)", body = ErrorBody),
        (status = 422, description = "Invalid fields (`validation_failed`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/sites")]
pub async fn create_site(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    body: Json<NewSite>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(atelier_app::sites::create(&state, &user.at(host), body.into_inner()).await?))
}

/// Mode Rapide: one form → a complete site (template for the industry, every page
/// written), saved, and its first deployment queued, in one call.
#[utoipa::path(
    tag = "sites",
    request_body = RapideRequest,
    responses(
        (status = 201, description = "The complete site, at the review step, its first deployment queued", body = Site),
        (status = 422, description = "Invalid fields (`validation_failed`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/sites/rapide")]
pub async fn create_rapide_site(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    body: Json<RapideRequest>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(atelier_app::sites::rapide(&state, &user.at(host), body.into_inner()).await?))
}

/// The client's sites, newest first.
#[utoipa::path(
    tag = "sites",
    params(ListQuery),
    responses(
        (status = 200, description = "One page of sites", body = SiteList),
        (status = 422, description = "`page` or `per_page` out of range", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/sites")]
pub async fn list_sites(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    query: Query<ListQuery>,
) -> ApiResult<Json<SiteList>> {
    let ListQuery { page, per_page } = query.into_inner();
    Ok(Json(atelier_app::sites::list(&state, &user.at(host), page, per_page).await?))
}

/// One site with its whole config.
#[utoipa::path(
    tag = "sites",
    params(("id" = Uuid, Path, description = "The site")),
    responses(
        (status = 200, description = "The site", body = Site),
        (status = 404, description = "No such site of yours (`site_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/sites/{id}")]
pub async fn get_site(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<Site>> {
    Ok(Json(atelier_app::sites::get_site(&state, &user.at(host), id.into_inner()).await?))
}

/// Deletes the site and everything written for it; a published site is stopped first.
#[utoipa::path(
    tag = "sites",
    params(("id" = Uuid, Path, description = "The site")),
    responses(
        (status = 204, description = "Deleted: its instances stopped, its ports and builds freed"),
        (status = 404, description = "No such site of yours (`site_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[delete("/sites/{id}")]
pub async fn delete_site(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<HttpResponse> {
    atelier_app::sites::delete_site(&state, &user.at(host), id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Saves one wizard step: that step's part of the config, checked with the same rules the
/// wizard runs. Other steps' parts are untouched. The site resumes at this step.
#[utoipa::path(
    tag = "sites",
    params(
        ("id" = Uuid, Path, description = "The site"),
        ("step" = WizardStep, Path, description = "`business`, `template`, `branding`, `pages`, `content`, `media`, `contact_seo` or `review`"),
    ),
    request_body(content = StepDraft, description = "The step's fields; `step` may be left out (the path names it)"),
    responses(
        (status = 200, description = "The saved site", body = Site),
        (status = 404, description = "No such site of yours (`site_not_found`)", body = ErrorBody),
        (status = 422, description = "This step's invalid fields (`validation_failed`), with their paths; nothing saved", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[patch("/sites/{id}/steps/{step}")]
pub async fn save_wizard_step(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    path: Path<(Uuid, WizardStep)>,
    body: Json<Value>,
) -> ApiResult<Json<Site>> {
    Ok(Json(atelier_app::sites::save_step(&state, &user.at(host), path.into_inner(), body.into_inner()).await?))
}

/// One page of the saved config as HTML, with its stylesheet inside: the wizard's live
/// preview. Served with a policy that lets no script run.
#[utoipa::path(
    tag = "sites",
    params(("id" = Uuid, Path, description = "The site"), PreviewQuery),
    responses(
        (status = 200, description = "The page", content_type = "text/html", body = String),
        (status = 404, description = "No such site of yours (`site_not_found`) or page (`page_not_found`)", body = ErrorBody),
        (status = 422, description = "The config has errors to fix first (`validation_failed`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/sites/{id}/preview")]
pub async fn preview_site(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    query: Query<PreviewQuery>,
) -> ApiResult<HttpResponse> {
    let html = atelier_app::sites::preview(&state, &user.at(host), id.into_inner(), &query.page).await?;
    Ok(HttpResponse::Ok()
        .content_type(ContentType::html())
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; sandbox",
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(html))
}

/// Writes one section again. Only that section changes; the answer shows the difference
/// word by word, and the new text waits in the AI content queue (revert puts the old
/// text back).
#[utoipa::path(
    tag = "sites",
    params(("id" = Uuid, Path, description = "The site"), ("section_id" = String, Path, description = "The section")),
    responses(
        (status = 200, description = "The new text, its difference, and the site", body = Regenerated),
        (status = 404, description = "No such site (`site_not_found`) or section (`section_not_found`)", body = ErrorBody),
        (status = 422, description = "A gallery holds the client's images: nothing to write (`not_generated`)", body = ErrorBody),
        (status = 502, description = "The configured generator failed (`generator_unavailable`); nothing changed", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/sites/{id}/sections/{section_id}/regenerate")]
pub async fn regenerate_section(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    path: Path<(Uuid, String)>,
) -> ApiResult<Json<Regenerated>> {
    Ok(Json(atelier_app::sites::regenerate_section(&state, &user.at(host), path.0, path.1.clone()).await?))
}

/// The site's generated texts, newest first, with their review status.
#[utoipa::path(
    tag = "sites",
    params(("id" = Uuid, Path, description = "The site")),
    responses(
        (status = 200, description = "The site's AI content queue entries", body = Vec<AiContent>),
        (status = 404, description = "No such site of yours (`site_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/sites/{id}/ai-content")]
pub async fn list_ai_content(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<Vec<AiContent>>> {
    Ok(Json(atelier_app::sites::ai_content(&state, &user.at(host), id.into_inner()).await?))
}

/// Puts back the text a regeneration replaced. Refused when the section has changed
/// since (edited, or regenerated again): reverting then would lose that newer text.
#[utoipa::path(
    tag = "sites",
    params(("id" = Uuid, Path, description = "The site"), ("entry_id" = Uuid, Path, description = "The queue entry")),
    responses(
        (status = 200, description = "The site with the previous text back", body = Site),
        (status = 404, description = "No such site (`site_not_found`) or entry (`entry_not_found`)", body = ErrorBody),
        (status = 409, description = "Nothing to revert to (`nothing_to_revert`) or the section changed since (`section_changed`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/sites/{id}/ai-content/{entry_id}/revert")]
pub async fn revert_ai_content(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    path: Path<(Uuid, Uuid)>,
) -> ApiResult<Json<Site>> {
    Ok(Json(atelier_app::sites::revert_ai_content(&state, &user.at(host), path.into_inner()).await?))
}
