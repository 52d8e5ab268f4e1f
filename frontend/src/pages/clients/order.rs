use atelier_types::orders::{AppliedText, Order};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::error_text;
use crate::components::load::loaded;
use crate::components::orders::{ActionBar, OrderFacts, OrderRecord, RoutedOrder, StatusBadge};
use crate::i18n::{I18n, Msg};

#[component]
pub fn OrderPage() -> impl IntoView {
    let i18n = I18n::get();
    let routed = RoutedOrder::from_route();
    let RoutedOrder { order, version, .. } = routed;
    let applied: RwSignal<Option<Result<AppliedText, ApiError>>> = RwSignal::new(None);
    let apply = move |_| {
        spawn_local(async move {
            applied.set(Some(api::apply_order_text(routed.id_now()).await));
        });
    };
    let navigate = use_navigate();
    let redeploy = move |site: Uuid| {
        let navigate = navigate.clone();
        spawn_local(async move {
            let _ = api::create_deployment(site).done().await;
            navigate(&format!("/sites/{site}"), Default::default());
        });
    };
    view! {
        {loaded(order, move || routed.reload(), move |o: Order| {
            let moved = routed.moved();
            let can_apply = o.section_id.is_some() && matches!(o.status, atelier_types::orders::OrderStatus::Delivered | atelier_types::orders::OrderStatus::Completed);
            let redeploy = redeploy.clone();
            view! {
                <div class="site-head">
                    <h1 data-test="order-title">{o.title.clone()}</h1>
                    <StatusBadge status=o.status late=o.late/>
                </div>
                <div class="card">
                    <OrderFacts order=o.clone()/>
                    <ActionBar order=o.clone() on_moved=moved/>
                    {can_apply.then(|| view! {
                        <button type="button" class="btn btn-secondary" data-test="apply-to-site" on:click=apply>{i18n.t(Msg::ApplyToSite)}</button>
                    })}
                    {move || applied.get().map(|r| match r {
                        Ok(done) => {
                            let redeploy = redeploy.clone();
                            view! {
                                <div class="notice" role="status" data-test="applied">
                                    {i18n.t(Msg::AppliedToSite)} " "
                                    <button type="button" class="btn btn-primary narrow-btn" data-test="redeploy" on:click=move |_| redeploy(done.site_id)>{i18n.t(Msg::Deploy)}</button>
                                </div>
                            }.into_any()
                        }
                        Err(e) => view! { <div class="alert" role="alert">{error_text(i18n, &e)}</div> }.into_any(),
                    })}
                </div>
                <OrderRecord order=o.id version=version/>
            }
        })}
    }
}
