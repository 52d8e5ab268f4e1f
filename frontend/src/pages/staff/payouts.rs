use atelier_types::orders::{Payout, PayoutDecision};
use leptos::prelude::*;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::load::{FailureAlert, Loaded, fetch, loaded, money, when};
use crate::components::orders::payout_status;
use crate::i18n::{I18n, Msg};
use crate::pages::staff::{answer_with_reason, typed_reason};

#[component]
pub fn PayoutsPage() -> impl IntoView {
    let i18n = I18n::get();
    let payouts: Loaded<Vec<Payout>> = RwSignal::new(None);
    let load = move || fetch(payouts, api::list_payouts());
    load();
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let reason = RwSignal::new(String::new());
    let decide = move |id: Uuid, approve: bool| {
        let body = PayoutDecision { approve, reason: typed_reason(reason) };
        answer_with_reason(api::decide_payout(id, &body).done(), reason, failure, load);
    };
    view! {
        <h1>{i18n.t(Msg::Payouts)}</h1>
        <div class="field">
            <label for="reason">{i18n.t(Msg::RejectReason)}</label>
            <input id="reason" data-test="reject-reason" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
        </div>
        <FailureAlert failure=failure/>
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
