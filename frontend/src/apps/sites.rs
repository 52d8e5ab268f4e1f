//! The clients app's sites: the list, a new site, Mode Rapide, the eight-step wizard with
//! its live preview, and a site's own page.
//!
//! The wizard edits the whole config in memory and saves the current step's part
//! ([`StepDraft::from_config`]) shortly after each change, when the shared rules find no
//! error in that step. The server runs the same rules and answers with the saved site.

use std::time::Duration;

use atelier_types::FieldError;
use atelier_types::site::{
    Font, Image, Industry, Page, PageKind, SectionContent, Seo, SiteConfig, SiteLanguage, Template,
};
use atelier_types::sites::{
    DiffOp, FieldChange, NewSite, RapideRequest, Regenerated, Site, SiteList, SiteStatus, StepDraft, WizardStep,
    section_texts, section_texts_mut, slugify,
};
use atelier_types::validation::Validate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use serde_json::Value;
use uuid::Uuid;

use atelier_types::deployments::{Deployment, DeploymentStatus, STEPS};

use crate::api::{self, ApiError};
use crate::components::{ConfirmButton, Skeleton, error_text};
use crate::i18n::{I18n, Lang, Msg, labels};
use crate::live_log::LiveLog;
use leptos::callback::UnsyncCallback;

fn field_message(i18n: I18n, error: &FieldError) -> String {
    Msg::for_code(&error.code).map_or_else(|| error.message.clone(), |m| m.text(i18n.lang()).to_owned())
}

/// The first error of `path` among `errors`, in the interface's language.
fn error_at(i18n: I18n, errors: Memo<Vec<FieldError>>, path: String) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|e| e.iter().find(|x| x.field == path).map(|x| field_message(i18n, x))))
}

/// A labelled text input (or textarea) with its error under it.
#[component]
fn TextInput(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] test: &'static str,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let id = format!("in-{}", NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let note = format!("{id}-note");
    let invalid = move || if error.get().is_some() { "true" } else { "false" };
    let input = if multiline {
        view! {
            <textarea id=id.clone() rows="4" data-test=test aria-invalid=invalid aria-describedby=note.clone()
                prop:value=move || value.get() on:input=move |ev| on_input.run(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() type=kind data-test=test aria-invalid=invalid aria-describedby=note.clone() disabled=disabled
                prop:value=move || value.get() on:input=move |ev| on_input.run(event_target_value(&ev))/>
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{move || label.get()}</label>
            {input}
            <span id=note>{move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}</span>
        </div>
    }
}

fn msg(i18n: I18n, m: Msg) -> Signal<String> {
    Signal::derive(move || i18n.t(m)().to_owned())
}

fn industry_select(i18n: I18n, current: Signal<Industry>, set: Callback<Industry>) -> impl IntoView {
    let options = Industry::ALL
        .into_iter()
        .map(|i| {
            let value = serde_json::to_value(i).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
            view! { <option value=value selected=move || current.get() == i>{move || labels::industry(i, i18n.lang())}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for="industry">{i18n.t(Msg::Industry)}</label>
            <select id="industry" data-test="industry" on:change=move |ev| {
                if let Some(i) = parse_enum(&event_target_value(&ev)) { set.run(i) }
            }>{options}</select>
        </div>
    }
}

fn parse_enum<T: serde::de::DeserializeOwned>(value: &str) -> Option<T> {
    serde_json::from_value(Value::String(value.to_owned())).ok()
}

fn language_select(i18n: I18n, current: Signal<SiteLanguage>, set: Callback<SiteLanguage>) -> impl IntoView {
    view! {
        <div class="field">
            <label for="site-language">{i18n.t(Msg::SiteLanguage)}</label>
            <select id="site-language" data-test="language" on:change=move |ev| {
                if let Some(l) = parse_enum(&event_target_value(&ev)) { set.run(l) }
            }>
                <option value="en" selected=move || current.get() == SiteLanguage::En>"English"</option>
                <option value="fr" selected=move || current.get() == SiteLanguage::Fr>"Français"</option>
            </select>
        </div>
    }
}

// ---------------------------------------------------------------------------------------
// The list.

#[component]
pub fn SitesHome() -> impl IntoView {
    let i18n = I18n::get();
    let sites: RwSignal<Option<Result<SiteList, ApiError>>> = RwSignal::new(None);
    let load = move || {
        sites.set(None);
        spawn_local(async move { sites.set(Some(api::get_authed::<SiteList>("/api/v1/sites?per_page=100").await)) });
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

// ---------------------------------------------------------------------------------------
// A new site (wizard step 1) and Mode Rapide.

/// A form that creates a site: validated as you type once submitted, busy while it runs,
/// the server's field errors on their fields, and nothing typed lost on a failure.
struct CreateForm<T: Send + Sync + 'static> {
    form: RwSignal<T>,
    busy: RwSignal<bool>,
    failure: RwSignal<Option<ApiError>>,
    submitted: RwSignal<bool>,
    errors: Memo<Vec<FieldError>>,
}

impl<T: Send + Sync + 'static> Clone for CreateForm<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for CreateForm<T> {}

impl<T: Validate + serde::Serialize + Clone + Send + Sync + 'static> CreateForm<T> {
    fn new(initial: T) -> Self {
        let form = RwSignal::new(initial);
        let submitted = RwSignal::new(false);
        let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
        let errors = Memo::new(move |_| {
            let mut e = if submitted.get() { form.with(|f| f.validate()) } else { Vec::new() };
            e.extend(failure.get().map(|f| f.fields).unwrap_or_default());
            e
        });
        CreateForm { form, busy: RwSignal::new(false), failure, submitted, errors }
    }

    /// Posts the form to `path` when valid, then goes to `next(site)`.
    fn submit(self, path: &'static str, next: fn(&Site) -> String, navigate: impl Fn(&str, NavigateOptions) + 'static) {
        self.submitted.set(true);
        if self.busy.get_untracked() || !self.form.with_untracked(|f| f.validate().is_empty()) {
            return;
        }
        self.busy.set(true);
        self.failure.set(None);
        spawn_local(async move {
            match api::call::<Site>("POST", path, Some(&self.form.get_untracked())).await {
                Ok(site) => navigate(&next(&site), NavigateOptions::default()),
                Err(e) => self.failure.set(Some(e)),
            }
            self.busy.set(false);
        });
    }

    fn banner(self) -> impl IntoView {
        let i18n = I18n::get();
        move || {
            self.failure.get().filter(|f| f.fields.is_empty()).map(|f| {
                view! { <div class="alert" role="alert" data-test="form-error">{error_text(i18n, &f)}</div> }
            })
        }
    }
}

#[component]
pub fn NewSitePage() -> impl IntoView {
    let i18n = I18n::get();
    let navigate = use_navigate();
    let create = CreateForm::new(NewSite {
        name: String::new(),
        industry: Industry::Restaurant,
        language: if i18n.lang() == Lang::Fr { SiteLanguage::Fr } else { SiteLanguage::En },
        description: String::new(),
        slug: None,
    });
    let (form, errors, busy) = (create.form, create.errors, create.busy);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        create.submit("/api/v1/sites", |site| format!("/sites/{}/wizard", site.summary.id), navigate.clone());
    };
    view! {
        <div class="card narrow">
            <h1>{i18n.t(Msg::NewSiteWizard)}</h1>
            {create.banner()}
            <form on:submit=on_submit novalidate=true>
                <TextInput label=msg(i18n, Msg::BusinessName) test="name"
                    value=Signal::derive(move || form.with(|f| f.name.clone()))
                    on_input=Callback::new(move |v| form.update(|f| f.name = v))
                    error=error_at(i18n, errors, "name".into())/>
                {industry_select(i18n, Signal::derive(move || form.with(|f| f.industry)), Callback::new(move |i| form.update(|f| f.industry = i)))}
                {language_select(i18n, Signal::derive(move || form.with(|f| f.language)), Callback::new(move |l| form.update(|f| f.language = l)))}
                <TextInput label=msg(i18n, Msg::AboutBusiness) multiline=true test="description"
                    value=Signal::derive(move || form.with(|f| f.description.clone()))
                    on_input=Callback::new(move |v| form.update(|f| f.description = v))
                    error=error_at(i18n, errors, "description".into())/>
                <button type="submit" class="btn btn-primary" data-test="submit" aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { i18n.t(Msg::WritingSite)() } else { i18n.t(Msg::StartBuilding)() }}
                </button>
            </form>
        </div>
    }
}

#[component]
pub fn RapidePage() -> impl IntoView {
    let i18n = I18n::get();
    let navigate = use_navigate();
    let create = CreateForm::new(RapideRequest {
        business_name: String::new(),
        industry: Industry::Restaurant,
        description: String::new(),
        language: if i18n.lang() == Lang::Fr { SiteLanguage::Fr } else { SiteLanguage::En },
        primary_color: None,
        email: None,
    });
    let (form, errors, busy) = (create.form, create.errors, create.busy);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        create.submit("/api/v1/sites/rapide", |site| format!("/sites/{}", site.summary.id), navigate.clone());
    };
    let optional = |m: Msg| Signal::derive(move || format!("{} ({})", i18n.t(m)(), i18n.t(Msg::Optional)()));
    view! {
        <div class="card narrow">
            <h1>{i18n.t(Msg::ModeRapide)}</h1>
            <p class="muted">{i18n.t(Msg::ModeRapideHint)}</p>
            {create.banner()}
            <form on:submit=on_submit novalidate=true>
                <TextInput label=msg(i18n, Msg::BusinessName) test="business-name"
                    value=Signal::derive(move || form.with(|f| f.business_name.clone()))
                    on_input=Callback::new(move |v| form.update(|f| f.business_name = v))
                    error=error_at(i18n, errors, "business_name".into())/>
                {industry_select(i18n, Signal::derive(move || form.with(|f| f.industry)), Callback::new(move |i| form.update(|f| f.industry = i)))}
                <TextInput label=msg(i18n, Msg::AboutBusiness) multiline=true test="description"
                    value=Signal::derive(move || form.with(|f| f.description.clone()))
                    on_input=Callback::new(move |v| form.update(|f| f.description = v))
                    error=error_at(i18n, errors, "description".into())/>
                {language_select(i18n, Signal::derive(move || form.with(|f| f.language)), Callback::new(move |l| form.update(|f| f.language = l)))}
                <TextInput label=optional(Msg::PrimaryColor) test="color"
                    value=Signal::derive(move || form.with(|f| f.primary_color.clone().unwrap_or_default()))
                    on_input=Callback::new(move |v: String| form.update(|f| f.primary_color = Some(v).filter(|v| !v.is_empty())))
                    error=error_at(i18n, errors, "primary_color".into())/>
                <TextInput label=optional(Msg::ContactEmail) kind="email" test="email"
                    value=Signal::derive(move || form.with(|f| f.email.clone().unwrap_or_default()))
                    on_input=Callback::new(move |v: String| form.update(|f| f.email = Some(v).filter(|v| !v.is_empty())))
                    error=error_at(i18n, errors, "email".into())/>
                <button type="submit" class="btn btn-primary" data-test="submit" aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { i18n.t(Msg::WritingSite)() } else { i18n.t(Msg::WriteMySite)() }}
                </button>
            </form>
        </div>
    }
}

// ---------------------------------------------------------------------------------------
// Loading a site by the id in the address.

fn site_id() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()))
}

/// Loads the site named in the address, then shows `ready` with it.
#[component]
fn WithSite(ready: fn(Site) -> AnyView) -> impl IntoView {
    let i18n = I18n::get();
    let id = site_id();
    let site: RwSignal<Option<Result<Site, ApiError>>> = RwSignal::new(None);
    Effect::new(move |_| {
        let id = id.get();
        site.set(None);
        spawn_local(async move { site.set(Some(api::get_authed::<Site>(&format!("/api/v1/sites/{id}")).await)) });
    });
    move || {
        match site.get() {
        None => view! { <Skeleton/> }.into_any(),
        Some(Err(e)) => view! {
            <div class="card" data-test="site-error"><h1>{error_text(i18n, &e)}</h1><A href="/">{i18n.t(Msg::BackHome)}</A></div>
        }
        .into_any(),
        Some(Ok(s)) => ready(s),
    }
    }
}

/// The preview of one page, in a frame that runs no script.
#[component]
fn PreviewFrame(site_id: Uuid, page: Signal<String>, version: Signal<u32>) -> impl IntoView {
    let i18n = I18n::get();
    let html: RwSignal<Option<Result<String, ApiError>>> = RwSignal::new(None);
    Effect::new(move |_| {
        let (page, _) = (page.get(), version.get());
        spawn_local(async move {
            let path = format!("/api/v1/sites/{site_id}/preview?page={page}");
            html.set(Some(api::get_text(&path).await));
        });
    });
    move || match html.get() {
        None => view! { <Skeleton/> }.into_any(),
        Some(Ok(doc)) => view! {
            <iframe class="preview-frame" sandbox="" title=i18n.t(Msg::Preview) data-test="preview" srcdoc=doc></iframe>
        }
        .into_any(),
        Some(Err(e)) if e.code == "validation_failed" => {
            view! { <div class="empty" data-test="preview-unavailable">{i18n.t(Msg::PreviewUnavailable)}</div> }
                .into_any()
        }
        Some(Err(e)) => view! { <div class="alert" role="alert">{error_text(i18n, &e)}</div> }.into_any(),
    }
}

fn page_picker(config: Signal<Vec<(String, String)>>, page: RwSignal<String>) -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <label class="inline">{i18n.t(Msg::Page)} " "
            <select data-test="preview-page" on:change=move |ev| page.set(event_target_value(&ev))>
                {move || config.get().into_iter().map(|(slug, title)| {
                    let value = slug.clone();
                    view! { <option value=value selected=move || page.get() == slug>{title}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

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
        if let Ok(entries) =
            api::get_authed::<Vec<atelier_types::sites::AiContent>>(&format!("/api/v1/sites/{id}/ai-content")).await
        {
            pending.set(Some(
                entries.iter().filter(|e| e.status == atelier_types::sites::AiContentStatus::Pending).count(),
            ));
        }
    });
    let delete = move |()| {
        let navigate = navigate.clone();
        spawn_local(async move {
            if api::call_empty("DELETE", &format!("/api/v1/sites/{id}")).await.is_ok() {
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

/// Deploy, the current deployment's steps and live log, and the history with rollbacks.
#[component]
fn DeployPanel(site_id: Uuid, url: String, site_status: RwSignal<SiteStatus>) -> impl IntoView {
    let i18n = I18n::get();
    let history: RwSignal<Option<Result<Vec<Deployment>, ApiError>>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let alive = StoredValue::new(true);
    on_cleanup(move || alive.set_value(false));
    let load = move || {
        spawn_local(async move {
            let list = api::get_authed::<Vec<Deployment>>(&format!("/api/v1/sites/{site_id}/deployments")).await;
            let site = api::get_authed::<Site>(&format!("/api/v1/sites/{site_id}")).await;
            if alive.try_get_value().unwrap_or(false) {
                history.set(Some(list));
                if let Ok(site) = site {
                    site_status.set(site.summary.status);
                }
            }
        })
    };
    load();
    let current =
        Memo::new(move |_| history.with(|h| h.as_ref().and_then(|h| h.as_ref().ok()).and_then(|h| h.first().cloned())));
    let current_id = Memo::new(move |_| current.with(|c| c.as_ref().map(|d| d.id)));
    // While one waits or runs, its steps move: look again every second.
    Effect::new(move |_| {
        if current.with(|c| c.as_ref().is_some_and(|d| !d.status.is_finished())) {
            set_timeout(
                move || {
                    if alive.try_get_value().unwrap_or(false) {
                        load();
                    }
                },
                Duration::from_millis(800),
            );
        }
    });
    let live = Memo::new(move |_| {
        history.with(|h| {
            h.as_ref()
                .and_then(|h| h.as_ref().ok())
                .is_some_and(|h| h.iter().any(|d| d.status == DeploymentStatus::Live))
        })
    });
    let deploy = move |_| {
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            match api::call::<Deployment>("POST", &format!("/api/v1/sites/{site_id}/deployments"), None::<&()>).await {
                Ok(_) => load(),
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let act = move |path: String| {
        spawn_local(async move {
            match api::call::<Deployment>("POST", &path, None::<&()>).await {
                Ok(_) => load(),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let on_end = Callback::new(move |_status: DeploymentStatus| load());
    let visit = url.clone();
    view! {
        <section class="card deploy-panel" data-test="deploy-panel">
            <div class="deploy-head">
                <h2>{i18n.t(Msg::Deployments)}</h2>
                {move || live.get().then(|| view! {
                    <a class="btn btn-secondary narrow-btn" data-test="visit-site" href=visit.clone() target="_blank" rel="noopener">{i18n.t(Msg::VisitSite)}</a>
                })}
                <button type="button" class="btn btn-primary narrow-btn" data-test="deploy" aria-busy=move || busy.get().to_string()
                    on:click=deploy>{move || if busy.get() { i18n.t(Msg::Deploying)() } else { i18n.t(Msg::Deploy)() }}</button>
            </div>
            {move || failure.get().map(|f| view! { <div class="alert" role="alert">{error_text(i18n, &f)}</div> })}
            {move || current.get().map(|d| view! { <Progress deployment=d/> })}
            {move || current_id.get().map(|id| view! { <LiveLog deployment=id on_end=on_end/> })}
            {move || match history.get() {
                None => view! { <Skeleton/> }.into_any(),
                Some(Err(e)) => view! { <div class="alert" role="alert">{error_text(i18n, &e)}</div> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <div class="empty" data-test="no-deployments">{i18n.t(Msg::NoDeployments)}</div> }.into_any(),
                Some(Ok(list)) => view! {
                    <table class="history" data-test="history">
                        <thead><tr><th>"#"</th><th>{i18n.t(Msg::Started)}</th><th>{i18n.t(Msg::Duration)}</th><th></th><th></th></tr></thead>
                        <tbody>
                            {list.into_iter().map(|d| {
                                let can_roll_back = matches!(d.status, DeploymentStatus::Retired | DeploymentStatus::RolledBack);
                                let can_cancel = !d.status.is_finished();
                                let (dep, roll, cancel) = (d.id, format!("/api/v1/sites/{site_id}/deployments/{}/rollback", d.id), format!("/api/v1/sites/{site_id}/deployments/{}/cancel", d.id));
                                let started = d.started_at.unwrap_or(d.queued_at);
                                view! {
                                    <tr data-test="history-row" data-deployment=dep.to_string()>
                                        <td>"#" {d.number} {(d.kind == "rollback").then_some(" ↺")}</td>
                                        <td title=format!("{started:?}")>{when(started)}</td>
                                        <td>{d.duration_ms.map(format_ms).unwrap_or_default()}</td>
                                        <td><span class=format!("badge status-{}", serde_json::to_value(d.status).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default())>{i18n.t(labels::deployment(d.status))}</span></td>
                                        <td>
                                            {can_roll_back.then(|| { let roll = roll.clone(); view! {
                                                <button type="button" class="btn btn-secondary narrow-btn" data-test="rollback" on:click=move |_| act(roll.clone())>{i18n.t(Msg::Rollback)}</button>
                                            }})}
                                            {can_cancel.then(|| { let cancel = cancel.clone(); view! {
                                                <button type="button" class="btn btn-secondary narrow-btn" data-test="cancel" on:click=move |_| act(cancel.clone())>{i18n.t(Msg::CancelDeployment)}</button>
                                            }})}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
        </section>
    }
}

/// `2026-11-22 07:12:05` (UTC), without chrono's formatting machinery (size).
fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    use chrono::{Datelike, Timelike};
    format!("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", at.year(), at.month(), at.day(), at.hour(), at.minute(), at.second())
}

fn format_ms(ms: u64) -> String {
    if ms < 1_000 { format!("{ms} ms") } else { format!("{:.1} s", ms as f64 / 1000.0) }
}

/// The steps of a deployment as a progress bar: done (with its time), in progress, to come.
#[component]
fn Progress(deployment: Deployment) -> impl IntoView {
    let i18n = I18n::get();
    let d = deployment;
    let failed =
        matches!(d.status, DeploymentStatus::Failed | DeploymentStatus::TimedOut | DeploymentStatus::Cancelled);
    let steps = STEPS
        .iter()
        .filter(|name| **name != "retire" || d.steps.iter().any(|s| s.name == "retire"))
        .map(|name| {
            let reached = d.steps.iter().find(|s| s.name == *name);
            let state = match reached {
                Some(s) if s.ok == Some(true) => "done",
                Some(_) if failed => "failed",
                Some(_) => "active",
                None => "todo",
            };
            let time = reached.and_then(|s| s.ms).map(format_ms).unwrap_or_default();
            let name = *name;
            view! {
                <li class=format!("pstep {state}") data-test=format!("step-{name}") data-state=state>
                    <span>{i18n.t(labels::deploy_step(name))}</span><small>{time}</small>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="progress" data-test="progress">
            <div class="progress-head">
                <strong>"#" {d.number}</strong> " "
                <span class="badge" data-test="deployment-status">{i18n.t(labels::deployment(d.status))}</span>
                {d.queue_position.map(|p| view! {
                    <span class="muted" data-test="queue-position">" " {i18n.t(Msg::InQueue)} " " {p}
                        {d.eta_secs.map(|s| view! { " · " {i18n.t(Msg::AboutSeconds)} " " {s} " " {i18n.t(Msg::Seconds)} })}
                    </span>
                })}
                {(d.status == DeploymentStatus::Live).then(|| view! { <span class="ok" data-test="site-live">" " {i18n.t(Msg::SiteIsLive)}</span> })}
            </div>
            <ol class="psteps">{steps}</ol>
            {d.error.clone().map(|e| view! { <div class="alert" role="alert" data-test="deployment-error">{e}</div> })}
        </div>
    }
}

// ---------------------------------------------------------------------------------------
// The wizard.

#[derive(Debug, Clone, PartialEq)]
enum SaveState {
    Saved,
    Pending,
    Saving,
    Invalid,
    Failed(ApiError),
}

/// Everything the steps share; all signals, so it is `Copy`.
#[derive(Clone, Copy)]
struct Wizard {
    id: Uuid,
    config: RwSignal<SiteConfig>,
    /// What the server holds.
    saved: RwSignal<SiteConfig>,
    step: RwSignal<WizardStep>,
    state: RwSignal<SaveState>,
    errors: Memo<Vec<FieldError>>,
    /// Bumped after each save, to refresh the preview.
    version: RwSignal<u32>,
    edits: RwSignal<u32>,
    /// The last regeneration: (section id, queue entry, what changed).
    regenerated: RwSignal<Option<(String, Uuid, Vec<FieldChange>)>>,
    busy_section: RwSignal<Option<String>>,
}

impl Wizard {
    fn step_errors(self, step: WizardStep) -> usize {
        self.errors
            .with(|e| e.iter().filter(|x| step == WizardStep::Review || WizardStep::of_field(&x.field) == step).count())
    }

    fn dirty(self, step: WizardStep) -> bool {
        let now = self.config.with(|c| StepDraft::from_config(step, c));
        let then = self.saved.with(|c| StepDraft::from_config(step, c));
        now != then
    }

    /// Saves `step` now; `then` runs after a successful save.
    fn save(self, step: WizardStep, then: impl FnOnce(Site) + 'static) {
        let draft = self.config.with_untracked(|c| StepDraft::from_config(step, c));
        let step_name = serde_json::to_value(step).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        self.state.set(SaveState::Saving);
        let id = self.id;
        spawn_local(async move {
            match api::call::<Site>("PATCH", &format!("/api/v1/sites/{id}/steps/{step_name}"), Some(&draft)).await {
                Ok(site) => {
                    // The pages step may have added written sections: take the server's config
                    // when this step's part is all that differs.
                    if step == WizardStep::Pages {
                        self.config.set(site.config.clone());
                    }
                    self.saved.set(site.config.clone());
                    self.state.set(SaveState::Saved);
                    self.version.update(|v| *v += 1);
                    then(site);
                }
                Err(e) => self.state.set(SaveState::Failed(e)),
            }
        });
    }

    /// Saves the current step if it changed and is valid, then moves to `to` and records
    /// it as where the wizard resumes (the review step is reached, not saved, until Finish).
    fn go(self, to: WizardStep) {
        let current = self.step.get_untracked();
        let arrive = move || {
            self.step.set(to);
            if to != WizardStep::Review && !self.dirty(to) {
                self.save(to, |_| ());
            }
        };
        if current != WizardStep::Review && self.dirty(current) {
            if self.step_errors(current) > 0 {
                self.state.set(SaveState::Invalid);
                return;
            }
            self.save(current, move |_| arrive());
            return;
        }
        arrive();
    }
}

#[component]
pub fn WizardPage() -> impl IntoView {
    view! { <WithSite ready=|site| view! { <WizardLoaded site=site/> }.into_any()/> }
}

#[component]
fn WizardLoaded(site: Site) -> impl IntoView {
    let i18n = I18n::get();
    let navigate = use_navigate();
    let config = RwSignal::new(site.config.clone());
    let w = Wizard {
        id: site.summary.id,
        config,
        saved: RwSignal::new(site.config.clone()),
        step: RwSignal::new(WizardStep::from_number(site.summary.wizard_step).unwrap_or(WizardStep::Business)),
        state: RwSignal::new(SaveState::Saved),
        errors: Memo::new(move |_| config.with(|c| c.validate())),
        version: RwSignal::new(0),
        edits: RwSignal::new(0),
        regenerated: RwSignal::new(None),
        busy_section: RwSignal::new(None),
    };

    // Autosave: shortly after the last change, when the step is valid. The pages step
    // saves when the client moves on (a half-typed page would be written for).
    Effect::new(move |_| {
        let step = w.step.get();
        w.config.track();
        if !w.dirty(step) || step == WizardStep::Review {
            return;
        }
        if w.step_errors(step) > 0 {
            w.state.set(SaveState::Invalid);
            return;
        }
        w.state.set(SaveState::Pending);
        if step == WizardStep::Pages {
            return;
        }
        let edit = w.edits.get_untracked() + 1;
        w.edits.set(edit);
        set_timeout(
            move || {
                if w.edits.get_untracked() == edit && w.step.get_untracked() == step && w.dirty(step) {
                    w.save(step, |_| ());
                }
            },
            Duration::from_millis(600),
        );
    });

    let preview_page = RwSignal::new(String::new());
    let pages =
        Signal::derive(move || w.saved.with(|c| c.pages.iter().map(|p| (p.slug.clone(), p.title.clone())).collect()));
    // Step 8 is "review and deploy": the reviewed site is published, and the client watches
    // it happen on the site's page.
    let finish = move |_: leptos::ev::MouseEvent| {
        let navigate = navigate.clone();
        w.save(WizardStep::Review, move |site| {
            let id = site.summary.id;
            spawn_local(async move {
                let deployed =
                    api::call::<Deployment>("POST", &format!("/api/v1/sites/{id}/deployments"), None::<&()>).await;
                if let Err(e) = deployed {
                    w.state.set(SaveState::Failed(e));
                    return;
                }
                navigate(&format!("/sites/{id}"), NavigateOptions::default());
            });
        });
    };

    view! {
        <h1 data-test="wizard-title">{move || w.config.with(|c| c.business.name.clone())}</h1>
        <ol class="steps" data-test="steps">
            {WizardStep::ALL.into_iter().map(|s| view! {
                <li>
                    <button type="button" class="step" data-test=format!("step-{}", s.number())
                        aria-current=move || (w.step.get() == s).then_some("step")
                        on:click=move |_| w.go(s)>
                        <span class="num">{s.number()}</span>
                        <span>{move || labels::step(s, i18n.lang())}</span>
                        {move || (s != WizardStep::Review && w.step_errors(s) > 0).then(|| view! { <span class="dot" title="!"></span> })}
                    </button>
                </li>
            }).collect_view()}
        </ol>
        <div class="wizard">
            <section class="card wizard-form" data-test=move || format!("wizard-step-{}", w.step.get().number())>
                <h2>{i18n.t(Msg::Step)} " " {move || w.step.get().number()} " · " {move || labels::step(w.step.get(), i18n.lang())}</h2>
                {move || match w.step.get() {
                    WizardStep::Business => business_step(w).into_any(),
                    WizardStep::Template => template_step(w).into_any(),
                    WizardStep::Branding => branding_step(w).into_any(),
                    WizardStep::Pages => pages_step(w).into_any(),
                    WizardStep::Content => content_step(w).into_any(),
                    WizardStep::Media => media_step(w).into_any(),
                    WizardStep::ContactSeo => contact_step(w).into_any(),
                    WizardStep::Review => review_step(w).into_any(),
                }}
                <div class="wizard-nav">
                    <button type="button" class="btn btn-secondary" data-test="back"
                        disabled=move || w.step.get() == WizardStep::Business
                        on:click=move |_| if let Some(prev) = WizardStep::from_number(w.step.get().number() - 1) { w.go(prev) }>
                        {i18n.t(Msg::Back)}
                    </button>
                    <span class="save-state" data-test="save-state" role="status">
                        {move || match w.state.get() {
                            SaveState::Saved => i18n.t(Msg::Saved)().to_owned(),
                            SaveState::Pending | SaveState::Saving => i18n.t(Msg::Saving)().to_owned(),
                            SaveState::Invalid => i18n.t(Msg::FixToSave)().to_owned(),
                            SaveState::Failed(e) => format!("{} {}", i18n.t(Msg::SaveFailed)(), error_text(i18n, &e)),
                        }}
                    </span>
                    {move || if w.step.get() == WizardStep::Review {
                        view! {
                            <button type="button" class="btn btn-primary narrow-btn" data-test="finish"
                                disabled=move || { w.step_errors(WizardStep::Review) > 0 } on:click=finish.clone()>{i18n.t(Msg::Finish)}</button>
                        }.into_any()
                    } else {
                        view! {
                            <button type="button" class="btn btn-primary narrow-btn" data-test="next"
                                on:click=move |_| if let Some(next) = WizardStep::from_number(w.step.get().number() + 1) { w.go(next) }>
                                {i18n.t(Msg::Next)}
                            </button>
                        }.into_any()
                    }}
                </div>
            </section>
            <aside class="wizard-preview">
                <div class="preview-bar"><strong>{i18n.t(Msg::Preview)}</strong> {page_picker(pages, preview_page)}</div>
                <PreviewFrame site_id=w.id page=preview_page.into() version=w.version.into()/>
            </aside>
        </div>
    }
}

fn business_step(w: Wizard) -> impl IntoView {
    let i18n = I18n::get();
    let c = w.config;
    view! {
        <TextInput label=msg(i18n, Msg::BusinessName) test="business-name"
            value=Signal::derive(move || c.with(|c| c.business.name.clone()))
            on_input=Callback::new(move |v| c.update(|c| c.business.name = v))
            error=error_at(i18n, w.errors, "business.name".into())/>
        <TextInput label=msg(i18n, Msg::Tagline) test="tagline"
            value=Signal::derive(move || c.with(|c| c.business.tagline.clone()))
            on_input=Callback::new(move |v| c.update(|c| c.business.tagline = v))
            error=error_at(i18n, w.errors, "business.tagline".into())/>
        <TextInput label=msg(i18n, Msg::AboutBusiness) multiline=true test="description"
            value=Signal::derive(move || c.with(|c| c.business.description.clone()))
            on_input=Callback::new(move |v| c.update(|c| c.business.description = v))
            error=error_at(i18n, w.errors, "business.description".into())/>
        {industry_select(i18n, Signal::derive(move || c.with(|c| c.business.industry)), Callback::new(move |i| c.update(|c| c.business.industry = i)))}
        {language_select(i18n, Signal::derive(move || c.with(|c| c.language)), Callback::new(move |l| c.update(|c| c.language = l)))}
    }
}

fn template_step(w: Wizard) -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <div class="templates" role="radiogroup">
            {Template::ALL.into_iter().map(|t| view! {
                <button type="button" class="template card" role="radio" data-test=format!("template-{}", t.as_str())
                    aria-checked=move || (w.config.with(|c| c.template) == t).to_string()
                    on:click=move |_| w.config.update(|c| c.template = t)>
                    <span class=format!("swatch swatch-{}", t.as_str()) aria-hidden="true"></span>
                    <strong>{labels::template(t, Lang::En).0}</strong>
                    <span class="muted">{move || labels::template(t, i18n.lang()).1}</span>
                </button>
            }).collect_view()}
        </div>
    }
}

fn color_input(
    w: Wizard,
    label: Msg,
    path: &'static str,
    get: fn(&SiteConfig) -> String,
    set: fn(&mut SiteConfig, String),
) -> impl IntoView {
    let i18n = I18n::get();
    let c = w.config;
    let error = error_at(i18n, w.errors, path.into());
    view! {
        <div class="field color-field">
            <label for=path>{i18n.t(label)}</label>
            <div class="row">
                <input type="color" aria-label=i18n.t(label) prop:value=move || c.with(get)
                    on:input=move |ev| c.update(|c| set(c, event_target_value(&ev)))/>
                <input id=path type="text" data-test=path aria-invalid=move || error.get().is_some().to_string()
                    prop:value=move || c.with(get) on:input=move |ev| c.update(|c| set(c, event_target_value(&ev)))/>
            </div>
            {move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
        </div>
    }
}

fn branding_step(w: Wizard) -> impl IntoView {
    let i18n = I18n::get();
    let c = w.config;
    view! {
        {color_input(w, Msg::PrimaryColor, "branding.primary_color", |c| c.branding.primary_color.clone(), |c, v| c.branding.primary_color = v)}
        {color_input(w, Msg::AccentColor, "branding.accent_color", |c| c.branding.accent_color.clone(), |c, v| c.branding.accent_color = v)}
        <div class="field">
            <label for="font">{i18n.t(Msg::Font)}</label>
            <select id="font" data-test="font" on:change=move |ev| {
                if let Some(f) = parse_enum::<Font>(&event_target_value(&ev)) { c.update(|c| c.branding.font = f) }
            }>
                {[Font::Sans, Font::Serif, Font::Rounded, Font::Mono].into_iter().map(|f| {
                    let value = serde_json::to_value(f).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                    view! { <option value=value selected=move || c.with(|c| c.branding.font) == f>{move || labels::font(f, i18n.lang())}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

fn pages_step(w: Wizard) -> impl IntoView {
    let i18n = I18n::get();
    let c = w.config;
    // Re-render the rows only when pages come or go, never while typing in them.
    let count = Memo::new(move |_| c.with(|c| c.pages.iter().map(|p| p.kind).collect::<Vec<_>>()));
    let add = move |_| {
        c.update(|c| {
            let title = if c.language == SiteLanguage::Fr { "Nouvelle page" } else { "New page" }.to_owned();
            let base = slugify(&title);
            let mut slug = base.clone();
            let mut n = 2;
            while c.pages.iter().any(|p| p.slug == slug) {
                slug = format!("{base}-{n}");
                n += 1;
            }
            c.pages.push(Page { kind: PageKind::Custom, slug, title, seo: Seo::default(), sections: Vec::new() });
        })
    };
    view! {
        <ul class="rows">
            {move || count.get().into_iter().enumerate().map(|(i, kind)| {
                let home = kind == PageKind::Home;
                view! {
                    <li class="row-item" data-test="page-row">
                        <span class="badge">{move || labels::page_kind(kind, i18n.lang())}</span>
                        <TextInput label=msg(i18n, Msg::PageTitle) test="page-title"
                            value=Signal::derive(move || c.with(|c| c.pages.get(i).map(|p| p.title.clone()).unwrap_or_default()))
                            on_input=Callback::new(move |v| c.update(|c| if let Some(p) = c.pages.get_mut(i) { p.title = v }))
                            error=error_at(i18n, w.errors, format!("pages[{i}].title"))/>
                        <TextInput label=msg(i18n, Msg::PageSlug) test="page-slug" disabled=home
                            value=Signal::derive(move || c.with(|c| c.pages.get(i).map(|p| p.slug.clone()).unwrap_or_default()))
                            on_input=Callback::new(move |v| c.update(|c| if let Some(p) = c.pages.get_mut(i) { p.slug = v }))
                            error=error_at(i18n, w.errors, format!("pages[{i}].slug"))/>
                        {(!home).then(|| view! {
                            <button type="button" class="btn btn-secondary" data-test="remove-page"
                                on:click=move |_| c.update(|c| { if i < c.pages.len() { c.pages.remove(i); } })>{i18n.t(Msg::Remove)}</button>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
        <button type="button" class="btn btn-secondary" data-test="add-page" on:click=add>{i18n.t(Msg::AddPage)}</button>
    }
}

fn section_text(c: &SiteConfig, p: usize, s: usize, field: &str) -> String {
    c.pages
        .get(p)
        .and_then(|page| page.sections.get(s))
        .and_then(|sec| section_texts(&sec.content).into_iter().find(|(f, _)| f == field))
        .map(|(_, text)| text)
        .unwrap_or_default()
}

fn set_section_text(c: &mut SiteConfig, p: usize, s: usize, field: &str, text: String) {
    let Some(section) = c.pages.get_mut(p).and_then(|page| page.sections.get_mut(s)) else { return };
    if let Some((_, slot)) = section_texts_mut(&mut section.content).into_iter().find(|(f, _)| f == field) {
        *slot = text;
    }
}

fn field_label(field: &str, lang: Lang) -> String {
    let last = field.rsplit('.').next().unwrap_or(field);
    let item = field.split_once('[').and_then(|(_, r)| r.split_once(']')).and_then(|(n, _)| n.parse::<usize>().ok());
    let name = match (last, lang) {
        ("heading", Lang::En) => "Heading",
        ("heading", Lang::Fr) => "Titre",
        ("subheading", Lang::En) => "Introduction",
        ("subheading", Lang::Fr) => "Introduction",
        ("body" | "intro", Lang::En) => "Text",
        ("body" | "intro", Lang::Fr) => "Texte",
        ("title" | "name", Lang::En) => "Title",
        ("title" | "name", Lang::Fr) => "Titre",
        ("description", Lang::En) => "Description",
        ("description", Lang::Fr) => "Description",
        ("price", Lang::En) => "Price",
        ("price", Lang::Fr) => "Prix",
        ("quote", Lang::En) => "Quote",
        ("quote", Lang::Fr) => "Citation",
        ("author", Lang::En) => "Author",
        ("author", Lang::Fr) => "Auteur",
        ("question", _) => "Question",
        ("answer", Lang::En) => "Answer",
        ("answer", Lang::Fr) => "Réponse",
        ("label", Lang::En) => "Button",
        ("label", Lang::Fr) => "Bouton",
        ("alt", _) => "Description",
        (other, _) => other,
    };
    match item {
        Some(n) => format!("{} {} · {name}", if lang == Lang::En { "Item" } else { "Élément" }, n + 1),
        None => name.to_owned(),
    }
}

fn is_long(field: &str) -> bool {
    ["body", "intro", "subheading", "description", "quote", "answer"].iter().any(|f| field.ends_with(f))
}

fn regenerate(w: Wizard, section_id: String) {
    if w.busy_section.get_untracked().is_some() {
        return;
    }
    w.busy_section.set(Some(section_id.clone()));
    let id = w.id;
    spawn_local(async move {
        let path = format!("/api/v1/sites/{id}/sections/{section_id}/regenerate");
        match api::call::<Regenerated>("POST", &path, None::<&()>).await {
            Ok(r) => {
                let put = |c: &mut SiteConfig| {
                    for page in &mut c.pages {
                        for s in &mut page.sections {
                            if s.id == section_id {
                                s.content = r.entry.content.clone();
                            }
                        }
                    }
                };
                w.saved.update(put);
                w.config.update(put);
                w.regenerated.set(Some((section_id, r.entry.id, r.changes)));
                w.version.update(|v| *v += 1);
            }
            Err(e) => w.state.set(SaveState::Failed(e)),
        }
        w.busy_section.set(None);
    });
}

fn revert(w: Wizard, entry: Uuid) {
    let id = w.id;
    spawn_local(async move {
        match api::call::<Site>("POST", &format!("/api/v1/sites/{id}/ai-content/{entry}/revert"), None::<&()>).await {
            Ok(site) => {
                w.saved.set(site.config.clone());
                w.config.set(site.config);
                w.regenerated.set(None);
                w.version.update(|v| *v += 1);
            }
            Err(e) => w.state.set(SaveState::Failed(e)),
        }
    });
}

fn diff_view(changes: Vec<FieldChange>) -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <div class="diff" data-test="diff">
            <strong>{i18n.t(Msg::WhatChanged)}</strong>
            {if changes.is_empty() { Some(view! { <p class="muted">{i18n.t(Msg::NoChange)}</p> }) } else { None }}
            {changes.into_iter().map(|change| {
                let label = field_label(&change.field, i18n.lang());
                view! {
                    <p><span class="muted">{label} ": "</span>
                        {change.diff.into_iter().map(|span| match span.op {
                            DiffOp::Same => view! { <span>{span.text}</span> }.into_any(),
                            DiffOp::Removed => view! { <del>{span.text}</del> }.into_any(),
                            DiffOp::Added => view! { <ins>{span.text}</ins> }.into_any(),
                        }).collect_view()}
                    </p>
                }
            }).collect_view()}
        </div>
    }
}

fn content_step(w: Wizard) -> impl IntoView {
    let i18n = I18n::get();
    let c = w.config;
    // The structure (pages, sections, their fields) changes rarely; texts change as you type.
    let shape = Memo::new(move |_| {
        c.with(|c| {
            c.pages
                .iter()
                .map(|p| {
                    let sections: Vec<(String, bool, Vec<String>)> = p
                        .sections
                        .iter()
                        .map(|s| {
                            let writable = !matches!(s.content, SectionContent::Gallery { .. });
                            (s.id.clone(), writable, section_texts(&s.content).into_iter().map(|(f, _)| f).collect())
                        })
                        .collect();
                    (p.title.clone(), sections)
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        shape
            .get()
            .into_iter()
            .enumerate()
            .map(|(p, (title, sections))| {
                view! {
                    <h3>{title}</h3>
                    {sections.into_iter().enumerate().map(|(s, (id, writable, fields))| {
                        let sid = id.clone();
                        let busy = { let sid = sid.clone(); Memo::new(move |_| w.busy_section.get().as_deref() == Some(sid.as_str())) };
                        let last = { let sid = sid.clone(); move || w.regenerated.get().filter(|(x, _, _)| *x == sid) };
                        view! {
                            <div class="section-edit" data-test=format!("section-{id}")>
                                {fields.into_iter().map(|field| {
                                    let path = format!("pages[{p}].sections[{s}].{field}");
                                    let (f1, f2) = (field.clone(), field.clone());
                                    let label = Signal::derive(move || field_label(&f1, i18n.lang()));
                                    view! {
                                        <TextInput label=label multiline=is_long(&field) test="section-field"
                                            value=Signal::derive(move || c.with(|c| section_text(c, p, s, &f2)))
                                            on_input=Callback::new(move |v| c.update(|c| set_section_text(c, p, s, &field, v)))
                                            error=error_at(i18n, w.errors, path)/>
                                    }
                                }).collect_view()}
                                {writable.then(|| {
                                    let sid = sid.clone();
                                    view! {
                                        <button type="button" class="btn btn-secondary" data-test="regenerate"
                                            aria-busy=move || busy.get().to_string() on:click=move |_| regenerate(w, sid.clone())>
                                            {move || if busy.get() { i18n.t(Msg::Regenerating)() } else { i18n.t(Msg::Regenerate)() }}
                                        </button>
                                    }
                                })}
                                {move || last().map(|(_, entry, changes)| view! {
                                    {diff_view(changes)}
                                    <button type="button" class="btn btn-secondary" data-test="undo" on:click=move |_| revert(w, entry)>
                                        {i18n.t(Msg::UndoRegenerate)}
                                    </button>
                                })}
                            </div>
                        }
                    }).collect_view()}
                }
            })
            .collect_view()
    }
}

fn media_step(w: Wizard) -> impl IntoView {
    let i18n = I18n::get();
    let c = w.config;
    let count = Memo::new(move |_| c.with(|c| c.media.len()));
    view! {
        <p class="muted">{i18n.t(Msg::MediaHint)}</p>
        <ul class="rows">
            {move || (0..count.get()).map(|i| view! {
                <li class="row-item" data-test="media-row">
                    <TextInput label=msg(i18n, Msg::ImageUrl) test="media-url"
                        value=Signal::derive(move || c.with(|c| c.media.get(i).map(|m| m.url.clone()).unwrap_or_default()))
                        on_input=Callback::new(move |v| c.update(|c| if let Some(m) = c.media.get_mut(i) { m.url = v }))
                        error=error_at(i18n, w.errors, format!("media[{i}].url"))/>
                    <TextInput label=msg(i18n, Msg::AltText) test="media-alt"
                        value=Signal::derive(move || c.with(|c| c.media.get(i).map(|m| m.alt.clone()).unwrap_or_default()))
                        on_input=Callback::new(move |v| c.update(|c| if let Some(m) = c.media.get_mut(i) { m.alt = v }))
                        error=error_at(i18n, w.errors, format!("media[{i}].alt"))/>
                    <button type="button" class="btn btn-secondary" on:click=move |_| c.update(|c| { if i < c.media.len() { c.media.remove(i); } })>
                        {i18n.t(Msg::Remove)}
                    </button>
                </li>
            }).collect_view()}
        </ul>
        <button type="button" class="btn btn-secondary" data-test="add-image"
            on:click=move |_| c.update(|c| c.media.push(Image { url: String::new(), alt: String::new() }))>{i18n.t(Msg::AddImage)}</button>
        <div class="field">
            <label for="logo">{i18n.t(Msg::Logo)}</label>
            <select id="logo" data-test="logo" on:change=move |ev| {
                let v = event_target_value(&ev);
                c.update(|c| c.branding.logo_url = Some(v).filter(|v| !v.is_empty()));
            }>
                <option value="" selected=move || c.with(|c| c.branding.logo_url.is_none())>{i18n.t(Msg::NoLogo)}</option>
                {move || c.with(|c| c.media.iter().map(|m| m.url.clone()).filter(|u| !u.is_empty()).collect::<Vec<_>>()).into_iter().map(|url| {
                    let (u, value) = (url.clone(), url.clone());
                    view! { <option value=value selected=move || c.with(|c| c.branding.logo_url.as_deref() == Some(u.as_str()))>{url}</option> }
                }).collect_view()}
            </select>
            {move || error_at(i18n, w.errors, "branding.logo_url".into()).get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
        </div>
    }
}

fn contact_step(w: Wizard) -> impl IntoView {
    let i18n = I18n::get();
    let c = w.config;
    type Get = fn(&SiteConfig) -> String;
    type Set = fn(&mut SiteConfig, String);
    let fields: [(Msg, &str, &str, Get, Set); 6] = [
        (Msg::ContactEmail, "contact.email", "email", |c| c.contact.email.clone(), |c, v| c.contact.email = v),
        (Msg::Phone, "contact.phone", "tel", |c| c.contact.phone.clone(), |c, v| c.contact.phone = v),
        (
            Msg::Street,
            "contact.address.street",
            "text",
            |c| c.contact.address.street.clone(),
            |c, v| c.contact.address.street = v,
        ),
        (
            Msg::PostalCode,
            "contact.address.postal_code",
            "text",
            |c| c.contact.address.postal_code.clone(),
            |c, v| c.contact.address.postal_code = v,
        ),
        (
            Msg::City,
            "contact.address.city",
            "text",
            |c| c.contact.address.city.clone(),
            |c, v| c.contact.address.city = v,
        ),
        (
            Msg::Country,
            "contact.address.country",
            "text",
            |c| c.contact.address.country.clone(),
            |c, v| c.contact.address.country = v,
        ),
    ];
    let pages = Memo::new(move |_| c.with(|c| c.pages.iter().map(|p| p.title.clone()).collect::<Vec<_>>()));
    view! {
        {fields.into_iter().map(|(label, path, kind, get, set)| {
            let test = path.rsplit('.').next().unwrap_or(path);
            view! {
                <TextInput label=msg(i18n, label) kind=match kind { "email" => "email", "tel" => "tel", _ => "text" } test=test
                    value=Signal::derive(move || c.with(get))
                    on_input=Callback::new(move |v| c.update(|c| set(c, v)))
                    error=error_at(i18n, w.errors, path.into())/>
            }
        }).collect_view()}
        {move || pages.get().into_iter().enumerate().map(|(i, title)| view! {
            <fieldset class="seo">
                <legend>{title}</legend>
                <TextInput label=msg(i18n, Msg::SeoTitle) test="seo-title"
                    value=Signal::derive(move || c.with(|c| c.pages.get(i).map(|p| p.seo.title.clone()).unwrap_or_default()))
                    on_input=Callback::new(move |v| c.update(|c| if let Some(p) = c.pages.get_mut(i) { p.seo.title = v }))
                    error=error_at(i18n, w.errors, format!("pages[{i}].seo.title"))/>
                <TextInput label=msg(i18n, Msg::SeoDescription) test="seo-description"
                    value=Signal::derive(move || c.with(|c| c.pages.get(i).map(|p| p.seo.description.clone()).unwrap_or_default()))
                    on_input=Callback::new(move |v| c.update(|c| if let Some(p) = c.pages.get_mut(i) { p.seo.description = v }))
                    error=error_at(i18n, w.errors, format!("pages[{i}].seo.description"))/>
            </fieldset>
        }).collect_view()}
    }
}

fn review_step(w: Wizard) -> impl IntoView {
    let i18n = I18n::get();
    move || {
        let errors = w.errors.get();
        if errors.is_empty() {
            let c = w.config.get();
            return view! {
                <p data-test="review-ready">{i18n.t(Msg::ReviewReady)}</p>
                <dl class="facts">
                    <dt>{i18n.t(Msg::BusinessName)}</dt><dd>{c.business.name.clone()}</dd>
                    <dt>{i18n.t(Msg::Template)}</dt><dd>{labels::template(c.template, Lang::En).0}</dd>
                    <dt>{i18n.t(Msg::Page)}</dt><dd>{c.pages.iter().map(|p| p.title.clone()).collect::<Vec<_>>().join(" · ")}</dd>
                </dl>
            }
            .into_any();
        }
        view! {
            <p>{i18n.t(Msg::ReviewProblems)}</p>
            <ul data-test="review-problems">
                {errors.into_iter().map(|e| {
                    let step = WizardStep::of_field(&e.field);
                    view! {
                        <li>
                            <button type="button" class="link-btn" on:click=move |_| w.step.set(step)>{move || labels::step(step, i18n.lang())}</button>
                            " — " <code>{e.field.clone()}</code> " " {field_message(i18n, &e)}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    }
}
