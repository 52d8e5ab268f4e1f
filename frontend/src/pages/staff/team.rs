use atelier_types::Role;
use atelier_types::permissions::Permission;
use atelier_types::staff::{Member, MemberUpdate, NewMember};
use atelier_types::tenant::TenantBranding;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::load::{FailureAlert, Loaded, fetch, loaded};
use crate::i18n::{I18n, Msg};
use crate::pages::staff::text_field;
use crate::session::Session;

#[component]
pub fn TeamPage() -> impl IntoView {
    let i18n = I18n::get();
    let members: Loaded<Vec<Member>> = RwSignal::new(None);
    let load = move || fetch(members, api::list_team());
    load();
    let websites: Loaded<Vec<TenantBranding>> = RwSignal::new(None);
    fetch(websites, api::list_my_websites());
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let adding = RwSignal::new(false);
    let new = RwSignal::new(NewMember {
        email: String::new(),
        display_name: String::new(),
        role: Role::Writer,
        password: String::new(),
        writer_level: Some(1),
        websites: Vec::new(),
    });
    let add = move |_| {
        spawn_local(async move {
            match api::create_member(&new.get_untracked()).done().await {
                Ok(()) => {
                    adding.set(false);
                    failure.set(None);
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let save = move |id: Uuid, update: MemberUpdate| {
        spawn_local(async move {
            match api::update_member(id, &update).done().await {
                Ok(()) => {
                    failure.set(None);
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let website_names = move || websites.get().and_then(Result::ok).unwrap_or_default();
    view! {
        <div class="site-head">
            <h1>{i18n.t(Msg::Team)}</h1>
            <button type="button" class="btn btn-primary narrow-btn" data-test="add-member" on:click=move |_| adding.set(true)>{i18n.t(Msg::AddMember)}</button>
        </div>
        {move || adding.get().then(|| view! {
            <div class="card entry-form" data-test="member-form">
                {text_field(new, failure, Msg::EntryName, "display_name", |f| f.display_name.clone(), |f, v| f.display_name = v)}
                {text_field(new, failure, Msg::EmailShort, "email", |f| f.email.clone(), |f, v| f.email = v)}
                {text_field(new, failure, Msg::Password, "password", |f| f.password.clone(), |f, v| f.password = v)}
                <label class="field"><span>{i18n.t(Msg::Role)}</span>
                    <select data-test="member-role" on:change=move |ev| {
                        let role = match event_target_value(&ev).as_str() { "editor" => Role::Editor, "support" => Role::Support, "admin" => Role::Admin, _ => Role::Writer };
                        new.update(|f| { f.role = role; f.writer_level = (role == Role::Writer).then_some(1); });
                    }>
                        <option value="writer">{i18n.t(Msg::RoleWriter)}</option>
                        <option value="editor">{i18n.t(Msg::RoleEditor)}</option>
                        <option value="support">{i18n.t(Msg::RoleSupport)}</option>
                        {move || Session::get().may(Permission::RunPlatform).then(|| view! { <option value="admin">{i18n.t(Msg::RoleAdmin)}</option> })}
                    </select>
                </label>
                <fieldset class="field"><legend>{i18n.t(Msg::Websites)}</legend>
                    {move || website_names().into_iter().map(|w| {
                        let id = w.id;
                        view! { <label class="field-inline"><input type="checkbox" data-test="member-website"
                            on:change=move |ev| { let on = event_target_checked(&ev); new.update(|f| { f.websites.retain(|x| *x != id); if on { f.websites.push(id) } }) }/>{w.name}</label> }
                    }).collect_view()}
                </fieldset>
                <div class="actions-bar">
                    <button type="button" class="btn btn-primary narrow-btn" data-test="save-member" on:click=add>{i18n.t(Msg::AddMember)}</button>
                    <button type="button" class="btn btn-secondary" on:click=move |_| adding.set(false)>{i18n.t(Msg::Cancel)}</button>
                </div>
            </div>
        })}
        <FailureAlert failure=failure/>
        {loaded(members, load, move |list: Vec<Member>| {
            let names = website_names();
            view! {
                <table class="table" data-test="team">
                    <thead><tr><th>{i18n.t(Msg::EntryName)}</th><th>{i18n.t(Msg::Role)}</th><th>{i18n.t(Msg::WriterLevel)}</th><th>{i18n.t(Msg::Websites)}</th><th>{i18n.t(Msg::Status)}</th></tr></thead>
                    <tbody>
                        {list.into_iter().map(|m| {
                            let update = MemberUpdate { writer_level: m.writer_level, websites: m.websites.clone(), active: m.active };
                            let (level_update, sites_update) = (update.clone(), update.clone());
                            let id = m.id;
                            let works_for: Vec<String> = names.iter().filter(|w| m.websites.contains(&w.id)).map(|w| w.name.clone()).collect();
                            let toggles = names.iter().map(|w| {
                                let (wid, on) = (w.id, m.websites.contains(&w.id));
                                let base = sites_update.clone();
                                view! { <label class="field-inline"><input type="checkbox" prop:checked=on data-test="assign"
                                    on:change=move |ev| {
                                        let mut u = base.clone();
                                        u.websites.retain(|x| *x != wid);
                                        if event_target_checked(&ev) { u.websites.push(wid) }
                                        save(id, u);
                                    }/>{w.name.clone()}</label> }
                            }).collect_view();
                            view! {
                                <tr data-test="member">
                                    <td><strong>{m.display_name.clone()}</strong> <div class="muted">{m.email.clone()}</div></td>
                                    <td>{i18n.t(Msg::for_role(m.role))}</td>
                                    <td>{m.writer_level.map(|level| view! {
                                        <select data-test="level" on:change=move |ev| {
                                            let mut u = level_update.clone();
                                            u.writer_level = event_target_value(&ev).parse().ok();
                                            save(id, u);
                                        }>
                                            {(1..=5).map(|l| view! { <option value=l.to_string() selected=l == level>{l}</option> }).collect_view()}
                                        </select>
                                    })}</td>
                                    <td><span class="visually-hidden">{works_for.join(", ")}</span>{toggles}</td>
                                    <td><span class="badge">{i18n.t(if m.active { Msg::StatusActive } else { Msg::StatusSuspended })}</span></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }
        })}
    }
}
