use atelier_types::orders::Order;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::load::{Loaded, fetch, loaded};
use crate::components::orders::OrderRows;
use crate::i18n::{I18n, Msg};

#[component]
pub fn OrdersPage() -> impl IntoView {
    let i18n = I18n::get();
    let orders: Loaded<Vec<Order>> = RwSignal::new(None);
    let load = move || fetch(orders, api::list_orders());
    load();
    view! {
        <div class="site-head">
            <h1>{i18n.t(Msg::Orders)}</h1>
            <A href="/orders/new" attr:class="btn btn-primary narrow-btn" attr:data-test="new-order">{i18n.t(Msg::NewOrder)}</A>
        </div>
        {loaded(orders, load, |list| view! { <OrderRows orders=list/> })}
    }
}
