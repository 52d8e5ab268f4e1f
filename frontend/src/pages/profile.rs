use leptos::prelude::*;

use crate::i18n::{I18n, Msg};
use crate::session::Session;

/// Name, e-mail, role and start date of the signed-in user.
#[component]
pub fn ProfileFacts() -> impl IntoView {
    let i18n = I18n::get();
    let session = Session::get();
    move || {
        session.me.get().map(|me| {
            view! {
                <div class="card" data-test="profile">
                    <h1>{me.display_name.clone()}</h1>
                    <dl class="facts">
                        <dt>{i18n.t(Msg::EmailShort)}</dt><dd>{me.email.clone()}</dd>
                        <dt>{i18n.t(Msg::Role)}</dt><dd>{i18n.t(Msg::for_role(me.role))}</dd>
                        <dt>{i18n.t(Msg::MemberSince)}</dt><dd>{me.created_at.date_naive().to_string()}</dd>
                    </dl>
                </div>
            }
        })
    }
}
