//! The HTTP side of [`Access`](crate::access::Access): middleware that turns away foreign
//! hosts and origins before any route runs, and callers of `/__emulator/` without the
//! admin token.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::access::ADMIN_TOKEN_HEADER;
use crate::emulator::Emulator;
use crate::fapi::ApiError;

/// Refuses (403) a request whose `Host` is not loopback or allowed (DNS rebinding), or
/// whose `Origin` is foreign (cross-site requests, "simple" form POSTs included). A
/// request without either header comes from no browser page and passes.
pub async fn known_callers(State(emulator): State<Arc<Emulator>>, request: Request, next: Next) -> Response {
    let text = |value: &HeaderValue| value.to_str().unwrap_or("\u{fffd}").to_owned();
    let headers = request.headers();
    if let Some(host) = headers.get(header::HOST).map(text)
        && !emulator.access.allows_host(&host)
    {
        return refused(
            "host_not_allowed",
            format!(
                "Host {host:?} is not a loopback name. Start clerk-emulator with \
                 --allow-host if this machine is really reached by that name."
            ),
        );
    }
    if let Some(origin) = headers.get(header::ORIGIN).map(text)
        && !emulator.access.allows_origin(&origin)
    {
        return refused(
            "origin_not_allowed",
            format!(
                "Requests from {origin:?} are refused: only pages on this machine may use \
                 clerk-emulator. Start it with --allow-origin to add one."
            ),
        );
    }
    next.run(request).await
}

/// Refuses (401) a call of the emulator's own routes without the admin token.
pub async fn admin_only(State(emulator): State<Arc<Emulator>>, request: Request, next: Next) -> Response {
    let presented = request
        .headers()
        .get(ADMIN_TOKEN_HEADER)
        .and_then(|value| value.to_str().ok());
    if emulator.access.admits(presented) {
        return next.run(request).await;
    }
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "admin_token_invalid",
        "Admin token missing or wrong",
        format!(
            "The emulator's own routes need the header {ADMIN_TOKEN_HEADER} with the token \
             clerk-emulator printed when it started (or was given in \
             CLERK_EMULATOR_ADMIN_TOKEN / --admin-token)."
        ),
    )
    .into_response()
}

fn refused(code: &'static str, long_message: String) -> Response {
    ApiError::new(StatusCode::FORBIDDEN, code, "Caller not allowed", long_message).into_response()
}
