//! Where a handshake sends the browser: Clerk's `/v1/client/handshake`, which answers with
//! fresh cookies for this app and redirects back.

use super::decide::Facts;
use super::instance::ClerkInstance;
use super::reason::AuthReason;
use super::request::{RequestFacts, origin_of};

/// The Frontend API version this port follows (`@clerk/backend`'s `SUPPORTED_BAPI_VERSION`).
const CLERK_API_VERSION: &str = "2026-05-12";

/// The handshake's URL for `request` (`buildRedirectToHandshake`): the Frontend API (or the
/// app's `proxy_url`, absolute or a path on the app) at `/v1/client/handshake`, with the way
/// back, which cookies the app reads, the reason, the current token and (development) the
/// dev browser.
///
/// `format=token`, where `@clerk/backend` now asks for `nonce`: a nonce is exchanged for the
/// cookies through Clerk's Backend API with the secret key, which this crate never has; a
/// token carries them, signed by the instance's key, which the verifier already holds.
///
/// ```
/// use leptos_clerk::server::authenticate::{handshake_url, AuthReason, ClerkInstance, RequestFacts};
/// let instance = ClerkInstance::new("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k").unwrap();
/// let request = RequestFacts::new("GET", "https://example.com/account?tab=1");
/// let url = handshake_url(&request, &instance, None, &AuthReason::ClientUatWithoutSessionToken, 0);
/// assert!(url.starts_with("https://clerk.example.com/v1/client/handshake?redirect_url=https%3A%2F%2Fexample.com%2Faccount%3Ftab%3D1&"));
/// assert!(url.ends_with("&__clerk_hs_reason=client-uat-but-no-session-token&format=token"));
/// ```
pub fn handshake_url(
    request: &RequestFacts,
    instance: &ClerkInstance,
    proxy_url: Option<&str>,
    reason: &AuthReason,
    now: i64,
) -> String {
    url_for(&Facts::read(request, instance, now), instance, proxy_url, reason)
}

/// [`handshake_url`] from facts already read.
pub(super) fn url_for(
    facts: &Facts<'_>,
    instance: &ClerkInstance,
    proxy_url: Option<&str>,
    reason: &AuthReason,
) -> String {
    let request = facts.request;
    let base = match proxy_url {
        Some(path) if path.starts_with('/') => format!("{}{path}", request.origin().unwrap_or_default()),
        Some(url) => url.to_owned(),
        None => format!("https://{}", instance.frontend_api()),
    };
    let mut query = vec![
        (
            "redirect_url",
            url_without(request.url(), &["__clerk_db_jwt", "__dev_session"]),
        ),
        ("__clerk_api_version", CLERK_API_VERSION.to_owned()),
        ("suffixed_cookies", facts.suffixed.to_string()),
        ("__clerk_hs_reason", reason.to_string()),
        ("format", "token".to_owned()),
    ];
    if let Some(token) = facts.session_cookie.clone().or(facts.token_in_header.clone()) {
        query.push(("__session", token));
    }
    if instance.is_development()
        && let Some(dev_browser) = facts.dev_browser.clone()
    {
        query.push(("__clerk_db_jwt", dev_browser));
    }
    format!(
        "{}/v1/client/handshake?{}",
        base.trim_end_matches('/'),
        form_encode(&query)
    )
}

/// `url` without the query parameters `names`, its query serialized again as
/// `URLSearchParams` does after a `delete`.
pub(super) fn url_without(url: &str, names: &[&str]) -> String {
    let (rest, fragment) = match url.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (url, None),
    };
    let (base, query) = rest.split_once('?').unwrap_or((rest, ""));
    let kept: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (
                super::request::form_decode(name),
                super::request::form_decode(value),
            )
        })
        .filter(|(name, _)| !names.contains(&name.as_str()))
        .collect();
    let mut url = base.to_owned();
    // `new URL` gives a bare origin a `/` path.
    if origin_of(&url).is_some_and(|origin| origin.len() == url.len()) {
        url.push('/');
    }
    if !kept.is_empty() {
        let pairs: Vec<(&str, String)> = kept
            .iter()
            .map(|(name, value)| (name.as_str(), value.clone()))
            .collect();
        url.push('?');
        url.push_str(&form_encode(&pairs));
    }
    if let Some(fragment) = fragment {
        url.push('#');
        url.push_str(fragment);
    }
    url
}

/// `application/x-www-form-urlencoded`, as `URLSearchParams` serializes it.
fn form_encode(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| format!("{}={}", form_byte_encode(name), form_byte_encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn form_byte_encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => encoded.push(byte as char),
            b' ' => encoded.push('+'),
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

/// What a handshake response carries besides its `Location`.
///
/// ```
/// use leptos_clerk::server::authenticate::handshake_headers;
/// let headers = handshake_headers(2);
/// assert!(headers.contains(&("set-cookie", "__clerk_redirect_count=2; SameSite=Lax; HttpOnly; Max-Age=2".to_owned())));
/// ```
pub fn handshake_headers(redirect_count: u32) -> Vec<(&'static str, String)> {
    vec![
        ("cache-control", "no-store".to_owned()),
        (
            "set-cookie",
            format!("__clerk_redirect_count={redirect_count}; SameSite=Lax; HttpOnly; Max-Age=2"),
        ),
    ]
}
