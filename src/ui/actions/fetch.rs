//! [`AuthenticatedFetch`]: call your own API with the session token, retrying once with a
//! fresh token when the API answers 401.

use std::fmt;

use serde::de::DeserializeOwned;

use super::get_token::{GetToken, GetTokenOptions};
use crate::ClerkError;
use crate::js::http::{self, HttpReply};

/// One request for [`AuthenticatedFetch::send`]: method, URL, extra headers, a text body,
/// and which token to send.
///
/// The body is text, so the same request can be sent again on the retry.
///
/// ```
/// use leptos_clerk::{ApiRequest, GetTokenOptions};
/// let request = ApiRequest::post("/api/notes")
///     .json(r#"{"text":"hello"}"#)
///     .header("x-request-id", "42")
///     .token(GetTokenOptions::default().template("app"));
/// # let _ = request;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiRequest {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Option<String>,
    token: GetTokenOptions,
}

impl ApiRequest {
    /// A request with any method (`PUT`, `DELETE`…).
    pub fn new(method: impl Into<String>, url: impl Into<String>) -> Self {
        Self {
            method: method.into(),
            url: url.into(),
            headers: Vec::new(),
            body: None,
            token: GetTokenOptions::default(),
        }
    }

    /// `GET url`.
    pub fn get(url: impl Into<String>) -> Self {
        Self::new("GET", url)
    }

    /// `POST url`; add a body with [`json`](Self::json) or [`body`](Self::body).
    pub fn post(url: impl Into<String>) -> Self {
        Self::new("POST", url)
    }

    /// Adds a header. `Authorization` is always the session token's and cannot be set here.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// A text body, sent as it is.
    pub fn body(mut self, text: impl Into<String>) -> Self {
        self.body = Some(text.into());
        self
    }

    /// A JSON body (already serialised) with `Content-Type: application/json`.
    pub fn json(self, text: impl Into<String>) -> Self {
        self.header("content-type", "application/json").body(text)
    }

    /// Which token to send (a JWT template, an organization). Default: the session token.
    pub fn token(mut self, options: GetTokenOptions) -> Self {
        self.token = options;
        self
    }

    /// The headers to send with `token`: the caller's, then ours, so no caller header can
    /// replace the bearer.
    fn headers_with(&self, token: &str) -> Vec<(String, String)> {
        let mut headers: Vec<(String, String)> = self
            .headers
            .iter()
            .filter(|(name, _)| !name.eq_ignore_ascii_case("authorization"))
            .cloned()
            .collect();
        headers.push(("Authorization".into(), format!("Bearer {token}")));
        headers
    }
}

/// What your API answered. Any status is a reply, except a 401 to the fresh token as well,
/// which is [`FetchError::Unauthorized`].
///
/// ```
/// use leptos_clerk::ApiReply;
/// let reply = ApiReply { status: 200, content_type: Some("application/json".into()), body: r#"{"n":1}"#.into(), retried: false };
/// assert!(reply.is_success());
/// let value: serde_json::Value = reply.json().unwrap();
/// assert_eq!(value["n"], 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiReply {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The body, as text.
    pub body: String,
    /// Whether this is the answer to the retry with a fresh token (the first try got 401).
    pub retried: bool,
}

impl ApiReply {
    /// A 2xx status.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body parsed as JSON into `T`; [`FetchError::NotJson`] says what came instead.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, FetchError> {
        serde_json::from_str(&self.body).map_err(|error| FetchError::NotJson {
            status: self.status,
            content_type: self.content_type.clone(),
            message: error.to_string(),
        })
    }

    fn from_http(reply: HttpReply, retried: bool) -> Self {
        Self {
            status: reply.status,
            content_type: reply.content_type,
            body: reply.body,
            retried,
        }
    }
}

/// Why [`AuthenticatedFetch`] has no reply to give.
///
/// ```
/// use leptos_clerk::{ClerkError, FetchError};
/// let error = FetchError::Token(ClerkError::SignedOut);
/// assert_eq!(error.to_string(), "no session token: nobody is signed in in this tab");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FetchError {
    /// No token to send: signed out, Clerk not loaded, or clerk-js failed to mint one.
    Token(ClerkError),
    /// The request got no reply: offline, refused by CORS, a malformed URL.
    Network(String),
    /// The API refused a freshly minted token too (401 twice): the session is no good to
    /// it. Sign the user in again, or check the API's configuration (issuer, keys, `azp`).
    Unauthorized {
        /// The second 401's body.
        body: String,
    },
    /// [`ApiReply::json`] found something other than the JSON it was asked for.
    NotJson {
        /// The reply's status.
        status: u16,
        /// The reply's content type.
        content_type: Option<String>,
        /// What the JSON parser said.
        message: String,
    },
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Token(error) => write!(f, "no session token: {error}"),
            FetchError::Network(message) => write!(f, "no reply: {message}"),
            FetchError::Unauthorized { .. } => {
                f.write_str("the API refused the session token, even a freshly minted one (401)")
            }
            FetchError::NotJson {
                status,
                content_type,
                message,
            } => write!(
                f,
                "answered {status} with {} instead of the expected JSON ({message})",
                content_type.as_deref().unwrap_or("no content type")
            ),
        }
    }
}

impl std::error::Error for FetchError {}

/// Calls your API with `Authorization: Bearer <session token>`. On a 401 it asks clerk-js
/// for a fresh token (`skipCache`) and sends the request once more; a second 401 is
/// [`FetchError::Unauthorized`]. `Copy`, so it can go into any async block. Get it from
/// [`use_auth`](crate::use_auth)`().fetch`.
///
/// A 401 to a cached token happens when the API's clock runs ahead of the browser's, or the
/// token was minted just before a change the API checks (a switched organization).
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{use_auth, ApiRequest};
///
/// #[derive(serde::Deserialize)]
/// struct Me { user_id: String }
///
/// #[component]
/// fn WhoAmI() -> impl IntoView {
///     let fetch = use_auth().fetch;
///     let me = LocalResource::new(move || async move {
///         let reply = fetch.send(ApiRequest::get("/api/me")).await.map_err(|e| e.to_string())?;
///         reply.json::<Me>().map(|me| me.user_id).map_err(|e| e.to_string())
///     });
///     move || me.get().map(|me| me.unwrap_or_else(|error| error))
/// }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct AuthenticatedFetch {
    _private: (),
}

impl AuthenticatedFetch {
    pub(crate) fn new() -> Self {
        Self { _private: () }
    }

    /// `GET url` with the session token.
    pub async fn get(&self, url: &str) -> Result<ApiReply, FetchError> {
        self.send(ApiRequest::get(url)).await
    }

    /// Sends `request` with the token it names, retrying once with a fresh one on a 401.
    pub async fn send(&self, request: ApiRequest) -> Result<ApiReply, FetchError> {
        let get_token = GetToken::new();
        let token = get_token
            .call(request.token.clone())
            .await
            .map_err(FetchError::Token)?;
        let first = attempt(&request, &token).await?;
        if first.status != 401 {
            return Ok(ApiReply::from_http(first, false));
        }
        // The cached token may be stale to the API: mint a new one and try once more.
        let fresh = get_token
            .call(request.token.clone().skip_cache(true))
            .await
            .map_err(FetchError::Token)?;
        let second = attempt(&request, &fresh).await?;
        if second.status == 401 {
            return Err(FetchError::Unauthorized { body: second.body });
        }
        Ok(ApiReply::from_http(second, true))
    }
}

async fn attempt(request: &ApiRequest, token: &str) -> Result<HttpReply, FetchError> {
    http::send(
        &request.method,
        &request.url,
        &request.headers_with(token),
        request.body.as_deref(),
    )
    .await
    .map_err(FetchError::Network)
}
