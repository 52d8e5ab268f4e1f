//! Order widgets shared by the three apps: state badge, list rows, facts, the action bar the
//! server's `actions` drive, timeline, text versions and the conversation.

use atelier_types::orders::{
    Order, OrderEvent, OrderMessage, OrderStatus, OrderText, TimelineEntry, TransitionRequest,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use uuid::Uuid;
use web_sys::wasm_bindgen::JsCast;

use crate::api::{self, ApiError};
use crate::components::error_text;
use crate::components::load::{Loaded, fetch, loaded, money, when};
use crate::i18n::{I18n, Msg};
use atelier_types::queries::UploadQuery;

/// The order a page shows (the route's `:id`), loaded again when the id changes, and a
/// version that moves on each change of the order (texts and timeline reload on it).
#[derive(Clone, Copy)]
pub struct RoutedOrder {
    pub id: Memo<Uuid>,
    pub order: Loaded<Order>,
    pub version: RwSignal<u32>,
}

impl RoutedOrder {
    pub fn from_route() -> RoutedOrder {
        let params = leptos_router::hooks::use_params_map();
        let id =
            Memo::new(move |_| params.with(|p| p.get("id").and_then(|v| v.parse::<Uuid>().ok())).unwrap_or_default());
        let routed = RoutedOrder { id, order: RwSignal::new(None), version: RwSignal::new(0) };
        Effect::new(move || routed.reload());
        routed
    }

    pub fn reload(self) {
        fetch(self.order, api::get_order(self.id.get()));
    }

    /// What an action calls with the order as it is after the move.
    pub fn moved(self) -> Callback<Order> {
        Callback::new(move |next: Order| {
            self.order.set(Some(Ok(next)));
            self.version.update(|v| *v += 1);
        })
    }

    /// The order's id, as it is now (for a call).
    pub fn id_now(self) -> Uuid {
        self.id.get_untracked()
    }
}

pub fn status_msg(s: OrderStatus) -> Msg {
    match s {
        OrderStatus::Draft => Msg::OsDraft,
        OrderStatus::AwaitingPayment => Msg::OsAwaitingPayment,
        OrderStatus::Open => Msg::OsOpen,
        OrderStatus::Assigned => Msg::OsAssigned,
        OrderStatus::Submitted => Msg::OsSubmitted,
        OrderStatus::InReview => Msg::OsInReview,
        OrderStatus::RevisionRequested => Msg::OsRevisionRequested,
        OrderStatus::Delivered => Msg::OsDelivered,
        OrderStatus::Completed => Msg::OsCompleted,
        OrderStatus::Cancelled => Msg::OsCancelled,
        OrderStatus::Refunded => Msg::OsRefunded,
        OrderStatus::Disputed => Msg::OsDisputed,
        OrderStatus::Resolved => Msg::OsResolved,
    }
}

pub fn event_msg(e: OrderEvent) -> Msg {
    match e {
        OrderEvent::Place => Msg::EvPlace,
        OrderEvent::ConfirmPayment => Msg::EvConfirmPayment,
        OrderEvent::Claim => Msg::EvClaim,
        OrderEvent::Assign => Msg::EvAssign,
        OrderEvent::Drop => Msg::EvDrop,
        OrderEvent::SubmitText => Msg::EvSubmit,
        OrderEvent::StartReview => Msg::EvStartReview,
        OrderEvent::RequestRevision => Msg::EvRequestRevision,
        OrderEvent::Approve => Msg::EvApprove,
        OrderEvent::Accept => Msg::EvAccept,
        OrderEvent::AutoAccept => Msg::EvAccept,
        OrderEvent::Dispute => Msg::EvDispute,
        OrderEvent::Resolve => Msg::EvResolve,
        OrderEvent::Cancel => Msg::EvCancel,
        OrderEvent::Refund => Msg::EvRefund,
    }
}

/// A payout request's state, in words.
pub fn payout_status(status: &str) -> Msg {
    match status {
        "approved" => Msg::PayoutApproved,
        "rejected" => Msg::PayoutRejected,
        _ => Msg::PayoutRequested,
    }
}

fn timeline_msg(event: &str) -> Msg {
    match OrderEvent::ALL.into_iter().find(|e| e.as_str() == event) {
        Some(OrderEvent::AutoAccept) => Msg::EvAutoAccept,
        Some(e) => event_msg(e),
        None => Msg::Late,
    }
}

#[component]
pub fn StatusBadge(status: OrderStatus, #[prop(optional)] late: bool) -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <span class="badge" data-test="order-status" data-status=status.as_str()>{i18n.t(status_msg(status))}</span>
        {late.then(|| view! { <span class="badge badge-late" data-test="late">{i18n.t(Msg::Late)}</span> })}
    }
}

/// Orders as rows linking to `/orders/{id}`.
#[component]
pub fn OrderRows(orders: Vec<Order>) -> impl IntoView {
    let i18n = I18n::get();
    if orders.is_empty() {
        return view! { <div class="empty" data-test="no-orders">{i18n.t(Msg::NoOrders)}</div> }.into_any();
    }
    view! {
        <ul class="site-list" data-test="order-list">
            {orders.into_iter().map(|o| view! {
                <li class="card site-row" data-test="order-row">
                    <div>
                        <A href=format!("/orders/{}", o.id) attr:data-test="order-link"><strong>{o.title.clone()}</strong></A>
                        <div class="muted">{o.service_name.clone()} " · " {o.words} " " {i18n.t(Msg::Words)} " · " {o.website_name.clone()}</div>
                    </div>
                    <StatusBadge status=o.status late=o.late/>
                    <span>{money(o.price_minor, &o.currency)}</span>
                    <span class="muted">{o.deadline_at.map(when)}</span>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The facts of an order: service, words, price, deadline, website, brief.
#[component]
pub fn OrderFacts(order: Order) -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <dl class="facts">
            <dt>{i18n.t(Msg::Service)}</dt><dd>{order.service_name.clone()}</dd>
            <dt>{i18n.t(Msg::Length)}</dt><dd data-test="order-words">{order.words} " " {i18n.t(Msg::Words)}</dd>
            <dt>{i18n.t(Msg::Price)}</dt><dd data-test="order-price">{money(order.price_minor, &order.currency)}</dd>
            <dt>{i18n.t(Msg::Deadline)}</dt><dd>{order.deadline_at.map(when).unwrap_or_else(|| "—".into())}</dd>
            <dt>{i18n.t(Msg::Website)}</dt><dd>{order.website_name.clone()}</dd>
        </dl>
        {(!order.brief.is_empty()).then(|| view! { <h2>{i18n.t(Msg::Brief)}</h2><p class="brief" data-test="brief">{order.brief.clone()}</p> })}
    }
}

/// Sends one move; the caller gets the order as it is after it.
pub async fn send_event(order: Uuid, event: OrderEvent, note: Option<String>) -> Result<Order, ApiError> {
    let body = TransitionRequest { event, writer_id: None, note };
    api::transition_order(order, &body).await
}

/// A button per move the caller may make (but those in `except`, which the page offers its
/// own way). Revision requests and disputes ask for a note first.
#[component]
pub fn ActionBar(order: Order, on_moved: Callback<Order>, #[prop(optional)] except: Vec<OrderEvent>) -> impl IntoView {
    let i18n = I18n::get();
    let busy = RwSignal::new(false);
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let asking: RwSignal<Option<OrderEvent>> = RwSignal::new(None);
    let note = RwSignal::new(String::new());
    let id = order.id;
    let run = move |event: OrderEvent, note: Option<String>| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            match send_event(id, event, note).await {
                Ok(moved) => {
                    asking.set(None);
                    on_moved.run(moved);
                }
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let actions: Vec<OrderEvent> =
        order.actions.iter().copied().filter(|e| !except.contains(e) && *e != OrderEvent::Assign).collect();
    view! {
        <div class="actions-bar" data-test="order-actions">
            {actions.into_iter().map(|event| {
                let needs_note = matches!(event, OrderEvent::RequestRevision | OrderEvent::Dispute);
                let class = match event {
                    OrderEvent::Cancel | OrderEvent::Refund | OrderEvent::Dispute | OrderEvent::Drop => "btn btn-danger",
                    OrderEvent::RequestRevision => "btn btn-secondary",
                    _ => "btn btn-primary narrow-btn",
                };
                view! {
                    <button type="button" class=class data-test=format!("action-{}", event.as_str()) aria-busy=move || busy.get().to_string()
                        on:click=move |_| if needs_note { asking.set(Some(event)) } else { run(event, None) }>
                        {i18n.t(event_msg(event))}
                    </button>
                }
            }).collect_view()}
        </div>
        {move || asking.get().map(|event| view! {
            <div class="field note-box">
                <label for="action-note">{i18n.t(Msg::WhatShouldChange)}</label>
                <textarea id="action-note" rows="3" data-test="action-note" prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                <div class="actions-bar">
                    <button type="button" class="btn btn-primary narrow-btn" data-test="action-note-send"
                        on:click=move |_| run(event, Some(note.get_untracked()))>{i18n.t(event_msg(event))}</button>
                    <button type="button" class="btn btn-secondary" on:click=move |_| asking.set(None)>{i18n.t(Msg::Cancel)}</button>
                </div>
            </div>
        })}
        {move || failure.get().map(|e| view! { <div class="alert" role="alert" data-test="action-error">{error_text(i18n, &e)}</div> })}
    }
}

/// The record under an order's page: its texts, its history and its conversation.
#[component]
pub fn OrderRecord(order: Uuid, version: RwSignal<u32>) -> impl IntoView {
    view! {
        <TextVersions order=order version=version/>
        <Timeline order=order version=version/>
        <Conversation order=order/>
    }
}

/// Every move of the order, oldest first, with notes. Reloads when `version` changes.
#[component]
pub fn Timeline(order: Uuid, version: RwSignal<u32>) -> impl IntoView {
    let i18n = I18n::get();
    let entries: Loaded<Vec<TimelineEntry>> = RwSignal::new(None);
    let load = move || fetch(entries, api::get_order_timeline(order));
    Effect::new(move || {
        version.track();
        load();
    });
    view! {
        <h2>{i18n.t(Msg::Timeline)}</h2>
        {loaded(entries, load, move |list: Vec<TimelineEntry>| view! {
            <ol class="timeline" data-test="timeline">
                {list.into_iter().map(|e| view! {
                    <li data-test="timeline-entry" data-event=e.event.clone()>
                        <strong>{i18n.t(timeline_msg(&e.event))}</strong>
                        " · " <span class="muted">{e.actor.clone()} " · " {when(e.at)}</span>
                        {e.note.clone().map(|n| view! { <blockquote data-test="timeline-note">{n}</blockquote> })}
                    </li>
                }).collect_view()}
            </ol>
        })}
    }
}

/// Versions of the text the caller may read, newest first, rendered from Markdown.
#[component]
pub fn TextVersions(order: Uuid, version: RwSignal<u32>) -> impl IntoView {
    let i18n = I18n::get();
    let texts: Loaded<Vec<OrderText>> = RwSignal::new(None);
    let load = move || fetch(texts, api::list_order_texts(order));
    Effect::new(move || {
        version.track();
        load();
    });
    view! {
        {loaded(texts, load, move |list: Vec<OrderText>| {
            let list: Vec<OrderText> = list.into_iter().filter(|t| t.kind != "draft").rev().collect();
            (!list.is_empty()).then(|| view! {
                <h2>{i18n.t(Msg::Versions)}</h2>
                {list.into_iter().enumerate().map(|(i, t)| {
                    let kind = match t.kind.as_str() { "edit" => Msg::KindEdit, _ => Msg::KindSubmission };
                    view! {
                        <details class="card version" open=i == 0 data-test="text-version">
                            <summary>
                                <strong>{i18n.t(kind)}</strong> " · " {when(t.updated_at)} " · " {t.words} " " {i18n.t(Msg::Words)}
                                {t.delivered_at.map(|_| view! { " · " <span class="badge">{i18n.t(Msg::OsDelivered)}</span> })}
                            </summary>
                            <div class="prose" data-test="text-body" inner_html=t.html.clone()></div>
                        </details>
                    }
                }).collect_view()}
            })
        })}
    }
}

/// The order's conversation: messages oldest first, a box to write, and files.
#[component]
pub fn Conversation(order: Uuid) -> impl IntoView {
    let i18n = I18n::get();
    let messages: Loaded<Vec<OrderMessage>> = RwSignal::new(None);
    let load = move || fetch(messages, api::list_order_messages(order));
    load();
    let draft = RwSignal::new(String::new());
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let send = move |_| {
        let body = draft.get_untracked();
        if body.trim().is_empty() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let sent = api::create_order_message(order, &atelier_types::orders::NewMessage { body }).await;
            match sent {
                Ok(_) => {
                    draft.set(String::new());
                    failure.set(None);
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let attach = move |ev: leptos::ev::Event| {
        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(input) = input else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        busy.set(true);
        spawn_local(async move {
            let query = UploadQuery { name: file.name(), note: None };
            match api::upload_attachment(order, query, file).done().await {
                Ok(()) => {
                    failure.set(None);
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <h2>{i18n.t(Msg::Messages)}</h2>
        {loaded(messages, load, move |list: Vec<OrderMessage>| view! {
            <ul class="messages" data-test="messages">
                {list.into_iter().map(|m| view! {
                    <li class=if m.mine { "message mine" } else { "message" } data-test="message">
                        <div class="muted">{m.author_name.clone()} " (" {m.author_role.clone()} ") · " {when(m.created_at)}</div>
                        <div class="message-body">{m.body.clone()}</div>
                        {m.attachments.into_iter().map(|f| {
                            let (file, name) = (f.id, f.name.clone());
                            view! {
                                <button type="button" class="link-button" data-test="attachment"
                                    on:click=move |_| { let name = name.clone(); spawn_local(async move { let _ = api::download_attachment(order, file, &name).await; }); }>
                                    {f.name.clone()} " (" {(f.size_bytes + 1023) / 1024} " KB)"
                                </button>
                            }
                        }).collect_view()}
                    </li>
                }).collect_view()}
            </ul>
        })}
        <div class="field">
            <label for="message-body">{i18n.t(Msg::WriteMessage)}</label>
            <textarea id="message-body" rows="3" data-test="message-input" prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev))></textarea>
        </div>
        <div class="actions-bar">
            <button type="button" class="btn btn-primary narrow-btn" data-test="message-send" aria-busy=move || busy.get().to_string() on:click=send>
                {i18n.t(Msg::Send)}
            </button>
            <label class="btn btn-secondary">
                {i18n.t(Msg::AttachFile)}
                <input type="file" class="visually-hidden" data-test="attach-input" on:change=attach/>
            </label>
        </div>
        {move || failure.get().map(|e| view! { <div class="alert" role="alert">{error_text(i18n, &e)}</div> })}
    }
}
