use atelier_types::site::Image;
use leptos::prelude::*;

use crate::components::sites::{TextInput, error_at, msg};
use crate::i18n::{I18n, Msg};
use crate::pages::clients::wizard::Wizard;

pub(crate) fn media_step(w: Wizard) -> impl IntoView {
    let i18n = I18n::get();
    let c = w.config;
    let count = Memo::new(move |_| c.with(|c| c.media.len()));
    view! {
        <p class="muted">{i18n.t(Msg::MediaHint)}</p>
        <ul class="rows">
            {move || (0..count.get()).map(|i| view! {
                <li class="row-item" data-test="media-row">
                    <TextInput label=msg(i18n, Msg::ImageUrl) test="media-url"
                        value=Signal::derive(move || c.with(|c| c.media.get(i).map(|m| m.url.clone()).unwrap_or_default()))
                        on_input=Callback::new(move |v| c.update(|c| if let Some(m) = c.media.get_mut(i) { m.url = v }))
                        error=error_at(i18n, w.errors, format!("media[{i}].url"))/>
                    <TextInput label=msg(i18n, Msg::AltText) test="media-alt"
                        value=Signal::derive(move || c.with(|c| c.media.get(i).map(|m| m.alt.clone()).unwrap_or_default()))
                        on_input=Callback::new(move |v| c.update(|c| if let Some(m) = c.media.get_mut(i) { m.alt = v }))
                        error=error_at(i18n, w.errors, format!("media[{i}].alt"))/>
                    <button type="button" class="btn btn-secondary" on:click=move |_| c.update(|c| { if i < c.media.len() { c.media.remove(i); } })>
                        {i18n.t(Msg::Remove)}
                    </button>
                </li>
            }).collect_view()}
        </ul>
        <button type="button" class="btn btn-secondary" data-test="add-image"
            on:click=move |_| c.update(|c| c.media.push(Image { url: String::new(), alt: String::new() }))>{i18n.t(Msg::AddImage)}</button>
        <div class="field">
            <label for="logo">{i18n.t(Msg::Logo)}</label>
            <select id="logo" data-test="logo" on:change=move |ev| {
                let v = event_target_value(&ev);
                c.update(|c| c.branding.logo_url = Some(v).filter(|v| !v.is_empty()));
            }>
                <option value="" selected=move || c.with(|c| c.branding.logo_url.is_none())>{i18n.t(Msg::NoLogo)}</option>
                {move || c.with(|c| c.media.iter().map(|m| m.url.clone()).filter(|u| !u.is_empty()).collect::<Vec<_>>()).into_iter().map(|url| {
                    let (u, value) = (url.clone(), url.clone());
                    view! { <option value=value selected=move || c.with(|c| c.branding.logo_url.as_deref() == Some(u.as_str()))>{url}</option> }
                }).collect_view()}
            </select>
            {move || error_at(i18n, w.errors, "branding.logo_url".into()).get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
        </div>
    }
}
