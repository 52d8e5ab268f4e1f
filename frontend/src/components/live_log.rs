//! A deployment's live log: a WebSocket opened with a single-use ticket, replaying from the
//! last line this page has, reconnecting after a drop (the server fills any gap from its
//! store), and following the tail unless the reader has scrolled up.

use std::time::Duration;

use atelier_types::deployments::{DeploymentStatus, LogLine};
use leptos::html::Pre;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;
use uuid::Uuid;
use web_sys::WebSocket;

use crate::i18n::{I18n, Msg};
use crate::{api, browser};

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum LiveMessage {
    Line(LogLine),
    End { status: DeploymentStatus },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    Connecting,
    Open,
    Reconnecting,
    Ended,
}

/// The live log of `deployment`; `on_end` runs once when it has ended.
#[component]
pub fn LiveLog(deployment: Uuid, on_end: Callback<DeploymentStatus>) -> impl IntoView {
    let i18n = I18n::get();
    let lines: RwSignal<Vec<LogLine>> = RwSignal::new(Vec::new());
    let link = RwSignal::new(Link::Connecting);
    let follow = RwSignal::new(true);
    let socket: StoredValue<Option<WebSocket>, LocalStorage> = StoredValue::new_local(None);
    let alive = StoredValue::new(true);
    let pre: NodeRef<Pre> = NodeRef::new();

    // Follow the tail: after new lines, scroll down unless the reader scrolled up.
    Effect::new(move |_| {
        lines.track();
        if follow.get_untracked()
            && let Some(pre) = pre.get_untracked()
        {
            pre.set_scroll_top(pre.scroll_height());
        }
    });
    let on_scroll = move |_| {
        if let Some(pre) = pre.get_untracked() {
            follow.set(pre.scroll_top() + pre.client_height() >= pre.scroll_height() - 24);
        }
    };

    fn connect(
        deployment: Uuid,
        lines: RwSignal<Vec<LogLine>>,
        link: RwSignal<Link>,
        socket: StoredValue<Option<WebSocket>, LocalStorage>,
        alive: StoredValue<bool>,
        on_end: Callback<DeploymentStatus>,
    ) {
        spawn_local(async move {
            let retry = move || {
                if alive.try_get_value().unwrap_or(false) && link.get_untracked() != Link::Ended {
                    link.set(Link::Reconnecting);
                    set_timeout(
                        move || connect(deployment, lines, link, socket, alive, on_end),
                        Duration::from_secs(1),
                    );
                }
            };
            let Ok(ticket) = api::create_live_ticket(deployment).await else {
                retry();
                return;
            };
            let after = lines.with_untracked(|l| l.last().map_or(0, |l| l.seq));
            let Ok(ws) = api::open_live_log(deployment, &ticket, after) else {
                retry();
                return;
            };
            let on_text = move |text: String| {
                match serde_json::from_str::<LiveMessage>(&text) {
                    Ok(LiveMessage::Line(line)) => lines.update(|l| {
                        // Each line once, in order, whatever a reconnection replays.
                        if l.last().is_none_or(|last| line.seq > last.seq) {
                            l.push(line);
                        }
                    }),
                    Ok(LiveMessage::End { status }) => {
                        link.set(Link::Ended);
                        on_end.run(status);
                    }
                    Err(_) => {}
                }
            };
            browser::on_socket(&ws, Box::new(on_text), Box::new(move || link.set(Link::Open)), Box::new(retry));
            socket.set_value(Some(ws));
        });
    }

    connect(deployment, lines, link, socket, alive, on_end);
    on_cleanup(move || {
        alive.set_value(false);
        if let Some(Some(ws)) = socket.try_get_value() {
            ws.set_onclose(None);
            let _ = ws.close();
        }
    });

    view! {
        <div class="log-viewer">
            <div class="log-status" data-test="log-status" role="status">
                {move || match link.get() {
                    Link::Connecting => i18n.t(Msg::LogConnecting)(),
                    Link::Open => i18n.t(Msg::LogLive)(),
                    Link::Reconnecting => i18n.t(Msg::LogReconnecting)(),
                    Link::Ended => i18n.t(Msg::LogEnded)(),
                }}
                {move || (!follow.get()).then(|| view! {
                    <button type="button" class="link-btn" on:click=move |_| {
                        follow.set(true);
                        if let Some(pre) = pre.get_untracked() { pre.set_scroll_top(pre.scroll_height()); }
                    }>{i18n.t(Msg::FollowLog)}</button>
                })}
            </div>
            <pre class="log" data-test="log" node_ref=pre on:scroll=on_scroll tabindex="0">
                {move || lines.get().into_iter().map(|l| {
                    let class = format!("log-line log-{}", l.level);
                    view! { <div class=class><span class="seq">{l.seq}</span>{l.line}</div> }
                }).collect_view()}
            </pre>
        </div>
    }
}
