use atelier_types::site::{Industry, SiteLanguage};
use atelier_types::sites::RapideRequest;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::sites::{CreateForm, TextInput, error_at, industry_select, language_select, msg};
use crate::i18n::{I18n, Lang, Msg};

#[component]
pub fn RapidePage() -> impl IntoView {
    let i18n = I18n::get();
    let navigate = use_navigate();
    let create = CreateForm::new(RapideRequest {
        business_name: String::new(),
        industry: Industry::Restaurant,
        description: String::new(),
        language: if i18n.lang() == Lang::Fr { SiteLanguage::Fr } else { SiteLanguage::En },
        primary_color: None,
        email: None,
    });
    let (form, errors, busy) = (create.form, create.errors, create.busy);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        create.submit(api::create_rapide_site, |site| format!("/sites/{}", site.summary.id), navigate.clone());
    };
    let optional = |m: Msg| Signal::derive(move || format!("{} ({})", i18n.t(m)(), i18n.t(Msg::Optional)()));
    view! {
        <div class="card narrow">
            <h1>{i18n.t(Msg::ModeRapide)}</h1>
            <p class="muted">{i18n.t(Msg::ModeRapideHint)}</p>
            {create.banner()}
            <form on:submit=on_submit novalidate=true>
                <TextInput label=msg(i18n, Msg::BusinessName) test="business-name"
                    value=Signal::derive(move || form.with(|f| f.business_name.clone()))
                    on_input=Callback::new(move |v| form.update(|f| f.business_name = v))
                    error=error_at(i18n, errors, "business_name".into())/>
                {industry_select(i18n, Signal::derive(move || form.with(|f| f.industry)), Callback::new(move |i| form.update(|f| f.industry = i)))}
                <TextInput label=msg(i18n, Msg::AboutBusiness) multiline=true test="description"
                    value=Signal::derive(move || form.with(|f| f.description.clone()))
                    on_input=Callback::new(move |v| form.update(|f| f.description = v))
                    error=error_at(i18n, errors, "description".into())/>
                {language_select(i18n, Signal::derive(move || form.with(|f| f.language)), Callback::new(move |l| form.update(|f| f.language = l)))}
                <TextInput label=optional(Msg::PrimaryColor) test="color"
                    value=Signal::derive(move || form.with(|f| f.primary_color.clone().unwrap_or_default()))
                    on_input=Callback::new(move |v: String| form.update(|f| f.primary_color = Some(v).filter(|v| !v.is_empty())))
                    error=error_at(i18n, errors, "primary_color".into())/>
                <TextInput label=optional(Msg::ContactEmail) kind="email" test="email"
                    value=Signal::derive(move || form.with(|f| f.email.clone().unwrap_or_default()))
                    on_input=Callback::new(move |v: String| form.update(|f| f.email = Some(v).filter(|v| !v.is_empty())))
                    error=error_at(i18n, errors, "email".into())/>
                <button type="submit" class="btn btn-primary" data-test="submit" aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { i18n.t(Msg::WritingSite)() } else { i18n.t(Msg::WriteMySite)() }}
                </button>
            </form>
        </div>
    }
}
