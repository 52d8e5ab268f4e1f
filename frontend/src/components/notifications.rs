//! The signed-in person's notifications, live: one WebSocket per tab while signed in (opened
//! with a single-use ticket, reopened after a drop with a growing pause), the unread count it
//! keeps current, and the bell that shows it in every app.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use atelier_types::notifications::{Notification, NotificationMessage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use web_sys::WebSocket;

use crate::i18n::{I18n, Msg};
use crate::session::Session;
use crate::{api, browser};

#[derive(Debug, Clone, Copy)]
pub struct Inbox {
    pub unread: RwSignal<i64>,
    /// The newest notification pushed to this tab (the notifications page adds it to its list).
    pub arrived: RwSignal<Option<Notification>>,
    socket: StoredValue<Option<WebSocket>, LocalStorage>,
    /// Changes at each sign-in and sign-out: a socket of an earlier one never reopens.
    generation: StoredValue<u32>,
}

impl Inbox {
    /// Provides the inbox and keeps its socket open while someone is signed in.
    pub fn provide() -> Inbox {
        let session = Session::get();
        let inbox = Inbox {
            unread: RwSignal::new(0),
            arrived: RwSignal::new(None),
            socket: StoredValue::new_local(None),
            generation: StoredValue::new(0),
        };
        provide_context(inbox);
        let who = Memo::new(move |_| session.me.with(|me| me.as_ref().map(|m| m.id)));
        Effect::new(move |_| {
            let signed_in = who.get().is_some();
            inbox.generation.update_value(|g| *g += 1);
            inbox.close();
            inbox.unread.set(0);
            if signed_in {
                inbox.connect(inbox.generation.get_value(), 1);
            }
        });
        inbox
    }

    pub fn get() -> Inbox {
        expect_context::<Inbox>()
    }

    fn close(self) {
        if let Some(ws) = self.socket.try_update_value(Option::take).flatten() {
            ws.set_onclose(None);
            let _ = ws.close();
        }
    }

    fn connect(self, generation: u32, pause_secs: u64) {
        spawn_local(async move {
            let current = move || self.generation.try_get_value() == Some(generation);
            let opened = Rc::new(Cell::new(false));
            let retry = {
                let opened = opened.clone();
                move || {
                    if current() {
                        // After a socket that worked, start again from a short pause.
                        let pause = if opened.get() { 1 } else { pause_secs };
                        set_timeout(
                            move || {
                                if current() {
                                    self.connect(generation, (pause * 2).min(30));
                                }
                            },
                            Duration::from_secs(pause),
                        );
                    }
                }
            };
            let Ok(ticket) = api::create_notifications_ticket().await else {
                retry();
                return;
            };
            if !current() {
                return;
            }
            let Ok(ws) = api::open_notifications(&ticket) else {
                retry();
                return;
            };
            let on_text = move |text: String| {
                if let Ok(message) = serde_json::from_str::<NotificationMessage>(&text) {
                    self.unread.set(message.unread);
                    if message.notification.is_some() {
                        self.arrived.set(message.notification);
                    }
                }
            };
            browser::on_socket(&ws, Box::new(on_text), Box::new(move || opened.set(true)), Box::new(retry));
            self.socket.set_value(Some(ws));
        });
    }
}

/// The link to the notifications page, with the unread count as a badge.
#[component]
pub fn Bell() -> impl IntoView {
    let i18n = I18n::get();
    let inbox = Inbox::get();
    let label = move || match inbox.unread.get() {
        0 => i18n.t(Msg::Notifications)().to_owned(),
        n => format!("{}, {n} {}", i18n.t(Msg::Notifications)(), i18n.t(Msg::Unread)()),
    };
    view! {
        <A href="/notifications" attr:class="bell" attr:data-test="bell" attr:aria-label=label>
            <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor"
                stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
                <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/>
                <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0"/>
            </svg>
            {move || (inbox.unread.get() > 0).then(|| view! {
                <span class="bell-count" data-test="unread-count">{move || inbox.unread.get().min(99)}</span>
            })}
        </A>
    }
}
