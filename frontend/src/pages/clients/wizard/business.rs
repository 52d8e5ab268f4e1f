use leptos::prelude::*;

use crate::components::sites::{TextInput, error_at, industry_select, language_select, msg};
use crate::i18n::{I18n, Msg};
use crate::pages::clients::wizard::Wizard;

pub(crate) fn business_step(w: Wizard) -> impl IntoView {
    let i18n = I18n::get();
    let c = w.config;
    view! {
        <TextInput label=msg(i18n, Msg::BusinessName) test="business-name"
            value=Signal::derive(move || c.with(|c| c.business.name.clone()))
            on_input=Callback::new(move |v| c.update(|c| c.business.name = v))
            error=error_at(i18n, w.errors, "business.name".into())/>
        <TextInput label=msg(i18n, Msg::Tagline) test="tagline"
            value=Signal::derive(move || c.with(|c| c.business.tagline.clone()))
            on_input=Callback::new(move |v| c.update(|c| c.business.tagline = v))
            error=error_at(i18n, w.errors, "business.tagline".into())/>
        <TextInput label=msg(i18n, Msg::AboutBusiness) multiline=true test="description"
            value=Signal::derive(move || c.with(|c| c.business.description.clone()))
            on_input=Callback::new(move |v| c.update(|c| c.business.description = v))
            error=error_at(i18n, w.errors, "business.description".into())/>
        {industry_select(i18n, Signal::derive(move || c.with(|c| c.business.industry)), Callback::new(move |i| c.update(|c| c.business.industry = i)))}
        {language_select(i18n, Signal::derive(move || c.with(|c| c.language)), Callback::new(move |l| c.update(|c| c.language = l)))}
    }
}
