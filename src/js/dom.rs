//! The page itself: visibility, origin, events on `window` and `document`, focus, storage
//! and cookies, and the last-resort alert.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;

use super::events::EventListener;
use super::read::JsObject;
use crate::diagnostics::CookieFacts;
use crate::model::{RawObject, RawValue, time_ms};

/// A DOM element, for the layers above that hold one (a menu, a mount point) without
/// naming the JS bindings.
pub type Element = web_sys::Element;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Whether the page is hidden (a background tab, a minimised window).
pub fn document_hidden() -> bool {
    document().is_some_and(|document| document.hidden())
}

/// The Content-Security-Policy nonce the server gave this page: the `nonce` of the first
/// element that carries one (Trunk's `create_nonce` puts it on its script and link tags;
/// a server-rendered page on its own). Browsers blank the attribute once the page has
/// loaded, so this reads the `nonce` property, which keeps it. `None` when no element has one,
/// and outside a browser.
///
/// ```no_run
/// use leptos_clerk::{ClerkOptions, js::page_nonce};
/// let mut options = ClerkOptions::new("pk_test_…");
/// if let Some(nonce) = page_nonce() {
///     options = options.nonce(nonce);
/// }
/// # let _ = options;
/// ```
pub fn page_nonce() -> Option<String> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    let element = document()?.query_selector("[nonce]").ok()??;
    let nonce = element.dyn_into::<HtmlElement>().ok()?.nonce();
    (!nonce.is_empty()).then_some(nonce)
}

/// `location.origin`, e.g. `https://example.com`.
pub fn page_origin() -> Option<String> {
    web_sys::window()?.location().origin().ok()
}

/// Listens for `kind` on `window` until the returned listener is dropped.
pub fn on_window(kind: &'static str, mut callback: impl FnMut() + 'static) -> Option<EventListener> {
    EventListener::new(web_sys::window()?.as_ref(), kind, move |_| callback())
}

/// Listens for `kind` on `document` until the returned listener is dropped.
pub fn on_document(kind: &'static str, mut callback: impl FnMut() + 'static) -> Option<EventListener> {
    EventListener::new(document()?.as_ref(), kind, move |_| callback())
}

/// Moves focus among the elements under `container` that match `selector`; `pick` gets
/// the index of the focused one (if it is among them) and their count, and returns the
/// index to focus. They are found afresh each time, so items that come and go are
/// counted right.
pub fn move_focus_among(
    container: &Element,
    selector: &str,
    pick: impl FnOnce(Option<usize>, usize) -> usize,
) {
    let Ok(nodes) = container.query_selector_all(selector) else {
        return;
    };
    let items: Vec<HtmlElement> = (0..nodes.length())
        .filter_map(|index| nodes.item(index)?.dyn_into::<HtmlElement>().ok())
        .collect();
    if items.is_empty() {
        return;
    }
    let active = document().and_then(|document| document.active_element());
    let current = active.and_then(|active| items.iter().position(|item| **item == active));
    if let Some(item) = items.get(pick(current, items.len())) {
        let _ = item.focus();
    }
}

/// Whether focus, leaving some element (`event` is its `focusout`), stays inside `root`.
pub fn focus_stays_within(event: &web_sys::FocusEvent, root: &Element) -> bool {
    event
        .related_target()
        .and_then(|target| target.dyn_into::<web_sys::Node>().ok())
        .is_some_and(|target| root.contains(Some(&target)))
}

/// Every `(area, key, value)` in `localStorage` and `sessionStorage`.
pub fn storage_entries() -> Vec<(&'static str, String, String)> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let areas = [
        ("localStorage", window.local_storage()),
        ("sessionStorage", window.session_storage()),
    ];
    let mut entries = Vec::new();
    for (name, storage) in areas {
        let Some(storage) = storage.ok().flatten() else {
            continue;
        };
        for index in 0..storage.length().unwrap_or(0) {
            if let Some(key) = storage.key(index).ok().flatten() {
                let value = storage.get_item(&key).ok().flatten().unwrap_or_default();
                entries.push((name, key, value));
            }
        }
    }
    entries
}

/// What the page can learn about cookie `name`: from `document.cookie` and, where the
/// browser has it, the CookieStore API (which tells the attributes `document.cookie`
/// hides). Everything read is untrusted and read field by field.
pub async fn cookie_facts(name: &str) -> CookieFacts {
    use js_sys::Reflect;
    let window = web_sys::window();
    let cookies = document()
        .and_then(|document| Reflect::get(&document, &"cookie".into()).ok())
        .and_then(|cookies| cookies.as_string())
        .unwrap_or_default();
    let prefix = format!("{name}=");
    let mut facts = CookieFacts {
        present: cookies.split(';').any(|pair| pair.trim().starts_with(&prefix)),
        https: page_origin().is_some_and(|origin| origin.starts_with("https:")),
        ..CookieFacts::default()
    };
    let store = window
        .and_then(|window| Reflect::get(&window, &"cookieStore".into()).ok())
        .filter(JsValue::is_object);
    let Some(store) = store else { return facts };
    let get = Reflect::get(&store, &"get".into())
        .ok()
        .and_then(|get| get.dyn_into::<js_sys::Function>().ok());
    let Some(pending) = get.and_then(|get| get.call1(&store, &JsValue::from_str(name)).ok()) else {
        return facts;
    };
    let Ok(item) = super::clerk::settle(pending).await else {
        return facts;
    };
    facts.attributes_readable = true;
    if let Some(item) = JsObject::new(item) {
        facts.present = true;
        facts.same_site = item.text("sameSite");
        facts.secure = match item.get("secure") {
            RawValue::Bool(secure) => Some(secure),
            _ => None,
        };
        facts.expires = time_ms(&item.get("expires")).ok().flatten();
    }
    facts
}

/// Puts (or updates) a fixed alert with `id` at the top of the page, with plain DOM calls
/// and inline styles: it must work when nothing else does (after a panic), and the app may
/// not include this crate's stylesheet.
pub fn show_page_alert(id: &str, class: &str, text: &str) {
    let Some(document) = document() else {
        return;
    };
    let alert = match document.get_element_by_id(id) {
        Some(alert) => alert,
        None => {
            let Ok(alert) = document.create_element("div") else {
                return;
            };
            alert.set_id(id);
            let _ = alert.set_attribute("role", "alert");
            let _ = alert.set_attribute("class", class);
            let _ = alert.set_attribute(
                "style",
                "position:fixed;inset:0 0 auto 0;z-index:2147483647;padding:12px 16px;\
                 background:#b42318;color:#fff;font:15px/1.4 system-ui,sans-serif",
            );
            if let Some(body) = document.body() {
                let _ = body.prepend_with_node_1(&alert);
            }
            alert
        }
    };
    alert.set_text_content(Some(text));
}
