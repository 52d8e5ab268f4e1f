//! The pages a mailed link opens: choosing a new password (`/reset-password?token=…`) and
//! confirming an address with the account's password (`/verify-email?token=…`). One component
//! serves both (its code exists once per app); success signs in and goes home.

use atelier_types::FieldError;
use atelier_types::auth::{EmailVerificationConfirm, Me, PasswordResetConfirm};
use atelier_types::validation::Validate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{self, Boxed};
use crate::components::{FailureBanner, Field, FormState};
use crate::i18n::{I18n, Msg};
use crate::session::Session;

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    view! {
        <LinkPage title=Msg::NewPasswordTitle label=Msg::NewPassword hint=Some(Msg::PasswordHint)
            autocomplete="new-password" action=Msg::SavePassword help=("/forgot-password", Msg::AskNewLink)
            check=|token, password| PasswordResetConfirm { token, password }.validate()
            send=|token, password| api::confirm_password_reset(&PasswordResetConfirm { token, password })/>
    }
}

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    view! {
        <LinkPage title=Msg::ConfirmEmailTitle label=Msg::Password hint=None
            autocomplete="current-password" action=Msg::ConfirmMyAddress help=("/profile", Msg::Profile)
            check=|token, password| EmailVerificationConfirm { token, password }.validate()
            send=|token, password| api::confirm_email(&EmailVerificationConfirm { token, password })/>
    }
}

/// A link's secret and a password: the form, the link's own error with where to go next.
#[component]
fn LinkPage(
    title: Msg,
    label: Msg,
    hint: Option<Msg>,
    autocomplete: &'static str,
    action: Msg,
    help: (&'static str, Msg),
    check: fn(String, String) -> Vec<FieldError>,
    send: fn(String, String) -> Boxed<Me>,
) -> impl IntoView {
    let i18n = I18n::get();
    let session = Session::get();
    let navigate = use_navigate();
    let query = use_query_map();
    let token = Memo::new(move |_| query.with(|q| q.get("token").unwrap_or_default()));
    let password = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let form = FormState::new();
    let local = move || check(token.get(), password.get());
    let link_error = form.field_error(i18n, "token", touched, local);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let valid = local().is_empty();
        form.open_session(valid, session, navigate.clone(), send(token.get(), password.get()));
    };
    view! {
        <div class="auth card">
            <h1>{i18n.t(title)}</h1>
            <FailureBanner failure=form.failure/>
            {move || link_error.get().map(|text| view! {
                <div class="alert" role="alert" data-test="link-error">
                    <div>{text}</div>
                    <A href=help.0>{i18n.t(help.1)}</A>
                </div>
            })}
            <form on:submit=on_submit novalidate=true>
                <Field name="password" label=label kind="password" autocomplete=autocomplete hint=hint
                    value=password touched=touched error=form.field_error(i18n, "password", touched, local)/>
                <button type="submit" class="btn btn-primary" data-test="submit" aria-busy=move || form.busy.get().to_string()>
                    {move || if form.busy.get() { i18n.t(Msg::Sending)() } else { i18n.t(action)() }}
                </button>
            </form>
        </div>
    }
}
