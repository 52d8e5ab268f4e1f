//! The three Atelier web apps. One crate, one Cargo feature per app (`clients`, `writers`,
//! `staff`), built one at a time by Trunk: the typed API client (`api/`, one function per
//! operation), shared widgets (`components/`) and i18n live here once; pages are under `pages/`
//! and each app's shell and router under `apps/`. Some pages are builds of their own, loaded
//! when they are opened: the clients app's site wizard (`clients` + `wizard`) and billing
//! page (`clients` + `billing`), the staff app's money pages (`staff` + `money`). Each build
//! routes only its own pages and hands any other address to the server, which serves the
//! build it belongs to.

// A part's build routes a few pages of its app: the rest of it is unused there (and left out
// of its .wasm).
#![cfg_attr(any(feature = "wizard", feature = "billing", feature = "money"), allow(dead_code))]

#[cfg(not(any(feature = "clients", feature = "writers", feature = "staff")))]
compile_error!("build one app: --features clients, writers or staff");
#[cfg(any(
    all(feature = "clients", feature = "writers"),
    all(feature = "clients", feature = "staff"),
    all(feature = "writers", feature = "staff")
))]
compile_error!("the apps are built one at a time: enable exactly one of clients, writers, staff");

pub mod api;
pub mod browser;
pub mod components;
pub mod i18n;
mod pages;
pub mod session;

/// Each app's shell and router.
mod apps {
    #[cfg(feature = "clients")]
    pub mod clients;
    #[cfg(any(feature = "writers", feature = "staff"))]
    pub mod platform;
}

#[cfg(feature = "clients")]
use apps::clients::App;
#[cfg(any(feature = "writers", feature = "staff"))]
use apps::platform::App;

pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
