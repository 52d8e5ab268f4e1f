use atelier_types::orders::Order;
use leptos::prelude::*;

use crate::api;
use crate::components::load::{Loaded, fetch, loaded};
use crate::components::orders::OrderRows;
use crate::i18n::{I18n, Msg};

#[component]
pub fn MyOrdersPage() -> impl IntoView {
    let i18n = I18n::get();
    let orders: Loaded<Vec<Order>> = RwSignal::new(None);
    let load = move || fetch(orders, api::list_orders());
    load();
    view! {
        <h1>{i18n.t(Msg::MyOrders)}</h1>
        {loaded(orders, load, |list| view! { <OrderRows orders=list/> })}
    }
}
