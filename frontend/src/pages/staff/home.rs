//! The staff console's home: who you are, your websites and the overview panel.

use leptos::prelude::*;

use crate::i18n::{I18n, Msg};
use crate::session::Session;

#[component]
pub fn Home() -> impl IntoView {
    let i18n = I18n::get();
    let session = Session::get();
    move || {
        session.me.get().map(|me| {
            let tenants = if me.role == atelier_types::Role::Superadmin {
                view! { <p data-test="tenants">{i18n.t(Msg::AllTenants)}</p> }.into_any()
            } else if me.assigned_tenants.is_empty() {
                view! { <p class="muted" data-test="tenants">{i18n.t(Msg::NoTenants)}</p> }.into_any()
            } else {
                let count = me.assigned_tenants.len();
                view! { <p data-test="tenants"><strong>{count}</strong></p> }.into_any()
            };
            view! {
                <h1 data-test="welcome">{i18n.t(Msg::Welcome)} ", " {me.display_name.clone()}</h1>
                <div class="card">
                    <dl class="facts">
                        <dt>{i18n.t(Msg::Role)}</dt><dd data-test="role">{i18n.t(Msg::for_role(me.role))}</dd>
                    </dl>
                    <h2>{i18n.t(Msg::AssignedTenants)}</h2>
                    {tenants}
                </div>
                <crate::pages::staff::overview::OverviewPanel/>
            }
        })
    }
}
