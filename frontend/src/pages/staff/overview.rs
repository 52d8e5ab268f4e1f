use atelier_types::staff::{Check, Overview};
use leptos::prelude::*;

use crate::api;
use crate::components::load::{Loaded, fetch, loaded};
use crate::i18n::{I18n, Msg};

/// The health of the platform and the key numbers of the caller's websites.
#[component]
pub fn OverviewPanel() -> impl IntoView {
    let i18n = I18n::get();
    let overview: Loaded<Overview> = RwSignal::new(None);
    let load = move || fetch(overview, api::get_overview());
    load();
    let check = move |name: Msg, c: Check| {
        view! {
            <li class="check" data-test="check" data-ok=c.ok.to_string()>
                <span class=if c.ok { "dot ok" } else { "dot bad" } aria-hidden="true"></span>
                <strong>{i18n.t(name)}</strong> " " <span class="muted">{c.detail}</span>
            </li>
        }
    };
    view! {
        <h2>{i18n.t(Msg::Health)}</h2>
        {loaded(overview, load, move |o: Overview| view! {
            <ul class="checks card" data-test="health">
                {check(Msg::Database, o.postgres)}
                {check(Msg::Cache, o.redis)}
                {check(Msg::Queue, o.queue)}
                {check(Msg::Runtime, o.runtime)}
            </ul>
            <div class="kpis" data-test="kpis">
                <div class="card kpi"><span class="muted">{i18n.t(Msg::Customers)}</span><strong>{o.customers}</strong></div>
                <div class="card kpi"><span class="muted">{i18n.t(Msg::LiveSites)}</span><strong>{o.live_sites}</strong></div>
                <div class="card kpi"><span class="muted">{i18n.t(Msg::OpenOrders)}</span><strong>{o.open_orders}</strong></div>
                <div class="card kpi"><span class="muted">{i18n.t(Msg::Queued)}</span><strong data-test="queued">{o.queued_deployments}</strong></div>
                <div class="card kpi"><span class="muted">{i18n.t(Msg::FailedToday)}</span><strong>{o.failed_deployments_24h}</strong></div>
            </div>
        })}
    }
}
