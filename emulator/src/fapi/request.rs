//! [`Request`]: one FAPI call, parsed the way clerk-js sends it.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};

use super::error::ApiError;

/// One parsed FAPI request.
pub struct Request {
    /// The effective verb (`_method` applied), upper-case.
    pub method: String,
    /// Path segments after `/v1`'s parent (`["v1", "client", …]`).
    pub segments: Vec<String>,
    pub query: HashMap<String, String>,
    pub form: HashMap<String, String>,
    pub origin: Option<String>,
    /// The `Host` header: whose cookies a production Frontend API sets (`__client_uat`).
    pub host: Option<String>,
    /// The `Cookie` header's cookies (the first of a name wins, as browsers send the most
    /// specific first).
    pub cookies: HashMap<String, String>,
    /// The proxy prefix the call came through (`/__clerk`, or empty), for URLs the emulator
    /// hands the browser back (the fake OAuth provider's).
    pub prefix: String,
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
        let host = text(header::HOST).map(str::to_owned);
        let mut cookies = HashMap::new();
        for header in headers.get_all(header::COOKIE) {
            let pairs = header.to_str().unwrap_or_default().split(';');
            for (name, value) in pairs.filter_map(|pair| pair.trim().split_once('=')) {
                cookies.entry(name.to_owned()).or_insert_with(|| value.to_owned());
            }
        }
        Ok(Self {
            method,
            segments,
            query,
            form,
            origin,
            host,
            cookies,
            prefix: prefix.to_owned(),
        })
    }

    /// The cookie's value, if the request carries it.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }

    /// The name fault injection knows this call by: a session action (`touch`, `tokens`…)
    /// or the path after `/v1/` (`client`, `environment`, `client/sign_ins`…).
    pub fn route_name(&self) -> String {
        match self.segments.as_slice() {
            [v1, client, sessions, _, action, ..]
                if v1 == "v1" && client == "client" && sessions == "sessions" =>
            {
                action.clone()
            }
            [v1, rest @ ..] if v1 == "v1" => rest.join("/"),
            other => other.join("/"),
        }
    }
}
