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
