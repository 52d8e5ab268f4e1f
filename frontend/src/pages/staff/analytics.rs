use atelier_types::staff::Analytics;
use atelier_types::tenant::TenantBranding;
use leptos::prelude::*;

use crate::api;
use crate::components::load::{Loaded, fetch, loaded};
use crate::i18n::{I18n, Msg};
use atelier_types::queries::Period;

#[component]
pub fn AnalyticsPage() -> impl IntoView {
    use crate::components::charts::{Bar, BarChart, LineChart};
    let i18n = I18n::get();
    let data: Loaded<Analytics> = RwSignal::new(None);
    let days = RwSignal::new(String::from("30"));
    let website = RwSignal::new(String::new());
    let websites: Loaded<Vec<TenantBranding>> = RwSignal::new(None);
    fetch(websites, api::list_my_websites());
    let load = move || {
        // Today (UTC) from the browser's clock.
        let iso = js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default();
        let Ok(today) = iso.get(..10).unwrap_or_default().parse::<chrono::NaiveDate>() else { return };
        let span: i64 = days.get_untracked().parse().unwrap_or(30);
        let from = today - chrono::Duration::days(span - 1);
        let website = website.get_untracked().parse().ok();
        fetch(data, api::get_analytics(Period { from: Some(from), to: Some(today), website }));
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
                        Bar { label: short(d.day), parts: vec![(value as f64 / 100.0, "cb money", format!("{placed} orders, {}", crate::components::load::money(value, &currency)))] }
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
