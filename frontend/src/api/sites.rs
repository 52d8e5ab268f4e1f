//! Sites: the list, creation (wizard and Mode Rapide), the wizard's steps, the preview,
//! generated texts, stop/start and deletion.

use atelier_types::queries::{ListQuery, PreviewQuery};
use atelier_types::sites::{AiContent, NewSite, RapideRequest, Regenerated, Site, SiteList, StepDraft, WizardStep};
use uuid::Uuid;

use super::{Boxed, Call, delete, encode, get, get_text, patch, post, post_empty, with_query};

pub fn list_sites(query: ListQuery) -> Call<SiteList> {
    get(with_query("/api/v1/sites", &query))
}

pub fn create_site(site: &NewSite) -> Call<Site> {
    post("/api/v1/sites", site)
}

pub fn create_rapide_site(request: &RapideRequest) -> Call<Site> {
    post("/api/v1/sites/rapide", request)
}

pub fn get_site(id: Uuid) -> Call<Site> {
    get(format!("/api/v1/sites/{id}"))
}

pub fn delete_site(id: Uuid) -> Call<()> {
    delete(format!("/api/v1/sites/{id}"))
}

/// The site's HTML as it would be published (one page).
pub fn preview_site(id: Uuid, query: PreviewQuery) -> Boxed<String> {
    get_text(with_query(&format!("/api/v1/sites/{id}/preview"), &query))
}

pub fn save_wizard_step(id: Uuid, step: WizardStep, draft: &StepDraft) -> Call<Site> {
    let step = serde_json::to_string(&step).map(|name| encode(name.trim_matches('"'))).unwrap_or_default();
    patch(format!("/api/v1/sites/{id}/steps/{step}"), draft)
}

pub fn list_ai_content(id: Uuid) -> Call<Vec<AiContent>> {
    get(format!("/api/v1/sites/{id}/ai-content"))
}

pub fn regenerate_section(id: Uuid, section_id: &str) -> Call<Regenerated> {
    post_empty(format!("/api/v1/sites/{id}/sections/{}/regenerate", encode(section_id)))
}

pub fn revert_ai_content(id: Uuid, entry_id: Uuid) -> Call<Site> {
    post_empty(format!("/api/v1/sites/{id}/ai-content/{entry_id}/revert"))
}

pub fn stop_site(id: Uuid) -> Call<Site> {
    post_empty(format!("/api/v1/sites/{id}/stop"))
}

pub fn start_site(id: Uuid) -> Call<Site> {
    post_empty(format!("/api/v1/sites/{id}/start"))
}
