//! Asking for a password reset link (every app: each host resets its own accounts).

use atelier_types::auth::PasswordResetRequest;
use atelier_types::validation::Validate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::{FailureBanner, Field, FormState};
use crate::i18n::{I18n, Msg};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = I18n::get();
    let email = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let form = FormState::new();
    let request = move || PasswordResetRequest { email: email.get() };
    let local = move || request().validate();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = request();
        form.run(body.validate().is_empty(), api::request_password_reset(&body).done(), move |()| sent.set(true));
    };
    view! {
        <div class="auth card">
            <h1>{i18n.t(Msg::ForgotTitle)}</h1>
            // Mounted from the start, so a screen reader announces the notice when it appears.
            <div role="status" aria-live="polite">
                {move || sent.get().then(|| view! { <div class="alert alert-ok" data-test="reset-sent">{i18n.t(Msg::ResetSent)}</div> })}
            </div>
            {move || if sent.get() {
                ().into_any()
            } else {
                view! {
                    <p class="muted">{i18n.t(Msg::ForgotExplain)}</p>
                    <FailureBanner failure=form.failure/>
                    <form on:submit=on_submit novalidate=true>
                        <Field name="email" label=Msg::Email kind="email" autocomplete="username" value=email touched=touched
                            error=form.field_error(i18n, "email", touched, local)/>
                        <button type="submit" class="btn btn-primary" data-test="submit" aria-busy=move || form.busy.get().to_string()>
                            {move || if form.busy.get() { i18n.t(Msg::Sending)() } else { i18n.t(Msg::SendLink)() }}
                        </button>
                    </form>
                }.into_any()
            }}
            <p class="muted"><A href="/login">{i18n.t(Msg::BackToSignIn)}</A></p>
        </div>
    }
}
