//! The Frontend API routes clerk-js calls, dispatched by method and path.
//!
//! clerk-js only sends GET and POST, carrying the real verb in `?_method=`; bodies are
//! form-encoded. Resource replies are `{response, client}` (the client piggybacked so
//! clerk-js' listeners see every change); token replies are bare `{object: "token", jwt}`,
//! and so is `/v1/me/sessions/active`'s array.
//!
//! Routes: `dev_browser`, `environment`, `client`; `client/sessions/{id}/…` (touch,
//! tokens, remove, end) and sign-out of all; `client/sign_ins…` (password or email-code sign-in, then a second factor);
//! `client/sign_ups…` (email + password sign-up, code [`VERIFICATION_CODE`]);
//! `oauth_callback` and the fake OAuth provider ([`oauth`]); `me` (`user.reload()`), `me/sessions/active`; organizations (`organizations…`, `me/organization_…`);
//! `client/handshake`, the server-side handshake ([`handshake`]).
//!
//! A production instance also sets `__client_uat` ([`cookies`]) on every reply whose client
//! no longer matches the browser's copy (a sign-in, a sign-out, `setActive`), as Clerk's
//! production Frontend API does; in development clerk-js writes it itself.

mod cookies;
mod error;
mod handshake;
mod me;
pub(crate) mod oauth;
mod oauth_provider;
mod organizations;
mod request;
mod second_factor;
mod sessions;
mod sign_ins;
mod sign_ups;
mod verification;

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

pub use error::ApiError;
pub use request::Request;
pub use sign_ups::VERIFICATION_CODE;

use crate::config::User;
use crate::emulator::Emulator;
use crate::json;
use crate::locks::lock;
use crate::store::{Client, Session};
use crate::token::SessionClaims;

/// Answers one FAPI request.
pub fn handle(emulator: &Emulator, request: &Request) -> Response {
    let segments: Vec<&str> = request.segments.iter().map(String::as_str).collect();
    let with = |f: Handler<'_>| with_client(emulator, request, f);
    match (request.method.as_str(), segments.as_slice()) {
        ("POST", ["v1", "dev_browser"]) => {
            let token = emulator.create_dev_browser();
            let mut response = axum::Json(json!({"object": "dev_browser", "id": token})).into_response();
            if let Ok(value) = HeaderValue::from_str(&token) {
                response.headers_mut().insert("clerk-db-jwt", value);
            }
            response
        }
        ("GET" | "PATCH", ["v1", "environment"]) => {
            axum::Json(json::environment(&emulator.config)).into_response()
        }
        ("GET", ["v1", "client"]) => with(&|call, client| Ok(call.client_reply(client))),
        ("GET", ["v1", "client", "handshake"]) => handshake::answer(emulator, request),
        ("DELETE", ["v1", "client", "sessions"]) => with(&sessions::sign_out_all),
        ("POST", ["v1", "client", "sessions", id, action]) => match *action {
            "touch" => with(&|call, client| sessions::touch(call, client, id)),
            "tokens" => with(&|call, client| sessions::token(call, client, id)),
            "remove" => with(&|call, client| sessions::remove(call, client, id)),
            "end" => with(&|call, client| sessions::end(call, client, id)),
            "verify" => with(&|call, client| verification::start(call, client, id)),
            _ => ApiError::not_found().into_response(),
        },
        ("POST", ["v1", "client", "sessions", id, "verify", step]) => match *step {
            "prepare_first_factor" => {
                with(&|call, client| verification::prepare_first_factor(call, client, id))
            }
            "attempt_first_factor" => {
                with(&|call, client| verification::attempt_first_factor(call, client, id))
            }
            _ => ApiError::not_found().into_response(),
        },
        ("POST", ["v1", "client", "sessions", id, "tokens", template]) => {
            with(&|call, client| sessions::template_token(call, client, id, template))
        }
        ("POST", ["v1", "client", "sign_ins"]) => with(&sign_ins::create),
        ("GET", ["v1", "client", "sign_ins", id]) => with(&|call, client| sign_ins::reload(call, client, id)),
        ("POST", ["v1", "client", "sign_ins", id, "prepare_first_factor"]) => {
            with(&|call, client| sign_ins::prepare_first_factor(call, client, id))
        }
        ("POST", ["v1", "client", "sign_ins", id, "attempt_first_factor"]) => {
            with(&|call, client| sign_ins::attempt_first_factor(call, client, id))
        }
        ("POST", ["v1", "client", "sign_ins", id, "prepare_second_factor"]) => {
            with(&|call, client| second_factor::prepare(call, client, id))
        }
        ("POST", ["v1", "client", "sign_ins", id, "attempt_second_factor"]) => {
            with(&|call, client| second_factor::attempt(call, client, id))
        }
        ("POST", ["v1", "client", "sign_ups"]) => with(&sign_ups::create),
        ("GET", ["v1", "client", "sign_ups", id]) => with(&|call, client| sign_ups::reload(call, client, id)),
        ("POST", ["v1", "client", "sign_ups", id, "prepare_verification"]) => {
            with(&|call, client| sign_ups::prepare_verification(call, client, id))
        }
        ("POST", ["v1", "client", "sign_ups", id, "attempt_verification"]) => {
            with(&|call, client| sign_ups::attempt_verification(call, client, id))
        }
        ("GET", ["v1", "oauth_callback"]) => oauth::callback(emulator, request),
        ("GET", ["v1", oauth_provider::PROVIDER_SEGMENT, "authorize"]) => {
            oauth_provider::provider_page(emulator, request)
        }
        ("GET", ["v1", "me"]) => with(&me::user),
        ("GET", ["v1", "me", "sessions", "active"]) => with(&me::active_sessions),
        (_, path) if organizations::serves(path) => with(&organizations::route),
        _ => ApiError::not_found().into_response(),
    }
}

/// One request being answered: the emulator, the request and the moment it arrived.
pub(crate) struct Call<'a> {
    pub emulator: &'a Emulator,
    pub request: &'a Request,
    pub now: i64,
}

/// How long a sign-in or sign-up in progress lasts before Clerk abandons it
/// (`abandon_at`, counted from its creation): a day.
const ATTEMPT_LIFETIME_MS: i64 = 24 * 3600 * 1000;

/// What a route does with the caller's client: its reply body, or Clerk's error.
type Handler<'a> = &'a dyn Fn(&Call<'_>, &mut Client) -> Result<Value, ApiError>;

/// Runs `f` on the caller's client (by dev-browser token, else `__client` cookie, else a
/// new one, set as a cookie) and replies with its JSON or its error. `/v1/me…` routes find
/// their client the same way.
fn with_client(emulator: &Emulator, request: &Request, f: Handler<'_>) -> Response {
    let now = emulator.clock.now_ms();
    let mut store = lock(&emulator.store);
    let mut set_cookies = Vec::new();
    let client_id = if let Some(token) = request.query.get("__clerk_db_jwt") {
        match store.client_of_dev_browser(token) {
            Some(id) => id.to_owned(),
            // clerk-js answers this code by minting a new dev browser and retrying.
            None => {
                return ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "dev_browser_unauthenticated",
                    "Browser unauthenticated",
                    "This dev browser is unknown to the emulator (it may have restarted).",
                )
                .into_response();
            }
        }
    } else if let Some(id) = request.cookie("__client").filter(|id| store.client(id).is_some()) {
        id.to_owned()
    } else {
        let signed_in = emulator.users.signed_in_from_start();
        let id = store.create_client(&signed_in, now);
        set_cookies.push(format!("__client={id}; Path=/; HttpOnly; SameSite=Lax"));
        id
    };
    let Some(client) = store.client_mut(&client_id) else {
        return ApiError::not_found().into_response();
    };
    for session in &mut client.sessions {
        session.refresh_status(&emulator.config, now);
    }
    let call = Call {
        emulator,
        request,
        now,
    };
    let mut response = match f(&call, client) {
        Ok(body) => axum::Json(body).into_response(),
        Err(error) => error.into_response(),
    };
    set_cookies.extend(cookies::production_client_uat(emulator, request, client));
    cookies::append(&mut response, set_cookies);
    response
}

impl Call<'_> {
    /// `{response, client}`: the reply to every resource mutation, the client piggybacked so
    /// that clerk-js' listeners see the change.
    fn reply(&self, client: &Client, response: Value) -> Value {
        envelope(response, self.client_json(client))
    }

    /// `{response: <client>, client: null}`: the reply when the client is itself the resource.
    fn client_reply(&self, client: &Client) -> Value {
        envelope(self.client_json(client), Value::Null)
    }

    /// `{response: <session>, client: <client>}`, the reply to every session mutation. The
    /// session is taken from the client's own list, so its JSON (and token) is made once;
    /// a session whose user is unknown is in neither, and the response is then `null`.
    fn session_reply(&self, client: &Client, session_id: &str) -> Value {
        let sessions = self.sessions_json(client);
        let session = sessions
            .iter()
            .find(|session| session["id"] == session_id)
            .cloned()
            .unwrap_or(Value::Null);
        envelope(session, self.client_json_with(client, sessions))
    }

    /// The client with its sessions and its sign-in and sign-up in progress.
    fn client_json(&self, client: &Client) -> Value {
        self.client_json_with(client, self.sessions_json(client))
    }

    /// [`Call::client_json`] with its sessions' JSON already made.
    fn client_json_with(&self, client: &Client, sessions: Vec<Value>) -> Value {
        let sign_in = sign_ins::in_progress(client, &self.emulator.users);
        let sign_up = sign_ups::in_progress(client);
        json::client(client, sessions, sign_in, sign_up)
    }

    /// The client's sessions as `SessionJSON`, leaving out any whose user is unknown.
    fn sessions_json(&self, client: &Client) -> Vec<Value> {
        client
            .sessions
            .iter()
            .filter_map(|s| self.session_json(s))
            .collect()
    }

    /// `SessionJSON` with its user and a fresh token; `None` if the user is unknown.
    fn session_json(&self, session: &Session) -> Option<Value> {
        let user = self.emulator.users.get(&session.user_id)?;
        let config = &self.emulator.config;
        let mut json = json::session(session, &user, config, &self.session_token(session));
        json["factor_verification_age"] = serde_json::json!(session.factor_verification_age(self.now));
        organizations::add_to_user(self, &mut json["user"]);
        Some(json)
    }

    /// The user with this id, or Clerk's 404: a route naming a user the directory does not
    /// know (a session's or a sign-in's) has nothing to act on.
    fn user(&self, id: &str) -> Result<User, ApiError> {
        self.emulator.users.get(id).ok_or_else(ApiError::not_found)
    }

    /// A form field's trimmed text; `None` when absent or empty (clerk-js sends `name=` for
    /// optional fields left blank, so blank and absent mean the same).
    fn text(&self, name: &str) -> Option<&str> {
        self.request
            .form
            .get(name)
            .map(|value| value.trim())
            .filter(|value| !value.is_empty())
    }

    /// A session token for the session's active organization.
    fn session_token(&self, session: &Session) -> String {
        self.session_token_for(session, session.last_active_organization_id.as_deref())
    }

    /// A session token acting for `organization_id` (`None`: the personal account); `azp`
    /// is the Origin of the request that asked for it, as at Clerk.
    fn session_token_for(&self, session: &Session, organization_id: Option<&str>) -> String {
        let azp = self.request.origin.as_deref();
        mint_session_token(self.emulator, session, organization_id, azp, self.now)
    }
}

/// A session token for `session` acting for `organization_id` (`None`: the personal
/// account), issued at `now_ms` for the party `azp`: the one way the emulator mints them
/// (`/tokens`, every piggybacked session, the handshake, the aged tokens of
/// `/__emulator/sessions/{id}/token`).
pub(crate) fn mint_session_token(
    emulator: &Emulator,
    session: &Session,
    organization_id: Option<&str>,
    azp: Option<&str>,
    now_ms: i64,
) -> String {
    let config = &emulator.config;
    let issuer = config.issuer();
    let claims = SessionClaims {
        issuer: &issuer,
        user_id: &session.user_id,
        session_id: &session.id,
        authorized_party: azp,
        now_ms,
        lifetime_secs: config.instance.token_lifetime,
        factor_verification_age: session.factor_verification_age(now_ms),
    };
    let mut claims = claims.to_json();
    organizations::add_to_token(emulator, session, organization_id, &mut claims);
    emulator.signer.sign(&claims)
}

/// `{response, client}`, the envelope of every resource reply.
fn envelope(response: Value, client: Value) -> Value {
    json!({"response": response, "client": client})
}
