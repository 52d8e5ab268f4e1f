//! Opening a verification link (`/verify-email?token=…`): the account's password confirms
//! the address (a mail scanner opening the page uses nothing up), then the person is signed in.

use atelier_types::auth::EmailVerificationConfirm;
use atelier_types::validation::Validate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::components::{FailureBanner, Field, FormState};
use crate::i18n::{I18n, Msg};
use crate::session::Session;

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let i18n = I18n::get();
    let session = Session::get();
    let query = use_query_map();
    let token = Memo::new(move |_| query.with(|q| q.get("token").unwrap_or_default()));
    let password = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let confirmed = RwSignal::new(false);
    let form = FormState::new();
    let request = move || EmailVerificationConfirm { token: token.get(), password: password.get() };
    let local = move || request().validate();
    let link_error = form.field_error(i18n, "token", touched, local);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = request();
        form.run(body.validate().is_empty(), api::confirm_email(&body), move |me| {
            session.me.set(Some(me));
            confirmed.set(true);
        });
    };
    view! {
        <div class="auth card" data-test="verify-email">
            <div role="status" aria-live="polite">
                {move || confirmed.get().then(|| view! {
                    <h1 data-test="email-confirmed">{i18n.t(Msg::EmailConfirmed)}</h1>
                    <A href="/" attr:class="btn btn-primary">{i18n.t(Msg::Continue)}</A>
                })}
            </div>
            <div prop:hidden=move || confirmed.get()>
                <h1>{i18n.t(Msg::ConfirmEmailTitle)}</h1>
                <FailureBanner failure=form.failure/>
                {move || link_error.get().map(|text| view! { <div class="alert" role="alert" data-test="link-error">{text}</div> })}
                <form on:submit=on_submit novalidate=true>
                    <Field name="password" label=Msg::Password kind="password" autocomplete="current-password"
                        value=password touched=touched error=form.field_error(i18n, "password", touched, local)/>
                    <button type="submit" class="btn btn-primary" data-test="submit" aria-busy=move || form.busy.get().to_string()>
                        {move || if form.busy.get() { i18n.t(Msg::ConfirmingEmail)() } else { i18n.t(Msg::ConfirmMyAddress)() }}
                    </button>
                </form>
            </div>
        </div>
    }
}
