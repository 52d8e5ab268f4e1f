//! The three Atelier web apps. One crate, one Cargo feature per app (`clients`, `writers`,
//! `staff`), built one at a time by Trunk: the typed API client (`api/`, one function per
//! operation), shared widgets (`components/`) and i18n live here once; pages are under `pages/`
//! and each app's shell and router under `apps/`. The clients app's site wizard is a build
//! of its own (`clients` + `wizard`), loaded when a client opens it: each build routes only
//! its own pages and hands any other address to the server, which serves the build it
//! belongs to.

// The wizard's build routes one page of the clients app: the rest of it is unused there (and
// left out of its .wasm).
#![cfg_attr(feature = "wizard", allow(dead_code))]

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
