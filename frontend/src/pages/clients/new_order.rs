use atelier_types::orders::{NewOrder, OrderEvent, Quote, ServiceType};
use atelier_types::site::SectionContent;
use atelier_types::sites::{Site, SiteList};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::api::{self, ApiError};
use crate::components::error_text;
use crate::components::load::{Loaded, fetch, loaded, money};
use crate::components::orders::send_event;
use crate::i18n::{I18n, Msg};
use atelier_types::queries::ListQuery;

/// The sections a text can go to: (id, "Page — heading").
fn prose_sections(site: &Site) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for page in &site.config.pages {
        for section in &page.sections {
            let heading = match &section.content {
                SectionContent::Text { heading, .. }
                | SectionContent::Hero { heading, .. }
                | SectionContent::CallToAction { heading, .. }
                | SectionContent::ContactDetails { heading, .. } => heading,
                _ => continue,
            };
            out.push((section.id.clone(), format!("{} — {heading}", page.title)));
        }
    }
    out
}

#[component]
pub fn NewOrderPage() -> impl IntoView {
    let i18n = I18n::get();
    let navigate = use_navigate();
    let catalogue: Loaded<Vec<ServiceType>> = RwSignal::new(None);
    let load = move || fetch(catalogue, api::list_catalogue());
    load();
    let sites: Loaded<SiteList> = RwSignal::new(None);
    fetch(sites, api::list_sites(ListQuery { page: None, per_page: Some(100) }));
    let service = RwSignal::new(String::new());
    let words = RwSignal::new(String::from("300"));
    let days = RwSignal::new(String::from("7"));
    let title = RwSignal::new(String::new());
    let brief = RwSignal::new(String::new());
    let site = RwSignal::new(String::new());
    let section = RwSignal::new(String::new());
    let sections: RwSignal<Vec<(String, String)>> = RwSignal::new(Vec::new());
    let quote: RwSignal<Option<Result<Quote, ApiError>>> = RwSignal::new(None);
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let busy = RwSignal::new(false);

    // The first service is chosen once the catalogue arrives.
    Effect::new(move || {
        if let Some(Ok(list)) = catalogue.get()
            && service.get_untracked().is_empty()
            && let Some(first) = list.first()
        {
            service.set(first.id.to_string());
        }
    });
    let request = move || NewOrder {
        service_type_id: service.get().parse().unwrap_or_default(),
        words: words.get().trim().parse().unwrap_or(0),
        turnaround_days: days.get().parse().unwrap_or(0),
        title: title.get(),
        brief: brief.get(),
        site_id: site.get().parse().ok(),
        section_id: Some(section.get()).filter(|s| !s.is_empty()),
    };
    // The price, from the server, each time service, words or turnaround change. Answers can
    // arrive out of order while someone types: only the latest question's answer is shown.
    let asked = StoredValue::new(0u32);
    Effect::new(move || {
        let body = request();
        if body.service_type_id.is_nil() {
            return;
        }
        asked.update_value(|n| *n += 1);
        let mine = asked.get_value();
        spawn_local(async move {
            let answer = api::quote_order(&body).await;
            if asked.get_value() == mine {
                quote.set(Some(answer));
            }
        });
    });
    // The chosen site's sections.
    Effect::new(move || {
        let id = site.get();
        section.set(String::new());
        sections.set(Vec::new());
        let Ok(id) = id.parse() else { return };
        spawn_local(async move {
            if let Ok(found) = api::get_site(id).await {
                sections.set(prose_sections(&found));
            }
        });
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        let body = request();
        let navigate = navigate.clone();
        spawn_local(async move {
            let placed = async {
                let draft = api::create_order(&body).await?;
                send_event(draft.id, OrderEvent::Place, None).await
            };
            match placed.await {
                Ok(order) => navigate(&format!("/orders/{}", order.id), Default::default()),
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let field_error = move |name: &'static str| {
        move || {
            failure
                .get()
                .and_then(|f| f.field(name).map(|e| e.message.clone()))
                .map(|m| view! { <span class="error" role="alert">{m}</span> })
        }
    };
    let turnarounds = move || {
        let chosen = service.get();
        catalogue
            .get()
            .and_then(Result::ok)
            .and_then(|list| list.into_iter().find(|s| s.id.to_string() == chosen))
            .map(|s| s.turnarounds)
            .unwrap_or_default()
    };
    // Another service may not offer the chosen turnaround: take its first one then.
    Effect::new(move || {
        let offered = turnarounds();
        if !offered.is_empty() && !offered.iter().any(|t| t.days.to_string() == days.get_untracked()) {
            days.set(offered[0].days.to_string());
        }
    });
    view! {
        <div class="narrow">
            <h1>{i18n.t(Msg::NewOrder)}</h1>
            {loaded(catalogue, load, move |list: Vec<ServiceType>| view! {
                <form class="card" on:submit=submit.clone() novalidate=true data-test="order-form">
                    <div class="field">
                        <label for="order-service">{i18n.t(Msg::Service)}</label>
                        <select id="order-service" data-test="order-service" on:change=move |ev| service.set(event_target_value(&ev)) prop:value=move || service.get()>
                            {list.into_iter().map(|s| view! {
                                <option value=s.id.to_string()>{format!("{} — {} / {}", s.name, money(i64::from(s.price_per_word_minor), &s.currency), "word")}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="order-title">{i18n.t(Msg::OrderTitle)}</label>
                        <input id="order-title" data-test="order-title" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
                        {field_error("title")}
                    </div>
                    <div class="field">
                        <label for="order-words">{i18n.t(Msg::Words)}</label>
                        <input id="order-words" type="number" inputmode="numeric" data-test="order-words" prop:value=move || words.get() on:input=move |ev| words.set(event_target_value(&ev))/>
                        {field_error("words")}
                    </div>
                    <div class="field">
                        <label for="order-days">{i18n.t(Msg::Turnaround)}</label>
                        <select id="order-days" data-test="order-days" on:change=move |ev| days.set(event_target_value(&ev)) prop:value=move || days.get()>
                            {move || turnarounds().into_iter().map(|t| view! {
                                <option value=t.days.to_string()>{format!("{} d (+{} %)", t.days, t.multiplier_pct - 100)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="order-brief">{i18n.t(Msg::Brief)}</label>
                        <textarea id="order-brief" rows="4" data-test="order-brief" prop:value=move || brief.get() on:input=move |ev| brief.set(event_target_value(&ev))></textarea>
                    </div>
                    <div class="field">
                        <label for="order-site">{i18n.t(Msg::ForSection)}</label>
                        <select id="order-site" data-test="order-site" on:change=move |ev| site.set(event_target_value(&ev))>
                            <option value="">"—"</option>
                            {move || sites.get().and_then(Result::ok).map(|l| l.items.into_iter().map(|s| view! { <option value=s.id.to_string()>{s.name}</option> }).collect_view())}
                        </select>
                        {move || (!sections.get().is_empty()).then(|| view! {
                            <select aria-label=i18n.t(Msg::ForSection) data-test="order-section" on:change=move |ev| section.set(event_target_value(&ev))>
                                <option value="">"—"</option>
                                {sections.get().into_iter().map(|(id, label)| view! { <option value=id>{label}</option> }).collect_view()}
                            </select>
                        })}
                    </div>
                    <p class="quote" data-test="quote">
                        {move || match quote.get() {
                            Some(Ok(q)) => view! { {i18n.t(Msg::Price)} ": " <strong>{money(q.price_minor, &q.currency)}</strong> }.into_any(),
                            Some(Err(e)) => view! { <span class="error">{e.fields.first().map(|f| f.message.clone()).unwrap_or_else(|| error_text(i18n, &e))}</span> }.into_any(),
                            None => ().into_any(),
                        }}
                    </p>
                    {move || failure.get().filter(|f| f.fields.is_empty()).map(|e| view! { <div class="alert" role="alert">{error_text(i18n, &e)}</div> })}
                    <button type="submit" class="btn btn-primary" data-test="place-order" aria-busy=move || busy.get().to_string()>{i18n.t(Msg::PlaceOrder)}</button>
                </form>
            })}
        </div>
    }
}
