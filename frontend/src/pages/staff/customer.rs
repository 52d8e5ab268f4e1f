use atelier_types::permissions::Permission;
use atelier_types::staff::CustomerDetail;
use leptos::callback::UnsyncCallback;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::ConfirmButton;
use crate::components::load::{FailureAlert, Loaded, fetch, loaded, when};
use crate::components::orders::OrderRows;
use crate::i18n::{I18n, Msg};
use crate::pages::staff::audit::AuditList;
use crate::session::Session;

#[component]
pub fn CustomerPage() -> impl IntoView {
    let i18n = I18n::get();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<Uuid>().ok())).unwrap_or_default();
    let detail: Loaded<CustomerDetail> = RwSignal::new(None);
    let load = move || fetch(detail, api::get_customer(id()));
    load();
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let act = move |what: &'static str| {
        spawn_local(async move {
            let done = match what {
                "unlock" => api::unlock_customer(id()).await,
                "suspend" => api::suspend_customer(id()).done().await,
                _ => api::reactivate_customer(id()).done().await,
            };
            match done {
                Ok(()) => {
                    failure.set(None);
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let may_suspend = move || Session::get().may(Permission::SuspendCustomers);
    view! {
        <FailureAlert failure=failure/>
        {loaded(detail, load, move |d: CustomerDetail| {
            let c = d.customer.clone();
            view! {
                <div class="site-head">
                    <div>
                        <h1 data-test="customer-name">{c.display_name.clone()}</h1>
                        <div class="muted">{c.email.clone()} " · " {c.website_name.clone()} " · " {when(c.created_at)}</div>
                    </div>
                    <span class="badge" data-test="customer-status">{i18n.t(if c.active { Msg::StatusActive } else { Msg::StatusSuspended })}</span>
                </div>
                <div class="actions-bar">
                    {move || may_suspend().then(|| if c.active {
                        view! { <ConfirmButton label=Msg::Suspend question=Msg::SuspendConfirm class="btn btn-danger" test="suspend" on_confirm=UnsyncCallback::new(move |()| act("suspend")) /> }.into_any()
                    } else {
                        view! { <button type="button" class="btn btn-primary narrow-btn" data-test="reactivate" on:click=move |_| act("reactivate")>{i18n.t(Msg::Reactivate)}</button> }.into_any()
                    })}
                    <button type="button" class="btn btn-secondary" data-test="unlock" on:click=move |_| act("unlock")>{i18n.t(Msg::Unlock)}</button>
                </div>
                <h2>{i18n.t(Msg::SitesCount)}</h2>
                <ul class="site-list">
                    {d.sites.into_iter().map(|s| view! { <li class="card site-row"><strong>{s.name}</strong> <span class="muted">{s.slug}</span> <span class="badge">{s.status}</span></li> }).collect_view()}
                </ul>
                <h2>{i18n.t(Msg::Orders)}</h2>
                <OrderRows orders=d.orders/>
                <h2>{i18n.t(Msg::Deployments)}</h2>
                <table class="table">
                    <tbody>
                        {d.deployments.into_iter().map(|x| view! { <tr><td>{when(x.created_at)}</td><td>{x.site_name}</td><td>{x.status}</td></tr> }).collect_view()}
                    </tbody>
                </table>
                <h2>{i18n.t(Msg::Activity)}</h2>
                <AuditList entries=d.activity/>
            }
        })}
    }
}
