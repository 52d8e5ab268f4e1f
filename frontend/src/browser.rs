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

/// Loads `path` (with its query) from the server in place of the current history entry,
/// unless this very address was loaded so less than 5 s ago (the server sent it back: a
/// loop); then false. The router names the address: it updates the browser's only after the
/// new route has rendered.
#[cfg(any(feature = "clients", feature = "staff"))]
pub fn load_elsewhere(path: &str) -> bool {
    const KEY: &str = "atelier.elsewhere";
    let Some(window) = window() else { return false };
    // Whole milliseconds: float formatting and parsing would weigh 14 KB gzipped in the app.
    let now = js_sys::Date::now() as u64;
    let storage = window.session_storage().ok().flatten();
    let last = storage.as_ref().and_then(|s| s.get_item(KEY).ok().flatten()).unwrap_or_default();
    let looping = last
        .split_once(' ')
        .is_some_and(|(at, was)| was == path && at.parse::<u64>().is_ok_and(|at| now.saturating_sub(at) < 5_000));
    if let Some(storage) = &storage {
        let _ = if looping { storage.remove_item(KEY) } else { storage.set_item(KEY, &format!("{now} {path}")) };
    }
    if !looping {
        let _ = window.location().replace(path);
    }
    !looping
}

/// Hands a WebSocket's text messages, its opening and its closing to these. They live as
/// long as the socket does.
pub fn on_socket(
    ws: &web_sys::WebSocket,
    mut on_text: Box<dyn FnMut(String)>,
    on_open: Box<dyn FnMut()>,
    on_close: Box<dyn FnMut()>,
) {
    use web_sys::wasm_bindgen::closure::Closure;
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        if let Some(text) = event.data().as_string() {
            on_text(text);
        }
    });
    let on_open = Closure::wrap(on_open);
    let on_close = Closure::wrap(on_close);
    ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    on_message.forget();
    on_open.forget();
    on_close.forget();
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

/// Puts `text` on the clipboard (false when the browser refuses).
pub fn copy_text(text: &str) -> bool {
    window().map(|w| w.navigator().clipboard()).map(|c| drop(c.write_text(text))).is_some()
}
