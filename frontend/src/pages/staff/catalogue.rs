use atelier_types::orders::{ServiceType, ServiceTypeInput, Turnaround};
use atelier_types::tenant::TenantBranding;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::components::error_text;
use crate::components::load::{Loaded, fetch, loaded, money};
use crate::i18n::{I18n, Msg};

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
    let load_websites = move || fetch(websites, api::list_my_websites());
    load_websites();
    let website = RwSignal::new(String::new());
    let entries: Loaded<Vec<ServiceType>> = RwSignal::new(None);
    let load = move || {
        if let Ok(id) = website.get_untracked().parse() {
            fetch(entries, api::list_website_catalogue(id));
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
        let Ok(website) = website.get_untracked().parse() else { return };
        spawn_local(async move {
            match api::save_catalogue_entry(website, entry.code.trim(), &entry.input()).done().await {
                Ok(()) => {
                    form.set(None);
                    failure.set(None);
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let withdraw = move |code: String| {
        let Ok(website) = website.get_untracked().parse() else { return };
        spawn_local(async move {
            match api::withdraw_catalogue_entry(website, &code).await {
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
