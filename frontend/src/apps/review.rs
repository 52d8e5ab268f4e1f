//! The staff app's order pages: every order of the staff member's websites with a status
//! filter, an order's page (payment, review: approve, ask for a revision, edit the text),
//! and the payout requests admins answer.

use atelier_types::orders::{
    Order, OrderStatus, OrderText, Payout, PayoutDecision, SaveText, ServiceType, ServiceTypeInput, Turnaround,
};
use atelier_types::tenant::TenantBranding;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::error_text;
use crate::i18n::{I18n, Msg};
use crate::orders::{
    ActionBar, FailureAlert, Loaded, OrderFacts, OrderRecord, OrderRows, RoutedOrder, StatusBadge, fetch, loaded,
    money, payout_status, status_msg, when,
};

#[component]
pub fn StaffOrdersPage() -> impl IntoView {
    let i18n = I18n::get();
    let orders: Loaded<Vec<Order>> = RwSignal::new(None);
    let load = move || fetch(orders, "/api/v1/orders".into());
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

#[component]
pub fn PayoutsPage() -> impl IntoView {
    let i18n = I18n::get();
    let payouts: Loaded<Vec<Payout>> = RwSignal::new(None);
    let load = move || fetch(payouts, "/api/v1/payouts".into());
    load();
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let reason = RwSignal::new(String::new());
    let decide = move |id: Uuid, approve: bool| {
        let body = PayoutDecision { approve, reason: typed_reason(reason) };
        answer_with_reason(format!("/api/v1/payouts/{id}/decision"), body, reason, failure, load);
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

/// `7:100, 3:135` ↔ turnarounds (days : price in % of the base).
fn turnarounds_text(list: &[Turnaround]) -> String {
    list.iter().map(|t| format!("{}:{}", t.days, t.multiplier_pct)).collect::<Vec<_>>().join(", ")
}

fn parse_turnarounds(text: &str) -> Vec<Turnaround> {
    text.split(',')
        .filter_map(|part| {
            let (days, pct) = part.trim().split_once(':')?;
            Some(Turnaround { days: days.trim().parse().ok()?, multiplier_pct: pct.trim().parse().ok()? })
        })
        .collect()
}

/// An entry of the catalogue being written: every field as typed.
#[derive(Clone, Default)]
struct EntryForm {
    code: String,
    name: String,
    description: String,
    price: String,
    min_words: String,
    max_words: String,
    level: String,
    turnarounds: String,
}

impl EntryForm {
    fn of(s: &ServiceType) -> Self {
        EntryForm {
            code: s.code.clone(),
            name: s.name.clone(),
            description: s.description.clone(),
            price: s.price_per_word_minor.to_string(),
            min_words: s.min_words.to_string(),
            max_words: s.max_words.to_string(),
            level: s.required_level.to_string(),
            turnarounds: turnarounds_text(&s.turnarounds),
        }
    }

    fn input(&self) -> ServiceTypeInput {
        ServiceTypeInput {
            name: self.name.clone(),
            description: self.description.clone(),
            price_per_word_minor: self.price.trim().parse().unwrap_or(0),
            min_words: self.min_words.trim().parse().unwrap_or(0),
            max_words: self.max_words.trim().parse().unwrap_or(0),
            required_level: self.level.trim().parse().unwrap_or(0),
            turnarounds: parse_turnarounds(&self.turnarounds),
        }
    }
}

/// Each website's catalogue: what clients can order, at what price per word, from which
/// writer level and how fast. Admins change it; everyone on staff reads it.
#[component]
pub fn CataloguePage() -> impl IntoView {
    let i18n = I18n::get();
    let websites: Loaded<Vec<TenantBranding>> = RwSignal::new(None);
    let load_websites = move || fetch(websites, "/api/v1/websites".into());
    load_websites();
    let website = RwSignal::new(String::new());
    let entries: Loaded<Vec<ServiceType>> = RwSignal::new(None);
    let load = move || {
        let id = website.get_untracked();
        if !id.is_empty() {
            fetch(entries, format!("/api/v1/websites/{id}/catalogue"));
        }
    };
    Effect::new(move || {
        if let Some(Ok(list)) = websites.get()
            && website.get_untracked().is_empty()
            && let Some(first) = list.first()
        {
            website.set(first.id.to_string());
        }
    });
    Effect::new(move || {
        website.track();
        load();
    });
    let form: RwSignal<Option<EntryForm>> = RwSignal::new(None);
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let save = move |_| {
        let Some(entry) = form.get_untracked() else { return };
        let code = js_sys::encode_uri_component(entry.code.trim()).as_string().unwrap_or_default();
        spawn_local(async move {
            let path = format!("/api/v1/websites/{}/catalogue/{code}", website.get_untracked());
            match api::call::<ServiceType>("PUT", &path, Some(&entry.input())).await {
                Ok(_) => {
                    form.set(None);
                    failure.set(None);
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let withdraw = move |code: String| {
        spawn_local(async move {
            let path = format!("/api/v1/websites/{}/catalogue/{code}", website.get_untracked());
            match api::call_empty("DELETE", &path).await {
                Ok(()) => load(),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    // A text input of the form, bound to one of its fields.
    let input = move |label: Msg,
                      test: &'static str,
                      get: fn(&EntryForm) -> String,
                      set: fn(&mut EntryForm, String)| {
        view! {
            <label class="field">
                <span>{i18n.t(label)}</span>
                <input data-test=test prop:value=move || form.with(|f| f.as_ref().map(get).unwrap_or_default())
                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| if let Some(f) = f { set(f, v) }) }/>
                {move || failure.get().and_then(|e| e.field(test).map(|f| f.message.clone())).map(|m| view! { <span class="error" role="alert">{m}</span> })}
            </label>
        }
    };
    view! {
        <div class="site-head">
            <h1>{i18n.t(Msg::Catalogue)}</h1>
            <button type="button" class="btn btn-primary narrow-btn" data-test="new-entry"
                on:click=move |_| form.set(Some(EntryForm { level: "1".into(), turnarounds: "7:100".into(), ..Default::default() }))>
                {i18n.t(Msg::NewEntry)}
            </button>
        </div>
        <div class="filters">
            <label>{i18n.t(Msg::Website)} " "
                <select data-test="catalogue-website" prop:value=move || website.get() on:change=move |ev| website.set(event_target_value(&ev))>
                    {move || websites.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|w| view! {
                        <option value=w.id.to_string()>{w.name}</option>
                    }).collect_view()}
                </select>
            </label>
        </div>
        {move || form.get().is_some().then(|| view! {
            <div class="card entry-form" data-test="entry-form">
                {input(Msg::Code, "code", |f| f.code.clone(), |f, v| f.code = v)}
                {input(Msg::EntryName, "name", |f| f.name.clone(), |f, v| f.name = v)}
                {input(Msg::Description, "description", |f| f.description.clone(), |f, v| f.description = v)}
                {input(Msg::PricePerWord, "price_per_word_minor", |f| f.price.clone(), |f, v| f.price = v)}
                {input(Msg::MinWords, "min_words", |f| f.min_words.clone(), |f, v| f.min_words = v)}
                {input(Msg::MaxWords, "max_words", |f| f.max_words.clone(), |f, v| f.max_words = v)}
                {input(Msg::WriterLevel, "required_level", |f| f.level.clone(), |f, v| f.level = v)}
                {input(Msg::TurnaroundsHint, "turnarounds", |f| f.turnarounds.clone(), |f, v| f.turnarounds = v)}
                <div class="actions-bar">
                    <button type="button" class="btn btn-primary narrow-btn" data-test="save-entry" on:click=save>{i18n.t(Msg::SaveEdit)}</button>
                    <button type="button" class="btn btn-secondary" on:click=move |_| form.set(None)>{i18n.t(Msg::Cancel)}</button>
                </div>
            </div>
        })}
        {move || failure.get().filter(|e| e.fields.is_empty()).map(|e| view! { <div class="alert" role="alert">{error_text(i18n, &e)}</div> })}
        {loaded(entries, load, move |list: Vec<ServiceType>| view! {
            <table class="table" data-test="catalogue">
                <thead><tr>
                    <th>{i18n.t(Msg::EntryName)}</th><th>{i18n.t(Msg::PerWord)}</th><th>{i18n.t(Msg::Length)}</th>
                    <th>{i18n.t(Msg::WriterLevel)}</th><th>{i18n.t(Msg::Turnaround)}</th><th></th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|s| {
                        let edit = EntryForm::of(&s);
                        let code = s.code.clone();
                        view! {
                            <tr data-test="catalogue-entry" class:muted=!s.active>
                                <td><strong>{s.name.clone()}</strong> <div class="muted">{s.code.clone()}</div></td>
                                <td>{money(i64::from(s.price_per_word_minor), &s.currency)}</td>
                                <td>{s.min_words} "–" {s.max_words}</td>
                                <td>{s.required_level}</td>
                                <td>{turnarounds_text(&s.turnarounds)}</td>
                                <td>
                                    <button type="button" class="link-button" data-test="edit-entry" on:click=move |_| form.set(Some(edit.clone()))>{i18n.t(Msg::Edit)}</button>
                                    {s.active.then(|| view! {
                                        <button type="button" class="link-button" data-test="withdraw-entry" on:click=move |_| withdraw(code.clone())>{i18n.t(Msg::Withdraw)}</button>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}

/// Gives an open order to a writer of its website at its level or above.
#[component]
fn AssignWriter(order: Order, on_moved: Callback<Order>) -> impl IntoView {
    let i18n = I18n::get();
    let team: Loaded<Vec<atelier_types::staff::Member>> = RwSignal::new(None);
    fetch(team, "/api/v1/team".into());
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
            match api::call::<Order>("POST", &format!("/api/v1/orders/{id}/transitions"), Some(&body)).await {
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

/// Everything waiting for an editor: writers' submissions (opened on their order) and
/// generated texts (approved, or rejected with a reason).
#[component]
pub fn ReviewPage() -> impl IntoView {
    use atelier_types::staff::{AiReview, ReviewItem};
    let i18n = I18n::get();
    let items: Loaded<Vec<ReviewItem>> = RwSignal::new(None);
    let load = move || fetch(items, "/api/v1/review".into());
    load();
    let reason = RwSignal::new(String::new());
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let answer = move |id: Uuid, approve: bool| {
        let body = AiReview { approve, reason: typed_reason(reason) };
        answer_with_reason(format!("/api/v1/review/ai/{id}"), body, reason, failure, load);
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

/// The reason typed in a page's reason box, if any.
fn typed_reason(reason: RwSignal<String>) -> Option<String> {
    Some(reason.get_untracked()).filter(|r| !r.trim().is_empty())
}

/// Sends an approve-or-reject answer; on success the reason box empties and the list
/// reloads, on failure the page says why (the reason typed stays).
fn answer_with_reason(
    path: String,
    body: impl serde::Serialize + 'static,
    reason: RwSignal<String>,
    failure: RwSignal<Option<ApiError>>,
    reload: impl Fn() + 'static,
) {
    spawn_local(async move {
        match api::call::<serde_json::Value>("POST", &path, Some(&body)).await {
            Ok(_) => {
                failure.set(None);
                reason.set(String::new());
                reload();
            }
            Err(e) => failure.set(Some(e)),
        }
    });
}
