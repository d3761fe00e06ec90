//! `GET /v1/client/handshake`: how an app's server gets fresh cookies when its `__session`
//! is stale or missing (`@clerk/backend`'s handshake; leptos-clerk's
//! `server::authenticate`). The browser is sent here, and sent back to `redirect_url` with
//! the cookies the app should set, as `Set-Cookie` directives in a JWT that the instance's
//! key signs (the key, `kid` and header of the emulator's session tokens, `cat` included,
//! which `verifyHandshakeJwt` accepts), payload `{"handshake": [directive, …]}`:
//!
//! - development (`*.accounts.dev`): the dev browser (`__clerk_db_jwt`), `__client_uat` and
//!   `__session`, carried back in the URL (`?__clerk_handshake=<jwt>`);
//! - production: `__client_uat` and `__session`, and a directive clearing the
//!   `__clerk_handshake` cookie that carries the JWT back (`Path=/`, a minute);
//! - each under its suffixed name too when the app asks (`suffixed_cookies=true`); when the
//!   client has no active session, `__session` cleared and `__client_uat=0`.
//!
//! The directives mirror clerk-js' own cookies (names, `Path`, `Domain`, `SameSite`; see
//! [`cookies`](super::cookies)), so the app's replay overwrites them rather than adding
//! copies that would shadow clerk-js' later writes.
//!
//! The client is the one the request names, as for every other call: the dev browser in the
//! query (development) or the `__client` cookie (production). A browser the emulator does not
//! know gets a new client, seeded like any new browser (and, in development, a new dev
//! browser, which the directives hand to the app). The session token is minted as
//! `/tokens` mints it, for the session clerk-js would make current (the last active one, else
//! the first active one) and its organization, with `azp` the origin of `redirect_url`.
//!
//! Refused with 400: `format=nonce` (its nonce is exchanged through Clerk's Backend API,
//! which the emulator does not serve), and a `redirect_url` that is not an absolute
//! http(s) URL on an origin the emulator serves (no open redirect, as for OAuth). Not
//! emulated: `organization_id` (organization sync) and `satellite_fapi`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::cookies::{self, Jar};
use super::{ApiError, Request, mint_session_token, oauth};
use crate::emulator::Emulator;
use crate::locks::lock;

/// How long the production transport cookie lives: the browser follows the redirect at once.
const TRANSPORT_COOKIE_SECS: u32 = 60;

/// Answers `GET /v1/client/handshake`: a 307 back to `redirect_url`, or Clerk's 400.
pub fn answer(emulator: &Emulator, request: &Request) -> Response {
    handshake(emulator, request).unwrap_or_else(IntoResponse::into_response)
}

fn handshake(emulator: &Emulator, request: &Request) -> Result<Response, ApiError> {
    let format = request.query.get("format").map_or("token", String::as_str);
    if format != "token" {
        return Err(bad_request(
            "format",
            "clerk-emulator answers the handshake with format=token only: the nonce form is \
             exchanged through Clerk's Backend API with the secret key, which the emulator does \
             not serve.",
        ));
    }
    let redirect_url = request
        .query
        .get("redirect_url")
        .map(|url| url.trim())
        .filter(|url| !url.is_empty())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "form_param_missing",
                "Enter a redirect URL.",
                "The handshake needs redirect_url, the page to send the browser back to.",
            )
            .param("redirect_url")
        })?;
    let invalid_url = || {
        bad_request(
            "redirect_url",
            "redirect_url must be an absolute http(s) URL on an origin clerk-emulator serves \
             (a loopback origin or --allow-origin).",
        )
    };
    let origin = oauth::origin_of(redirect_url)
        .filter(|origin| emulator.access.allows_origin(origin))
        .ok_or_else(invalid_url)?;
    let config = &emulator.config;
    let development = config.is_development();
    let suffix = cookies::suffix(config);
    let jar = Jar {
        suffix: (request.query.get("suffixed_cookies").map(String::as_str) == Some("true"))
            .then_some(suffix.as_str()),
        domain: cookies::cookie_domain(origin.split_once("://").map_or(origin, |(_, host)| host)),
        secure: origin.starts_with("https://"),
        development,
    };

    let now = emulator.clock.now_ms();
    let signed_in_from_start = emulator.users.signed_in_from_start();
    let mut store = lock(&emulator.store);
    let mut response_cookies = Vec::new();
    let mut directives = Vec::new();
    let client_id = if development {
        let known = request
            .query
            .get("__clerk_db_jwt")
            .and_then(|token| Some((store.client_of_dev_browser(token)?.to_owned(), token.clone())));
        let (client_id, dev_browser) = match known {
            Some(known) => known,
            None => {
                let token = store.create_dev_browser(&signed_in_from_start, now);
                let id = store.client_of_dev_browser(&token).unwrap_or_default().to_owned();
                (id, token)
            }
        };
        directives.extend(jar.dev_browser(&dev_browser));
        client_id
    } else {
        directives.push("__clerk_handshake=; Path=/; Max-Age=0".to_owned());
        match request.cookie("__client").filter(|id| store.client(id).is_some()) {
            Some(id) => id.to_owned(),
            None => {
                let id = store.create_client(&signed_in_from_start, now);
                response_cookies.push(format!("__client={id}; Path=/; HttpOnly; SameSite=Lax"));
                id
            }
        }
    };
    let Some(client) = store.client_mut(&client_id) else {
        return Err(ApiError::not_found());
    };
    for session in &mut client.sessions {
        session.refresh_status(config, now);
    }
    let uat = cookies::client_uat(client);
    let token = client.current_session_mut().map(|session| {
        // A token counts as activity, as at `/tokens`.
        session.last_active_at = now;
        let organization = session.last_active_organization_id.clone();
        mint_session_token(emulator, session, organization.as_deref(), Some(origin), now)
    });
    drop(store);
    directives.extend(jar.client_uat(uat));
    // Last: `@clerk/backend` takes the last `__session…` directive as the new token.
    directives.extend(jar.session(token.as_deref()));

    let envelope = emulator.signer.sign(&json!({ "handshake": directives }));
    let location = if development {
        with_handshake_param(redirect_url, &envelope)
    } else {
        let secure = if jar.secure { "; Secure" } else { "" };
        response_cookies.push(format!(
            "__clerk_handshake={envelope}; Path=/; Max-Age={TRANSPORT_COOKIE_SECS}; HttpOnly; SameSite=Lax{secure}"
        ));
        redirect_url.to_owned()
    };
    let location = HeaderValue::from_str(&location).map_err(|_| invalid_url())?;
    let mut response = StatusCode::TEMPORARY_REDIRECT.into_response();
    let headers = response.headers_mut();
    headers.insert(header::LOCATION, location);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    for cookie in response_cookies {
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.append(header::SET_COOKIE, value);
        }
    }
    Ok(response)
}

/// Clerk's 400 for a query parameter the handshake cannot take.
fn bad_request(param: &'static str, long_message: &'static str) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "form_param_value_invalid",
        "is invalid",
        long_message,
    )
    .param(param)
}

/// `url` with `__clerk_handshake=<envelope>` as its last query parameter (any earlier one
/// dropped, so the app reads this one), before the fragment.
fn with_handshake_param(url: &str, envelope: &str) -> String {
    let (rest, fragment) = match url.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (url, None),
    };
    let (base, query) = rest.split_once('?').unwrap_or((rest, ""));
    let mut pairs: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| pair.split('=').next() != Some("__clerk_handshake"))
        .collect();
    let param = format!("__clerk_handshake={envelope}");
    pairs.push(&param);
    let mut url = format!("{base}?{}", pairs.join("&"));
    if let Some(fragment) = fragment {
        url.push('#');
        url.push_str(fragment);
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_envelope_goes_last_in_the_query_before_the_fragment() {
        assert_eq!(
            with_handshake_param("http://127.0.0.1:3000/", "a.b.c"),
            "http://127.0.0.1:3000/?__clerk_handshake=a.b.c"
        );
        assert_eq!(
            with_handshake_param("http://localhost/p?x=1&__clerk_handshake=old#top", "a.b.c"),
            "http://localhost/p?x=1&__clerk_handshake=a.b.c#top"
        );
    }
}
