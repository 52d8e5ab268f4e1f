//! The three Atelier web apps. One crate, one Cargo feature per app (`clients`, `writers`,
//! `staff`), built one at a time by Trunk: shared layout, components, i18n and the typed API
//! client live here once; each app has its own router and pages under `apps/`.

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
#[cfg(feature = "staff")]
pub mod charts;
pub mod components;
pub mod i18n;
#[cfg(any(feature = "clients", feature = "staff"))]
pub mod live_log;
pub mod orders;
pub mod session;

mod apps {
    #[cfg(feature = "clients")]
    pub mod client_orders;
    #[cfg(feature = "clients")]
    pub mod clients;
    #[cfg(feature = "staff")]
    pub mod console;
    #[cfg(any(feature = "writers", feature = "staff"))]
    pub mod platform;
    #[cfg(feature = "staff")]
    pub mod review;
    #[cfg(feature = "clients")]
    pub mod sites;
    #[cfg(feature = "writers")]
    pub mod writing;
}

#[cfg(feature = "clients")]
use apps::clients::App;
#[cfg(any(feature = "writers", feature = "staff"))]
use apps::platform::App;

pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
