//! The notifications page of every app: the list, newest first (new ones appear as they are
//! pushed), opened one by one or all marked read, and what arrives in the app and by mail.

use atelier_types::notifications::{Notification, NotificationPage, NotificationPref};
use leptos::callback::{Callable, UnsyncCallback};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::load::{Loaded, fetch, loaded, when};
use crate::components::notifications::Inbox;
use crate::components::{FailureBanner, FormState};
use crate::i18n::{I18n, Msg};

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = I18n::get();
    let inbox = Inbox::get();
    let items: RwSignal<Vec<Notification>> = RwSignal::new(Vec::new());
    let next: RwSignal<Option<i64>> = RwSignal::new(None);
    let first: Loaded<NotificationPage> = RwSignal::new(None);
    let form = FormState::new();
    let reload = move || fetch(first, api::list_notifications(None));
    reload();
    Effect::new(move |_| {
        if let Some(Ok(page)) = first.get() {
            inbox.unread.set(page.unread);
            next.set(page.next_before);
            items.set(page.items);
        }
    });
    // Pushed while the page is open: on top, once.
    Effect::new(move |_| {
        if let Some(new) = inbox.arrived.get() {
            items.update(|list| {
                if list.iter().all(|n| n.id != new.id) {
                    list.insert(0, new);
                }
            });
        }
    });
    let older = move |_| {
        let Some(before) = next.get_untracked() else { return };
        form.run(true, api::list_notifications(Some(before)), move |page| {
            next.set(page.next_before);
            items.update(|list| list.extend(page.items));
        });
    };
    let all_read = move |_| {
        form.run(true, api::read_all_notifications(), move |count| {
            inbox.unread.set(count.unread);
            items.update(|list| list.iter_mut().for_each(|n| n.read = true));
        });
    };
    let navigate = use_navigate();
    let open = UnsyncCallback::new(move |n: Notification| {
        // Marked read whatever else the page is doing (the page may be gone by the answer).
        if !n.read {
            let id = n.id;
            let read = api::read_notification(id);
            spawn_local(async move {
                if let Ok(count) = read.await {
                    inbox.unread.set(count.unread);
                    items.try_update(|list| list.iter_mut().filter(|n| n.id == id).for_each(|n| n.read = true));
                }
            });
        }
        if let Some(link) = &n.link {
            navigate(link, NavigateOptions::default());
        }
    });
    let row = move |n: Notification| {
        let clicked = n.clone();
        let unread = !n.read;
        view! {
            <li class=if unread { "row-item notification unread" } else { "row-item notification" } data-test="notification">
                <button type="button" class="notification-open" on:click=move |_| open.run(clicked.clone())>
                    <strong>{n.title}</strong>
                    {unread.then(|| view! { " " <span class="badge">{i18n.t(Msg::New)}</span> })}
                    <span class="notification-body">{n.body}</span>
                    <span class="muted">{when(n.created_at)}</span>
                </button>
            </li>
        }
    };
    view! {
        <h1>{i18n.t(Msg::Notifications)}</h1>
        <FailureBanner failure=form.failure/>
        {loaded(first, reload, move |_| view! {
            <div class="actions-bar">
                <button class="btn btn-secondary" data-test="read-all" disabled=move || inbox.unread.get() == 0
                    on:click=all_read>{i18n.t(Msg::MarkAllRead)}</button>
            </div>
            {move || items.with(Vec::is_empty).then(|| view! { <p class="muted" data-test="no-notifications">{i18n.t(Msg::NoNotifications)}</p> })}
            <ul class="rows" aria-live="polite">
                // Redrawn whole on a change (at most a few pages): no keyed diffing in the app.
                {move || items.get().into_iter().map(row).collect_view()}
            </ul>
            {move || next.get().is_some().then(|| view! {
                <button class="btn btn-secondary" data-test="older" on:click=older>{i18n.t(Msg::Older)}</button>
            })}
        })}
        <Preferences/>
    }
}

/// One row per kind: in the app, by mail (security mail cannot be turned off).
#[component]
fn Preferences() -> impl IntoView {
    let i18n = I18n::get();
    let prefs: Loaded<Vec<NotificationPref>> = RwSignal::new(None);
    let reload = move || fetch(prefs, api::get_notification_preferences());
    reload();
    let form = FormState::new();
    let saved = RwSignal::new(false);
    let table = move |list: Vec<NotificationPref>| {
        let rows: Vec<(NotificationPref, RwSignal<bool>, RwSignal<bool>)> =
            list.into_iter().map(|p| (p.clone(), RwSignal::new(p.in_app), RwSignal::new(p.email))).collect();
        let choices = StoredValue::new(rows.clone());
        let save = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            saved.set(false);
            let chosen: Vec<NotificationPref> = choices.with_value(|rows| {
                rows.iter()
                    .map(|(p, in_app, email)| NotificationPref {
                        in_app: in_app.get_untracked(),
                        email: email.get_untracked(),
                        ..p.clone()
                    })
                    .collect()
            });
            form.run(true, api::set_notification_preferences(&chosen), move |_| saved.set(true));
        };
        let line = move |(p, in_app, email): (NotificationPref, RwSignal<bool>, RwSignal<bool>)| {
            let kind = p.kind.as_str();
            view! {
                <tr>
                    <th scope="row">{p.label.clone()}</th>
                    <td><input type="checkbox" data-test=format!("in-app-{kind}") aria-label=format!("{} · {}", p.label, i18n.t(Msg::InApp)())
                        prop:checked=in_app on:change=move |ev| in_app.set(event_target_checked(&ev))/></td>
                    <td><input type="checkbox" data-test=format!("email-{kind}") aria-label=format!("{} · {}", p.label, i18n.t(Msg::ByEmail)())
                        disabled=p.email_required prop:checked=email on:change=move |ev| email.set(event_target_checked(&ev))/></td>
                </tr>
            }
        };
        view! {
            <form on:submit=save data-test="notification-prefs">
                <table class="table">
                    <thead><tr><th scope="col">{i18n.t(Msg::What)}</th><th scope="col">{i18n.t(Msg::InApp)}</th><th scope="col">{i18n.t(Msg::ByEmail)}</th></tr></thead>
                    <tbody>{rows.into_iter().map(line).collect_view()}</tbody>
                </table>
                <div class="actions-bar">
                    <button type="submit" class="btn btn-primary" aria-busy=move || form.busy.get().to_string()>{i18n.t(Msg::Save)}</button>
                </div>
            </form>
        }
    };
    view! {
        <section class="card" data-test="preferences">
            <h2>{i18n.t(Msg::NotificationSettings)}</h2>
            <div role="status" aria-live="polite">
                {move || saved.get().then(|| view! { <div class="alert alert-ok">{i18n.t(Msg::Saved)}</div> })}
            </div>
            <FailureBanner failure=form.failure/>
            {loaded(prefs, reload, table)}
        </section>
    }
}
