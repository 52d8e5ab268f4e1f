use atelier_types::sites::Site;
use leptos::callback::UnsyncCallback;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api::{self};
use crate::components::ConfirmButton;
use crate::components::sites::{PreviewFrame, WithSite, page_picker};
use crate::i18n::{I18n, Lang, Msg, labels};
use crate::pages::clients::deploy::DeployPanel;

// ---------------------------------------------------------------------------------------
// A site's page.

#[component]
pub fn SitePage() -> impl IntoView {
    view! { <WithSite ready=|site| view! { <SiteOverview site=site/> }.into_any()/> }
}

#[component]
fn SiteOverview(site: Site) -> impl IntoView {
    let i18n = I18n::get();
    let navigate = use_navigate();
    let id = site.summary.id;
    let page = RwSignal::new(String::new());
    let pages: Vec<(String, String)> = site.config.pages.iter().map(|p| (p.slug.clone(), p.title.clone())).collect();
    let pending: RwSignal<Option<usize>> = RwSignal::new(None);
    spawn_local(async move {
        if let Ok(entries) = api::list_ai_content(id).await {
            pending.set(Some(
                entries.iter().filter(|e| e.status == atelier_types::sites::AiContentStatus::Pending).count(),
            ));
        }
    });
    let delete = move |()| {
        let navigate = navigate.clone();
        spawn_local(async move {
            if api::delete_site(id).await.is_ok() {
                navigate("/", NavigateOptions::default());
            }
        });
    };
    let s = site.summary.clone();
    let status = RwSignal::new(s.status);
    view! {
        <div class="site-head">
            <div>
                <h1 data-test="site-title">{s.name.clone()}</h1>
                <div class="muted">
                    <span class="badge" data-test="site-status">{move || i18n.t(labels::status(status.get()))()}</span> " "
                    {move || labels::industry(s.industry, i18n.lang())} " · " {labels::template(s.template, Lang::En).0}
                    " · " {i18n.t(Msg::SiteAddress)} " " <code data-test="site-url">{s.url.clone()}</code>
                </div>
            </div>
            <div class="actions">
                <A href=format!("/sites/{id}/wizard") attr:class="btn btn-secondary" attr:data-test="edit-site">{i18n.t(Msg::EditSite)}</A>
                <ConfirmButton label=Msg::DeleteSite question=Msg::ConfirmDelete class="btn btn-danger" test="delete-site" on_confirm=UnsyncCallback::new(delete) />
            </div>
        </div>
        {move || pending.get().filter(|n| *n > 0).map(|n| view! { <p class="muted" data-test="pending-review">{n} " " {i18n.t(Msg::AwaitingReview)}</p> })}
        <DeployPanel site_id=id url=s.url.clone() site_status=status/>
        <h2>{i18n.t(Msg::Preview)}</h2>
        <div class="preview-bar">{page_picker(Signal::derive(move || pages.clone()), page)}</div>
        <PreviewFrame site_id=id page=page.into() version=Signal::derive(|| 0)/>
    }
}
