//! The Frontend API routes clerk-js calls, dispatched by method and path.
//!
//! clerk-js only sends GET and POST, carrying the real verb in `?_method=`; bodies are
//! form-encoded. Resource replies are `{response, client}` (the client piggybacked so
//! clerk-js' listeners see every change); token replies are bare `{object: "token", jwt}`.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::emulator::Emulator;
use crate::json;
use crate::store::{Client, Session, SessionStatus};
use crate::token::SessionClaims;

/// One parsed FAPI request.
pub struct Request {
    /// The effective verb (`_method` applied), upper-case.
    pub method: String,
    /// Path segments after `/v1`'s parent (`["v1", "client", …]`).
    pub segments: Vec<String>,
    pub query: HashMap<String, String>,
    pub form: HashMap<String, String>,
    pub origin: Option<String>,
    pub cookie_client: Option<String>,
}

/// A Clerk API error: the HTTP status plus `{errors: [{code, message, long_message}]}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: &'static str,
    long_message: String,
}

impl ApiError {
    pub fn new(
        status: StatusCode,
        code: &'static str,
        message: &'static str,
        long_message: impl Into<String>,
    ) -> Self {
        Self {
            status,
            code,
            message,
            long_message: long_message.into(),
        }
    }

    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "resource_not_found",
            "Resource not found",
            "The requested resource does not exist on this Frontend API (clerk-emulator).",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json::errors(self.code, self.message, &self.long_message);
        (self.status, axum::Json(body)).into_response()
    }
}

impl Request {
    /// Parses method override, query and form body; a malformed body is Clerk's 422.
    pub fn parse(
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: &Bytes,
        prefix: &str,
    ) -> Result<Self, ApiError> {
        let unprocessable = |what: &str| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "form_param_format_invalid",
                "is invalid",
                format!("The request {what} is not valid application/x-www-form-urlencoded data."),
            )
        };
        let query =
            crate::form::parse(uri.query().unwrap_or("").as_bytes()).ok_or_else(|| unprocessable("query"))?;
        let form = crate::form::parse(body).ok_or_else(|| unprocessable("body"))?;
        let method = match (method, query.get("_method")) {
            (&Method::POST, Some(verb)) => verb.to_ascii_uppercase(),
            (method, _) => method.as_str().to_owned(),
        };
        let path = uri.path().strip_prefix(prefix).unwrap_or(uri.path());
        let segments = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let text = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
        let origin = text(header::ORIGIN).map(str::to_owned);
        let cookie_client = text(header::COOKIE).and_then(|cookies| {
            cookies
                .split(';')
                .filter_map(|pair| pair.trim().split_once('='))
                .find(|(name, _)| *name == "__client")
                .map(|(_, value)| value.to_owned())
        });
        Ok(Self {
            method,
            segments,
            query,
            form,
            origin,
            cookie_client,
        })
    }
}

/// Answers one FAPI request.
pub fn handle(emulator: &Emulator, request: &Request) -> Response {
    let segments: Vec<&str> = request.segments.iter().map(String::as_str).collect();
    let method = request.method.as_str();
    match (method, segments.as_slice()) {
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
        ("GET", ["v1", "client"]) => with_client(emulator, request, |emulator, client, _| {
            Ok(json!({"response": emulator.client_json(client, request.origin.as_deref()), "client": null}))
        }),
        ("POST", ["v1", "client", "sessions", id, "touch"]) => {
            with_client(emulator, request, |emulator, client, now| {
                let organization = request
                    .form
                    .get("active_organization_id")
                    .filter(|id| !id.is_empty())
                    .cloned();
                let session = active_session(client, id)?;
                session.last_active_at = now;
                session.updated_at = now;
                session.last_active_organization_id = organization;
                client.last_active_session_id = Some((*id).to_owned());
                client.updated_at = now;
                Ok(emulator.session_reply(client, id, request.origin.as_deref()))
            })
        }
        ("POST", ["v1", "client", "sessions", id, "tokens"]) => {
            with_client(emulator, request, |emulator, client, now| {
                let session = active_session(client, id)?;
                // Every token counts as activity, as on Clerk's servers.
                session.last_active_at = now;
                let session = session.clone();
                Ok(
                    json!({"object": "token", "jwt": emulator.session_token(&session, request.origin.as_deref())}),
                )
            })
        }
        ("POST", ["v1", "client", "sessions", _, "tokens", template]) => ApiError::new(
            StatusCode::NOT_FOUND,
            "resource_not_found",
            "JWT template not found",
            format!("No JWT template named {template:?} exists on this instance."),
        )
        .into_response(),
        _ => ApiError::not_found().into_response(),
    }
}

/// Runs `f` on the caller's client (by dev-browser token, else `__client` cookie, else a
/// new one, set as a cookie) and replies with its JSON or its error.
fn with_client(
    emulator: &Emulator,
    request: &Request,
    f: impl FnOnce(&Emulator, &mut Client, i64) -> Result<Value, ApiError>,
) -> Response {
    let now = emulator.clock.now_ms();
    let mut store = emulator
        .store
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut set_cookie = None;
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
    } else if let Some(id) = request
        .cookie_client
        .as_deref()
        .filter(|id| store.client(id).is_some())
    {
        id.to_owned()
    } else {
        let id = store.create_client(&emulator.config, now);
        set_cookie = Some(format!("__client={id}; Path=/; HttpOnly; SameSite=Lax"));
        id
    };
    let Some(client) = store.client_mut(&client_id) else {
        return ApiError::not_found().into_response();
    };
    for session in &mut client.sessions {
        session.refresh_status(&emulator.config, now);
    }
    let mut response = match f(emulator, client, now) {
        Ok(body) => axum::Json(body).into_response(),
        Err(error) => error.into_response(),
    };
    if let Some(cookie) = set_cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// The client's session `id` if it is still active; otherwise the 401 or 404 clerk-js
/// expects (a 401 makes it re-read the client and notice the session is gone).
fn active_session<'c>(client: &'c mut Client, id: &str) -> Result<&'c mut Session, ApiError> {
    match client.session_mut(id) {
        Some(session) if session.status == SessionStatus::Active => Ok(session),
        Some(_) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "signed_out",
            "Signed out",
            "This session has ended; sign in again.",
        )),
        None => Err(ApiError::not_found()),
    }
}

impl Emulator {
    fn session_reply(&self, client: &Client, session_id: &str, origin: Option<&str>) -> Value {
        let session = client.sessions.iter().find(|s| s.id == session_id).and_then(|s| {
            Some(json::session(
                s,
                self.config.user(&s.user_id)?,
                &self.config,
                &self.session_token(s, origin),
            ))
        });
        json!({"response": session, "client": self.client_json(client, origin)})
    }

    fn client_json(&self, client: &Client, origin: Option<&str>) -> Value {
        json::client(client, &self.config, &|session| {
            self.session_token(session, origin)
        })
    }

    fn session_token(&self, session: &Session, origin: Option<&str>) -> String {
        let issuer = format!("https://{}", self.config.instance.frontend_api);
        let claims = SessionClaims {
            issuer: &issuer,
            user_id: &session.user_id,
            session_id: &session.id,
            authorized_party: origin,
            now_ms: self.clock.now_ms(),
            lifetime_secs: self.config.instance.token_lifetime,
        };
        self.signer.sign(&claims.to_json())
    }
}
