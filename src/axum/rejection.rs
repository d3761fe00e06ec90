//! The JSON answers for requests that may not pass: 401 and 403.

use axum_core::body::Body;
use axum_core::response::{IntoResponse, Response};
use http::{StatusCode, header};

use crate::claims::{Reverification, reverification_error};

/// Why a request was turned away. The body never says why a token was invalid, nor what a
/// route requires: that goes to the log, where an attacker cannot read it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthRejection {
    /// 401: no token, or one that did not verify.
    Unauthenticated,
    /// 403: signed in, without what the route requires.
    Forbidden(String),
    /// 403 with Clerk's reverification body ([`reverification_error`]): signed in with what
    /// the route requires except a recent enough verification. Clerk's SDKs (and
    /// [`use_reverification`](crate::use_reverification)) have the user verify again, then retry.
    ReverificationRequired(Reverification),
}

impl IntoResponse for AuthRejection {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            AuthRejection::Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                serde_json::json!({"error": "unauthenticated", "message": "A valid Clerk session token is required."}),
            ),
            AuthRejection::ReverificationRequired(reverification) => {
                (StatusCode::FORBIDDEN, reverification_error(reverification))
            }
            AuthRejection::Forbidden(required) => {
                tracing::debug!(%required, "refused a signed-in request");
                (
                    StatusCode::FORBIDDEN,
                    serde_json::json!({"error": "forbidden", "message": "You do not have access to this resource."}),
                )
            }
        };
        let unauthenticated = status == StatusCode::UNAUTHORIZED;
        let mut response = Response::new(Body::from(body.to_string()));
        *response.status_mut() = status;
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/json"),
        );
        headers.insert(header::CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
        if unauthenticated {
            headers.insert(header::WWW_AUTHENTICATE, http::HeaderValue::from_static("Bearer"));
        }
        response
    }
}
