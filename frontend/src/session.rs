//! Who is signed in on this host. Restored from stored tokens at start (refreshing them if
//! the access token expired), set by sign-in and registration, cleared by sign-out.

use atelier_types::Role;
use atelier_types::auth::Me;
use atelier_types::permissions::{Permission, may};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::i18n::Msg;

#[derive(Debug, Clone, Copy)]
pub struct Session {
    pub me: RwSignal<Option<Me>>,
    /// False until the stored session (if any) has been checked with the server.
    pub restored: RwSignal<bool>,
    /// A message for the sign-in page (the session ended, …).
    pub notice: RwSignal<Option<Msg>>,
}

impl Session {
    pub fn provide() -> Session {
        let session = Session { me: RwSignal::new(None), restored: RwSignal::new(false), notice: RwSignal::new(None) };
        provide_context(session);
        api::on_session_end(move || {
            session.me.set(None);
            session.notice.set(Some(Msg::SessionEnded));
        });
        if api::has_session() {
            spawn_local(async move {
                match api::get_me().await {
                    Ok(me) => session.me.set(Some(me)),
                    Err(e) if e.status == 401 => session.notice.set(Some(Msg::SessionEnded)),
                    Err(_) => session.notice.set(Some(Msg::NetworkError)),
                }
                session.restored.set(true);
            });
        } else {
            session.restored.set(true);
        }
        session
    }

    pub fn get() -> Session {
        expect_context::<Session>()
    }

    /// Whether the signed-in member's role grants `permission` (the staff app offers only
    /// what it does; the API refuses the rest anyway). Reactive.
    pub fn may(self, permission: Permission) -> bool {
        self.me.with(|me| me.as_ref().is_some_and(|m| may(m.role, permission)))
    }

    pub fn sign_out(self) {
        spawn_local(async move {
            api::delete_session().await;
            self.me.set(None);
        });
    }
}

/// The roles this app is for. The API already refuses the others at sign-in; this mirrors
/// it for a session that arrives some other way.
pub fn belongs_here(role: Role) -> bool {
    #[cfg(feature = "clients")]
    return role == Role::Client;
    #[cfg(feature = "writers")]
    return role == Role::Writer;
    #[cfg(feature = "staff")]
    return role.is_staff();
}
