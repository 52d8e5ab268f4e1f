use atelier_types::site::{Industry, SiteLanguage};
use atelier_types::sites::NewSite;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::sites::{CreateForm, TextInput, error_at, industry_select, language_select, msg};
use crate::i18n::{I18n, Lang, Msg};

#[component]
pub fn NewSitePage() -> impl IntoView {
    let i18n = I18n::get();
    let navigate = use_navigate();
    let create = CreateForm::new(NewSite {
        name: String::new(),
        industry: Industry::Restaurant,
        language: if i18n.lang() == Lang::Fr { SiteLanguage::Fr } else { SiteLanguage::En },
        description: String::new(),
        slug: None,
    });
    let (form, errors, busy) = (create.form, create.errors, create.busy);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        create.submit(api::create_site, |site| format!("/sites/{}/wizard", site.summary.id), navigate.clone());
    };
    view! {
        <div class="card narrow">
            <h1>{i18n.t(Msg::NewSiteWizard)}</h1>
            {create.banner()}
            <form on:submit=on_submit novalidate=true>
                <TextInput label=msg(i18n, Msg::BusinessName) test="name"
                    value=Signal::derive(move || form.with(|f| f.name.clone()))
                    on_input=Callback::new(move |v| form.update(|f| f.name = v))
                    error=error_at(i18n, errors, "name".into())/>
                {industry_select(i18n, Signal::derive(move || form.with(|f| f.industry)), Callback::new(move |i| form.update(|f| f.industry = i)))}
                {language_select(i18n, Signal::derive(move || form.with(|f| f.language)), Callback::new(move |l| form.update(|f| f.language = l)))}
                <TextInput label=msg(i18n, Msg::AboutBusiness) multiline=true test="description"
                    value=Signal::derive(move || form.with(|f| f.description.clone()))
                    on_input=Callback::new(move |v| form.update(|f| f.description = v))
                    error=error_at(i18n, errors, "description".into())/>
                <button type="submit" class="btn btn-primary" data-test="submit" aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { i18n.t(Msg::WritingSite)() } else { i18n.t(Msg::StartBuilding)() }}
                </button>
            </form>
        </div>
    }
}
