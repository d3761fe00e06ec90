//! The emulator's fake OAuth provider: a consent page with a "Continue as …" link per
//! account and a Cancel link, each going to FAPI's `/v1/oauth_callback` (see
//! [`super::oauth`]). Plain HTML, no script; plainly labelled as not the real provider.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use super::Request;
use super::oauth::pending;
use crate::emulator::Emulator;
use crate::locks::lock;

/// The path segment (under `/v1/`) of the fake provider's consent page.
pub const PROVIDER_SEGMENT: &str = "oauth_emulator";

/// `oauth_google` → `Google`.
pub(super) fn provider_name(strategy: &str) -> String {
    let provider = strategy.trim_start_matches("oauth_");
    let mut chars = provider.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => provider.to_owned(),
    }
}

/// `GET /v1/oauth_emulator/authorize?state=…`: the fake provider's consent page, one
/// "Continue as …" button per account, and a way to refuse.
pub fn provider_page(emulator: &Emulator, request: &Request) -> Response {
    let state = request.query.get("state").map(String::as_str).unwrap_or("");
    let strategy = {
        let mut store = lock(&emulator.store);
        store
            .clients_mut()
            .find_map(|client| pending(client, state).map(|oauth| oauth.strategy.clone()))
    };
    let Some(strategy) = strategy else {
        return page(
            StatusCode::BAD_REQUEST,
            "clerk-emulator",
            "<p class=\"error\">This sign-in is unknown or already finished. Start again from the app.</p>",
        );
    };
    let provider = escape(&provider_name(&strategy));
    let state = escape(state);
    let accounts: String = emulator
        .users
        .all()
        .iter()
        .map(|user| {
            let name = [user.first_name.as_deref(), user.last_name.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            let name = if name.is_empty() { user.email.clone() } else { name };
            format!(
                "<li><a class=\"account\" href=\"../oauth_callback?code={code}&amp;state={state}\">\
                 <span class=\"avatar\" aria-hidden=\"true\">{initial}</span>\
                 <span><strong>Continue as {name}</strong><small>{email}</small></span></a></li>",
                code = escape(&user.id),
                initial = escape(&name.chars().next().unwrap_or('?').to_string()),
                name = escape(&name),
                email = escape(&user.email),
            )
        })
        .collect();
    let body = format!(
        "<p class=\"badge\">clerk-emulator's fake {provider}: not the real {provider}, no network</p>\
         <h1>Sign in with {provider}</h1>\
         <p>Choose an account to continue to the app.</p>\
         <ul>{accounts}</ul>\
         <p><a class=\"cancel\" href=\"../oauth_callback?error=access_denied&amp;state={state}\">Cancel</a></p>"
    );
    page(
        StatusCode::OK,
        &format!("Sign in with {provider} (clerk-emulator)"),
        &body,
    )
}

/// The provider's page: plain, self-contained HTML (no script, inline style only).
fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head>\
         <body><main>{body}</main></body></html>",
        title = escape(title),
    );
    (status, Html(html)).into_response()
}

const STYLE: &str = include_str!("oauth_provider.css");

/// Text made safe for HTML (names come from the config, which tests fill with XSS probes).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_keeps_markup_out() {
        assert_eq!(
            escape("<img src=x onerror='a'>&"),
            "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;"
        );
    }
}
