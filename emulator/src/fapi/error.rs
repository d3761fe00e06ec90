//! [`ApiError`]: Clerk's error envelope with its HTTP status.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::json;

/// A Clerk API error: the HTTP status plus `{errors: [{code, message, long_message}]}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: &'static str,
    long_message: String,
    param_name: Option<&'static str>,
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
            param_name: None,
        }
    }

    /// Names the form field at fault (`meta.param_name`), as Clerk does for form errors.
    pub fn param(mut self, name: &'static str) -> Self {
        self.param_name = Some(name);
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
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json::errors(self.code, self.message, &self.long_message, self.param_name);
        (self.status, axum::Json(body)).into_response()
    }
}
