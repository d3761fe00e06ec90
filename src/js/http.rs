//! `fetch` with headers and a text body, for the authenticated fetch helper.

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::read::JsObject;

/// What came back from one `fetch`: status, content type and the body as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpReply {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The body, read as text.
    pub body: String,
}

/// `await fetch(url, {method, headers, body})`, then `await response.text()`. `Err` (with
/// what the browser said) only when no reply came: offline, CORS, a malformed URL.
pub async fn send(
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: Option<&str>,
) -> Result<HttpReply, String> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let header_map = web_sys::Headers::new().map_err(message)?;
    for (name, value) in headers {
        header_map.set(name, value).map_err(message)?;
    }
    init.set_headers(&header_map);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(body));
    }
    let window = web_sys::window().ok_or("no window to fetch from")?;
    let response = settle(window.fetch_with_str_and_init(url, &init))
        .await?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| "fetch did not answer with a Response".to_owned())?;
    let text = response.text().map_err(message)?;
    let body = settle(text).await?.as_string().unwrap_or_default();
    Ok(HttpReply {
        status: response.status(),
        content_type: response.headers().get("content-type").ok().flatten(),
        body,
    })
}

async fn settle(promise: Promise) -> Result<JsValue, String> {
    JsFuture::from(promise).await.map_err(message)
}

/// A thrown value's `message` (a `TypeError: Failed to fetch`), else its text.
fn message(thrown: JsValue) -> String {
    JsObject::new(thrown.clone())
        .and_then(|error| error.text("message"))
        .or_else(|| thrown.as_string())
        .unwrap_or_else(|| "fetch failed without a message".to_owned())
}
