use atelier_types::site::SiteConfig;
use leptos::prelude::*;

use crate::components::sites::{TextInput, error_at, msg};
use crate::i18n::{I18n, Msg};
use crate::pages::clients::wizard::Wizard;

pub(crate) fn contact_step(w: Wizard) -> impl IntoView {
    let i18n = I18n::get();
    let c = w.config;
    type Get = fn(&SiteConfig) -> String;
    type Set = fn(&mut SiteConfig, String);
    let fields: [(Msg, &str, &str, Get, Set); 6] = [
        (Msg::ContactEmail, "contact.email", "email", |c| c.contact.email.clone(), |c, v| c.contact.email = v),
        (Msg::Phone, "contact.phone", "tel", |c| c.contact.phone.clone(), |c, v| c.contact.phone = v),
        (
            Msg::Street,
            "contact.address.street",
            "text",
            |c| c.contact.address.street.clone(),
            |c, v| c.contact.address.street = v,
        ),
        (
            Msg::PostalCode,
            "contact.address.postal_code",
            "text",
            |c| c.contact.address.postal_code.clone(),
            |c, v| c.contact.address.postal_code = v,
        ),
        (
            Msg::City,
            "contact.address.city",
            "text",
            |c| c.contact.address.city.clone(),
            |c, v| c.contact.address.city = v,
        ),
        (
            Msg::Country,
            "contact.address.country",
            "text",
            |c| c.contact.address.country.clone(),
            |c, v| c.contact.address.country = v,
        ),
    ];
    let pages = Memo::new(move |_| c.with(|c| c.pages.iter().map(|p| p.title.clone()).collect::<Vec<_>>()));
    view! {
        {fields.into_iter().map(|(label, path, kind, get, set)| {
            let test = path.rsplit('.').next().unwrap_or(path);
            view! {
                <TextInput label=msg(i18n, label) kind=match kind { "email" => "email", "tel" => "tel", _ => "text" } test=test
                    value=Signal::derive(move || c.with(get))
                    on_input=Callback::new(move |v| c.update(|c| set(c, v)))
                    error=error_at(i18n, w.errors, path.into())/>
            }
        }).collect_view()}
        {move || pages.get().into_iter().enumerate().map(|(i, title)| view! {
            <fieldset class="seo">
                <legend>{title}</legend>
                <TextInput label=msg(i18n, Msg::SeoTitle) test="seo-title"
                    value=Signal::derive(move || c.with(|c| c.pages.get(i).map(|p| p.seo.title.clone()).unwrap_or_default()))
                    on_input=Callback::new(move |v| c.update(|c| if let Some(p) = c.pages.get_mut(i) { p.seo.title = v }))
                    error=error_at(i18n, w.errors, format!("pages[{i}].seo.title"))/>
                <TextInput label=msg(i18n, Msg::SeoDescription) test="seo-description"
                    value=Signal::derive(move || c.with(|c| c.pages.get(i).map(|p| p.seo.description.clone()).unwrap_or_default()))
                    on_input=Callback::new(move |v| c.update(|c| if let Some(p) = c.pages.get_mut(i) { p.seo.description = v }))
                    error=error_at(i18n, w.errors, format!("pages[{i}].seo.description"))/>
            </fieldset>
        }).collect_view()}
    }
}
