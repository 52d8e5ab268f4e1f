//! The staff app's money pages (a build of their own): revenue with charts, invoices and the
//! transfers to confirm (and refunds), promo codes, plans and their quotas, and a website's
//! billing settings. Each page but revenue works on one website, picked at the top.

use atelier_types::billing::{
    BillingSettings, Invoice, InvoiceStatus, Limits, Payment, Plan, PlanInput, PromoCode, PromoCodeInput, PromoKind,
    Quota, RefundRequest, Revenue, WebsiteRevenue,
};
use atelier_types::tenant::TenantBranding;
use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

use crate::api::{self, ApiError, Call};
use crate::components::charts::{Bar, BarChart};
use crate::components::load::{FailureAlert, Loaded, fetch, loaded, money, when};
use crate::components::money::{act, quota_label};
use crate::i18n::{I18n, Msg};

/// The money pages' own links.
#[component]
fn Tabs() -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <nav class="tabs" aria-label=move || i18n.t(Msg::Billing)()>
            <A href="/money" exact=true attr:data-test="tab-revenue">{i18n.t(Msg::Revenue)}</A>
            <A href="/money/invoices" attr:data-test="tab-invoices">{i18n.t(Msg::Invoices)}</A>
            <A href="/money/promo-codes" attr:data-test="tab-promo-codes">{i18n.t(Msg::PromoCodes)}</A>
            <A href="/money/plans" attr:data-test="tab-plans">{i18n.t(Msg::PlansAndQuotas)}</A>
            <A href="/money/settings" attr:data-test="tab-settings">{i18n.t(Msg::BillingSettingsTitle)}</A>
        </nav>
    }
}

/// The website a page works on (the first of the caller's until they pick another), and
/// the picker.
fn website_picker() -> (RwSignal<Option<Uuid>>, impl IntoView) {
    let i18n = I18n::get();
    let websites: Loaded<Vec<TenantBranding>> = RwSignal::new(None);
    fetch(websites, api::list_my_websites());
    let website: RwSignal<Option<Uuid>> = RwSignal::new(None);
    Effect::new(move || {
        if let Some(Ok(list)) = websites.get()
            && website.get_untracked().is_none()
        {
            website.set(list.first().map(|w| w.id));
        }
    });
    let picker = view! {
        <div class="filters">
            <label>{i18n.t(Msg::Website)} " "
                <select data-test="money-website" prop:value=move || website.get().map(|w| w.to_string()).unwrap_or_default()
                    on:change=move |ev| website.set(event_target_value(&ev).parse().ok())>
                    {move || websites.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|w| view! {
                        <option value=w.id.to_string()>{w.name}</option>
                    }).collect_view()}
                </select>
            </label>
        </div>
    };
    (website, picker)
}

/// Loads `call(website)` into `into` whenever the website changes.
fn load_for<T: serde::de::DeserializeOwned + Send + Sync + 'static>(
    website: RwSignal<Option<Uuid>>,
    into: Loaded<T>,
    call: fn(Uuid) -> Call<T>,
) -> impl Fn() + Copy + Send + Sync + 'static {
    let load = move || {
        if let Some(id) = website.get_untracked() {
            fetch(into, call(id));
        }
    };
    Effect::new(move || {
        website.track();
        load();
    });
    load
}

/// A labelled text input bound to a signal, with the field's error under it.
fn input(
    label: Msg,
    name: &'static str,
    value: RwSignal<String>,
    failure: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <label class="field">
            <span>{i18n.t(label)}</span>
            <input data-test=name prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            {move || failure.get().and_then(|e| e.field(name).map(|f| f.message.clone())).map(|m| view! { <span class="error" role="alert">{m}</span> })}
        </label>
    }
}

fn checkbox(label: Msg, name: &'static str, value: RwSignal<bool>) -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <label class="check">
            <input type="checkbox" data-test=name prop:checked=move || value.get() on:change=move |ev| value.set(event_target_checked(&ev))/>
            " " {i18n.t(label)}
        </label>
    }
}

fn number(value: RwSignal<String>) -> i64 {
    value.get_untracked().trim().parse().unwrap_or(-1)
}

fn optional(value: RwSignal<String>) -> Option<i64> {
    let text = value.get_untracked();
    let text = text.trim();
    if text.is_empty() { None } else { Some(text.parse().unwrap_or(-1)) }
}

/// `2026-11` → `11/26`.
fn short_month(month: &str) -> String {
    match month.split_once('-') {
        Some((year, m)) => format!("{m}/{}", year.get(2..).unwrap_or(year)),
        None => month.to_owned(),
    }
}

#[component]
pub fn RevenuePage() -> impl IntoView {
    let i18n = I18n::get();
    let revenue: Loaded<Revenue> = RwSignal::new(None);
    let load = move || fetch(revenue, api::get_revenue());
    load();
    view! {
        <h1>{i18n.t(Msg::Revenue)}</h1>
        <Tabs/>
        {loaded(revenue, load, move |r: Revenue| r.websites.into_iter().map(|w| view! { <WebsiteFigures w=w/> }).collect_view())}
    }
}

#[component]
fn WebsiteFigures(w: WebsiteRevenue) -> impl IntoView {
    let i18n = I18n::get();
    let currency = w.currency.clone();
    let bars: Vec<Bar> = w
        .months
        .iter()
        .map(|m| Bar {
            label: short_month(&m.month),
            parts: vec![(
                m.revenue_minor as f64 / 100.0,
                "cb money",
                format!("{}, {} {}", money(m.revenue_minor, &currency), m.invoices, i18n.t(Msg::Invoices)()),
            )],
        })
        .collect();
    let title = format!("{} — {} ({currency})", w.name, i18n.t(Msg::RevenueByMonth)());
    view! {
        <section class="card chart-card" data-test="website-revenue">
            <h2>{w.name.clone()}</h2>
            <div class="kpis">
                <div class="card kpi"><span class="muted">{i18n.t(Msg::Mrr)}</span><strong data-test="mrr">{money(w.mrr_minor, &w.currency)}</strong>
                    <span class="muted">{w.paying_customers} " " {i18n.t(Msg::PayingCustomers)}</span></div>
                <div class="card kpi"><span class="muted">{i18n.t(Msg::Outstanding)}</span><strong data-test="outstanding">{money(w.outstanding_minor, &w.currency)}</strong>
                    <span class="muted">{w.outstanding_invoices} " " {i18n.t(Msg::Invoices)} " · " {i18n.t(Msg::Overdue)} " " {money(w.overdue_minor, &w.currency)}</span></div>
            </div>
            <h3>{i18n.t(Msg::RevenueByMonth)}</h3>
            <BarChart bars=bars label=title/>
        </section>
    }
}

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let i18n = I18n::get();
    let (website, picker) = website_picker();
    let invoices: Loaded<Vec<Invoice>> = RwSignal::new(None);
    let pending: Loaded<Vec<Payment>> = RwSignal::new(None);
    let load_invoices = load_for(website, invoices, api::list_staff_invoices);
    let load = move || {
        fetch(pending, api::list_pending_payments());
        load_invoices();
    };
    load();
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let confirm = move |id: Uuid| act(api::confirm_payment(id), failure, move |_| load());
    view! {
        <h1>{i18n.t(Msg::Invoices)}</h1>
        <Tabs/>
        {picker}
        <FailureAlert failure=failure/>
        <section class="card">
            <h2>{i18n.t(Msg::PendingTransfers)}</h2>
            {loaded(pending, load, move |list: Vec<Payment>| {
                let shown: Vec<Payment> = list.into_iter().collect();
                if shown.is_empty() {
                    return view! { <p class="muted">{i18n.t(Msg::NoPendingTransfers)}</p> }.into_any();
                }
                view! {
                    <ul class="site-list" data-test="pending-transfers">
                        {shown.into_iter().map(|p| {
                            let id = p.id;
                            view! {
                                <li class="site-row" data-test="pending-transfer">
                                    <div><strong>{p.external_id.clone().unwrap_or_default()}</strong> " · " {money(p.amount_minor, "")}
                                        <div class="muted">{when(p.created_at)}</div></div>
                                    <button type="button" class="btn btn-primary narrow-btn" data-test="confirm-transfer" on:click=move |_| confirm(id)>{i18n.t(Msg::ConfirmTransfer)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
        {loaded(invoices, load, move |list: Vec<Invoice>| {
            if list.is_empty() {
                return view! { <p class="muted">{i18n.t(Msg::NoInvoices)}</p> }.into_any();
            }
            view! {
                <table class="table" data-test="staff-invoices">
                    <thead><tr>
                        <th>{i18n.t(Msg::Invoices)}</th><th>{i18n.t(Msg::Status)}</th><th>{i18n.t(Msg::Price)}</th><th></th>
                    </tr></thead>
                    <tbody>{list.into_iter().map(|inv| view! { <InvoiceLine inv=inv failure=failure reload=load/> }).collect_view()}</tbody>
                </table>
            }.into_any()
        })}
    }
}

#[component]
fn InvoiceLine(
    inv: Invoice,
    failure: RwSignal<Option<ApiError>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = I18n::get();
    let status = match inv.status {
        InvoiceStatus::Open => Msg::InvoiceOpen,
        InvoiceStatus::Paid => Msg::InvoicePaid,
        InvoiceStatus::Void => Msg::InvoiceVoid,
    };
    let refundable = inv.status == InvoiceStatus::Paid && inv.refunded_minor < inv.total_minor;
    let open = RwSignal::new(false);
    let (amount, reason, to_balance) = (
        RwSignal::new((inv.total_minor - inv.refunded_minor).to_string()),
        RwSignal::new(String::new()),
        RwSignal::new(true),
    );
    let id = inv.id;
    let refund = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = RefundRequest {
            amount_minor: number(amount),
            reason: reason.get_untracked(),
            to_balance: to_balance.get_untracked(),
        };
        act(api::refund_invoice(id, &body), failure, move |_| {
            open.set(false);
            reload();
        });
    };
    let off = inv.discount_minor + inv.points_minor;
    view! {
        <tr data-test="staff-invoice">
            <td><strong>{inv.reference.clone()}</strong> <div class="muted">{inv.customer_name.clone()} " · " {when(inv.issued_at)}</div>
                {(off > 0).then(|| view! { <div class="muted">{i18n.t(Msg::DiscountApplied)} " " {money(off, &inv.currency)}</div> })}</td>
            <td><span class="badge">{i18n.t(status)}</span>
                {(inv.refunded_minor > 0).then(|| view! { <div class="muted">{money(inv.refunded_minor, &inv.currency)} " " {i18n.t(Msg::Refunded)}</div> })}</td>
            <td>{money(inv.total_minor, &inv.currency)}</td>
            <td>
                {refundable.then(|| view! {
                    <button type="button" class="link-button" data-test="refund" on:click=move |_| open.update(|o| *o = !*o)>{i18n.t(Msg::RefundAction)}</button>
                })}
                {move || open.get().then(|| view! {
                    <form class="inline-form" data-test="refund-form" on:submit=refund>
                        {input(Msg::RefundAmount, "amount_minor", amount, failure)}
                        {input(Msg::RefundReason, "reason", reason, failure)}
                        {checkbox(Msg::ToBalance, "to_balance", to_balance)}
                        <button type="submit" class="btn btn-primary narrow-btn" data-test="send-refund">{i18n.t(Msg::RefundAction)}</button>
                    </form>
                })}
            </td>
        </tr>
    }
}

fn promo_input(p: &PromoCode, active: bool) -> PromoCodeInput {
    PromoCodeInput {
        code: p.code.clone(),
        kind: p.kind,
        value: p.value,
        starts_at: Some(p.starts_at),
        ends_at: p.ends_at,
        max_redemptions: p.max_redemptions,
        per_customer: p.per_customer,
        plan_ids: p.plan_ids.clone(),
        service_ids: p.service_ids.clone(),
        first_purchase_only: p.first_purchase_only,
        active,
    }
}

#[component]
pub fn PromoCodesPage() -> impl IntoView {
    let i18n = I18n::get();
    let (website, picker) = website_picker();
    let promos: Loaded<Vec<PromoCode>> = RwSignal::new(None);
    let load = load_for(website, promos, api::list_promo_codes);
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let (code, value, max, per_customer) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new("1".to_owned()),
    );
    let (percent, first) = (RwSignal::new(true), RwSignal::new(false));
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(website) = website.get_untracked() else { return };
        let body = PromoCodeInput {
            code: code.get_untracked(),
            kind: if percent.get_untracked() { PromoKind::Percent } else { PromoKind::Fixed },
            value: number(value),
            starts_at: None,
            ends_at: None,
            max_redemptions: optional(max).map(|m| i32::try_from(m).unwrap_or(-1)),
            per_customer: i32::try_from(number(per_customer)).unwrap_or(-1),
            plan_ids: Vec::new(),
            service_ids: Vec::new(),
            first_purchase_only: first.get_untracked(),
            active: true,
        };
        act(api::create_promo_code(website, &body), failure, move |_| {
            code.set(String::new());
            value.set(String::new());
            load();
        });
    };
    let toggle = move |p: PromoCode| {
        let body = promo_input(&p, !p.active);
        act(api::update_promo_code(p.id, &body), failure, move |_| load());
    };
    view! {
        <h1>{i18n.t(Msg::PromoCodes)}</h1>
        <Tabs/>
        {picker}
        <FailureAlert failure=failure/>
        <form class="card entry-form" data-test="promo-form" on:submit=create>
            <h2>{i18n.t(Msg::NewPromo)}</h2>
            {input(Msg::PromoCode, "code", code, failure)}
            <label class="check"><input type="radio" name="kind" checked=true on:change=move |_| percent.set(true)/> " " {i18n.t(Msg::PromoPercent)}</label>
            <label class="check"><input type="radio" name="kind" data-test="kind-fixed" on:change=move |_| percent.set(false)/> " " {i18n.t(Msg::PromoFixed)}</label>
            {input(Msg::PromoValue, "value", value, failure)}
            {input(Msg::MaxUses, "max_redemptions", max, failure)}
            {input(Msg::PerCustomer, "per_customer", per_customer, failure)}
            {checkbox(Msg::FirstPurchaseOnly, "first_purchase_only", first)}
            <div class="actions-bar"><button type="submit" class="btn btn-primary narrow-btn" data-test="create-promo">{i18n.t(Msg::NewPromo)}</button></div>
        </form>
        {loaded(promos, load, move |list: Vec<PromoCode>| view! {
            <table class="table" data-test="promo-codes">
                <thead><tr><th>{i18n.t(Msg::PromoCode)}</th><th>{i18n.t(Msg::PromoValue)}</th><th>{i18n.t(Msg::Uses)}</th><th></th></tr></thead>
                <tbody>
                    {list.into_iter().map(|p| {
                        let value = match p.kind {
                            PromoKind::Percent => format!("{}.{:02} %", p.value / 100, p.value % 100),
                            PromoKind::Fixed => money(p.value, ""),
                        };
                        let uses = match p.max_redemptions {
                            Some(max) => format!("{} / {max}", p.redemptions),
                            None => p.redemptions.to_string(),
                        };
                        let active = p.active;
                        let ends = p.ends_at.map(when);
                        view! {
                            <tr data-test="promo-code" class:muted=!active>
                                <td><strong>{p.code.clone()}</strong>
                                    {ends.map(|e| view! { <div class="muted">"→ " {e}</div> })}
                                    {(!active).then(|| view! { <div class="muted">{i18n.t(Msg::Inactive)}</div> })}</td>
                                <td>{value}</td>
                                <td data-test="promo-uses">{uses}</td>
                                <td><button type="button" class="link-button" data-test="toggle-promo" on:click=move |_| toggle(p.clone())>
                                    {i18n.t(if active { Msg::Deactivate } else { Msg::Activate })}</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}

/// A plan as it is being written: every field as typed (storage in MB).
#[derive(Clone, Copy)]
struct PlanForm {
    id: RwSignal<Option<Uuid>>,
    code: RwSignal<String>,
    name: RwSignal<String>,
    price: RwSignal<String>,
    active: RwSignal<bool>,
    limits: [RwSignal<String>; 6],
}

impl PlanForm {
    fn new() -> PlanForm {
        PlanForm {
            id: RwSignal::new(None),
            code: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            price: RwSignal::new(String::new()),
            active: RwSignal::new(true),
            limits: std::array::from_fn(|_| RwSignal::new(String::new())),
        }
    }

    fn fill(&self, plan: Option<&Plan>) {
        self.id.set(plan.map(|p| p.id));
        self.code.set(plan.map(|p| p.code.clone()).unwrap_or_default());
        self.name.set(plan.map(|p| p.name.clone()).unwrap_or_default());
        self.price.set(plan.map(|p| p.price_minor.to_string()).unwrap_or_default());
        self.active.set(plan.is_none_or(|p| p.active));
        for (field, quota) in self.limits.iter().zip(Quota::ALL) {
            let limit = plan.and_then(|p| p.limits.get(quota));
            let shown = limit.map(|l| if quota == Quota::StorageBytes { l / (1024 * 1024) } else { l });
            field.set(shown.map(|l| l.to_string()).unwrap_or_default());
        }
    }

    fn input(&self) -> PlanInput {
        let limit = |i: usize| optional(self.limits[i]);
        PlanInput {
            code: self.code.get_untracked(),
            name: self.name.get_untracked(),
            price_minor: number(self.price),
            active: self.active.get_untracked(),
            limits: Limits {
                sites: limit(0),
                live_sites: limit(1),
                deployments_per_month: limit(2),
                storage_bytes: limit(3).map(|mb| mb.saturating_mul(1024 * 1024)),
                custom_domains: limit(4),
                generated_per_month: limit(5),
            },
        }
    }
}

#[component]
pub fn PlansPage() -> impl IntoView {
    let i18n = I18n::get();
    let (website, picker) = website_picker();
    let plans: Loaded<Vec<Plan>> = RwSignal::new(None);
    let load = load_for(website, plans, api::list_plans);
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let form = PlanForm::new();
    let editing = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = form.input();
        let done = move |_| {
            editing.set(false);
            load();
        };
        match (form.id.get_untracked(), website.get_untracked()) {
            (Some(id), _) => act(api::update_plan(id, &body), failure, done),
            (None, Some(website)) => act(api::create_plan(website, &body), failure, done),
            (None, None) => {}
        }
    };
    view! {
        <div class="site-head">
            <h1>{i18n.t(Msg::PlansAndQuotas)}</h1>
            <button type="button" class="btn btn-primary narrow-btn" data-test="new-plan"
                on:click=move |_| { form.fill(None); editing.set(true); }>{i18n.t(Msg::NewPlan)}</button>
        </div>
        <Tabs/>
        {picker}
        <FailureAlert failure=failure/>
        {move || editing.get().then(|| view! {
            <form class="card entry-form" data-test="plan-form" on:submit=save>
                {input(Msg::Code, "code", form.code, failure)}
                {input(Msg::EntryName, "name", form.name, failure)}
                {input(Msg::PlanPrice, "price_minor", form.price, failure)}
                {checkbox(Msg::Activate, "active", form.active)}
                <p class="muted">{i18n.t(Msg::LimitsHint)}</p>
                {form.limits.into_iter().zip(Quota::ALL).map(|(field, quota)| {
                    let name: &'static str = match quota {
                        Quota::Sites => "limits.sites",
                        Quota::LiveSites => "limits.live_sites",
                        Quota::DeploymentsPerMonth => "limits.deployments_per_month",
                        Quota::StorageBytes => "limits.storage_bytes",
                        Quota::CustomDomains => "limits.custom_domains",
                        Quota::GeneratedPerMonth => "limits.generated_per_month",
                    };
                    input(quota_label(quota), name, field, failure)
                }).collect_view()}
                <div class="actions-bar">
                    <button type="submit" class="btn btn-primary narrow-btn" data-test="save-plan">{i18n.t(Msg::Save)}</button>
                    <button type="button" class="btn btn-secondary" on:click=move |_| editing.set(false)>{i18n.t(Msg::Cancel)}</button>
                </div>
            </form>
        })}
        {loaded(plans, load, move |list: Vec<Plan>| view! {
            <table class="table" data-test="plans">
                <thead><tr>
                    <th>{i18n.t(Msg::EntryName)}</th><th>{i18n.t(Msg::PerMonth)}</th>
                    {Quota::ALL.into_iter().map(|q| view! { <th>{i18n.t(quota_label(q))}</th> }).collect_view()}
                    <th></th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|p| {
                        let limits = Quota::ALL.into_iter().map(|q| {
                            let shown = match p.limits.get(q) {
                                Some(l) if q == Quota::StorageBytes => (l / (1024 * 1024)).to_string(),
                                Some(l) => l.to_string(),
                                None => "∞".to_owned(),
                            };
                            view! { <td>{shown}</td> }
                        }).collect_view();
                        let edit = p.clone();
                        view! {
                            <tr data-test="plan" class:muted=!p.active>
                                <td><strong>{p.name.clone()}</strong> <div class="muted">{p.code.clone()}
                                    {p.is_default.then(|| view! { " · " {i18n.t(Msg::DefaultPlan)} })}</div></td>
                                <td>{money(p.price_minor, &p.currency)}</td>
                                {limits}
                                <td><button type="button" class="link-button" data-test="edit-plan"
                                    on:click=move |_| { form.fill(Some(&edit)); editing.set(true); }>{i18n.t(Msg::Edit)}</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = I18n::get();
    let (website, picker) = website_picker();
    let settings: Loaded<BillingSettings> = RwSignal::new(None);
    let load = load_for(website, settings, api::get_billing_settings);
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let saved = RwSignal::new(false);
    view! {
        <h1>{i18n.t(Msg::BillingSettingsTitle)}</h1>
        <Tabs/>
        {picker}
        <FailureAlert failure=failure/>
        {move || saved.get().then(|| view! { <div class="alert" role="status" data-test="settings-saved">{i18n.t(Msg::SettingsSaved)}</div> })}
        {loaded(settings, load, move |s: BillingSettings| {
            let field = |v: String| RwSignal::new(v);
            let (vat, prefix, grace, bank) =
                (field(s.vat_rate_bp.to_string()), field(s.invoice_prefix.clone()), field(s.grace_days.to_string()), field(s.bank_details.clone()));
            let (rate, value, expiry, reward) = (
                field(s.points_per_unit.to_string()),
                field(s.point_value_minor.to_string()),
                field(s.points_expire_days.to_string()),
                field(s.referral_reward_minor.to_string()),
            );
            let inclusive = RwSignal::new(s.prices_include_vat);
            let save = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let Some(id) = website.get_untracked() else { return };
                let small = |v: RwSignal<String>| i32::try_from(number(v)).unwrap_or(-1);
                let body = BillingSettings {
                    vat_rate_bp: small(vat),
                    prices_include_vat: inclusive.get_untracked(),
                    invoice_prefix: prefix.get_untracked().trim().to_owned(),
                    grace_days: small(grace),
                    bank_details: bank.get_untracked(),
                    points_per_unit: small(rate),
                    point_value_minor: small(value),
                    points_expire_days: small(expiry),
                    referral_reward_minor: number(reward),
                };
                saved.set(false);
                act(api::update_billing_settings(id, &body), failure, move |_| saved.set(true));
            };
            view! {
                <form class="card entry-form" data-test="settings-form" on:submit=save>
                    {input(Msg::VatRate, "vat_rate_bp", vat, failure)}
                    {checkbox(Msg::PricesIncludeVat, "prices_include_vat", inclusive)}
                    {input(Msg::InvoicePrefix, "invoice_prefix", prefix, failure)}
                    {input(Msg::GraceDays, "grace_days", grace, failure)}
                    {input(Msg::BankDetails, "bank_details", bank, failure)}
                    {input(Msg::PointsPerUnit, "points_per_unit", rate, failure)}
                    {input(Msg::PointValue, "point_value_minor", value, failure)}
                    {input(Msg::PointsExpireDays, "points_expire_days", expiry, failure)}
                    {input(Msg::ReferralReward, "referral_reward_minor", reward, failure)}
                    <div class="actions-bar"><button type="submit" class="btn btn-primary narrow-btn" data-test="save-settings">{i18n.t(Msg::Save)}</button></div>
                </form>
            }
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_read_short() {
        assert_eq!(short_month("2026-11"), "11/26");
        assert_eq!(short_month("bad"), "bad");
    }
}
