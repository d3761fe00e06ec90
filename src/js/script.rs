//! Script tags for the SDK bundles (clerk-js, Clerk's UI): insert once, await, time out.

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::time::with_timeout;
use crate::model::ScriptFailure;

/// Runs the script at `url` (see [`find_or_insert`]) and waits up to `timeout_ms` for it.
/// A tag that failed never fires again, so it is removed: the next attempt fetches afresh.
pub async fn run(
    url: &str,
    attributes: &[(&str, Option<&str>)],
    timeout_ms: u32,
) -> Result<(), ScriptFailure> {
    let failed = || ScriptFailure::Failed { url: url.to_owned() };
    let script = find_or_insert(url, attributes).ok_or_else(failed)?;
    let outcome = with_timeout(settled(&script), timeout_ms).await;
    match outcome {
        Some(Ok(_)) => Ok(()),
        Some(Err(_)) => {
            script.remove();
            Err(failed())
        }
        None => {
            script.remove();
            Err(ScriptFailure::TimedOut {
                url: url.to_owned(),
                after_ms: timeout_ms,
            })
        }
    }
}

/// The page's script tag for `url`: one already there (the app may have put it in its HTML,
/// or an earlier attempt did), or a new async, CORS-mode one with `attributes` (a `None`
/// value leaves that attribute out). `None` when there is no DOM to put it in.
fn find_or_insert(url: &str, attributes: &[(&str, Option<&str>)]) -> Option<web_sys::HtmlScriptElement> {
    let document = web_sys::window()?.document()?;
    let scripts = document.scripts();
    for index in 0..scripts.length() {
        if let Some(existing) = scripts
            .item(index)
            .and_then(|s| s.dyn_into::<web_sys::HtmlScriptElement>().ok())
            && existing.get_attribute("src").as_deref() == Some(url)
        {
            return Some(existing);
        }
    }
    let script: web_sys::HtmlScriptElement = document.create_element("script").ok()?.unchecked_into();
    script.set_src(url);
    script.set_async(true);
    script.set_cross_origin(Some("anonymous"));
    for (name, value) in attributes {
        if let Some(value) = value {
            script.set_attribute(name, value).ok()?;
        }
    }
    document.head()?.append_child(&script).ok()?;
    Some(script)
}

/// Resolves on the script's `load` event, rejects on `error`. The listeners are the
/// promise's own resolve/reject functions, so no Rust closure has to outlive this call.
async fn settled(script: &web_sys::HtmlScriptElement) -> Result<JsValue, JsValue> {
    let mut listeners = None;
    let settled = Promise::new(&mut |resolve, reject| {
        let _ = script.add_event_listener_with_callback("load", &resolve);
        let _ = script.add_event_listener_with_callback("error", &reject);
        listeners = Some((resolve, reject));
    });
    let result = JsFuture::from(settled).await;
    if let Some((resolve, reject)) = listeners {
        let _ = script.remove_event_listener_with_callback("load", &resolve);
        let _ = script.remove_event_listener_with_callback("error", &reject);
    }
    result
}
