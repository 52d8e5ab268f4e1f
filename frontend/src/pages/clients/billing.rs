//! The client's billing page (a build of its own): their plan with a bar per limit, the
//! plans they can move to, their balance, their invoices with the ways to pay them, a promo
//! code and points to take off, the PDF; their loyalty points, referral link and content
//! packages.

use atelier_types::billing::{
    BillingOverview, ContentPackage, InvoiceStatus, NewPackage, PackageStatus, PaymentProvider, Points, Quota, Redeem,
    Referrals, SubscriptionStatus,
};
use atelier_types::orders::ServiceType;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api::{self, ApiError, InvoiceItem};
use crate::components::load::{FailureAlert, Loaded, fetch, loaded, money, when};
use crate::components::money::{act, quota_label};
use crate::i18n::{I18n, Msg};

fn points_kind(kind: &str) -> Msg {
    match kind {
        "earned" => Msg::PtEarned,
        "redeemed" => Msg::PtRedeemed,
        "returned" => Msg::PtReturned,
        "expired" => Msg::PtExpired,
        _ => Msg::PtReversed,
    }
}

fn package_status(status: PackageStatus) -> Msg {
    match status {
        PackageStatus::Active => Msg::PkActive,
        PackageStatus::Paused => Msg::PkPaused,
        PackageStatus::Cancelled => Msg::PkCancelled,
    }
}

#[component]
pub fn BillingPage() -> impl IntoView {
    let i18n = I18n::get();
    let overview: Loaded<BillingOverview> = RwSignal::new(None);
    let invoices: Loaded<Vec<InvoiceItem>> = RwSignal::new(None);
    let points: Loaded<Points> = RwSignal::new(None);
    let referrals: Loaded<Referrals> = RwSignal::new(None);
    let packages: Loaded<Vec<ContentPackage>> = RwSignal::new(None);
    let load = move || {
        fetch(overview, api::get_billing());
        fetch(invoices, api::list_invoices());
        fetch(points, api::get_points());
        fetch(referrals, api::get_referrals());
        fetch(packages, api::list_packages());
    };
    load();
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let told: RwSignal<Option<String>> = RwSignal::new(None);
    let switch = move |plan: Uuid| act(api::change_plan(plan), failure, move |_| load());
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
                    {list.into_iter().map(|inv| view! { <InvoiceRow inv=inv pay=pay pdf=pdf failure=failure reload=load/> }).collect_view()}
                </ul>
            }.into_any()
        })}
        <div class="grid-2">
            <section class="card" data-test="points">
                <h2>{i18n.t(Msg::LoyaltyPoints)}</h2>
                {loaded(points, load, move |p: Points| view! { <PointsCard points=p/> })}
            </section>
            <section class="card" data-test="referrals">
                <h2>{i18n.t(Msg::ReferFriends)}</h2>
                {loaded(referrals, load, move |r: Referrals| view! { <ReferralCard referrals=r failure=failure reload=load/> })}
            </section>
        </div>
        <section class="card" data-test="packages">
            <h2>{i18n.t(Msg::ContentPackages)}</h2>
            <p class="muted">{i18n.t(Msg::PackagesExplain)}</p>
            {loaded(packages, load, move |list: Vec<ContentPackage>| view! { <PackageList list=list failure=failure reload=load/> })}
            <NewPackageForm failure=failure reload=load/>
        </section>
    }
}

/// One invoice: its figures, and while open, the ways to pay and to take money off.
#[component]
fn InvoiceRow(
    inv: InvoiceItem,
    pay: impl Fn(Uuid, PaymentProvider) + Copy + Send + Sync + 'static,
    pdf: impl Fn(Uuid, String) + Copy + Send + Sync + 'static,
    failure: RwSignal<Option<ApiError>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = I18n::get();
    let (id, reference) = (inv.id, inv.reference.clone());
    let status = match inv.status {
        InvoiceStatus::Open => Msg::InvoiceOpen,
        InvoiceStatus::Paid => Msg::InvoicePaid,
        InvoiceStatus::Void => Msg::InvoiceVoid,
    };
    let open = inv.status == InvoiceStatus::Open;
    let (code, spend) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let redeem = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let promo_code = Some(code.get_untracked()).filter(|c| !c.trim().is_empty());
        let points = spend.get_untracked().trim().parse().ok();
        act(api::redeem_on_invoice(id, &Redeem { promo_code, points }), failure, move |_| reload());
    };
    let off = (inv.discount_minor > 0 || inv.points_minor > 0).then(|| {
        view! {
            <div class="muted" data-test="invoice-off">
                {i18n.t(Msg::DiscountApplied)} " " {money(inv.discount_minor, &inv.currency)} " · "
                {i18n.t(Msg::PointsApplied)} " " {money(inv.points_minor, &inv.currency)}
            </div>
        }
    });
    view! {
        <li class="card site-row" data-test="invoice">
            <div>
                <strong>{inv.reference.clone()}</strong> " · " <span data-test="invoice-total">{money(inv.total_minor, &inv.currency)}</span>
                <div class="muted">{when(inv.issued_at)}</div>
                {off}
            </div>
            <span class="badge" data-test="invoice-status">{i18n.t(status)}</span>
            {open.then(|| view! {
                <button type="button" class="btn narrow-btn" data-test="pay-transfer" on:click=move |_| pay(id, PaymentProvider::Manual)>{i18n.t(Msg::PayByTransfer)}</button>
                <button type="button" class="btn narrow-btn" data-test="pay-balance" on:click=move |_| pay(id, PaymentProvider::Balance)>{i18n.t(Msg::PayFromBalance)}</button>
                <button type="button" class="btn narrow-btn" data-test="pay-card" on:click=move |_| pay(id, PaymentProvider::Card)>{i18n.t(Msg::PayByCard)}</button>
                <form class="inline-form" data-test="redeem" on:submit=redeem>
                    <label>{i18n.t(Msg::PromoCode)} " "
                        <input data-test="promo-code" size="10" prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
                    </label>
                    <label>{i18n.t(Msg::PointsToUse)} " "
                        <input data-test="points-to-use" type="number" min="0" inputmode="numeric" size="6" prop:value=move || spend.get() on:input=move |ev| spend.set(event_target_value(&ev))/>
                    </label>
                    <button type="submit" class="btn btn-secondary narrow-btn" data-test="apply-redeem">{i18n.t(Msg::Apply)}</button>
                </form>
            })}
            <button type="button" class="btn narrow-btn" data-test="invoice-pdf" on:click=move |_| pdf(id, reference.clone())>{i18n.t(Msg::DownloadPdf)}</button>
        </li>
    }
}

#[component]
fn PointsCard(points: Points) -> impl IntoView {
    let i18n = I18n::get();
    let worth = money(points.points * points.point_value_minor, &points.currency);
    view! {
        <p><strong data-test="points-held">{points.points}</strong> " (" {worth} ") · "
            {points.points_per_unit} " " {i18n.t(Msg::PointsEarnRate)}</p>
        <p class="muted">{i18n.t(Msg::PointsWorth)} " " {money(points.point_value_minor, &points.currency)}</p>
        {points.next_expiry.map(|at| view! {
            <p class="muted" data-test="points-expiry">{points.next_expiry_points} " " {i18n.t(Msg::PointsExpire)} " " {when(at)}</p>
        })}
        {if points.entries.is_empty() {
            view! { <p class="muted">{i18n.t(Msg::NoPointsYet)}</p> }.into_any()
        } else {
            view! {
                <ul class="ledger" data-test="points-ledger">
                    {points.entries.into_iter().take(10).map(|e| view! {
                        <li><span>{i18n.t(points_kind(&e.kind))}</span> " " <strong>{format!("{:+}", e.points)}</strong> " · " <span class="muted">{when(e.created_at)}</span></li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn ReferralCard(
    referrals: Referrals,
    failure: RwSignal<Option<ApiError>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = I18n::get();
    let copied = RwSignal::new(false);
    let link = referrals.link.clone();
    let copy = move |_| copied.set(crate::browser::copy_text(&link));
    let code = RwSignal::new(String::new());
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        act(api::apply_referral(code.get_untracked()), failure, move |_| reload());
    };
    view! {
        <p>{i18n.t(Msg::ReferralExplain)} " " <strong>{money(referrals.reward_minor, &referrals.currency)}</strong>.</p>
        <label class="field">
            <span>{i18n.t(Msg::ReferralCode)} " " <strong data-test="referral-code">{referrals.code.clone()}</strong></span>
            <input readonly data-test="referral-link" prop:value=referrals.link.clone()/>
        </label>
        <button type="button" class="btn btn-secondary narrow-btn" data-test="copy-referral" on:click=copy>
            {move || i18n.t(if copied.get() { Msg::Copied } else { Msg::CopyLink })}
        </button>
        <p class="muted" data-test="referral-counts">
            {referrals.pending} " " {i18n.t(Msg::ReferralPending)} " · " {referrals.credited} " " {i18n.t(Msg::ReferralCredited)}
            " (" {money(referrals.earned_minor, &referrals.currency)} ")"
        </p>
        {if referrals.referred {
            view! { <p class="muted">{i18n.t(Msg::ReferredAlready)}</p> }.into_any()
        } else {
            view! {
                <form class="inline-form" on:submit=apply>
                    <label>{i18n.t(Msg::ReferredBy)} " "
                        <input data-test="referred-by" size="10" prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
                    </label>
                    <button type="submit" class="btn btn-secondary narrow-btn">{i18n.t(Msg::Apply)}</button>
                </form>
            }.into_any()
        }}
    }
}

#[component]
fn PackageList(
    list: Vec<ContentPackage>,
    failure: RwSignal<Option<ApiError>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = I18n::get();
    if list.is_empty() {
        return view! { <p class="muted">{i18n.t(Msg::NoPackages)}</p> }.into_any();
    }
    let change =
        move |id: Uuid, status: PackageStatus| act(api::change_package(id, status), failure, move |_| reload());
    view! {
        <ul class="site-list" data-test="package-list">
            {list.into_iter().map(|p| {
                let id = p.id;
                let buttons = match p.status {
                    PackageStatus::Active => Some(view! {
                        <button type="button" class="btn narrow-btn" data-test="pause-package" on:click=move |_| change(id, PackageStatus::Paused)>{i18n.t(Msg::Pause)}</button>
                    }.into_any()),
                    PackageStatus::Paused => Some(view! {
                        <button type="button" class="btn narrow-btn" data-test="resume-package" on:click=move |_| change(id, PackageStatus::Active)>{i18n.t(Msg::Resume)}</button>
                    }.into_any()),
                    PackageStatus::Cancelled => None,
                };
                let live = p.status != PackageStatus::Cancelled;
                view! {
                    <li class="card site-row" data-test="package">
                        <div>
                            <strong>{p.title.clone()}</strong> " · " {p.per_period} " × " {p.service_name.clone()} " (" {p.words} " " {i18n.t(Msg::Words)} ")"
                            <div class="muted">{money(p.period_price_minor, &p.currency)} " " {i18n.t(Msg::PerMonth)} " · "
                                {p.orders_opened} " " {i18n.t(Msg::OrdersOpened)} " · " {i18n.t(Msg::PeriodEnds)} " " {when(p.period_end)}</div>
                        </div>
                        <span class="badge" data-test="package-status">{i18n.t(package_status(p.status))}</span>
                        {buttons}
                        {live.then(|| view! {
                            <button type="button" class="btn btn-secondary narrow-btn" data-test="cancel-package" on:click=move |_| change(id, PackageStatus::Cancelled)>{i18n.t(Msg::CancelPackage)}</button>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// Starts a package: a service of the catalogue, how long each text, how many a month.
#[component]
fn NewPackageForm(
    failure: RwSignal<Option<ApiError>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = I18n::get();
    let catalogue: Loaded<Vec<ServiceType>> = RwSignal::new(None);
    let open = RwSignal::new(false);
    let (title, service, words, per_period) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new("4".to_owned()),
    );
    let start = move |_| {
        open.set(true);
        if catalogue.get_untracked().is_none() {
            fetch(catalogue, api::list_catalogue());
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let services = catalogue.get_untracked().and_then(Result::ok).unwrap_or_default();
        let chosen = services.iter().find(|s| s.id.to_string() == service.get_untracked()).or(services.first());
        let Some(chosen) = chosen else { return };
        let body = NewPackage {
            title: title.get_untracked(),
            brief: String::new(),
            service_type_id: chosen.id,
            site_id: None,
            words: words.get_untracked().trim().parse().unwrap_or(chosen.min_words),
            turnaround_days: chosen.turnarounds.first().map_or(7, |t| t.days),
            per_period: per_period.get_untracked().trim().parse().unwrap_or(0),
        };
        act(api::create_package(&body), failure, move |_| {
            open.set(false);
            reload();
        });
    };
    view! {
        {move || (!open.get()).then(|| view! {
            <button type="button" class="btn btn-primary narrow-btn" data-test="new-package" on:click=start>{i18n.t(Msg::NewPackage)}</button>
        })}
        {move || open.get().then(|| view! {
            <form class="entry-form" data-test="package-form" on:submit=submit>
                <label class="field"><span>{i18n.t(Msg::PackageName)}</span>
                    <input data-test="package-title" required prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/></label>
                <label class="field"><span>{i18n.t(Msg::Service)}</span>
                    <select data-test="package-service" prop:value=move || service.get() on:change=move |ev| service.set(event_target_value(&ev))>
                        {move || catalogue.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|s| view! {
                            <option value=s.id.to_string()>{s.name.clone()} " (" {s.min_words} "–" {s.max_words} " " {i18n.t(Msg::Words)} ")"</option>
                        }).collect_view()}
                    </select></label>
                <label class="field"><span>{i18n.t(Msg::Words)}</span>
                    <input data-test="package-words" type="number" inputmode="numeric" prop:value=move || words.get() on:input=move |ev| words.set(event_target_value(&ev))/></label>
                <label class="field"><span>{i18n.t(Msg::PerPeriod)}</span>
                    <input data-test="package-per-period" type="number" min="1" max="20" inputmode="numeric" prop:value=move || per_period.get() on:input=move |ev| per_period.set(event_target_value(&ev))/></label>
                <div class="actions-bar">
                    <button type="submit" class="btn btn-primary narrow-btn" data-test="start-package">{i18n.t(Msg::NewPackage)}</button>
                    <button type="button" class="btn btn-secondary" on:click=move |_| open.set(false)>{i18n.t(Msg::Cancel)}</button>
                </div>
            </form>
        })}
    }
}
