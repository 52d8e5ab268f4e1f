use atelier_types::sites::{SiteList, WizardStep};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api::{self, ApiError};
use crate::components::{Skeleton, error_text};
use crate::i18n::{I18n, Lang, Msg, labels};
use atelier_types::queries::ListQuery;

// ---------------------------------------------------------------------------------------
// The list.

#[component]
pub fn SitesHome() -> impl IntoView {
    let i18n = I18n::get();
    let sites: RwSignal<Option<Result<SiteList, ApiError>>> = RwSignal::new(None);
    let load = move || {
        sites.set(None);
        spawn_local(
            async move { sites.set(Some(api::list_sites(ListQuery { page: None, per_page: Some(100) }).await)) },
        );
    };
    load();
    view! {
        <div class="choices">
            <A href="/sites/new" attr:class="choice card" attr:data-test="new-site">
                <strong>{i18n.t(Msg::NewSiteWizard)}</strong>
                <span class="muted">{i18n.t(Msg::NewSiteWizardHint)}</span>
            </A>
            <A href="/rapide" attr:class="choice card" attr:data-test="rapide">
                <strong>{i18n.t(Msg::ModeRapide)}</strong>
                <span class="muted">{i18n.t(Msg::ModeRapideHint)}</span>
            </A>
        </div>
        <h2>{i18n.t(Msg::YourSites)}</h2>
        {move || match sites.get() {
            None => view! { <Skeleton/> }.into_any(),
            Some(Err(e)) => view! {
                <div class="alert" role="alert">{error_text(i18n, &e)} " "
                    <button class="btn btn-secondary" on:click=move |_| load()>{i18n.t(Msg::Retry)}</button>
                </div>
            }.into_any(),
            Some(Ok(list)) if list.items.is_empty() => view! { <div class="empty" data-test="no-sites">{i18n.t(Msg::NoSitesYet)}</div> }.into_any(),
            Some(Ok(list)) => view! {
                <ul class="site-list" data-test="site-list">
                    {list.items.into_iter().map(|s| {
                        let finished = s.wizard_step >= 8;
                        let href = if finished { format!("/sites/{}", s.id) } else { format!("/sites/{}/wizard", s.id) };
                        let step = WizardStep::from_number(s.wizard_step).unwrap_or(WizardStep::Business);
                        view! {
                            <li class="card site-row" data-test="site-row">
                                <div>
                                    <strong data-test="site-name">{s.name.clone()}</strong>
                                    <div class="muted">{move || labels::industry(s.industry, i18n.lang())} " · " {labels::template(s.template, Lang::En).0}</div>
                                </div>
                                <span class="badge">{i18n.t(labels::status(s.status))}</span>
                                {(!finished).then(|| view! {
                                    <span class="muted">{i18n.t(Msg::Step)} " " {s.wizard_step} "/8 · " {move || labels::step(step, i18n.lang())}</span>
                                })}
                                <A href=href attr:class="btn btn-secondary">
                                    {move || if finished { i18n.t(Msg::OpenSite)() } else { i18n.t(Msg::ContinueStep)() }}
                                </A>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}
