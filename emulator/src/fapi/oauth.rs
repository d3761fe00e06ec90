//! OAuth sign-in ("Continue with Google") round trip, with the emulator playing the
//! provider too, so `signIn.authenticateWithRedirect` runs with no network.
//!
//! As at Clerk:
//! 1. `POST /v1/client/sign_ins` with `strategy=oauth_<provider>`, `redirect_url` and
//!    (optionally) `action_complete_redirect_url` answers a sign-in whose
//!    `first_factor_verification` is `unverified` and carries the provider's
//!    `external_verification_redirect_url`; clerk-js sends the window there.
//! 2. The provider (here: the emulator's fake consent page,
//!    [`provider_page`](super::oauth_provider::provider_page)) sends the
//!    browser to FAPI's `GET /v1/oauth_callback?code=…&state=…` (or `?error=…&state=…`).
//! 3. The callback ([`callback`]) finishes the sign-in and answers `303 See Other`: to
//!    `action_complete_redirect_url` when a session was created (Clerk's documented
//!    "after successful authorization from the OAuth provider and Clerk sign in"), else to
//!    `redirect_url`, the app's `/sso-callback`, whose `handleRedirectCallback` reads the
//!    sign-in from the client (already signed in: make that session active; failed: go to
//!    sign-in).
//!
//! The fake provider's "code" is the chosen user's id: it proves nothing, which is the
//! point of an emulator. Only configured strategies (`[instance] social`) are offered.
//! Not emulated: the transfer to a sign-up for an address with no account.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::oauth_provider::{PROVIDER_SEGMENT, provider_name};
use super::{ATTEMPT_LIFETIME_MS, ApiError, Call, Request, sessions};
use crate::emulator::Emulator;
use crate::locks::lock;
use crate::store::{Client, OAuthAttempt, SignInAttempt};

/// How long the provider's round trip may take before Clerk would expire it (ten minutes).
const VERIFICATION_LIFETIME_MS: i64 = 10 * 60 * 1000;

/// `user_settings.social` for the configured strategies, in the shape clerk-js reads
/// (`enabled && authenticatable` puts the provider's button on `<SignIn>`).
pub fn social_settings(strategies: &[String]) -> Value {
    let settings = strategies
        .iter()
        .map(|strategy| {
            let setting = json!({
                "enabled": true,
                "required": false,
                "authenticatable": true,
                "block_email_subaddresses": false,
                "strategy": strategy,
                "name": provider_name(strategy),
                "logo_url": null,
            });
            (strategy.clone(), setting)
        })
        .collect::<serde_json::Map<_, _>>();
    Value::Object(settings)
}

/// `POST /v1/client/sign_ins` with `strategy=oauth_<provider>`: a sign-in waiting for the
/// provider.
pub fn create(call: &Call<'_>, client: &mut Client, strategy: &str) -> Result<Value, ApiError> {
    let config = &call.emulator.config;
    if !config.instance.social.iter().any(|s| s == strategy) {
        return Err(ApiError::form(
            "strategy_for_user_invalid",
            "Invalid verification strategy",
            format!("{strategy} is not enabled on this instance ([instance] social)."),
            "strategy",
        ));
    }
    let redirect_url = call
        .text("redirect_url")
        .ok_or_else(|| ApiError::missing("redirect_url", "Enter a redirect URL."))?;
    // The callback redirects the browser to these: only to an origin the emulator serves
    // (no open redirect).
    let origin = origin_of(redirect_url)
        .filter(|origin| call.emulator.access.allows_origin(origin))
        .ok_or_else(|| invalid_url("redirect_url"))?;
    let action_complete_redirect_url = match call.text("action_complete_redirect_url") {
        None => None,
        Some(url) => Some(absolute(url, origin).ok_or_else(|| invalid_url("action_complete_redirect_url"))?),
    };
    // The page's origin: the provider's page is served where the page reaches FAPI.
    let page_origin = call
        .request
        .origin
        .as_deref()
        .filter(|origin| call.emulator.access.allows_origin(origin))
        .ok_or_else(|| invalid_url("redirect_url"))?;
    let state = crate::random::id("oauth_state");
    let provider_url = format!(
        "{page_origin}{}/v1/{PROVIDER_SEGMENT}/authorize?state={state}",
        call.request.prefix
    );
    let attempt = SignInAttempt {
        id: crate::random::id("sia"),
        identifier: String::new(),
        user_id: String::new(),
        created_at: call.now,
        code_expire_at: None,
        second_factor: None,
        oauth: Some(OAuthAttempt {
            strategy: strategy.to_owned(),
            state,
            provider_url,
            redirect_url: redirect_url.to_owned(),
            action_complete_redirect_url,
            created_session_id: None,
            error: None,
        }),
    };
    let sign_in = attempt
        .oauth
        .as_ref()
        .map_or(Value::Null, |oauth| sign_in_json(&attempt, oauth));
    client.sign_in = Some(attempt);
    client.updated_at = call.now;
    Ok(call.reply(client, sign_in))
}

/// `POST /v1/client/sign_ins` with no parameters: a new, empty sign-in
/// (`needs_identifier`). Clerk's `<SignIn>` sends it after showing an OAuth error, so that
/// the error does not come back on the next load; it replaces the failed attempt.
pub fn blank(call: &Call<'_>, client: &mut Client) -> Value {
    client.sign_in = None;
    client.updated_at = call.now;
    let sign_in = json!({
        "object": "sign_in",
        "id": crate::random::id("sia"),
        "status": "needs_identifier",
        "supported_identifiers": ["email_address"],
        "identifier": null,
        "supported_first_factors": [],
        "supported_second_factors": [],
        "first_factor_verification": null,
        "second_factor_verification": null,
        "user_data": null,
        "created_session_id": null,
        "abandon_at": call.now + ATTEMPT_LIFETIME_MS,
    });
    call.reply(client, sign_in)
}

fn invalid_url(param: &'static str) -> ApiError {
    ApiError::form(
        "form_param_value_invalid",
        "is invalid",
        "The URL must be on an origin clerk-emulator serves (a loopback origin or --allow-origin).",
        param,
    )
}

/// `scheme://host[:port]` of an absolute http(s) URL.
pub(super) fn origin_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))?;
    let host_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    (host_len > 0).then(|| &url[..url.len() - rest.len() + host_len])
}

/// `url` made absolute against `origin` (a path such as `/`), or `None` if it names
/// another origin than one the emulator may send the browser to.
fn absolute(url: &str, origin: &str) -> Option<String> {
    if url.starts_with('/') && !url.starts_with("//") {
        return Some(format!("{origin}{url}"));
    }
    (origin_of(url) == Some(origin)).then(|| url.to_owned())
}

/// `SignInJSON` of an OAuth sign-in: waiting for the provider, failed, or complete.
pub fn sign_in_json(attempt: &SignInAttempt, oauth: &OAuthAttempt) -> Value {
    let (status, verification) = match (&oauth.created_session_id, &oauth.error) {
        (Some(_), _) => ("complete", "verified"),
        (None, Some(_)) => ("needs_identifier", "failed"),
        (None, None) => ("needs_identifier", "unverified"),
    };
    json!({
        "object": "sign_in",
        "id": attempt.id,
        "status": status,
        "supported_identifiers": ["email_address"],
        "identifier": (!attempt.identifier.is_empty()).then_some(&attempt.identifier),
        "supported_first_factors": [],
        "supported_second_factors": [],
        "first_factor_verification": {
            "object": "verification_oauth",
            "status": verification,
            "strategy": oauth.strategy,
            "external_verification_redirect_url":
                (verification == "unverified").then_some(&oauth.provider_url),
            "error": oauth.error,
            "attempts": null,
            "expire_at": attempt.created_at + VERIFICATION_LIFETIME_MS,
        },
        "second_factor_verification": null,
        "user_data": null,
        "created_session_id": oauth.created_session_id,
        "abandon_at": attempt.created_at + ATTEMPT_LIFETIME_MS,
    })
}

/// The client's OAuth sign-in still waiting for the provider under this `state`.
pub(super) fn pending<'c>(client: &'c Client, state: &str) -> Option<&'c OAuthAttempt> {
    client
        .sign_in
        .as_ref()?
        .oauth
        .as_ref()
        .filter(|oauth| !state.is_empty() && oauth.state == state)
        .filter(|oauth| oauth.created_session_id.is_none() && oauth.error.is_none())
}

/// `GET /v1/oauth_callback?code=…&state=…`: the provider's answer. Signs the chosen user in
/// (or records why not) and redirects the browser back to the app.
pub fn callback(emulator: &Emulator, request: &Request) -> Response {
    let state = request.query.get("state").map(String::as_str).unwrap_or("");
    let now = emulator.clock.now_ms();
    let call = Call {
        emulator,
        request,
        now,
    };
    let mut store = lock(&emulator.store);
    let Some(client) = store
        .clients_mut()
        .find(|client| pending(client, state).is_some())
    else {
        return ApiError::new(
            StatusCode::BAD_REQUEST,
            "oauth_callback_invalid",
            "Invalid OAuth callback",
            "This OAuth sign-in is unknown or already finished (its state matches none in progress).",
        )
        .into_response();
    };
    let user = request
        .query
        .get("code")
        .filter(|_| !request.query.contains_key("error"))
        .and_then(|id| emulator.users.get(id));
    let outcome = match user {
        None => Err(error_json(
            "oauth_access_denied",
            "You did not grant access to your account.",
            "The provider reported no account: the sign-in was cancelled or refused.",
            None,
        )),
        Some(user) => match client.signed_in().find(|session| session.user_id == user.id) {
            // clerk-js' handleRedirectCallback makes this session active.
            Some(existing) => Err(error_json(
                "identifier_already_signed_in",
                "You're already signed in.",
                "You're already signed in with this account in this browser.",
                Some(&existing.id),
            )),
            None if !emulator.config.instance.multi_session && client.signed_in().next().is_some() => {
                Err(error_json(
                    "session_exists",
                    "You're already signed in.",
                    "You're already signed in.",
                    None,
                ))
            }
            None => Ok(user),
        },
    };
    let location = match outcome {
        Ok(user) => {
            let session_id = sessions::start(&call, client, &user.id);
            client.last_active_session_id = Some(session_id.clone());
            let Some(attempt) = client.sign_in.as_mut() else {
                return ApiError::not_found().into_response();
            };
            attempt.identifier = user.email.clone();
            attempt.user_id = user.id.clone();
            let Some(oauth) = attempt.oauth.as_mut() else {
                return ApiError::not_found().into_response();
            };
            oauth.created_session_id = Some(session_id);
            match oauth.action_complete_redirect_url.clone() {
                // Finished: the new session is the client's last active one, which clerk-js
                // takes on the next page's load; nothing is left in progress.
                Some(url) => {
                    client.sign_in = None;
                    url
                }
                // The app's callback page reads the completed sign-in and activates it.
                None => oauth.redirect_url.clone(),
            }
        }
        Err(error) => match client.sign_in.as_mut().and_then(|a| a.oauth.as_mut()) {
            Some(oauth) => {
                oauth.error = Some(error);
                oauth.redirect_url.clone()
            }
            None => return ApiError::not_found().into_response(),
        },
    };
    client.updated_at = now;
    let mut response = redirect(&location);
    super::cookies::append(
        &mut response,
        super::cookies::production_client_uat(emulator, request, client),
    );
    response
}

/// Clerk's error JSON, as a failed verification carries it.
fn error_json(code: &str, message: &str, long_message: &str, session_id: Option<&str>) -> Value {
    let meta = match session_id {
        Some(id) => json!({"session_id": id}),
        None => json!({}),
    };
    json!({"code": code, "message": message, "long_message": long_message, "meta": meta})
}

/// `303 See Other` to `location`.
fn redirect(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    match HeaderValue::from_str(location) {
        Ok(value) => {
            response.headers_mut().insert(header::LOCATION, value);
            response
        }
        Err(_) => ApiError::not_found().into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_and_absolute_urls() {
        assert_eq!(
            origin_of("http://127.0.0.1:8787/sso-callback?x=1"),
            Some("http://127.0.0.1:8787")
        );
        assert_eq!(origin_of("https://localhost"), Some("https://localhost"));
        assert_eq!(origin_of("/relative"), None);
        assert_eq!(origin_of("http:///x"), None);
        let origin = "http://127.0.0.1:8787";
        assert_eq!(absolute("/", origin).as_deref(), Some("http://127.0.0.1:8787/"));
        assert_eq!(absolute("//evil.test/", origin), None);
        assert_eq!(absolute("https://evil.test/", origin), None);
        assert_eq!(
            absolute("http://127.0.0.1:8787/done", origin).as_deref(),
            Some("http://127.0.0.1:8787/done")
        );
    }

    #[test]
    fn social_settings_name_each_strategy() {
        let settings = social_settings(&["oauth_google".to_owned()]);
        assert_eq!(settings["oauth_google"]["name"], "Google");
        assert_eq!(settings["oauth_google"]["authenticatable"], true);
        assert_eq!(social_settings(&[]), json!({}));
    }
}
