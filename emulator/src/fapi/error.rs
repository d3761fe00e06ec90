//! [`ApiError`]: Clerk's error envelope with its HTTP status.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::json;

/// A Clerk API error: the HTTP status plus `{errors: [{code, message, long_message, meta}]}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: &'static str,
    long_message: String,
    /// `meta`, which clerk-js hands to the UI camel-cased (`param_name` → `paramName`).
    meta: Map<String, Value>,
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
            meta: Map::new(),
        }
    }

    /// Clerk's 422 for a form field at fault, named in `meta.param_name` so that the UI
    /// shows the message under that field: the shape of every form error.
    pub fn form(
        code: &'static str,
        message: &'static str,
        long_message: impl Into<String>,
        param: &'static str,
    ) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, message, long_message).param(param)
    }

    /// Clerk's 422 for a required form field left out or blank; `message` is what the UI
    /// shows under it (`Enter email address.`).
    pub fn missing(param: &'static str, message: &'static str) -> Self {
        Self::form("form_param_missing", message, message, param)
    }

    /// Names the form field at fault (`meta.param_name`), as Clerk does for form errors; the
    /// UI shows the message under that field.
    pub fn param(mut self, name: &'static str) -> Self {
        self.meta.insert("param_name".into(), name.into());
        self
    }

    /// Names an existing session (`meta.session_id`): with `identifier_already_signed_in`
    /// the UI makes that session active instead of signing in again.
    pub fn session(mut self, id: &str) -> Self {
        self.meta.insert("session_id".into(), id.into());
        self
    }

    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "resource_not_found",
            "Resource not found",
            "The requested resource does not exist on this Frontend API (clerk-emulator).",
        )
    }

    /// Clerk's 401 for a session that has ended: clerk-js then re-reads the client and
    /// notices the session is gone.
    pub fn signed_out() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "signed_out",
            "Signed out",
            "This session has ended; sign in again.",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json::errors(self.code, self.message, &self.long_message, self.meta);
        (self.status, axum::Json(body)).into_response()
    }
}
