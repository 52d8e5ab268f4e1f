use atelier_types::permissions::Permission;
use atelier_types::staff::{NewTenantRequest, TenantUpdate};
use atelier_types::tenant::TenantBranding;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::load::{FailureAlert, Loaded, fetch, loaded};
use crate::i18n::{I18n, Msg};
use crate::pages::staff::text_field;
use crate::session::Session;
use atelier_types::queries::LogoQuery;
use atelier_types::staff::NewDomain;

#[component]
pub fn WebsitesPage() -> impl IntoView {
    let i18n = I18n::get();
    let websites: Loaded<Vec<TenantBranding>> = RwSignal::new(None);
    let load = move || fetch(websites, api::list_my_websites());
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
            match api::create_tenant(&new.get_untracked()).done().await {
                Ok(()) => {
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
            match api::update_tenant(id, &edit_form.get_untracked()).done().await {
                Ok(()) => {
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
            match api::upload_tenant_logo(id, LogoQuery { name: file.name() }, file).await {
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
            match api::add_tenant_domain(id, &NewDomain { host: domain.get_untracked() }).await {
                Ok(()) => {
                    failure.set(None);
                    domain.set(String::new());
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let is_super = move || Session::get().may(Permission::RunPlatform);
    let may_edit = move || Session::get().may(Permission::ManageWebsite);
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
