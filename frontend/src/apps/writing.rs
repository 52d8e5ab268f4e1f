//! The writers app: a dashboard (active orders, deadlines, this month's earnings), the open
//! orders they may claim (with filters), their orders, the workspace where they write in
//! Markdown (autosaved, previewed, counted) and hand in, and their earnings and payouts.

use atelier_types::markdown::{to_html, word_count};
use atelier_types::orders::{Earnings, NewPayout, Order, OrderEvent, OrderText, Payout, SaveText};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::error_text;
use crate::i18n::{I18n, Msg};
use crate::orders::{
    ActionBar, FailureAlert, Loaded, OrderFacts, OrderRecord, OrderRows, RoutedOrder, StatusBadge, fetch, loaded,
    money, payout_status, send_event, when,
};

/// Earnings this month, per currency.
fn this_month(e: &Earnings) -> String {
    let parts: Vec<String> =
        e.balances.iter().map(|b| format!("{} ({})", money(b.this_month_minor, &b.currency), b.website_name)).collect();
    if parts.is_empty() { "0".into() } else { parts.join(" · ") }
}

#[component]
pub fn WriterDashboard() -> impl IntoView {
    let i18n = I18n::get();
    let orders: Loaded<Vec<Order>> = RwSignal::new(None);
    let earnings: Loaded<Earnings> = RwSignal::new(None);
    let load = move || {
        fetch(orders, "/api/v1/orders".into());
        fetch(earnings, "/api/v1/earnings".into());
    };
    load();
    let session = crate::session::Session::get();
    let name = move || session.me.get().map(|m| m.display_name).unwrap_or_default();
    let websites = move || session.me.get().map(|m| m.assigned_tenants.len()).unwrap_or_default();
    view! {
        <h1 data-test="welcome">{i18n.t(Msg::Welcome)} ", " {name}</h1>
        <div class="choices">
            <div class="card choice">
                <span class="muted">{i18n.t(Msg::AssignedTenants)}</span>
                <strong data-test="tenants">{websites}</strong>
            </div>
            <div class="card choice">
                <span class="muted">{i18n.t(Msg::EarnedThisMonth)}</span>
                <strong data-test="month-earnings">{move || earnings.get().and_then(Result::ok).map(|e| this_month(&e))}</strong>
                <A href="/earnings">{i18n.t(Msg::Earnings)}</A>
            </div>
            <A href="/available" attr:class="card choice" attr:data-test="go-available">
                <strong>{i18n.t(Msg::AvailableOrders)}</strong>
                <span class="muted">{i18n.t(Msg::AvailableHint)}</span>
            </A>
        </div>
        <h2>{i18n.t(Msg::ActiveOrders)}</h2>
        {loaded(orders, load, |list: Vec<Order>| {
            let mut active: Vec<Order> = list.into_iter().filter(|o| !o.status.is_final() && o.status != atelier_types::orders::OrderStatus::Delivered).collect();
            active.sort_by_key(|o| o.deadline_at);
            view! { <OrderRows orders=active/> }
        })}
    }
}

#[component]
pub fn AvailablePage() -> impl IntoView {
    let i18n = I18n::get();
    let navigate = use_navigate();
    let orders: Loaded<Vec<Order>> = RwSignal::new(None);
    let load = move || fetch(orders, "/api/v1/orders/available".into());
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

#[component]
pub fn MyOrdersPage() -> impl IntoView {
    let i18n = I18n::get();
    let orders: Loaded<Vec<Order>> = RwSignal::new(None);
    let load = move || fetch(orders, "/api/v1/orders".into());
    load();
    view! {
        <h1>{i18n.t(Msg::MyOrders)}</h1>
        {loaded(orders, load, |list| view! { <OrderRows orders=list/> })}
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SaveState {
    Clean,
    Dirty,
    Saving,
    Done,
    Failed,
}

/// The workspace: the brief, the Markdown editor with its preview and word count (saved
/// 800 ms after the last keystroke), hand-in, earlier versions, timeline and messages.
#[component]
pub fn WorkspacePage() -> impl IntoView {
    let i18n = I18n::get();
    let routed = RoutedOrder::from_route();
    let RoutedOrder { order, version, .. } = routed;
    let text = RwSignal::new(String::new());
    let saved = RwSignal::new(SaveState::Clean);
    let edits = RwSignal::new(0u32);
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    // The draft as last saved (or the latest handed-in text), once.
    spawn_local(async move {
        if let Ok(texts) = api::get_authed::<Vec<OrderText>>(&routed.path("texts")).await
            && let Some(t) = texts.iter().find(|t| t.kind == "draft").or(texts.last())
        {
            text.set(t.body.clone());
        }
    });
    let save = move || async move {
        saved.set(SaveState::Saving);
        let body = SaveText { body: text.get_untracked() };
        match api::call::<OrderText>("PUT", &routed.path("text"), Some(&body)).await {
            Ok(_) => {
                saved.set(SaveState::Done);
                Ok(())
            }
            Err(e) => {
                saved.set(SaveState::Failed);
                failure.set(Some(e.clone()));
                Err(e)
            }
        }
    };
    // Autosave: 800 ms after the last keystroke.
    let on_input = move |ev: leptos::ev::Event| {
        text.set(event_target_value(&ev));
        saved.set(SaveState::Dirty);
        edits.update(|n| *n += 1);
        let mine = edits.get_untracked();
        set_timeout(
            move || {
                if edits.get_untracked() == mine && saved.get_untracked() == SaveState::Dirty {
                    spawn_local(async move {
                        let _ = save().await;
                    });
                }
            },
            std::time::Duration::from_millis(800),
        );
    };
    let moved = routed.moved();
    let submit = move |_| {
        spawn_local(async move {
            failure.set(None);
            if save().await.is_err() {
                return;
            }
            match send_event(routed.id.get_untracked(), OrderEvent::SubmitText, None).await {
                Ok(next) => moved.run(next),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let save_state = move || match saved.get() {
        SaveState::Clean => "",
        SaveState::Dirty => i18n.t(Msg::Unsaved)(),
        SaveState::Saving => i18n.t(Msg::Saving)(),
        SaveState::Done => i18n.t(Msg::SavedState)(),
        SaveState::Failed => i18n.t(Msg::SaveFailed)(),
    };
    view! {
        {loaded(order, move || routed.reload(), move |o: Order| {
            let writing = matches!(o.status, atelier_types::orders::OrderStatus::Assigned | atelier_types::orders::OrderStatus::RevisionRequested);
            let target = o.words;
            view! {
                <div class="site-head">
                    <h1 data-test="order-title">{o.title.clone()}</h1>
                    <StatusBadge status=o.status late=o.late/>
                </div>
                <div class="card">
                    <OrderFacts order=o.clone()/>
                    <ActionBar order=o.clone() on_moved=moved except=vec![OrderEvent::SubmitText]/>
                </div>
                {writing.then(|| view! {
                    <section class="editor" data-test="editor">
                        <div class="field">
                            <label for="draft">{i18n.t(Msg::YourText)}</label>
                            <textarea id="draft" rows="18" data-test="draft" prop:value=move || text.get() on:input=on_input></textarea>
                        </div>
                        <div class="prose card" data-test="preview" inner_html=move || to_html(&text.get())></div>
                    </section>
                    <div class="wizard-nav">
                        <span data-test="word-count">{move || word_count(&text.get())} " / " {target} " " {i18n.t(Msg::Words)}</span>
                        <span class="save-state" data-test="save-state" role="status">{save_state}</span>
                        <button type="button" class="btn btn-primary narrow-btn" data-test="submit-text" on:click=submit>{i18n.t(Msg::EvSubmit)}</button>
                    </div>
                })}
                <FailureAlert failure=failure/>
                <OrderRecord order=o.id version=version/>
            }
        })}
    }
}

#[component]
pub fn EarningsPage() -> impl IntoView {
    let i18n = I18n::get();
    let earnings: Loaded<Earnings> = RwSignal::new(None);
    let load = move || fetch(earnings, "/api/v1/earnings".into());
    load();
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let request = move |website_id: Uuid| {
        spawn_local(async move {
            match api::call::<Payout>("POST", "/api/v1/payouts", Some(&NewPayout { website_id })).await {
                Ok(_) => {
                    failure.set(None);
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    view! {
        <h1>{i18n.t(Msg::Earnings)}</h1>
        <FailureAlert failure=failure/>
        {loaded(earnings, load, move |e: Earnings| {
            let threshold = e.payout_threshold_minor;
            view! {
                <div class="card">
                    <table class="table" data-test="balances">
                        <thead><tr>
                            <th>{i18n.t(Msg::Website)}</th><th>{i18n.t(Msg::Earned)}</th><th>{i18n.t(Msg::Paid)}</th>
                            <th>{i18n.t(Msg::Pending)}</th><th>{i18n.t(Msg::Available)}</th><th>{i18n.t(Msg::EarnedThisMonth)}</th><th></th>
                        </tr></thead>
                        <tbody>
                            {e.balances.into_iter().map(|b| {
                                let can = b.available_minor >= threshold && b.pending_minor == 0;
                                // How much of what was earned is paid: the bar fills as payouts arrive.
                                let share = b.paid_minor * 100 / b.earned_minor.max(1);
                                view! {
                                    <tr data-test="balance">
                                        <td>{b.website_name.clone()}
                                            <div class="bar" role="img" aria-label=format!("{} / {}", money(b.paid_minor, &b.currency), money(b.earned_minor, &b.currency))><span style=format!("width: {share}%")></span></div>
                                        </td>
                                        <td data-test="earned">{money(b.earned_minor, &b.currency)}</td>
                                        <td>{money(b.paid_minor, &b.currency)}</td>
                                        <td>{money(b.pending_minor, &b.currency)}</td>
                                        <td data-test="available">{money(b.available_minor, &b.currency)}</td>
                                        <td>{money(b.this_month_minor, &b.currency)}</td>
                                        <td>{if can {
                                            view! { <button type="button" class="btn btn-primary narrow-btn" data-test="request-payout" on:click=move |_| request(b.website_id)>{i18n.t(Msg::RequestPayout)}</button> }.into_any()
                                        } else {
                                            view! { <span class="muted">{i18n.t(Msg::PayoutFrom)} " " {money(threshold, &b.currency)}</span> }.into_any()
                                        }}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <h2>{i18n.t(Msg::Payouts)}</h2>
                <ul class="site-list" data-test="payouts">
                    {e.payouts.into_iter().map(|p| view! {
                        <li class="card site-row" data-test="payout">
                            <div><strong>{money(p.amount_minor, &p.currency)}</strong> <div class="muted">{p.website_name.clone()} " · " {when(p.created_at)}</div></div>
                            <span class="badge" data-test="payout-status">{i18n.t(payout_status(&p.status))}</span>
                            {p.reason.clone().map(|r| view! { <span class="muted">{r}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
                <h2>{i18n.t(Msg::Ledger)}</h2>
                <table class="table" data-test="ledger">
                    <tbody>
                        {e.entries.into_iter().map(|l| view! {
                            <tr>
                                <td>{when(l.at)}</td>
                                <td>{match l.order_title.clone() { Some(title) => title, None => i18n.t(Msg::PayoutLine)().to_owned() }}</td>
                                <td>{l.website_name.clone()}</td>
                                <td>{if l.kind == "payout" { money(-l.amount_minor, &l.currency) } else { money(l.amount_minor, &l.currency) }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
        })}
    }
}
