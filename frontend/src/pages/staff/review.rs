use leptos::prelude::*;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::load::{FailureAlert, Loaded, fetch, loaded, when};
use crate::i18n::{I18n, Msg};
use crate::pages::staff::{answer_with_reason, typed_reason};

/// Everything waiting for an editor: writers' submissions (opened on their order) and
/// generated texts (approved, or rejected with a reason).
#[component]
pub fn ReviewPage() -> impl IntoView {
    use atelier_types::staff::{AiReview, ReviewItem};
    let i18n = I18n::get();
    let items: Loaded<Vec<ReviewItem>> = RwSignal::new(None);
    let load = move || fetch(items, api::list_review_items());
    load();
    let reason = RwSignal::new(String::new());
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let answer = move |id: Uuid, approve: bool| {
        let body = AiReview { approve, reason: typed_reason(reason) };
        answer_with_reason(api::review_generated_text(id, &body).done(), reason, failure, load);
    };
    view! {
        <h1>{i18n.t(Msg::ReviewQueue)}</h1>
        <div class="field">
            <label for="review-reason">{i18n.t(Msg::RejectReason)}</label>
            <input id="review-reason" data-test="review-reason" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
        </div>
        <FailureAlert failure=failure/>
        {loaded(items, load, move |list: Vec<ReviewItem>| {
            if list.is_empty() {
                return view! { <div class="empty">{i18n.t(Msg::NothingToReview)}</div> }.into_any();
            }
            view! {
                <ul class="site-list" data-test="review-queue">
                    {list.into_iter().map(|item| {
                        let id = item.id;
                        let is_order = item.kind == "order";
                        view! {
                            <li class="card review-item" data-test="review-item" data-kind=item.kind.clone()>
                                <div class="site-head">
                                    <div>
                                        <strong>{item.title.clone()}</strong>
                                        <div class="muted">{item.website_name.clone()} " · " {item.detail.clone()} " · " {when(item.at)}</div>
                                    </div>
                                    <span class="badge">{i18n.t(if is_order { Msg::KindSubmission } else { Msg::GeneratedText })}</span>
                                </div>
                                {(!item.texts.is_empty()).then(|| view! {
                                    <dl class="facts">
                                        {item.texts.iter().map(|(field, text)| view! { <dt>{field.clone()}</dt><dd>{text.clone()}</dd> }).collect_view()}
                                    </dl>
                                })}
                                <div class="actions-bar">
                                    {if is_order {
                                        view! { <leptos_router::components::A href=format!("/orders/{id}") attr:class="btn btn-primary narrow-btn" attr:data-test="open-submission">{i18n.t(Msg::Open)}</leptos_router::components::A> }.into_any()
                                    } else {
                                        view! {
                                            <button type="button" class="btn btn-primary narrow-btn" data-test="approve-ai" on:click=move |_| answer(id, true)>{i18n.t(Msg::Approve)}</button>
                                            <button type="button" class="btn btn-danger" data-test="reject-ai" on:click=move |_| answer(id, false)>{i18n.t(Msg::Reject)}</button>
                                        }.into_any()
                                    }}
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        })}
    }
}
