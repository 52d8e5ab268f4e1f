//! The signed-in person's profile: who they are, their name and language, their password and
//! address, and the devices signed in to the account (each can be signed out).

use atelier_types::auth::{EmailChange, Me, PasswordChange, ProfileUpdate, SessionInfo};
use atelier_types::validation::Validate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api;
use crate::components::load::{Loaded, fetch, loaded, when};
use crate::components::{FailureBanner, Field, FormState};
use crate::i18n::{I18n, Msg};
use crate::session::Session;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let session = Session::get();
    // The forms are made once (a change of `me` re-renders the facts only, so a form keeps
    // its notice and what is typed in the others).
    let signed_in = Memo::new(move |_| session.me.with(Option::is_some));
    move || {
        let me = signed_in.get().then(|| session.me.get_untracked()).flatten()?;
        Some(view! {
            {move || session.me.get().map(|me| view! { <ProfileFacts me=me/> })}
            <Details me=me/>
            <PasswordForm/>
            <EmailForm/>
            <Devices/>
        })
    }
}

/// Name, e-mail (and the one it moves to), role and start date.
#[component]
fn ProfileFacts(me: Me) -> impl IntoView {
    let i18n = I18n::get();
    let unconfirmed =
        (!me.email_verified).then(|| view! { " " <span class="badge">{i18n.t(Msg::NotConfirmed)}</span> });
    let pending = me.pending_email.clone().map(|address| {
        view! { <dt>{i18n.t(Msg::PendingEmail)}</dt><dd data-test="pending-email">{address}</dd> }
    });
    view! {
        <div class="card" data-test="profile">
            <h1>{me.display_name.clone()}</h1>
            <dl class="facts">
                <dt>{i18n.t(Msg::EmailShort)}</dt><dd data-test="profile-email">{me.email.clone()}{unconfirmed}</dd>
                {pending}
                <dt>{i18n.t(Msg::Role)}</dt><dd>{i18n.t(Msg::for_role(me.role))}</dd>
                <dt>{i18n.t(Msg::MemberSince)}</dt><dd>{me.created_at.date_naive().to_string()}</dd>
            </dl>
            {(!me.email_verified || me.pending_email.is_some()).then(|| view! { <SendAgain/> })}
        </div>
    }
}

/// "Send the link again", with what came of it.
#[component]
pub fn SendAgain() -> impl IntoView {
    let i18n = I18n::get();
    let form = FormState::new();
    let sent = RwSignal::new(false);
    view! {
        <div role="status" aria-live="polite">
            {move || sent.get().then(|| view! { <div class="alert alert-ok">{i18n.t(Msg::LinkSentAgain)}</div> })}
        </div>
        <FailureBanner failure=form.failure/>
        <button class="btn btn-secondary" data-test="send-again" aria-busy=move || form.busy.get().to_string()
            on:click=move |_| form.run(true, api::resend_verification().done(), move |()| sent.set(true))>
            {i18n.t(Msg::SendAgain)}
        </button>
    }
}

/// One input of a [`ChangeForm`]: its field name (as the API names it), label, input type,
/// autocomplete and hint.
type Input = (&'static str, Msg, &'static str, &'static str, Option<Msg>);

/// A form of the profile: its inputs, one call, a notice when done. The name, password and
/// address forms are all this one component (its code exists once per app).
#[component]
fn ChangeForm(
    title: Msg,
    test: &'static str,
    inputs: &'static [Input],
    #[prop(default = Vec::new())] initial: Vec<String>,
    /// The shared validation rules, on the values in the order of `inputs`.
    check: fn(Vec<String>) -> Vec<atelier_types::FieldError>,
    send: fn(Vec<String>) -> api::Boxed<Option<Me>>,
    done: Msg,
    /// The button's words (the title's when absent).
    #[prop(optional)]
    action: Option<Msg>,
) -> impl IntoView {
    let i18n = I18n::get();
    let session = Session::get();
    let values: Vec<RwSignal<String>> =
        (0..inputs.len()).map(|k| RwSignal::new(initial.get(k).cloned().unwrap_or_default())).collect();
    let touched: Vec<RwSignal<bool>> = inputs.iter().map(|_| RwSignal::new(false)).collect();
    let keep = !initial.is_empty();
    let current = StoredValue::new(values.clone());
    let read = move || current.with_value(|v| v.iter().map(|s| s.get()).collect::<Vec<_>>());
    let finished = RwSignal::new(false);
    let form = FormState::new();
    let local = move || check(read());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        finished.set(false);
        form.run(local().is_empty(), send(read()), move |me| {
            if !keep {
                current.with_value(|v| v.iter().for_each(|s| s.set(String::new())));
                form.submitted.set(false);
            }
            finished.set(true);
            if let Some(me) = me {
                session.me.set(Some(me));
            }
        });
    };
    let fields = inputs
        .iter()
        .zip(values)
        .zip(touched)
        .map(|((&(name, label, kind, autocomplete, hint), value), touched)| {
            view! {
                <Field name=name id=format!("{test}-{name}") label=label kind=kind autocomplete=autocomplete hint=hint
                    value=value touched=touched error=form.field_error(i18n, name, touched, local)/>
            }
        })
        .collect_view();
    view! {
        <form class="card" on:submit=on_submit novalidate=true data-test=test>
            <h2>{i18n.t(title)}</h2>
            <div role="status" aria-live="polite">
                {move || finished.get().then(|| view! { <div class="alert alert-ok">{i18n.t(done)}</div> })}
            </div>
            <FailureBanner failure=form.failure/>
            {fields}
            <button type="submit" class="btn btn-primary" aria-busy=move || form.busy.get().to_string()>
                {move || if form.busy.get() { i18n.t(Msg::Sending)() } else { i18n.t(action.unwrap_or(title))() }}
            </button>
        </form>
    }
}

fn two(mut values: Vec<String>) -> (String, String) {
    let second = values.pop().unwrap_or_default();
    (values.pop().unwrap_or_default(), second)
}

const CURRENT_PASSWORD: Input = ("current_password", Msg::CurrentPassword, "password", "current-password", None);

/// The name (the language is the app's switch, saved with the account).
#[component]
fn Details(me: Me) -> impl IntoView {
    view! {
        <ChangeForm title=Msg::YourDetails test="details" done=Msg::Saved action=Msg::Save initial=vec![me.display_name]
            inputs=&[("display_name", Msg::DisplayName, "text", "name", None)]
            check=|mut v| ProfileUpdate { display_name: v.pop(), language: None }.validate()
            send=|mut v| {
                let me = api::update_profile(&ProfileUpdate { display_name: v.pop(), language: None });
                Box::pin(async move { me.await.map(Some) })
            }/>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    view! {
        <ChangeForm title=Msg::ChangePassword test="password-form" done=Msg::PasswordChanged
            inputs=&[CURRENT_PASSWORD, ("new_password", Msg::NewPassword, "password", "new-password", Some(Msg::PasswordHint))]
            check=|v| { let (current_password, new_password) = two(v); PasswordChange { current_password, new_password }.validate() }
            send=|v| {
                let (current_password, new_password) = two(v);
                let me = api::change_password(&PasswordChange { current_password, new_password });
                Box::pin(async move { me.await.map(Some) })
            }/>
    }
}

#[component]
fn EmailForm() -> impl IntoView {
    view! {
        <ChangeForm title=Msg::ChangeEmail test="email-form" done=Msg::EmailChangeSent
            inputs=&[("new_email", Msg::NewEmail, "email", "email", None), CURRENT_PASSWORD]
            check=|v| { let (new_email, current_password) = two(v); EmailChange { new_email, current_password }.validate() }
            send=|v| {
                let (new_email, current_password) = two(v);
                let asked = api::change_email(&EmailChange { new_email, current_password }).done();
                // Then the profile shows the address waiting for its link.
                Box::pin(async move {
                    asked.await?;
                    api::get_me().await.map(Some)
                })
            }/>
    }
}

/// The account's sessions, this device first marked; each other one can be signed out, and
/// all of them at once (which signs this one out too).
#[component]
fn Devices() -> impl IntoView {
    let i18n = I18n::get();
    let session = Session::get();
    let sessions: Loaded<Vec<SessionInfo>> = RwSignal::new(None);
    let reload = move || fetch(sessions, api::list_sessions());
    reload();
    let form = FormState::new();
    let end = move |id| form.run(true, api::end_session(id).done(), move |()| reload());
    let everywhere = move |_| {
        form.run(true, api::end_all_sessions().done(), move |()| {
            api::forget_tokens();
            session.me.set(None);
        });
    };
    let row = move |s: SessionInfo| {
        let id = s.id;
        view! {
            <li data-test="session">
                <strong>{s.device.clone()}</strong>
                {s.current.then(|| view! { " " <span class="badge">{i18n.t(Msg::ThisDevice)}</span> })}
                <span class="muted">" · " {i18n.t(Msg::LastUsed)} " " {when(s.last_used_at)}</span>
                {(!s.current).then(|| view! {
                    " " <button class="btn btn-secondary" data-test="end-session" on:click=move |_| end(id)>{i18n.t(Msg::SignOutDevice)}</button>
                })}
            </li>
        }
    };
    view! {
        <section class="card" data-test="devices">
            <h2>{i18n.t(Msg::Devices)}</h2>
            <FailureBanner failure=form.failure/>
            {loaded(sessions, reload, move |list: Vec<SessionInfo>| view! { <ul class="list">{list.into_iter().map(row).collect_view()}</ul> })}
            <button class="btn btn-secondary" data-test="sign-out-everywhere" on:click=everywhere>{i18n.t(Msg::SignOutEverywhere)}</button>
        </section>
    }
}
