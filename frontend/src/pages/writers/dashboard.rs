use atelier_types::orders::{Earnings, Order};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::load::{Loaded, fetch, loaded, money};
use crate::components::orders::OrderRows;
use crate::i18n::{I18n, Msg};

/// Earnings this month, per currency.
fn this_month(e: &Earnings) -> String {
    let parts: Vec<String> =
        e.balances.iter().map(|b| format!("{} ({})", money(b.this_month_minor, &b.currency), b.website_name)).collect();
    if parts.is_empty() { "0".into() } else { parts.join(" · ") }
}

#[component]
pub fn WriterDashboard() -> impl IntoView {
    let i18n = I18n::get();
    let orders: Loaded<Vec<Order>> = RwSignal::new(None);
    let earnings: Loaded<Earnings> = RwSignal::new(None);
    let load = move || {
        fetch(orders, api::list_orders());
        fetch(earnings, api::get_earnings());
    };
    load();
    let session = crate::session::Session::get();
    let name = move || session.me.get().map(|m| m.display_name).unwrap_or_default();
    let websites = move || session.me.get().map(|m| m.assigned_tenants.len()).unwrap_or_default();
    view! {
        <h1 data-test="welcome">{i18n.t(Msg::Welcome)} ", " {name}</h1>
        <div class="choices">
            <div class="card choice">
                <span class="muted">{i18n.t(Msg::AssignedTenants)}</span>
                <strong data-test="tenants">{websites}</strong>
            </div>
            <div class="card choice">
                <span class="muted">{i18n.t(Msg::EarnedThisMonth)}</span>
                <strong data-test="month-earnings">{move || earnings.get().and_then(Result::ok).map(|e| this_month(&e))}</strong>
                <A href="/earnings">{i18n.t(Msg::Earnings)}</A>
            </div>
            <A href="/available" attr:class="card choice" attr:data-test="go-available">
                <strong>{i18n.t(Msg::AvailableOrders)}</strong>
                <span class="muted">{i18n.t(Msg::AvailableHint)}</span>
            </A>
        </div>
        <h2>{i18n.t(Msg::ActiveOrders)}</h2>
        {loaded(orders, load, |list: Vec<Order>| {
            let mut active: Vec<Order> = list.into_iter().filter(|o| !o.status.is_final() && o.status != atelier_types::orders::OrderStatus::Delivered).collect();
            active.sort_by_key(|o| o.deadline_at);
            view! { <OrderRows orders=active/> }
        })}
    }
}
