//! The few browser APIs the apps touch, each failing softly (private mode, no storage).

use web_sys::wasm_bindgen::JsCast;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub fn load(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

pub fn store(key: &str, value: &str) {
    if let Some(storage) = window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(key, value);
    }
}

pub fn forget(key: &str) {
    if let Some(storage) = window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.remove_item(key);
    }
}

/// `navigator.language`, lower-cased (`fr-fr`, `en-us`), or empty.
pub fn language() -> String {
    window().and_then(|w| w.navigator().language()).unwrap_or_default().to_lowercase()
}

/// The page's host name, without port.
pub fn hostname() -> String {
    window().and_then(|w| w.location().hostname().ok()).unwrap_or_default()
}

/// `:port` of the page, or empty.
pub fn port_suffix() -> String {
    let port = window().and_then(|w| w.location().port().ok()).unwrap_or_default();
    if port.is_empty() { port } else { format!(":{port}") }
}

fn root() -> Option<web_sys::HtmlElement> {
    window()?.document()?.document_element()?.dyn_into::<web_sys::HtmlElement>().ok()
}

pub fn set_document_lang(code: &str) {
    if let Some(root) = root() {
        let _ = root.set_attribute("lang", code);
    }
}

pub fn set_title(title: &str) {
    if let Some(document) = window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// Sets a CSS custom property on `<html>`, so every component picks it up.
pub fn set_css_var(name: &str, value: &str) {
    if let Some(root) = root() {
        let _ = root.style().set_property(name, value);
    }
}

/// Reloads the page to let the server serve this address, unless this very address was
/// reloaded so less than 5 s ago (the server sent it back: a loop); then false.
#[cfg(feature = "clients")]
pub fn reload_elsewhere() -> bool {
    const KEY: &str = "atelier.elsewhere";
    let Some(window) = window() else { return false };
    let here = window.location().href().unwrap_or_default();
    let now = js_sys::Date::now();
    let storage = window.session_storage().ok().flatten();
    let last = storage.as_ref().and_then(|s| s.get_item(KEY).ok().flatten()).unwrap_or_default();
    let looping = last
        .split_once(' ')
        .is_some_and(|(at, href)| href == here && at.parse::<f64>().is_ok_and(|at| now - at < 5_000.0));
    if let Some(storage) = &storage {
        let _ = if looping { storage.remove_item(KEY) } else { storage.set_item(KEY, &format!("{now} {here}")) };
    }
    if !looping {
        let _ = window.location().reload();
    }
    !looping
}

pub fn reload() {
    if let Some(window) = window() {
        let _ = window.location().reload();
    }
}

/// Saves `url` (an object URL) as a file named `name`, through a temporary link.
pub fn click_download(url: &str, name: &str) {
    let Some(document) = window().and_then(|w| w.document()) else { return };
    if let Some(link) = document.create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        link.set_href(url);
        link.set_download(name);
        link.click();
    }
}
