use atelier_types::orders::{Order, OrderStatus, SaveText};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::load::{FailureAlert, Loaded, fetch, loaded};
use crate::components::orders::{ActionBar, OrderFacts, OrderRecord, RoutedOrder, StatusBadge};
use crate::i18n::{I18n, Msg};

#[component]
pub fn StaffOrderPage() -> impl IntoView {
    let i18n = I18n::get();
    let routed = RoutedOrder::from_route();
    let RoutedOrder { order, version, .. } = routed;
    let moved = routed.moved();
    // An editor's edit during review: starts from the latest version.
    let editing = RwSignal::new(false);
    let edit = RwSignal::new(String::new());
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let start_edit = move |_| {
        spawn_local(async move {
            if let Ok(texts) = api::list_order_texts(routed.id_now()).await {
                edit.set(texts.last().map(|t| t.body.clone()).unwrap_or_default());
                editing.set(true);
            }
        });
    };
    let save_edit = move |_| {
        spawn_local(async move {
            let body = SaveText { body: edit.get_untracked() };
            match api::save_order_text(routed.id_now(), &body).done().await {
                Ok(()) => {
                    editing.set(false);
                    failure.set(None);
                    version.update(|v| *v += 1);
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    view! {
        {loaded(order, move || routed.reload(), move |o: Order| view! {
            <div class="site-head">
                <h1 data-test="order-title">{o.title.clone()}</h1>
                <StatusBadge status=o.status late=o.late/>
            </div>
            <div class="card">
                <OrderFacts order=o.clone()/>
                <ActionBar order=o.clone() on_moved=moved/>
                {(o.status == OrderStatus::InReview).then(|| view! {
                    <button type="button" class="btn btn-secondary" data-test="edit-text" on:click=start_edit>{i18n.t(Msg::EditText)}</button>
                })}
                {(o.status == OrderStatus::Open).then(|| view! { <AssignWriter order=o.clone() on_moved=moved/> })}
            </div>
            {move || editing.get().then(|| view! {
                <div class="field">
                    <label for="edit">{i18n.t(Msg::EditText)}</label>
                    <textarea id="edit" rows="14" data-test="edit-body" prop:value=move || edit.get() on:input=move |ev| edit.set(event_target_value(&ev))></textarea>
                    <button type="button" class="btn btn-primary narrow-btn" data-test="save-edit" on:click=save_edit>{i18n.t(Msg::SaveEdit)}</button>
                </div>
            })}
            <FailureAlert failure=failure/>
            <OrderRecord order=o.id version=version/>
        })}
    }
}

/// Gives an open order to a writer of its website at its level or above.
#[component]
fn AssignWriter(order: Order, on_moved: Callback<Order>) -> impl IntoView {
    let i18n = I18n::get();
    let team: Loaded<Vec<atelier_types::staff::Member>> = RwSignal::new(None);
    fetch(team, api::list_team());
    let chosen = RwSignal::new(String::new());
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let (website, level, id) = (order.website_id, order.required_level, order.id);
    let assign = move |_| {
        let Ok(writer) = chosen.get_untracked().parse::<Uuid>() else { return };
        spawn_local(async move {
            let body = atelier_types::orders::TransitionRequest {
                event: atelier_types::orders::OrderEvent::Assign,
                writer_id: Some(writer),
                note: None,
            };
            match api::transition_order(id, &body).await {
                Ok(next) => on_moved.run(next),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    view! {
        <div class="actions-bar">
            <select data-test="assign-writer" aria-label=i18n.t(Msg::EvAssign) on:change=move |ev| chosen.set(event_target_value(&ev))>
                <option value="">"—"</option>
                {move || team.get().and_then(Result::ok).unwrap_or_default().into_iter()
                    .filter(|m| m.role == atelier_types::Role::Writer && m.active && m.websites.contains(&website) && m.writer_level.unwrap_or(0) >= level)
                    .map(|m| view! { <option value=m.id.to_string()>{format!("{} ({} {})", m.display_name, i18n.t(Msg::Level)(), m.writer_level.unwrap_or(0))}</option> })
                    .collect_view()}
            </select>
            <button type="button" class="btn btn-secondary" data-test="assign" on:click=assign>{i18n.t(Msg::EvAssign)}</button>
        </div>
        <FailureAlert failure=failure/>
    }
}
