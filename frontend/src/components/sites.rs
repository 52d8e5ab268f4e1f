//! Site widgets the clients pages share: inputs with their field errors, the create form of the
//! wizard and Mode Rapide, the routed site loader and the preview frame.

use atelier_types::FieldError;
use atelier_types::site::{Industry, SiteLanguage};
use atelier_types::sites::Site;
use atelier_types::validation::Validate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use serde_json::Value;
use uuid::Uuid;

use crate::api::{self, ApiError, Call};
use crate::components::{Skeleton, error_text};
use crate::i18n::{I18n, Msg, labels};
use atelier_types::queries::PreviewQuery;

pub(crate) fn field_message(i18n: I18n, error: &FieldError) -> String {
    Msg::for_code(&error.code).map_or_else(|| error.message.clone(), |m| m.text(i18n.lang()).to_owned())
}

/// The first error of `path` among `errors`, in the interface's language.
pub(crate) fn error_at(i18n: I18n, errors: Memo<Vec<FieldError>>, path: String) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|e| e.iter().find(|x| x.field == path).map(|x| field_message(i18n, x))))
}

/// A labelled text input (or textarea) with its error under it.
#[component]
pub(crate) fn TextInput(
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

pub(crate) fn msg(i18n: I18n, m: Msg) -> Signal<String> {
    Signal::derive(move || i18n.t(m)().to_owned())
}

pub(crate) fn industry_select(i18n: I18n, current: Signal<Industry>, set: Callback<Industry>) -> impl IntoView {
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

pub(crate) fn parse_enum<T: serde::de::DeserializeOwned>(value: &str) -> Option<T> {
    serde_json::from_value(Value::String(value.to_owned())).ok()
}

pub(crate) fn language_select(i18n: I18n, current: Signal<SiteLanguage>, set: Callback<SiteLanguage>) -> impl IntoView {
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
// A new site (wizard step 1) and Mode Rapide.

/// A form that creates a site: validated as you type once submitted, busy while it runs,
/// the server's field errors on their fields, and nothing typed lost on a failure.
pub(crate) struct CreateForm<T: Send + Sync + 'static> {
    pub(crate) form: RwSignal<T>,
    pub(crate) busy: RwSignal<bool>,
    failure: RwSignal<Option<ApiError>>,
    submitted: RwSignal<bool>,
    pub(crate) errors: Memo<Vec<FieldError>>,
}

impl<T: Send + Sync + 'static> Clone for CreateForm<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for CreateForm<T> {}

impl<T: Validate + serde::Serialize + Clone + Send + Sync + 'static> CreateForm<T> {
    pub(crate) fn new(initial: T) -> Self {
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

    /// Sends the form with `create` when valid, then goes to `next(site)`.
    pub(crate) fn submit(
        self,
        create: fn(&T) -> Call<Site>,
        next: fn(&Site) -> String,
        navigate: impl Fn(&str, NavigateOptions) + 'static,
    ) {
        self.submitted.set(true);
        if self.busy.get_untracked() || !self.form.with_untracked(|f| f.validate().is_empty()) {
            return;
        }
        self.busy.set(true);
        self.failure.set(None);
        spawn_local(async move {
            match self.form.with_untracked(create).await {
                Ok(site) => navigate(&next(&site), NavigateOptions::default()),
                Err(e) => self.failure.set(Some(e)),
            }
            self.busy.set(false);
        });
    }

    pub(crate) fn banner(self) -> impl IntoView {
        let i18n = I18n::get();
        move || {
            self.failure.get().filter(|f| f.fields.is_empty()).map(|f| {
                view! { <div class="alert" role="alert" data-test="form-error">{error_text(i18n, &f)}</div> }
            })
        }
    }
}

// ---------------------------------------------------------------------------------------
// Loading a site by the id in the address.

pub(crate) fn site_id() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()))
}

/// Loads the site named in the address, then shows `ready` with it.
#[component]
pub(crate) fn WithSite(ready: fn(Site) -> AnyView) -> impl IntoView {
    let i18n = I18n::get();
    let id = site_id();
    let site: RwSignal<Option<Result<Site, ApiError>>> = RwSignal::new(None);
    Effect::new(move |_| {
        let id = id.get();
        site.set(None);
        let Ok(id) = id.parse() else {
            site.set(Some(Err(ApiError::not_found())));
            return;
        };
        spawn_local(async move { site.set(Some(api::get_site(id).await)) });
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
pub(crate) fn PreviewFrame(site_id: Uuid, page: Signal<String>, version: Signal<u32>) -> impl IntoView {
    let i18n = I18n::get();
    let html: RwSignal<Option<Result<String, ApiError>>> = RwSignal::new(None);
    Effect::new(move |_| {
        let (page, _) = (page.get(), version.get());
        spawn_local(async move {
            html.set(Some(api::preview_site(site_id, PreviewQuery { page }).await));
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

pub(crate) fn page_picker(config: Signal<Vec<(String, String)>>, page: RwSignal<String>) -> impl IntoView {
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
