use atelier_types::auth::LoginRequest;
use atelier_types::validation::Validate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_navigate;

use crate::api::{self};
use crate::components::{FailureBanner, Field, FormState};
use crate::i18n::{I18n, Msg};
use crate::session::Session;

#[component]
pub fn LoginPage(title: Msg, credentials_hint: Msg, #[prop(optional)] offer_registration: bool) -> impl IntoView {
    let i18n = I18n::get();
    let session = Session::get();
    let navigate = use_navigate();
    let (email, password) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (email_touched, password_touched) = (RwSignal::new(false), RwSignal::new(false));
    let form = FormState::new();
    let request = move || LoginRequest { email: email.get(), password: password.get() };
    let local = move || request().validate();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = request();
        let valid = body.validate().is_empty();
        let LoginRequest { email, password } = body;
        form.open_session(valid, session, navigate.clone(), api::create_session(email, password));
    };

    view! {
        // Already signed in (another tab, a restored session): nothing to do here.
        {move || session.me.get().map(|_| view! { <Redirect path="/"/> })}
        <div class="auth card">
            <h1>{i18n.t(title)}</h1>
            {move || session.notice.get().map(|m| view! { <div class="alert" role="status">{i18n.t(m)}</div> })}
            <FailureBanner failure=form.failure credentials_hint=credentials_hint/>
            <form on:submit=on_submit novalidate=true>
                <Field name="email" label=Msg::Email kind="email" autocomplete="username" value=email touched=email_touched
                    error=form.field_error(i18n, "email", email_touched, local)/>
                <Field name="password" label=Msg::Password kind="password" autocomplete="current-password" value=password
                    touched=password_touched error=form.field_error(i18n, "password", password_touched, local)/>
                <button type="submit" class="btn btn-primary" data-test="submit" aria-busy=move || form.busy.get().to_string()>
                    {move || if form.busy.get() { i18n.t(Msg::SigningIn)() } else { i18n.t(Msg::SignIn)() }}
                </button>
            </form>
            <p class="muted"><A href="/forgot-password" attr:data-test="forgot-password">{i18n.t(Msg::ForgotPassword)}</A></p>
            {offer_registration.then(|| view! {
                <p class="muted">{i18n.t(Msg::NoAccount)} " " <A href="/register">{i18n.t(Msg::CreateAccount)}</A></p>
            })}
        </div>
    }
}
