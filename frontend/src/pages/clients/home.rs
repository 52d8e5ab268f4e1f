//! The signed-in client's home: a welcome and their sites.

use leptos::prelude::*;

use crate::i18n::{I18n, Msg};
use crate::pages::clients::sites::SitesHome;
use crate::session::Session;

#[component]
pub fn Home() -> impl IntoView {
    let i18n = I18n::get();
    let session = Session::get();
    let name = move || session.me.get().map(|m| m.display_name).unwrap_or_default();
    view! {
        <h1 data-test="welcome">{i18n.t(Msg::Welcome)} ", " {name}</h1>
        <SitesHome/>
    }
}
