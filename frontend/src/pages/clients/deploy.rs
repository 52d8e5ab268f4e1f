use std::time::Duration;

use atelier_types::deployments::{Deployment, DeploymentStatus, STEPS};
use atelier_types::sites::SiteStatus;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::live_log::LiveLog;
use crate::components::{Skeleton, error_text};
use crate::i18n::{I18n, Msg, labels};

/// Deploy, the current deployment's steps and live log, and the history with rollbacks.
#[component]
pub(crate) fn DeployPanel(site_id: Uuid, url: String, site_status: RwSignal<SiteStatus>) -> impl IntoView {
    let i18n = I18n::get();
    let history: RwSignal<Option<Result<Vec<Deployment>, ApiError>>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let alive = StoredValue::new(true);
    on_cleanup(move || alive.set_value(false));
    let load = move || {
        spawn_local(async move {
            let list = api::list_deployments(site_id).await;
            let site = api::get_site(site_id).await;
            if alive.try_get_value().unwrap_or(false) {
                history.set(Some(list));
                if let Ok(site) = site {
                    site_status.set(site.summary.status);
                }
            }
        })
    };
    load();
    let current =
        Memo::new(move |_| history.with(|h| h.as_ref().and_then(|h| h.as_ref().ok()).and_then(|h| h.first().cloned())));
    let current_id = Memo::new(move |_| current.with(|c| c.as_ref().map(|d| d.id)));
    // While one waits or runs, its steps move: look again every second.
    Effect::new(move |_| {
        if current.with(|c| c.as_ref().is_some_and(|d| !d.status.is_finished())) {
            set_timeout(
                move || {
                    if alive.try_get_value().unwrap_or(false) {
                        load();
                    }
                },
                Duration::from_millis(800),
            );
        }
    });
    let live = Memo::new(move |_| {
        history.with(|h| {
            h.as_ref()
                .and_then(|h| h.as_ref().ok())
                .is_some_and(|h| h.iter().any(|d| d.status == DeploymentStatus::Live))
        })
    });
    let deploy = move |_| {
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            match api::create_deployment(site_id).done().await {
                Ok(()) => load(),
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let act = move |deployment: Uuid, roll_back: bool| {
        spawn_local(async move {
            let done = if roll_back {
                api::rollback_deployment(site_id, deployment).await
            } else {
                api::cancel_deployment(site_id, deployment).await
            };
            match done {
                Ok(_) => load(),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let on_end = Callback::new(move |_status: DeploymentStatus| load());
    let visit = url.clone();
    view! {
        <section class="card deploy-panel" data-test="deploy-panel">
            <div class="deploy-head">
                <h2>{i18n.t(Msg::Deployments)}</h2>
                {move || live.get().then(|| view! {
                    <a class="btn btn-secondary narrow-btn" data-test="visit-site" href=visit.clone() target="_blank" rel="noopener">{i18n.t(Msg::VisitSite)}</a>
                })}
                <button type="button" class="btn btn-primary narrow-btn" data-test="deploy" aria-busy=move || busy.get().to_string()
                    on:click=deploy>{move || if busy.get() { i18n.t(Msg::Deploying)() } else { i18n.t(Msg::Deploy)() }}</button>
            </div>
            {move || failure.get().map(|f| view! { <div class="alert" role="alert">{error_text(i18n, &f)}</div> })}
            {move || current.get().map(|d| view! { <Progress deployment=d/> })}
            {move || current_id.get().map(|id| view! { <LiveLog deployment=id on_end=on_end/> })}
            {move || match history.get() {
                None => view! { <Skeleton/> }.into_any(),
                Some(Err(e)) => view! { <div class="alert" role="alert">{error_text(i18n, &e)}</div> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <div class="empty" data-test="no-deployments">{i18n.t(Msg::NoDeployments)}</div> }.into_any(),
                Some(Ok(list)) => view! {
                    <table class="history" data-test="history">
                        <thead><tr><th>"#"</th><th>{i18n.t(Msg::Started)}</th><th>{i18n.t(Msg::Duration)}</th><th></th><th></th></tr></thead>
                        <tbody>
                            {list.into_iter().map(|d| {
                                let can_roll_back = matches!(d.status, DeploymentStatus::Retired | DeploymentStatus::RolledBack);
                                let can_cancel = !d.status.is_finished();
                                let dep = d.id;
                                let started = d.started_at.unwrap_or(d.queued_at);
                                view! {
                                    <tr data-test="history-row" data-deployment=dep.to_string()>
                                        <td>"#" {d.number} {(d.kind == "rollback").then_some(" ↺")}</td>
                                        <td title=format!("{started:?}")>{when_seconds(started)}</td>
                                        <td>{d.duration_ms.map(format_ms).unwrap_or_default()}</td>
                                        <td><span class=format!("badge status-{}", serde_json::to_value(d.status).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default())>{i18n.t(labels::deployment(d.status))}</span></td>
                                        <td>
                                            {can_roll_back.then(|| view! {
                                                <button type="button" class="btn btn-secondary narrow-btn" data-test="rollback" on:click=move |_| act(dep, true)>{i18n.t(Msg::Rollback)}</button>
                                            })}
                                            {can_cancel.then(|| view! {
                                                <button type="button" class="btn btn-secondary narrow-btn" data-test="cancel" on:click=move |_| act(dep, false)>{i18n.t(Msg::CancelDeployment)}</button>
                                            })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
        </section>
    }
}

/// `2026-11-22 07:12:05` (UTC), without chrono's formatting machinery (size).
fn when_seconds(at: chrono::DateTime<chrono::Utc>) -> String {
    use chrono::{Datelike, Timelike};
    format!("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", at.year(), at.month(), at.day(), at.hour(), at.minute(), at.second())
}

fn format_ms(ms: u64) -> String {
    if ms < 1_000 { format!("{ms} ms") } else { format!("{:.1} s", ms as f64 / 1000.0) }
}

/// The steps of a deployment as a progress bar: done (with its time), in progress, to come.
#[component]
fn Progress(deployment: Deployment) -> impl IntoView {
    let i18n = I18n::get();
    let d = deployment;
    let failed =
        matches!(d.status, DeploymentStatus::Failed | DeploymentStatus::TimedOut | DeploymentStatus::Cancelled);
    let steps = STEPS
        .iter()
        .filter(|name| **name != "retire" || d.steps.iter().any(|s| s.name == "retire"))
        .map(|name| {
            let reached = d.steps.iter().find(|s| s.name == *name);
            let state = match reached {
                Some(s) if s.ok == Some(true) => "done",
                Some(_) if failed => "failed",
                Some(_) => "active",
                None => "todo",
            };
            let time = reached.and_then(|s| s.ms).map(format_ms).unwrap_or_default();
            let name = *name;
            view! {
                <li class=format!("pstep {state}") data-test=format!("step-{name}") data-state=state>
                    <span>{i18n.t(labels::deploy_step(name))}</span><small>{time}</small>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="progress" data-test="progress">
            <div class="progress-head">
                <strong>"#" {d.number}</strong> " "
                <span class="badge" data-test="deployment-status">{i18n.t(labels::deployment(d.status))}</span>
                {d.queue_position.map(|p| view! {
                    <span class="muted" data-test="queue-position">" " {i18n.t(Msg::InQueue)} " " {p}
                        {d.eta_secs.map(|s| view! { " · " {i18n.t(Msg::AboutSeconds)} " " {s} " " {i18n.t(Msg::Seconds)} })}
                    </span>
                })}
                {(d.status == DeploymentStatus::Live).then(|| view! { <span class="ok" data-test="site-live">" " {i18n.t(Msg::SiteIsLive)}</span> })}
            </div>
            <ol class="psteps">{steps}</ol>
            {d.error.clone().map(|e| view! { <div class="alert" role="alert" data-test="deployment-error">{e}</div> })}
        </div>
    }
}
