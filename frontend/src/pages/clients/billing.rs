//! The client's billing page: their plan with a bar per limit, the plans they can move to,
//! their balance, and their invoices with the ways to pay them and the PDF.

use atelier_types::billing::{BillingOverview, InvoiceStatus, PaymentProvider, Quota, SubscriptionStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api::{self, ApiError, InvoiceItem};
use crate::components::load::{FailureAlert, Loaded, fetch, loaded, money, when};
use crate::i18n::{I18n, Msg};

fn quota_label(quota: Quota) -> Msg {
    match quota {
        Quota::Sites => Msg::QuotaSites,
        Quota::LiveSites => Msg::QuotaLiveSites,
        Quota::DeploymentsPerMonth => Msg::QuotaDeployments,
        Quota::StorageBytes => Msg::QuotaStorage,
        Quota::CustomDomains => Msg::QuotaDomains,
        Quota::GeneratedPerMonth => Msg::QuotaGenerated,
    }
}

#[component]
pub fn BillingPage() -> impl IntoView {
    let i18n = I18n::get();
    let overview: Loaded<BillingOverview> = RwSignal::new(None);
    let invoices: Loaded<Vec<InvoiceItem>> = RwSignal::new(None);
    let load = move || {
        fetch(overview, api::get_billing());
        fetch(invoices, api::list_invoices());
    };
    load();
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let told: RwSignal<Option<String>> = RwSignal::new(None);
    let switch = move |plan: Uuid| {
        spawn_local(async move {
            match api::change_plan(plan).await {
                Ok(_) => {
                    failure.set(None);
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let pay = move |invoice: Uuid, provider: PaymentProvider| {
        spawn_local(async move {
            match api::pay_invoice(invoice, provider).await {
                Ok(started) => {
                    failure.set(None);
                    if let Some(url) = started.checkout_url {
                        let _ = window().location().set_href(&url);
                        return;
                    }
                    told.set(started.instructions);
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let pdf = move |invoice: Uuid, name: String| {
        spawn_local(async move {
            if let Err(e) = api::get_invoice_document(invoice, &format!("{name}.pdf")).await {
                failure.set(Some(e));
            }
        });
    };
    view! {
        <h1>{i18n.t(Msg::Billing)}</h1>
        <FailureAlert failure=failure/>
        {move || told.get().map(|text| view! { <div class="alert" role="status" data-test="pay-instructions"><p>{text}</p></div> })}
        {loaded(overview, load, move |o: BillingOverview| {
            let currency = o.currency.clone();
            let current = o.plan.id;
            view! {
                {(o.status == SubscriptionStatus::Suspended).then(|| view! {
                    <div class="alert alert-warn" data-test="billing-suspended"><p>{i18n.t(Msg::BillingSuspendedNote)}</p></div>
                })}
                <section class="card" data-test="plan">
                    <h2>{i18n.t(Msg::YourPlan)} ": " <span data-test="plan-name">{o.plan.name.clone()}</span></h2>
                    <p class="muted">{i18n.t(Msg::PeriodEnds)} " " {when(o.period_end)}</p>
                    {o.next_plan.clone().map(|next| view! { <p data-test="next-plan">{i18n.t(Msg::MovesTo)} " " {next.name}</p> })}
                    <h3>{i18n.t(Msg::Usage)}</h3>
                    <ul class="usage" data-test="usage">
                        {o.usage.into_iter().filter(|u| u.quota != Quota::CustomDomains || u.limit != Some(0)).map(|u| {
                            let mb = |v: i64| if u.quota == Quota::StorageBytes { (v + 1024 * 1024 - 1) / (1024 * 1024) } else { v };
                            let used = mb(u.used);
                            let (limit, share) = match u.limit {
                                Some(l) => (mb(l).to_string(), (u.used * 100 / l.max(1)).min(100)),
                                None => (i18n.t(Msg::Unlimited)().to_owned(), 0),
                            };
                            let text = format!("{used} / {limit}");
                            view! {
                                <li data-test=format!("usage-{}", u.quota.as_str())>
                                    <span>{i18n.t(quota_label(u.quota))}</span> " " <strong data-test="usage-figure">{text.clone()}</strong>
                                    <div class="bar" role="img" aria-label=text><span style=format!("width: {share}%")></span></div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <p>{i18n.t(Msg::Balance)} ": " <strong data-test="balance">{money(o.balance_minor, &currency)}</strong></p>
                </section>
                <h2>{i18n.t(Msg::Plans)}</h2>
                <ul class="site-list" data-test="plans">
                    {o.plans.into_iter().map(|p| view! {
                        <li class="card site-row" data-test="plan-option">
                            <div><strong>{p.name.clone()}</strong> <div class="muted">{money(p.price_minor, &p.currency)} " " {i18n.t(Msg::PerMonth)}</div></div>
                            {if p.id == current {
                                view! { <span class="badge">{i18n.t(Msg::CurrentPlan)}</span> }.into_any()
                            } else {
                                let id = p.id;
                                view! { <button type="button" class="btn narrow-btn" data-test="switch-plan" on:click=move |_| switch(id)>{i18n.t(Msg::SwitchPlan)}</button> }.into_any()
                            }}
                        </li>
                    }).collect_view()}
                </ul>
            }
        })}
        <h2>{i18n.t(Msg::Invoices)}</h2>
        {loaded(invoices, load, move |list: Vec<InvoiceItem>| {
            if list.is_empty() {
                return view! { <p class="muted">{i18n.t(Msg::NoInvoices)}</p> }.into_any();
            }
            view! {
                <ul class="site-list" data-test="invoices">
                    {list.into_iter().map(|inv| {
                        let (id, reference) = (inv.id, inv.reference.clone());
                        let status = match inv.status {
                            InvoiceStatus::Open => Msg::InvoiceOpen,
                            InvoiceStatus::Paid => Msg::InvoicePaid,
                            InvoiceStatus::Void => Msg::InvoiceVoid,
                        };
                        let open = inv.status == InvoiceStatus::Open;
                        view! {
                            <li class="card site-row" data-test="invoice">
                                <div>
                                    <strong>{inv.reference.clone()}</strong> " · " <span data-test="invoice-total">{money(inv.total_minor, &inv.currency)}</span>
                                    <div class="muted">{when(inv.issued_at)}</div>
                                </div>
                                <span class="badge" data-test="invoice-status">{i18n.t(status)}</span>
                                {open.then(|| view! {
                                    <button type="button" class="btn narrow-btn" data-test="pay-transfer" on:click=move |_| pay(id, PaymentProvider::Manual)>{i18n.t(Msg::PayByTransfer)}</button>
                                    <button type="button" class="btn narrow-btn" data-test="pay-balance" on:click=move |_| pay(id, PaymentProvider::Balance)>{i18n.t(Msg::PayFromBalance)}</button>
                                    <button type="button" class="btn narrow-btn" data-test="pay-card" on:click=move |_| pay(id, PaymentProvider::Card)>{i18n.t(Msg::PayByCard)}</button>
                                })}
                                <button type="button" class="btn narrow-btn" data-test="invoice-pdf" on:click=move |_| pdf(id, reference.clone())>{i18n.t(Msg::DownloadPdf)}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        })}
    }
}
