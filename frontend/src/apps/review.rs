//! The staff app's order pages: every order of the staff member's websites with a status
//! filter, an order's page (payment, review: approve, ask for a revision, edit the text),
//! and the payout requests admins answer.

use atelier_types::orders::{Order, OrderStatus, OrderText, Payout, PayoutDecision, SaveText};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::error_text;
use crate::i18n::{I18n, Msg};
use crate::orders::{
    ActionBar, Conversation, Loaded, OrderFacts, OrderRows, RoutedOrder, StatusBadge, TextVersions, Timeline, fetch,
    loaded, money, payout_status, status_msg, when,
};

#[component]
pub fn StaffOrdersPage() -> impl IntoView {
    let i18n = I18n::get();
    let orders: Loaded<Vec<Order>> = RwSignal::new(None);
    let load = move || fetch(orders, "/api/v1/orders".into());
    load();
    let status = RwSignal::new(String::new());
    view! {
        <h1>{i18n.t(Msg::Orders)}</h1>
        <div class="filters">
            <label>{i18n.t(Msg::Status)} " "
                <select data-test="filter-status" on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="">{i18n.t(Msg::All)}</option>
                    {OrderStatus::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{i18n.t(status_msg(s))}</option> }).collect_view()}
                </select>
            </label>
        </div>
        {loaded(orders, load, move |list: Vec<Order>| move || {
            let wanted = status.get();
            let shown: Vec<Order> = list.iter().filter(|o| wanted.is_empty() || o.status.as_str() == wanted).cloned().collect();
            view! { <OrderRows orders=shown/> }
        })}
    }
}

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
            if let Ok(texts) = api::get_authed::<Vec<OrderText>>(&routed.path("texts")).await {
                edit.set(texts.last().map(|t| t.body.clone()).unwrap_or_default());
                editing.set(true);
            }
        });
    };
    let save_edit = move |_| {
        spawn_local(async move {
            let body = SaveText { body: edit.get_untracked() };
            match api::call::<OrderText>("PUT", &routed.path("text"), Some(&body)).await {
                Ok(_) => {
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
            </div>
            {move || editing.get().then(|| view! {
                <div class="field">
                    <label for="edit">{i18n.t(Msg::EditText)}</label>
                    <textarea id="edit" rows="14" data-test="edit-body" prop:value=move || edit.get() on:input=move |ev| edit.set(event_target_value(&ev))></textarea>
                    <button type="button" class="btn btn-primary narrow-btn" data-test="save-edit" on:click=save_edit>{i18n.t(Msg::SaveEdit)}</button>
                </div>
            })}
            {move || failure.get().map(|e| view! { <div class="alert" role="alert">{error_text(i18n, &e)}</div> })}
            <TextVersions order=o.id version=version/>
            <Timeline order=o.id version=version/>
            <Conversation order=o.id/>
        })}
    }
}

#[component]
pub fn PayoutsPage() -> impl IntoView {
    let i18n = I18n::get();
    let payouts: Loaded<Vec<Payout>> = RwSignal::new(None);
    let load = move || fetch(payouts, "/api/v1/payouts".into());
    load();
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let reason = RwSignal::new(String::new());
    let decide = move |id: Uuid, approve: bool| {
        spawn_local(async move {
            let body =
                PayoutDecision { approve, reason: Some(reason.get_untracked()).filter(|r| !r.trim().is_empty()) };
            match api::call::<Payout>("POST", &format!("/api/v1/payouts/{id}/decision"), Some(&body)).await {
                Ok(_) => {
                    failure.set(None);
                    reason.set(String::new());
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    view! {
        <h1>{i18n.t(Msg::Payouts)}</h1>
        <div class="field">
            <label for="reason">{i18n.t(Msg::RejectReason)}</label>
            <input id="reason" data-test="reject-reason" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
        </div>
        {move || failure.get().map(|e| view! { <div class="alert" role="alert">{e.fields.first().map(|f| f.message.clone()).unwrap_or_else(|| error_text(i18n, &e))}</div> })}
        {loaded(payouts, load, move |list: Vec<Payout>| view! {
            <ul class="site-list" data-test="payout-requests">
                {list.into_iter().map(|p| view! {
                    <li class="card site-row" data-test="payout-request">
                        <div><strong>{p.writer_name.clone()}</strong> <div class="muted">{p.website_name.clone()} " · " {when(p.created_at)}</div></div>
                        <strong>{money(p.amount_minor, &p.currency)}</strong>
                        <span class="badge">{i18n.t(payout_status(&p.status))}</span>
                        {(p.status == "requested").then(|| view! {
                            <button type="button" class="btn btn-primary narrow-btn" data-test="approve-payout" on:click=move |_| decide(p.id, true)>{i18n.t(Msg::Approve)}</button>
                            <button type="button" class="btn btn-danger" data-test="reject-payout" on:click=move |_| decide(p.id, false)>{i18n.t(Msg::Reject)}</button>
                        })}
                    </li>
                }).collect_view()}
            </ul>
        })}
    }
}
