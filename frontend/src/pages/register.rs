use atelier_types::auth::RegisterRequest;
use atelier_types::validation::Validate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{self};
use crate::components::{FailureBanner, Field, FormState};
use crate::i18n::{I18n, Msg};
use crate::session::Session;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = I18n::get();
    let session = Session::get();
    let navigate = use_navigate();
    let (name, email, password) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (name_touched, email_touched, password_touched) =
        (RwSignal::new(false), RwSignal::new(false), RwSignal::new(false));
    let form = FormState::new();
    // A referral link is this page with `?ref=<code>`.
    let referral_code = StoredValue::new(use_query_map().get_untracked().get("ref").filter(|c| !c.is_empty()));
    let request = move || RegisterRequest {
        email: email.get(),
        password: password.get(),
        display_name: name.get(),
        referral_code: referral_code.get_value(),
    };
    let local = move || request().validate();

    // A known address cannot sign in with the password just typed: the answer is "check your
    // inbox", exactly as for a new one (the mail tells its owner).
    let check_inbox = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = request();
        let valid = body.validate().is_empty();
        let navigate = navigate.clone();
        session.notice.set(None);
        form.run(valid, api::create_account(body), move |signed_in| match signed_in {
            Some(me) => {
                session.me.set(Some(me));
                navigate("/", Default::default());
            }
            None => check_inbox.set(true),
        });
    };

    view! {
        <div class="auth card">
            <h1>{i18n.t(Msg::CreateAccountTitle)}</h1>
            <div role="status" aria-live="polite">
                {move || check_inbox.get().then(|| view! { <div class="alert alert-ok" data-test="check-inbox">{i18n.t(Msg::CheckInbox)}</div> })}
            </div>
            <FailureBanner failure=form.failure/>
            <form on:submit=on_submit novalidate=true prop:hidden=move || check_inbox.get()>
                <Field name="display_name" label=Msg::DisplayName autocomplete="name" value=name touched=name_touched
                    error=form.field_error(i18n, "display_name", name_touched, local)/>
                <Field name="email" label=Msg::Email kind="email" autocomplete="email" value=email touched=email_touched
                    error=form.field_error(i18n, "email", email_touched, local)/>
                <Field name="password" label=Msg::Password kind="password" autocomplete="new-password" value=password
                    touched=password_touched hint=Some(Msg::PasswordHint)
                    error=form.field_error(i18n, "password", password_touched, local)/>
                <button type="submit" class="btn btn-primary" data-test="submit" aria-busy=move || form.busy.get().to_string()>
                    {move || if form.busy.get() { i18n.t(Msg::Creating)() } else { i18n.t(Msg::CreateAccount)() }}
                </button>
            </form>
            <p class="muted">{i18n.t(Msg::HaveAccount)} " " <A href="/login">{i18n.t(Msg::SignIn)}</A></p>
        </div>
    }
}
