use atelier_types::orders::{Order, OrderEvent};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::error_text;
use crate::components::load::{Loaded, fetch, loaded, money, when};
use crate::components::orders::send_event;
use crate::i18n::{I18n, Msg};

#[component]
pub fn AvailablePage() -> impl IntoView {
    let i18n = I18n::get();
    let navigate = use_navigate();
    let orders: Loaded<Vec<Order>> = RwSignal::new(None);
    let load = move || fetch(orders, api::list_available_orders());
    load();
    let website = RwSignal::new(String::new());
    let service = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let claim = move |id: Uuid| {
        let navigate = navigate.clone();
        spawn_local(async move {
            match send_event(id, OrderEvent::Claim, None).await {
                Ok(_) => navigate(&format!("/orders/{id}"), Default::default()),
                Err(e) => {
                    failure.set(Some(e));
                    load();
                }
            }
        });
    };
    let options = move |pick: fn(&Order) -> String| {
        let mut names: Vec<String> = orders.get().and_then(Result::ok).unwrap_or_default().iter().map(pick).collect();
        names.sort();
        names.dedup();
        names
            .into_iter()
            .map(|n| {
                let label = n.clone();
                view! { <option value=n>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <h1>{i18n.t(Msg::AvailableOrders)}</h1>
        <div class="filters" data-test="filters">
            <label>{i18n.t(Msg::Website)} " "
                <select data-test="filter-website" on:change=move |ev| website.set(event_target_value(&ev))>
                    <option value="">{i18n.t(Msg::All)}</option>
                    {move || options(|o| o.website_name.clone())}
                </select>
            </label>
            <label>{i18n.t(Msg::Service)} " "
                <select data-test="filter-service" on:change=move |ev| service.set(event_target_value(&ev))>
                    <option value="">{i18n.t(Msg::All)}</option>
                    {move || options(|o| o.service_name.clone())}
                </select>
            </label>
            <label>{i18n.t(Msg::Search)} " "
                <input type="search" data-test="filter-search" on:input=move |ev| search.set(event_target_value(&ev))/>
            </label>
        </div>
        {move || failure.get().map(|e| view! { <div class="alert" role="alert" data-test="claim-error">{error_text(i18n, &e)}</div> })}
        {loaded(orders, load, move |list: Vec<Order>| {
            let claim = claim.clone();
            move || {
                let (w, s, q) = (website.get(), service.get(), search.get().to_lowercase());
                let shown: Vec<Order> = list.iter().filter(|o| {
                    (w.is_empty() || o.website_name == w) && (s.is_empty() || o.service_name == s) && (q.is_empty() || o.title.to_lowercase().contains(&q) || o.brief.to_lowercase().contains(&q))
                }).cloned().collect();
                if shown.is_empty() {
                    return view! { <div class="empty" data-test="no-orders">{i18n.t(Msg::NoOrders)}</div> }.into_any();
                }
                let claim = claim.clone();
                view! {
                    <ul class="site-list" data-test="available-list">
                        {shown.into_iter().map(|o| {
                            let claim = claim.clone();
                            let earning = o.writer_earning_minor;
                            view! {
                                <li class="card site-row" data-test="available-order">
                                    <div>
                                        <strong data-test="available-title">{o.title.clone()}</strong>
                                        <div class="muted">{o.website_name.clone()} " · " {o.service_name.clone()} " · " {o.words} " " {i18n.t(Msg::Words)} " · " {i18n.t(Msg::Level)} " " {o.required_level}</div>
                                        <div class="muted">{o.brief.clone()}</div>
                                    </div>
                                    <span>{i18n.t(Msg::YouEarn)} " " <strong>{money(earning, &o.currency)}</strong></span>
                                    <span class="muted">{o.deadline_at.map(when)}</span>
                                    <button type="button" class="btn btn-primary narrow-btn" data-test="claim" on:click=move |_| claim(o.id)>{i18n.t(Msg::EvClaim)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }
        })}
    }
}
