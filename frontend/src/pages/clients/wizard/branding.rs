use atelier_types::site::{Font, SiteConfig};
use leptos::prelude::*;

use crate::components::sites::{error_at, parse_enum};
use crate::i18n::{I18n, Msg, labels};
use crate::pages::clients::wizard::Wizard;

fn color_input(
    w: Wizard,
    label: Msg,
    path: &'static str,
    get: fn(&SiteConfig) -> String,
    set: fn(&mut SiteConfig, String),
) -> impl IntoView {
    let i18n = I18n::get();
    let c = w.config;
    let error = error_at(i18n, w.errors, path.into());
    view! {
        <div class="field color-field">
            <label for=path>{i18n.t(label)}</label>
            <div class="row">
                <input type="color" aria-label=i18n.t(label) prop:value=move || c.with(get)
                    on:input=move |ev| c.update(|c| set(c, event_target_value(&ev)))/>
                <input id=path type="text" data-test=path aria-invalid=move || error.get().is_some().to_string()
                    prop:value=move || c.with(get) on:input=move |ev| c.update(|c| set(c, event_target_value(&ev)))/>
            </div>
            {move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
        </div>
    }
}

pub(crate) fn branding_step(w: Wizard) -> impl IntoView {
    let i18n = I18n::get();
    let c = w.config;
    view! {
        {color_input(w, Msg::PrimaryColor, "branding.primary_color", |c| c.branding.primary_color.clone(), |c, v| c.branding.primary_color = v)}
        {color_input(w, Msg::AccentColor, "branding.accent_color", |c| c.branding.accent_color.clone(), |c, v| c.branding.accent_color = v)}
        <div class="field">
            <label for="font">{i18n.t(Msg::Font)}</label>
            <select id="font" data-test="font" on:change=move |ev| {
                if let Some(f) = parse_enum::<Font>(&event_target_value(&ev)) { c.update(|c| c.branding.font = f) }
            }>
                {[Font::Sans, Font::Serif, Font::Rounded, Font::Mono].into_iter().map(|f| {
                    let value = serde_json::to_value(f).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                    view! { <option value=value selected=move || c.with(|c| c.branding.font) == f>{move || labels::font(f, i18n.lang())}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
