use atelier_types::permissions::Permission;
use atelier_types::staff::{QueueEntry, StaffSite};
use leptos::callback::UnsyncCallback;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::ConfirmButton;
use crate::components::load::{FailureAlert, Loaded, fetch, loaded, when};
use crate::i18n::{I18n, Msg};
use crate::session::Session;
use atelier_types::queries::SitesQuery;

/// Every site of the staff member's websites with a state filter, the deployment queue, and
/// the live log of any deployment; admins redeploy, stop and start.
#[component]
pub fn SitesQueuePage() -> impl IntoView {
    let i18n = I18n::get();
    let status = RwSignal::new(String::new());
    let sites: Loaded<Vec<StaffSite>> = RwSignal::new(None);
    let queue: Loaded<Vec<QueueEntry>> = RwSignal::new(None);
    let load = move || {
        fetch(sites, api::list_staff_sites(SitesQuery { status: status.get_untracked(), website: None }));
        fetch(queue, api::get_deployment_queue());
    };
    Effect::new(move || {
        status.track();
        load();
    });
    let watching: RwSignal<Option<Uuid>> = RwSignal::new(None);
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let act = move |site: Uuid, what: &'static str| {
        spawn_local(async move {
            // The deployment to watch, when one was asked for.
            let done = match what {
                "deploy" => api::create_deployment(site).await.map(|d| Some(d.id)),
                "stop" => api::stop_site(site).done().await.map(|()| None),
                _ => api::start_site(site).done().await.map(|()| None),
            };
            match done {
                Ok(deployment) => {
                    failure.set(None);
                    if deployment.is_some() {
                        watching.set(deployment);
                    }
                    load();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let may_act = move || Session::get().may(Permission::ActOnSites);
    view! {
        <h1>{i18n.t(Msg::SitesAndQueue)}</h1>
        <FailureAlert failure=failure/>
        {move || watching.get().map(|id| view! {
            <section class="card" data-test="staff-live-log">
                <div class="site-head"><h2>{i18n.t(Msg::LiveLogTitle)}</h2>
                    <button type="button" class="btn btn-secondary" on:click=move |_| watching.set(None)>{i18n.t(Msg::Close)}</button></div>
                <crate::components::live_log::LiveLog deployment=id on_end=Callback::new(move |_| load())/>
            </section>
        })}
        <h2>{i18n.t(Msg::Queue)}</h2>
        {loaded(queue, load, move |list: Vec<QueueEntry>| {
            if list.is_empty() {
                return view! { <div class="empty">{i18n.t(Msg::QueueEmpty)}</div> }.into_any();
            }
            view! {
                <table class="table" data-test="queue">
                    <tbody>
                        {list.into_iter().map(|d| {
                            let id = d.id;
                            view! {
                                <tr data-test="queue-entry" data-status=d.status.clone()>
                                    <td>{d.position.map(|p| format!("#{p}"))}</td>
                                    <td><strong>{d.site_name.clone()}</strong> " #" {d.number} <div class="muted">{d.website_name.clone()}</div></td>
                                    <td><span class="badge">{d.status.clone()}</span> <div class="muted">{d.step.clone()}</div></td>
                                    <td class="change">{d.error.clone()}</td>
                                    <td>{when(d.queued_at)}</td>
                                    <td><button type="button" class="link-button" data-test="watch" on:click=move |_| watching.set(Some(id))>{i18n.t(Msg::LiveLogTitle)}</button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        })}
        <h2>{i18n.t(Msg::SitesCount)}</h2>
        <div class="filters">
            <label>{i18n.t(Msg::Status)} " "
                <select data-test="site-status" on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="">{i18n.t(Msg::All)}</option>
                    {["live", "queued", "deploying", "failed", "stopped", "draft"].into_iter().map(|s| view! { <option value=s>{s}</option> }).collect_view()}
                </select>
            </label>
        </div>
        {loaded(sites, load, move |list: Vec<StaffSite>| view! {
            <table class="table" data-test="staff-sites">
                <tbody>
                    {list.into_iter().map(|s| {
                        let id = s.id;
                        let live = s.status == "live";
                        view! {
                            <tr data-test="staff-site">
                                <td><strong>{s.name.clone()}</strong> <div class="muted">{s.slug.clone()} " · " {s.owner_email.clone()}</div></td>
                                <td>{s.website_name.clone()}</td>
                                <td><span class="badge" data-test="staff-site-status">{s.status.clone()}</span></td>
                                <td>{move || may_act().then(|| view! {
                                    <button type="button" class="link-button" data-test="redeploy" on:click=move |_| act(id, "deploy")>{i18n.t(Msg::Redeploy)}</button>
                                    {if live {
                                        view! { <ConfirmButton label=Msg::Stop question=Msg::StopConfirm class="link-button" test="stop" on_confirm=UnsyncCallback::new(move |()| act(id, "stop")) /> }.into_any()
                                    } else {
                                        view! { <button type="button" class="link-button" data-test="start" on:click=move |_| act(id, "start")>{i18n.t(Msg::Start)}</button> }.into_any()
                                    }}
                                })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}
