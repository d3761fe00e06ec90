//! Call one of the demo API's routes with the session token as a Bearer: what the API panel,
//! the organization page and the sensitive action ask.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What came back: the status, the content type and the body.
pub struct Reply {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: String,
}

/// `GET path` with `Authorization: Bearer <token>`; an error only when no reply came.
pub async fn get_with_token(path: &str, token: &str) -> Result<Reply, String> {
    send_with_token("GET", path, token).await
}

/// `method path` with `Authorization: Bearer <token>` and no body; an error only when no
/// reply came.
pub async fn send_with_token(method: &str, path: &str, token: &str) -> Result<Reply, String> {
    let failed = |e: JsValue| format!("{e:?}");
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().map_err(failed)?;
    headers
        .set("Authorization", &format!("Bearer {token}"))
        .map_err(failed)?;
    init.set_headers(&headers);
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(path, &init))
        .await
        .map_err(failed)?
        .unchecked_into();
    let body = JsFuture::from(response.text().map_err(failed)?)
        .await
        .map_err(failed)?
        .as_string()
        .unwrap_or_default();
    Ok(Reply {
        status: response.status(),
        content_type: response.headers().get("content-type").ok().flatten(),
        body,
    })
}
