use atelier_types::orders::{Order, OrderStatus};
use leptos::prelude::*;

use crate::api;
use crate::components::load::{Loaded, fetch, loaded};
use crate::components::orders::{OrderRows, status_msg};
use crate::i18n::{I18n, Msg};

#[component]
pub fn StaffOrdersPage() -> impl IntoView {
    let i18n = I18n::get();
    let orders: Loaded<Vec<Order>> = RwSignal::new(None);
    let load = move || fetch(orders, api::list_orders());
    load();
    let status = RwSignal::new(String::new());
    let website = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let websites = move || {
        let mut names: Vec<String> =
            orders.get().and_then(Result::ok).unwrap_or_default().iter().map(|o| o.website_name.clone()).collect();
        names.sort();
        names.dedup();
        names
    };
    view! {
        <h1>{i18n.t(Msg::Orders)}</h1>
        <div class="filters">
            <label>{i18n.t(Msg::Status)} " "
                <select data-test="filter-status" on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="">{i18n.t(Msg::All)}</option>
                    {OrderStatus::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{i18n.t(status_msg(s))}</option> }).collect_view()}
                </select>
            </label>
            <label>{i18n.t(Msg::Website)} " "
                <select data-test="filter-website" on:change=move |ev| website.set(event_target_value(&ev))>
                    <option value="">{i18n.t(Msg::All)}</option>
                    {move || websites().into_iter().map(|n| { let label = n.clone(); view! { <option value=n>{label}</option> } }).collect_view()}
                </select>
            </label>
            <label>{i18n.t(Msg::Search)} " "
                <input type="search" data-test="filter-search" on:input=move |ev| search.set(event_target_value(&ev))/>
            </label>
        </div>
        {loaded(orders, load, move |list: Vec<Order>| move || {
            let (wanted, site, q) = (status.get(), website.get(), search.get().to_lowercase());
            let shown: Vec<Order> = list
                .iter()
                .filter(|o| wanted.is_empty() || o.status.as_str() == wanted)
                .filter(|o| site.is_empty() || o.website_name == site)
                .filter(|o| q.is_empty() || o.title.to_lowercase().contains(&q))
                .cloned()
                .collect();
            view! { <OrderRows orders=shown/> }
        })}
    }
}
