//! The staff console's operations pages: websites (created by the superadmin, rebranded by
//! their admins), customers (search, detail, suspend, reactivate, unlock) and the audit log.

use atelier_types::Role;
use atelier_types::staff::{
    Analytics, AuditEntry, Check, Customer, CustomerDetail, Member, MemberUpdate, NewMember, NewTenantRequest,
    Overview, QueueEntry, StaffSite, TenantUpdate,
};
use atelier_types::tenant::TenantBranding;
use leptos::callback::UnsyncCallback;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::ConfirmButton;
use crate::i18n::{I18n, Msg};
use crate::orders::{FailureAlert, Loaded, OrderRows, fetch, loaded, when};
use crate::session::Session;

/// The signed-in staff member's role (the pages offer only what it may do).
pub fn role() -> Option<Role> {
    Session::get().me.get().map(|m| m.role)
}

/// A text field of a form held in one signal.
fn text_field<F: Clone + Send + Sync + 'static>(
    form: RwSignal<F>,
    failure: RwSignal<Option<ApiError>>,
    label: Msg,
    name: &'static str,
    get: fn(&F) -> String,
    set: fn(&mut F, String),
) -> impl IntoView {
    let i18n = I18n::get();
    view! {
        <label class="field">
            <span>{i18n.t(label)}</span>
            <input data-test=name prop:value=move || form.with(get) on:input=move |ev| {
                let v = event_target_value(&ev);
                form.update(|f| set(f, v));
            }/>
            {move || failure.get().and_then(|e| e.field(name).map(|f| f.message.clone())).map(|m| view! { <span class="error" role="alert">{m}</span> })}
        </label>
    }
}

#[component]
pub fn WebsitesPage() -> impl IntoView {
    let i18n = I18n::get();
    let websites: Loaded<Vec<TenantBranding>> = RwSignal::new(None);
    let load = move || fetch(websites, "/api/v1/websites".into());
    load();
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let new = RwSignal::new(NewTenantRequest {
        name: String::new(),
        slug: String::new(),
        domain: String::new(),
        theme_color: "#4f46e5".into(),
        contact_email: String::new(),
        currency: "EUR".into(),
    });
    let creating = RwSignal::new(false);
    let create = move |_| {
        spawn_local(async move {
            match api::call::<TenantBranding>("POST", "/api/v1/tenants", Some(&new.get_untracked())).await {
                Ok(_) => {
                    creating.set(false);
                    failure.set(None);
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    // Editing one website's branding.
    let editing: RwSignal<Option<(Uuid, TenantUpdate)>> = RwSignal::new(None);
    let edit_form = RwSignal::new(TenantUpdate {
        name: String::new(),
        theme_color: String::new(),
        contact_email: String::new(),
        logo_url: None,
        active: true,
    });
    let save = move |_| {
        let Some((id, _)) = editing.get_untracked() else { return };
        spawn_local(async move {
            match api::call::<TenantBranding>("PUT", &format!("/api/v1/tenants/{id}"), Some(&edit_form.get_untracked()))
                .await
            {
                Ok(_) => {
                    editing.set(None);
                    failure.set(None);
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    // A new logo is uploaded at once and shown in the form's address field.
    let upload_logo = move |ev: leptos::ev::Event| {
        use web_sys::wasm_bindgen::JsCast;
        let Some((id, _)) = editing.get_untracked() else { return };
        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(file) = input.and_then(|i| i.files()).and_then(|f| f.get(0)) else { return };
        spawn_local(async move {
            let name = js_sys::encode_uri_component(&file.name()).as_string().unwrap_or_default();
            match api::upload::<TenantBranding>(&format!("/api/v1/tenants/{id}/logo?name={name}"), file).await {
                Ok(saved) => {
                    failure.set(None);
                    edit_form.update(|f| f.logo_url = saved.logo_url);
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let domain = RwSignal::new(String::new());
    let add_domain = move |_| {
        let Some((id, _)) = editing.get_untracked() else { return };
        spawn_local(async move {
            let body = serde_json::json!({ "host": domain.get_untracked() });
            match api::call_json_empty("POST", &format!("/api/v1/tenants/{id}/domains"), &body).await {
                Ok(()) => {
                    failure.set(None);
                    domain.set(String::new());
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let is_super = move || role() == Some(Role::Superadmin);
    let may_edit = move || matches!(role(), Some(Role::Admin | Role::Superadmin));
    view! {
        <div class="site-head">
            <h1>{i18n.t(Msg::Websites)}</h1>
            {move || is_super().then(|| view! {
                <button type="button" class="btn btn-primary narrow-btn" data-test="new-website" on:click=move |_| creating.set(true)>{i18n.t(Msg::NewWebsite)}</button>
            })}
        </div>
        {move || creating.get().then(|| view! {
            <div class="card entry-form" data-test="website-form">
                {text_field(new, failure, Msg::EntryName, "name", |f| f.name.clone(), |f, v| f.name = v)}
                {text_field(new, failure, Msg::Slug, "slug", |f| f.slug.clone(), |f, v| f.slug = v)}
                {text_field(new, failure, Msg::Domain, "domain", |f| f.domain.clone(), |f, v| f.domain = v)}
                {text_field(new, failure, Msg::ThemeColor, "theme_color", |f| f.theme_color.clone(), |f, v| f.theme_color = v)}
                {text_field(new, failure, Msg::ContactEmail, "contact_email", |f| f.contact_email.clone(), |f, v| f.contact_email = v)}
                {text_field(new, failure, Msg::Currency, "currency", |f| f.currency.clone(), |f, v| f.currency = v)}
                <div class="actions-bar">
                    <button type="button" class="btn btn-primary narrow-btn" data-test="create-website" on:click=create>{i18n.t(Msg::NewWebsite)}</button>
                    <button type="button" class="btn btn-secondary" on:click=move |_| creating.set(false)>{i18n.t(Msg::Cancel)}</button>
                </div>
            </div>
        })}
        {move || editing.get().map(|_| view! {
            <div class="card entry-form" data-test="branding-form">
                {text_field(edit_form, failure, Msg::EntryName, "name", |f| f.name.clone(), |f, v| f.name = v)}
                {text_field(edit_form, failure, Msg::ThemeColor, "theme_color", |f| f.theme_color.clone(), |f, v| f.theme_color = v)}
                {text_field(edit_form, failure, Msg::ContactEmail, "contact_email", |f| f.contact_email.clone(), |f, v| f.contact_email = v)}
                <label class="field"><span>{i18n.t(Msg::LogoUpload)}</span>
                    <input type="file" accept="image/png,image/jpeg,image/webp" data-test="logo-file" on:change=upload_logo/>
                </label>
                {move || is_super().then(|| view! {
                    <label class="field"><span>{i18n.t(Msg::AddDomain)}</span>
                        <span class="field-inline">
                            <input data-test="new-domain" prop:value=move || domain.get() on:input=move |ev| domain.set(event_target_value(&ev))/>
                            <button type="button" class="btn btn-secondary" data-test="add-domain" on:click=add_domain>{i18n.t(Msg::AddDomain)}</button>
                        </span>
                    </label>
                })}
                {move || is_super().then(|| view! {
                    <label class="field-inline">
                        <input type="checkbox" data-test="active" prop:checked=move || edit_form.with(|f| f.active)
                            on:change=move |ev| edit_form.update(|f| f.active = event_target_checked(&ev))/>
                        {i18n.t(Msg::WebsiteActive)}
                    </label>
                })}
                <div class="actions-bar">
                    <button type="button" class="btn btn-primary narrow-btn" data-test="save-branding" on:click=save>{i18n.t(Msg::SaveEdit)}</button>
                    <button type="button" class="btn btn-secondary" on:click=move |_| editing.set(None)>{i18n.t(Msg::Cancel)}</button>
                </div>
            </div>
        })}
        <FailureAlert failure=failure/>
        {loaded(websites, load, move |list: Vec<TenantBranding>| view! {
            <ul class="site-list" data-test="websites">
                {list.into_iter().map(|w| {
                    let update = TenantUpdate {
                        name: w.name.clone(),
                        theme_color: w.theme_color.clone(),
                        contact_email: w.contact_email.clone(),
                        logo_url: w.logo_url.clone(),
                        active: true,
                    };
                    let id = w.id;
                    view! {
                        <li class="card site-row" data-test="website">
                            {match w.logo_url.clone() {
                                Some(url) => view! { <img class="swatch" src=url alt=""/> }.into_any(),
                                None => view! { <span class="swatch" style=format!("background: {}", w.theme_color)></span> }.into_any(),
                            }}
                            <div>
                                <strong>{w.name.clone()}</strong>
                                <div class="muted">{w.primary_domain.clone()} " · " {w.currency.clone()} " · " {w.contact_email.clone()}</div>
                            </div>
                            <a href=format!("http://{}{}/", w.primary_domain, crate::browser::port_suffix()) target="_blank" rel="noopener">{i18n.t(Msg::OpenSite)}</a>
                            {move || may_edit().then(|| {
                                let update = update.clone();
                                view! {
                                    <button type="button" class="btn btn-secondary" data-test="edit-website"
                                        on:click=move |_| { edit_form.set(update.clone()); editing.set(Some((id, update.clone()))); }>{i18n.t(Msg::Edit)}</button>
                                }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
    }
}

#[component]
pub fn CustomersPage() -> impl IntoView {
    let i18n = I18n::get();
    let customers: Loaded<Vec<Customer>> = RwSignal::new(None);
    let query = RwSignal::new(String::new());
    let load = move || {
        let q = js_sys::encode_uri_component(&query.get_untracked()).as_string().unwrap_or_default();
        fetch(customers, format!("/api/v1/customers?q={q}"));
    };
    load();
    view! {
        <h1>{i18n.t(Msg::Customers)}</h1>
        <form class="filters" on:submit=move |ev| { ev.prevent_default(); load(); }>
            <label>{i18n.t(Msg::Search)} " "
                <input type="search" data-test="customer-search" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
            </label>
            <button type="submit" class="btn btn-secondary">{i18n.t(Msg::Search)}</button>
        </form>
        {loaded(customers, load, move |list: Vec<Customer>| {
            if list.is_empty() {
                return view! { <div class="empty" data-test="no-customers">{i18n.t(Msg::NoCustomers)}</div> }.into_any();
            }
            view! {
                <table class="table" data-test="customers">
                    <thead><tr>
                        <th>{i18n.t(Msg::EntryName)}</th><th>{i18n.t(Msg::Website)}</th><th>{i18n.t(Msg::SitesCount)}</th>
                        <th>{i18n.t(Msg::Orders)}</th><th>{i18n.t(Msg::Status)}</th>
                    </tr></thead>
                    <tbody>
                        {list.into_iter().map(|c| view! {
                            <tr data-test="customer">
                                <td><A href=format!("/customers/{}", c.id)>{c.display_name.clone()}</A> <div class="muted">{c.email.clone()}</div></td>
                                <td>{c.website_name.clone()}</td>
                                <td>{c.sites}</td>
                                <td>{c.orders}</td>
                                <td><span class="badge">{i18n.t(if c.active { Msg::StatusActive } else { Msg::StatusSuspended })}</span></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        })}
    }
}

#[component]
pub fn CustomerPage() -> impl IntoView {
    let i18n = I18n::get();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<Uuid>().ok())).unwrap_or_default();
    let detail: Loaded<CustomerDetail> = RwSignal::new(None);
    let load = move || fetch(detail, format!("/api/v1/customers/{}", id()));
    load();
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let act = move |what: &'static str| {
        spawn_local(async move {
            let path = format!("/api/v1/customers/{}/{what}", id());
            let done = if what == "unlock" {
                api::call_empty("POST", &path).await
            } else {
                api::call::<Customer>("POST", &path, None::<&()>).await.map(|_| ())
            };
            match done {
                Ok(()) => {
                    failure.set(None);
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let may_suspend = move || matches!(role(), Some(Role::Admin | Role::Superadmin));
    view! {
        <FailureAlert failure=failure/>
        {loaded(detail, load, move |d: CustomerDetail| {
            let c = d.customer.clone();
            view! {
                <div class="site-head">
                    <div>
                        <h1 data-test="customer-name">{c.display_name.clone()}</h1>
                        <div class="muted">{c.email.clone()} " · " {c.website_name.clone()} " · " {when(c.created_at)}</div>
                    </div>
                    <span class="badge" data-test="customer-status">{i18n.t(if c.active { Msg::StatusActive } else { Msg::StatusSuspended })}</span>
                </div>
                <div class="actions-bar">
                    {move || may_suspend().then(|| if c.active {
                        view! { <ConfirmButton label=Msg::Suspend question=Msg::SuspendConfirm class="btn btn-danger" test="suspend" on_confirm=UnsyncCallback::new(move |()| act("suspend")) /> }.into_any()
                    } else {
                        view! { <button type="button" class="btn btn-primary narrow-btn" data-test="reactivate" on:click=move |_| act("reactivate")>{i18n.t(Msg::Reactivate)}</button> }.into_any()
                    })}
                    <button type="button" class="btn btn-secondary" data-test="unlock" on:click=move |_| act("unlock")>{i18n.t(Msg::Unlock)}</button>
                </div>
                <h2>{i18n.t(Msg::SitesCount)}</h2>
                <ul class="site-list">
                    {d.sites.into_iter().map(|s| view! { <li class="card site-row"><strong>{s.name}</strong> <span class="muted">{s.slug}</span> <span class="badge">{s.status}</span></li> }).collect_view()}
                </ul>
                <h2>{i18n.t(Msg::Orders)}</h2>
                <OrderRows orders=d.orders/>
                <h2>{i18n.t(Msg::Deployments)}</h2>
                <table class="table">
                    <tbody>
                        {d.deployments.into_iter().map(|x| view! { <tr><td>{when(x.created_at)}</td><td>{x.site_name}</td><td>{x.status}</td></tr> }).collect_view()}
                    </tbody>
                </table>
                <h2>{i18n.t(Msg::Activity)}</h2>
                <AuditList entries=d.activity/>
            }
        })}
    }
}

/// Staff actions, newest first: who, what, when, before → after.
#[component]
fn AuditList(entries: Vec<AuditEntry>) -> impl IntoView {
    let i18n = I18n::get();
    if entries.is_empty() {
        return view! { <div class="empty">{i18n.t(Msg::NoActivity)}</div> }.into_any();
    }
    view! {
        <table class="table" data-test="audit">
            <tbody>
                {entries.into_iter().map(|e| {
                    let change = match (&e.before, &e.after) {
                        (Some(b), Some(a)) => format!("{b} → {a}"),
                        (None, Some(a)) => a.to_string(),
                        (Some(b), None) => b.to_string(),
                        (None, None) => String::new(),
                    };
                    view! {
                        <tr data-test="audit-entry">
                            <td>{when(e.at)}</td>
                            <td>{e.actor_name.clone()} <div class="muted">{e.actor_role.clone()}</div></td>
                            <td><code>{e.action.clone()}</code> <div class="muted">{e.website_name.clone()}</div></td>
                            <td class="change">{change}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = I18n::get();
    let entries: Loaded<Vec<AuditEntry>> = RwSignal::new(None);
    let load = move || fetch(entries, "/api/v1/audit".into());
    load();
    view! {
        <h1>{i18n.t(Msg::AuditLog)}</h1>
        {loaded(entries, load, |list| view! { <AuditList entries=list/> })}
    }
}

/// The health of the platform and the key numbers of the caller's websites.
#[component]
pub fn OverviewPanel() -> impl IntoView {
    let i18n = I18n::get();
    let overview: Loaded<Overview> = RwSignal::new(None);
    let load = move || fetch(overview, "/api/v1/overview".into());
    load();
    let check = move |name: Msg, c: Check| {
        view! {
            <li class="check" data-test="check" data-ok=c.ok.to_string()>
                <span class=if c.ok { "dot ok" } else { "dot bad" } aria-hidden="true"></span>
                <strong>{i18n.t(name)}</strong> " " <span class="muted">{c.detail}</span>
            </li>
        }
    };
    view! {
        <h2>{i18n.t(Msg::Health)}</h2>
        {loaded(overview, load, move |o: Overview| view! {
            <ul class="checks card" data-test="health">
                {check(Msg::Database, o.postgres)}
                {check(Msg::Cache, o.redis)}
                {check(Msg::Queue, o.queue)}
                {check(Msg::Runtime, o.runtime)}
            </ul>
            <div class="kpis" data-test="kpis">
                <div class="card kpi"><span class="muted">{i18n.t(Msg::Customers)}</span><strong>{o.customers}</strong></div>
                <div class="card kpi"><span class="muted">{i18n.t(Msg::LiveSites)}</span><strong>{o.live_sites}</strong></div>
                <div class="card kpi"><span class="muted">{i18n.t(Msg::OpenOrders)}</span><strong>{o.open_orders}</strong></div>
                <div class="card kpi"><span class="muted">{i18n.t(Msg::Queued)}</span><strong data-test="queued">{o.queued_deployments}</strong></div>
                <div class="card kpi"><span class="muted">{i18n.t(Msg::FailedToday)}</span><strong>{o.failed_deployments_24h}</strong></div>
            </div>
        })}
    }
}

#[component]
pub fn AnalyticsPage() -> impl IntoView {
    use crate::charts::{Bar, BarChart, LineChart};
    let i18n = I18n::get();
    let data: Loaded<Analytics> = RwSignal::new(None);
    let days = RwSignal::new(String::from("30"));
    let website = RwSignal::new(String::new());
    let websites: Loaded<Vec<TenantBranding>> = RwSignal::new(None);
    fetch(websites, "/api/v1/websites".into());
    let load = move || {
        // Today (UTC) from the browser's clock.
        let iso = js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default();
        let Ok(today) = iso.get(..10).unwrap_or_default().parse::<chrono::NaiveDate>() else { return };
        let span: i64 = days.get_untracked().parse().unwrap_or(30);
        let from = today - chrono::Duration::days(span - 1);
        let only = website.get_untracked();
        let filter = if only.is_empty() { String::new() } else { format!("&website={only}") };
        fetch(data, format!("/api/v1/analytics?from={from}&to={today}{filter}"));
    };
    Effect::new(move || {
        days.track();
        website.track();
        load();
    });
    view! {
        <h1>{i18n.t(Msg::Analytics)}</h1>
        <div class="filters">
            <label>{i18n.t(Msg::Period)} " "
                <select data-test="period" on:change=move |ev| days.set(event_target_value(&ev)) prop:value=move || days.get()>
                    <option value="7">"7 d"</option><option value="30">"30 d"</option><option value="90">"90 d"</option><option value="365">"365 d"</option>
                </select>
            </label>
            <label>{i18n.t(Msg::Website)} " "
                <select data-test="analytics-website" on:change=move |ev| website.set(event_target_value(&ev))>
                    <option value="">{i18n.t(Msg::All)}</option>
                    {move || websites.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|w| view! { <option value=w.id.to_string()>{w.name}</option> }).collect_view()}
                </select>
            </label>
        </div>
        {loaded(data, load, move |a: Analytics| {
            let short = |d: chrono::NaiveDate| {
                use chrono::Datelike;
                format!("{:02}-{:02}", d.month(), d.day())
            };
            let status_bars: Vec<Bar> = a
                .orders_by_status
                .iter()
                .map(|s| Bar { label: s.status.clone(), parts: vec![(s.count as f64, "cb money", s.count.to_string())] })
                .collect();
            let deploy_bars: Vec<Bar> = a.deployments.iter().map(|d| Bar {
                label: short(d.day),
                parts: vec![
                    (d.succeeded as f64, "cb ok", format!("{} live", d.succeeded)),
                    (d.failed as f64, "cb bad", format!("{} failed", d.failed)),
                    ((d.total - d.succeeded - d.failed) as f64, "cb other", format!("{} other", d.total - d.succeeded - d.failed)),
                ],
            }).collect();
            let medians: Vec<(String, Option<f64>)> = a.deployments.iter().map(|d| (short(d.day), d.median_secs)).collect();
            // Order value per day, in the first currency seen (one chart per currency).
            let mut currencies: Vec<String> = a.orders.iter().map(|o| o.currency.clone()).filter(|c| !c.is_empty()).collect();
            currencies.sort();
            currencies.dedup();
            let rate = a.success_rate.map(|r| format!("{:.0} %", r * 100.0)).unwrap_or_else(|| "—".into());
            let total: i64 = a.deployments.iter().map(|d| d.total).sum();
            view! {
                <div class="kpis">
                    <div class="card kpi"><span class="muted">{i18n.t(Msg::Deployments)}</span><strong data-test="deploy-total">{total}</strong></div>
                    <div class="card kpi"><span class="muted">{i18n.t(Msg::SuccessRate)}</span><strong data-test="success-rate">{rate}</strong></div>
                    <div class="card kpi"><span class="muted">{i18n.t(Msg::LiveSites)}</span><strong>{a.live_sites}</strong></div>
                </div>
                <section class="card chart-card">
                    <h2>{i18n.t(Msg::DeploymentsPerDay)}</h2>
                    <BarChart bars=deploy_bars label=i18n.t(Msg::DeploymentsPerDay)().to_owned()/>
                    <p class="legend"><span class="key ok"></span>{i18n.t(Msg::WentLive)} <span class="key bad"></span>{i18n.t(Msg::Failed)} <span class="key other"></span>{i18n.t(Msg::OtherOutcome)}</p>
                </section>
                <section class="card chart-card">
                    <h2>{i18n.t(Msg::MedianTimeToLive)}</h2>
                    <LineChart points=medians label=i18n.t(Msg::MedianTimeToLive)().to_owned() unit=" s"/>
                </section>
                {currencies.into_iter().map(|currency| {
                    let bars: Vec<Bar> = a.deployments.iter().map(|d| {
                        let (placed, value) = a.orders.iter().filter(|o| o.day == d.day && o.currency == currency).fold((0, 0), |(p, v), o| (p + o.placed, v + o.value_minor));
                        Bar { label: short(d.day), parts: vec![(value as f64 / 100.0, "cb money", format!("{placed} orders, {}", crate::orders::money(value, &currency)))] }
                    }).collect();
                    let title = format!("{} ({currency})", i18n.t(Msg::OrderValuePerDay)());
                    view! { <section class="card chart-card"><h2>{title.clone()}</h2><BarChart bars=bars label=title/></section> }
                }).collect_view()}
                <section class="card chart-card">
                    <h2>{i18n.t(Msg::OrdersByStatus)}</h2>
                    <BarChart bars=status_bars label=i18n.t(Msg::OrdersByStatus)().to_owned()/>
                </section>
                <section class="card">
                    <h2>{i18n.t(Msg::WriterThroughput)}</h2>
                    <table class="table" data-test="writers">
                        <thead><tr><th>{i18n.t(Msg::EntryName)}</th><th>{i18n.t(Msg::OsCompleted)}</th><th>{i18n.t(Msg::Length)}</th></tr></thead>
                        <tbody>
                            {a.writers.into_iter().map(|w| view! { <tr><td>{w.writer_name}</td><td>{w.completed}</td><td>{w.words} " " {i18n.t(Msg::Words)}</td></tr> }).collect_view()}
                        </tbody>
                    </table>
                </section>
            }
        })}
    }
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let i18n = I18n::get();
    let members: Loaded<Vec<Member>> = RwSignal::new(None);
    let load = move || fetch(members, "/api/v1/team".into());
    load();
    let websites: Loaded<Vec<TenantBranding>> = RwSignal::new(None);
    fetch(websites, "/api/v1/websites".into());
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let adding = RwSignal::new(false);
    let new = RwSignal::new(NewMember {
        email: String::new(),
        display_name: String::new(),
        role: Role::Writer,
        password: String::new(),
        writer_level: Some(1),
        websites: Vec::new(),
    });
    let add = move |_| {
        spawn_local(async move {
            match api::call::<Member>("POST", "/api/v1/team", Some(&new.get_untracked())).await {
                Ok(_) => {
                    adding.set(false);
                    failure.set(None);
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let save = move |id: Uuid, update: MemberUpdate| {
        spawn_local(async move {
            match api::call::<Member>("PUT", &format!("/api/v1/team/{id}"), Some(&update)).await {
                Ok(_) => {
                    failure.set(None);
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let website_names = move || websites.get().and_then(Result::ok).unwrap_or_default();
    view! {
        <div class="site-head">
            <h1>{i18n.t(Msg::Team)}</h1>
            <button type="button" class="btn btn-primary narrow-btn" data-test="add-member" on:click=move |_| adding.set(true)>{i18n.t(Msg::AddMember)}</button>
        </div>
        {move || adding.get().then(|| view! {
            <div class="card entry-form" data-test="member-form">
                {text_field(new, failure, Msg::EntryName, "display_name", |f| f.display_name.clone(), |f, v| f.display_name = v)}
                {text_field(new, failure, Msg::EmailShort, "email", |f| f.email.clone(), |f, v| f.email = v)}
                {text_field(new, failure, Msg::Password, "password", |f| f.password.clone(), |f, v| f.password = v)}
                <label class="field"><span>{i18n.t(Msg::Role)}</span>
                    <select data-test="member-role" on:change=move |ev| {
                        let role = match event_target_value(&ev).as_str() { "editor" => Role::Editor, "support" => Role::Support, "admin" => Role::Admin, _ => Role::Writer };
                        new.update(|f| { f.role = role; f.writer_level = (role == Role::Writer).then_some(1); });
                    }>
                        <option value="writer">{i18n.t(Msg::RoleWriter)}</option>
                        <option value="editor">{i18n.t(Msg::RoleEditor)}</option>
                        <option value="support">{i18n.t(Msg::RoleSupport)}</option>
                        {move || (role() == Some(Role::Superadmin)).then(|| view! { <option value="admin">{i18n.t(Msg::RoleAdmin)}</option> })}
                    </select>
                </label>
                <fieldset class="field"><legend>{i18n.t(Msg::Websites)}</legend>
                    {move || website_names().into_iter().map(|w| {
                        let id = w.id;
                        view! { <label class="field-inline"><input type="checkbox" data-test="member-website"
                            on:change=move |ev| { let on = event_target_checked(&ev); new.update(|f| { f.websites.retain(|x| *x != id); if on { f.websites.push(id) } }) }/>{w.name}</label> }
                    }).collect_view()}
                </fieldset>
                <div class="actions-bar">
                    <button type="button" class="btn btn-primary narrow-btn" data-test="save-member" on:click=add>{i18n.t(Msg::AddMember)}</button>
                    <button type="button" class="btn btn-secondary" on:click=move |_| adding.set(false)>{i18n.t(Msg::Cancel)}</button>
                </div>
            </div>
        })}
        <FailureAlert failure=failure/>
        {loaded(members, load, move |list: Vec<Member>| {
            let names = website_names();
            view! {
                <table class="table" data-test="team">
                    <thead><tr><th>{i18n.t(Msg::EntryName)}</th><th>{i18n.t(Msg::Role)}</th><th>{i18n.t(Msg::WriterLevel)}</th><th>{i18n.t(Msg::Websites)}</th><th>{i18n.t(Msg::Status)}</th></tr></thead>
                    <tbody>
                        {list.into_iter().map(|m| {
                            let update = MemberUpdate { writer_level: m.writer_level, websites: m.websites.clone(), active: m.active };
                            let (level_update, sites_update) = (update.clone(), update.clone());
                            let id = m.id;
                            let works_for: Vec<String> = names.iter().filter(|w| m.websites.contains(&w.id)).map(|w| w.name.clone()).collect();
                            let toggles = names.iter().map(|w| {
                                let (wid, on) = (w.id, m.websites.contains(&w.id));
                                let base = sites_update.clone();
                                view! { <label class="field-inline"><input type="checkbox" prop:checked=on data-test="assign"
                                    on:change=move |ev| {
                                        let mut u = base.clone();
                                        u.websites.retain(|x| *x != wid);
                                        if event_target_checked(&ev) { u.websites.push(wid) }
                                        save(id, u);
                                    }/>{w.name.clone()}</label> }
                            }).collect_view();
                            view! {
                                <tr data-test="member">
                                    <td><strong>{m.display_name.clone()}</strong> <div class="muted">{m.email.clone()}</div></td>
                                    <td>{i18n.t(Msg::for_role(m.role))}</td>
                                    <td>{m.writer_level.map(|level| view! {
                                        <select data-test="level" on:change=move |ev| {
                                            let mut u = level_update.clone();
                                            u.writer_level = event_target_value(&ev).parse().ok();
                                            save(id, u);
                                        }>
                                            {(1..=5).map(|l| view! { <option value=l.to_string() selected=l == level>{l}</option> }).collect_view()}
                                        </select>
                                    })}</td>
                                    <td><span class="visually-hidden">{works_for.join(", ")}</span>{toggles}</td>
                                    <td><span class="badge">{i18n.t(if m.active { Msg::StatusActive } else { Msg::StatusSuspended })}</span></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }
        })}
    }
}

/// Every site of the staff member's websites with a state filter, the deployment queue, and
/// the live log of any deployment; admins redeploy, stop and start.
#[component]
pub fn SitesQueuePage() -> impl IntoView {
    let i18n = I18n::get();
    let status = RwSignal::new(String::new());
    let sites: Loaded<Vec<StaffSite>> = RwSignal::new(None);
    let queue: Loaded<Vec<QueueEntry>> = RwSignal::new(None);
    let load = move || {
        fetch(sites, format!("/api/v1/staff/sites?status={}", status.get_untracked()));
        fetch(queue, "/api/v1/staff/deployments".into());
    };
    Effect::new(move || {
        status.track();
        load();
    });
    let watching: RwSignal<Option<Uuid>> = RwSignal::new(None);
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let act = move |site: Uuid, what: &'static str| {
        spawn_local(async move {
            let done = match what {
                "deploy" => {
                    api::call::<serde_json::Value>("POST", &format!("/api/v1/sites/{site}/deployments"), None::<&()>)
                        .await
                }
                other => {
                    api::call::<serde_json::Value>("POST", &format!("/api/v1/sites/{site}/{other}"), None::<&()>).await
                }
            };
            match done {
                Ok(answer) => {
                    failure.set(None);
                    if what == "deploy" {
                        watching.set(answer["id"].as_str().and_then(|id| id.parse().ok()));
                    }
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let may_act = move || matches!(role(), Some(Role::Admin | Role::Superadmin));
    view! {
        <h1>{i18n.t(Msg::SitesAndQueue)}</h1>
        <FailureAlert failure=failure/>
        {move || watching.get().map(|id| view! {
            <section class="card" data-test="staff-live-log">
                <div class="site-head"><h2>{i18n.t(Msg::LiveLogTitle)}</h2>
                    <button type="button" class="btn btn-secondary" on:click=move |_| watching.set(None)>{i18n.t(Msg::Close)}</button></div>
                <crate::live_log::LiveLog deployment=id on_end=Callback::new(move |_| load())/>
            </section>
        })}
        <h2>{i18n.t(Msg::Queue)}</h2>
        {loaded(queue, load, move |list: Vec<QueueEntry>| {
            if list.is_empty() {
                return view! { <div class="empty">{i18n.t(Msg::QueueEmpty)}</div> }.into_any();
            }
            view! {
                <table class="table" data-test="queue">
                    <tbody>
                        {list.into_iter().map(|d| {
                            let id = d.id;
                            view! {
                                <tr data-test="queue-entry" data-status=d.status.clone()>
                                    <td>{d.position.map(|p| format!("#{p}"))}</td>
                                    <td><strong>{d.site_name.clone()}</strong> " #" {d.number} <div class="muted">{d.website_name.clone()}</div></td>
                                    <td><span class="badge">{d.status.clone()}</span> <div class="muted">{d.step.clone()}</div></td>
                                    <td class="change">{d.error.clone()}</td>
                                    <td>{when(d.queued_at)}</td>
                                    <td><button type="button" class="link-button" data-test="watch" on:click=move |_| watching.set(Some(id))>{i18n.t(Msg::LiveLogTitle)}</button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        })}
        <h2>{i18n.t(Msg::SitesCount)}</h2>
        <div class="filters">
            <label>{i18n.t(Msg::Status)} " "
                <select data-test="site-status" on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="">{i18n.t(Msg::All)}</option>
                    {["live", "queued", "deploying", "failed", "stopped", "draft"].into_iter().map(|s| view! { <option value=s>{s}</option> }).collect_view()}
                </select>
            </label>
        </div>
        {loaded(sites, load, move |list: Vec<StaffSite>| view! {
            <table class="table" data-test="staff-sites">
                <tbody>
                    {list.into_iter().map(|s| {
                        let id = s.id;
                        let live = s.status == "live";
                        view! {
                            <tr data-test="staff-site">
                                <td><strong>{s.name.clone()}</strong> <div class="muted">{s.slug.clone()} " · " {s.owner_email.clone()}</div></td>
                                <td>{s.website_name.clone()}</td>
                                <td><span class="badge" data-test="staff-site-status">{s.status.clone()}</span></td>
                                <td>{move || may_act().then(|| view! {
                                    <button type="button" class="link-button" data-test="redeploy" on:click=move |_| act(id, "deploy")>{i18n.t(Msg::Redeploy)}</button>
                                    {if live {
                                        view! { <ConfirmButton label=Msg::Stop question=Msg::StopConfirm class="link-button" test="stop" on_confirm=UnsyncCallback::new(move |()| act(id, "stop")) /> }.into_any()
                                    } else {
                                        view! { <button type="button" class="link-button" data-test="start" on:click=move |_| act(id, "start")>{i18n.t(Msg::Start)}</button> }.into_any()
                                    }}
                                })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}
