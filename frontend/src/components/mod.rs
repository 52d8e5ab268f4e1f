//! Widgets every app shares: the language switch, form fields and failure banners, the
//! sign-in guard, loading skeletons, the not-found page and the confirm dialog. Area widgets
//! live in the submodules; pages are under `pages/`.

#[cfg(feature = "staff")]
pub mod charts;
#[cfg(any(feature = "clients", feature = "staff"))]
pub mod live_log;
pub mod load;
#[cfg(any(feature = "billing", feature = "money"))]
pub mod money;
pub mod notifications;
pub mod orders;
#[cfg(feature = "clients")]
pub mod sites;

use atelier_types::FieldError;
use atelier_types::auth::Me;
use leptos::callback::{Callable, UnsyncCallback};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::{A, Redirect};

use crate::api::ApiError;
use crate::i18n::{I18n, Msg};
use crate::session::{Session, belongs_here};

/// An address another build of the app routes (some pages are builds of their own, see
/// `lib.rs`): the page loads it from the server, which serves the build it belongs to.
#[cfg(any(feature = "clients", feature = "staff"))]
#[component]
pub fn Elsewhere() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let (path, search) = (location.pathname.get_untracked(), location.search.get_untracked());
    let target = if search.is_empty() { path } else { format!("{path}?{search}") };
    if crate::browser::load_elsewhere(&target) {
        view! { <Skeleton/> }.into_any()
    } else {
        // The server sent this address straight back: it is nobody's page.
        view! { <NotFound/> }.into_any()
    }
}

/// The button that switches between English and French.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = I18n::get();
    let session = Session::get();
    // Signed in, the choice is the account's: its mail is written in it too.
    let switch = move |_| {
        let chosen = i18n.toggle();
        if session.me.get_untracked().is_some() {
            let update = atelier_types::auth::ProfileUpdate { display_name: None, language: Some(chosen) };
            let saved = crate::api::update_profile(&update);
            spawn_local(async move {
                if let Ok(me) = saved.await {
                    session.me.set(Some(me));
                }
            });
        }
    };
    view! {
        <button type="button" class="lang" data-test="lang" title=i18n.t(Msg::SwitchLanguage) on:click=switch>
            {i18n.t(Msg::OtherLanguage)}
        </button>
    }
}

/// A translated message for an API failure (the server's own text when the code is new).
pub fn error_text(i18n: I18n, error: &ApiError) -> String {
    Msg::for_code(&error.code).map_or_else(|| error.message.clone(), |m| m.text(i18n.lang()).to_owned())
}

pub(crate) fn field_text(i18n: I18n, error: &FieldError) -> String {
    Msg::for_code(&error.code).map_or_else(|| error.message.clone(), |m| m.text(i18n.lang()).to_owned())
}

/// A labelled input with its hint and its error, from the shared validation as you type
/// (once the field was left or the form submitted) or from the server.
#[component]
pub(crate) fn Field(
    name: &'static str,
    label: Msg,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = None)] hint: Option<Msg>,
    #[prop(default = "off")] autocomplete: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    touched: RwSignal<bool>,
    /// The input's id when a page has two fields of one name (`field-<name>` otherwise).
    #[prop(optional)]
    id: Option<String>,
) -> impl IntoView {
    let i18n = I18n::get();
    let id = id.unwrap_or_else(|| format!("field-{name}"));
    let described = format!("{id}-note");
    view! {
        <div class="field">
            <label for=id.clone()>{i18n.t(label)}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                aria-describedby=described.clone()
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:blur=move |_| touched.set(true)
            />
            <span id=described>
                {move || match error.get() {
                    Some(text) => view! { <span class="error" role="alert">{text}</span> }.into_any(),
                    None => match hint {
                        Some(hint) => view! { <span class="hint">{i18n.t(hint)}</span> }.into_any(),
                        None => ().into_any(),
                    },
                }}
            </span>
        </div>
    }
}

/// Form state shared by sign-in and registration.
#[derive(Clone, Copy)]
pub(crate) struct FormState {
    pub(crate) busy: RwSignal<bool>,
    pub(crate) submitted: RwSignal<bool>,
    pub(crate) failure: RwSignal<Option<ApiError>>,
}

impl FormState {
    pub(crate) fn new() -> Self {
        Self { busy: RwSignal::new(false), submitted: RwSignal::new(false), failure: RwSignal::new(None) }
    }

    /// Runs `call` once the form is valid: busy while it runs, then `done` with its answer,
    /// or the failure shown with nothing typed lost.
    pub(crate) fn run<T: 'static>(
        self,
        valid: bool,
        call: impl Future<Output = Result<T, ApiError>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        self.submitted.set(true);
        if self.busy.get_untracked() || !valid {
            return;
        }
        self.busy.set(true);
        self.failure.set(None);
        spawn_local(async move {
            match call.await {
                Ok(answer) => done(answer),
                Err(e) => self.failure.set(Some(e)),
            }
            self.busy.set(false);
        });
    }

    /// Runs a sign-in call once the form is valid; then the user is signed in and sent home.
    pub(crate) fn open_session(
        self,
        valid: bool,
        session: Session,
        navigate: impl Fn(&str, NavigateOptions) + 'static,
        call: impl Future<Output = Result<Me, ApiError>> + 'static,
    ) {
        session.notice.set(None);
        self.run(valid, call, move |me| {
            session.me.set(Some(me));
            navigate("/", NavigateOptions::default());
        });
    }

    /// The error to show under `field`: the shared rule's, else the server's.
    pub(crate) fn field_error(
        self,
        i18n: I18n,
        field: &'static str,
        touched: RwSignal<bool>,
        local: impl Fn() -> Vec<FieldError> + Send + Sync + 'static,
    ) -> Signal<Option<String>> {
        Signal::derive(move || {
            if (touched.get() || self.submitted.get())
                && let Some(e) = local().iter().find(|e| e.field == field)
            {
                return Some(field_text(i18n, e));
            }
            self.failure.get().and_then(|f| f.field(field).map(|e| field_text(i18n, e)))
        })
    }
}

/// The failure banner above a form, with the app's hint after a refused sign-in.
#[component]
pub(crate) fn FailureBanner(
    failure: RwSignal<Option<ApiError>>,
    #[prop(optional)] credentials_hint: Option<Msg>,
) -> impl IntoView {
    let i18n = I18n::get();
    move || {
        failure.get().filter(|f| f.fields.is_empty() || f.code != "validation_failed").map(|f| {
            let hint = (f.code == "invalid_credentials").then_some(credentials_hint).flatten();
            view! {
                <div class="alert" role="alert" data-test="form-error">
                    <div>{error_text(i18n, &f)}</div>
                    {hint.map(|h| view! { <div>{i18n.t(h)}</div> })}
                </div>
            }
        })
    }
}

/// Shows `children` to a signed-in user this app is for; sends everyone else to sign in,
/// and tells a user of another app where they belong.
#[component]
pub fn Protected(children: ChildrenFn) -> impl IntoView {
    let i18n = I18n::get();
    let session = Session::get();
    // Only who is signed in, and whether here: a change of the profile (a new name) must not
    // make the page again and lose what its forms show.
    let role = Memo::new(move |_| session.me.with(|me| me.as_ref().map(|m| m.role)));
    move || {
        if !session.restored.get() {
            return view! { <Skeleton/> }.into_any();
        }
        match role.get() {
            None => view! { <Redirect path="/login"/> }.into_any(),
            Some(role) if !belongs_here(role) => view! {
                <div class="card" data-test="wrong-app">
                    <h1>{i18n.t(Msg::WrongApp)}</h1>
                    <p>{i18n.t(Msg::WrongAppExplain)} " " <strong>{i18n.t(Msg::for_role(role))}</strong></p>
                    <button class="btn btn-secondary" on:click=move |_| session.sign_out()>{i18n.t(Msg::SignOut)}</button>
                </div>
            }
            .into_any(),
            Some(_) => children().into_any(),
        }
    }
}

#[component]
pub fn Skeleton() -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <div role="status" aria-busy="true" aria-label=i18n.t(Msg::Loading)>
            <div class="skeleton" style="width: 40%"></div>
            <div class="skeleton"></div>
            <div class="skeleton" style="width: 70%"></div>
        </div>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <div class="card">
            <h1>{i18n.t(Msg::NotFound)}</h1>
            <A href="/">{i18n.t(Msg::BackHome)}</A>
        </div>
    }
}

/// A destructive action, asked once in a modal `<dialog>`: `showModal()` moves the focus into
/// it, keeps it there and makes the page behind inert; Escape or "Cancel" closes it with
/// nothing done, and the focus goes back to the button.
#[component]
pub fn ConfirmButton(
    /// The button's label, also on the dialog's confirming button.
    label: Msg,
    /// What will happen, naming what is lost.
    question: Msg,
    #[prop(into)] class: String,
    /// The button's `data-test`.
    test: &'static str,
    on_confirm: UnsyncCallback<()>,
) -> impl IntoView {
    let i18n = I18n::get();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let close = move || {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    view! {
        <button type="button" class=class data-test=test on:click=move |_| {
            if let Some(d) = dialog.get() {
                let _ = d.show_modal();
            }
        }>{i18n.t(label)}</button>
        <dialog node_ref=dialog class="confirm-dialog" aria-label=i18n.t(question)>
            <p>{i18n.t(question)}</p>
            <div class="actions-bar">
                <button type="button" class="btn btn-secondary" data-test="confirm-no" on:click=move |_| close()>
                    {i18n.t(Msg::Cancel)}
                </button>
                <button type="button" class="btn btn-danger" data-test="confirm-yes" on:click=move |_| {
                    close();
                    on_confirm.run(());
                }>{i18n.t(label)}</button>
            </div>
        </dialog>
    }
}
