//! Choosing a new password from a reset link (`/reset-password?token=…`); success signs in.

use atelier_types::auth::PasswordResetConfirm;
use atelier_types::validation::Validate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api;
use crate::components::{FailureBanner, Field, FormState};
use crate::i18n::{I18n, Msg};
use crate::session::Session;

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = I18n::get();
    let session = Session::get();
    let navigate = use_navigate();
    let query = use_query_map();
    let token = Memo::new(move |_| query.with(|q| q.get("token").unwrap_or_default()));
    let password = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let form = FormState::new();
    let request = move || PasswordResetConfirm { token: token.get(), password: password.get() };
    let local = move || request().validate();
    let link_error = form.field_error(i18n, "token", touched, local);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = request();
        let valid = body.validate().is_empty();
        form.open_session(valid, session, navigate.clone(), api::confirm_password_reset(&body));
    };
    view! {
        <div class="auth card">
            <h1>{i18n.t(Msg::NewPasswordTitle)}</h1>
            <FailureBanner failure=form.failure/>
            {move || link_error.get().map(|text| view! {
                <div class="alert" role="alert" data-test="link-error">
                    <div>{text}</div>
                    <A href="/forgot-password">{i18n.t(Msg::AskNewLink)}</A>
                </div>
            })}
            <form on:submit=on_submit novalidate=true>
                <Field name="password" label=Msg::NewPassword kind="password" autocomplete="new-password" hint=Some(Msg::PasswordHint)
                    value=password touched=touched error=form.field_error(i18n, "password", touched, local)/>
                <button type="submit" class="btn btn-primary" data-test="submit" aria-busy=move || form.busy.get().to_string()>
                    {move || if form.busy.get() { i18n.t(Msg::Sending)() } else { i18n.t(Msg::SavePassword)() }}
                </button>
            </form>
        </div>
    }
}
