//! Opening a verification link (`/verify-email?token=…`): the address is confirmed and the
//! person signed in, or told the link no longer works.

use atelier_types::auth::EmailVerificationConfirm;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::{self, ApiError};
use crate::components::{error_text, field_text};
use crate::i18n::{I18n, Msg};
use crate::session::Session;

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let i18n = I18n::get();
    let session = Session::get();
    let query = use_query_map();
    let outcome: RwSignal<Option<Result<(), ApiError>>> = RwSignal::new(None);
    let token = query.with_untracked(|q| q.get("token").unwrap_or_default());
    spawn_local(async move {
        let confirmed = api::confirm_email(&EmailVerificationConfirm { token }).await;
        outcome.set(Some(confirmed.map(|me| session.me.set(Some(me)))));
    });
    view! {
        <div class="auth card" role="status" aria-live="polite" data-test="verify-email">
            {move || match outcome.get() {
                None => view! { <p>{i18n.t(Msg::ConfirmingEmail)}</p> }.into_any(),
                Some(Ok(())) => view! {
                    <h1 data-test="email-confirmed">{i18n.t(Msg::EmailConfirmed)}</h1>
                    <A href="/" attr:class="btn btn-primary">{i18n.t(Msg::Continue)}</A>
                }.into_any(),
                Some(Err(e)) => view! {
                    <div class="alert" role="alert" data-test="link-error">{e.fields.first().map_or_else(|| error_text(i18n, &e), |f| field_text(i18n, f))}</div>
                    <A href="/profile">{i18n.t(Msg::Profile)}</A>
                }.into_any(),
            }}
        </div>
    }
}
