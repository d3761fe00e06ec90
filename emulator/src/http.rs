//! The HTTP surface: FAPI, the emulator's own `/__emulator/` routes, and static files.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use crate::emulator::Emulator;
use crate::fapi::{self, ApiError, Request};
use crate::faults::FaultSpec;
use crate::gate;
use crate::static_site::StaticSite;
use crate::users::MetadataChange;

/// The path prefix the demo's proxy uses (`proxyUrl: "/__clerk"`).
pub const PROXY_PREFIX: &str = "/__clerk";

/// FAPI at `/v1/…` and under [`PROXY_PREFIX`], the emulator's own routes under
/// `/__emulator/` (each needs the admin token), and, when `site` is given, that built app for
/// everything else (so tests can serve it from the same origin; see [`StaticSite`]). Every
/// route answers only the callers the emulator's [`Access`](crate::Access) allows.
///
/// The admin routes: `GET health`, `GET publishable_key`, `POST sessions/{id}/revoke`,
/// `POST sessions/{id}/age_first_factor {minutes}`, `POST sessions/{id}/token {age_secs,
/// azp?}` (an aged session token), `POST|DELETE faults`, `GET touches`,
/// `POST clock {offset_ms}`, `POST users/{id}/metadata`.
pub fn router(emulator: Arc<Emulator>, site: Option<StaticSite>) -> Router {
    let admin = Router::new()
        .route("/__emulator/health", get(|| async { "ok" }))
        .route("/__emulator/publishable_key", get(publishable_key))
        .route("/__emulator/sessions/{id}/revoke", post(revoke))
        .route(
            "/__emulator/sessions/{id}/age_first_factor",
            post(age_first_factor),
        )
        .route("/__emulator/sessions/{id}/token", post(aged_token))
        .route("/__emulator/faults", post(add_fault).delete(clear_faults))
        .route("/__emulator/touches", get(touches))
        .route("/__emulator/clock", post(set_clock))
        .route("/__emulator/users/{id}/metadata", post(set_metadata))
        .route_layer(from_fn_with_state(emulator.clone(), gate::admin_only));
    let router = Router::new()
        .route("/v1/{*rest}", any(fapi_route))
        .route("/__clerk/v1/{*rest}", any(fapi_route))
        .route("/.well-known/jwks.json", get(jwks))
        .route("/__clerk/.well-known/jwks.json", get(jwks))
        .merge(admin)
        .with_state(emulator.clone())
        .merge(
            crate::demo_api::router(&emulator)
                .layer(from_fn_with_state(emulator.clone(), demo_api_faults_and_log)),
        );
    let router = match site {
        Some(site) => {
            let site = Arc::new(site);
            router.fallback(move |request: axum::extract::Request| site.clone().serve(request))
        }
        None => router.fallback(|| async { ApiError::not_found() }),
    };
    router.layer(from_fn_with_state(emulator, gate::known_callers))
}

async fn fapi_route(
    State(emulator): State<Arc<Emulator>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let origin = headers.get(header::ORIGIN).cloned();
    let mut response = if method == Method::OPTIONS {
        preflight()
    } else {
        let prefix = if uri.path().starts_with(PROXY_PREFIX) {
            PROXY_PREFIX
        } else {
            ""
        };
        match Request::parse(&method, &uri, &headers, &body, prefix) {
            Ok(request) => answer(&emulator, &request).await,
            Err(error) => error.into_response(),
        }
    };
    // Cross-origin callers (no proxy) need the exact origin and credentials allowed. Only
    // allowed origins get this far (`gate::known_callers`); the check here keeps the
    // headers off any other, should the gate ever be moved.
    if let Some(origin) = origin.filter(|origin| {
        origin
            .to_str()
            .is_ok_and(|origin| emulator.access.allows_origin(origin))
    }) {
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
            HeaderValue::from_static("true"),
        );
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("clerk-db-jwt"),
        );
        headers.insert(header::VARY, HeaderValue::from_static("origin"));
    }
    // One write per line, so a reader of the log never sees half of one.
    let line = format!("{method} {} -> {}\n", uri.path(), response.status().as_u16());
    eprint!("{line}");
    response
}

/// The demo API's routes (`/api/me`…) take faults by their path (`{"route": "api/me",
/// "status": 401}`; the catch-all `*` is FAPI's only) and are logged like FAPI calls, so a
/// test can see a client's retry on the wire.
async fn demo_api_faults_and_log(
    State(emulator): State<Arc<Emulator>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    let response = match emulator.faults.take_exact(path.trim_start_matches('/')) {
        Some(fault) if fault.drop => dropped_connection(),
        Some(FaultSpec {
            status: Some(status), ..
        }) => injected_error(status),
        Some(fault) => {
            tokio::time::sleep(Duration::from_millis(fault.latency_ms)).await;
            next.run(request).await
        }
        None => next.run(request).await,
    };
    // One write per line, as for FAPI calls.
    let line = format!("{method} {path} -> {}\n", response.status().as_u16());
    eprint!("{line}");
    response
}

/// Handles a FAPI call, unless a queued fault says otherwise; logs touches.
async fn answer(emulator: &Emulator, request: &Request) -> Response {
    let route = request.route_name();
    let fault = emulator.faults.take(&route);
    if let Some(latency) = fault.as_ref().map(|f| f.latency_ms).filter(|ms| *ms > 0) {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    let response = match &fault {
        Some(fault) if fault.drop => dropped_connection(),
        Some(FaultSpec {
            status: Some(status), ..
        }) => injected_error(*status),
        _ => fapi::handle(emulator, request),
    };
    if route == "touch"
        && let Some(session_id) = request.segments.get(3)
    {
        let intent = request.form.get("intent").map_or("", String::as_str);
        emulator.log_touch(session_id, response.status().as_u16(), intent);
    }
    response
}

fn preflight() -> Response {
    let mut preflight = StatusCode::NO_CONTENT.into_response();
    let allow = [
        (
            header::ACCESS_CONTROL_ALLOW_METHODS,
            "GET, POST, PATCH, DELETE, OPTIONS",
        ),
        (
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            "content-type, authorization",
        ),
    ];
    for (name, value) in allow {
        preflight
            .headers_mut()
            .insert(name, HeaderValue::from_static(value));
    }
    preflight
}

/// Clerk's error for an injected status.
fn injected_error(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let (code, message) = match status.as_u16() {
        401 => ("authentication_invalid", "Unauthorized request"),
        429 => ("too_many_requests", "Too many requests"),
        _ => ("internal_clerk_error", "Oops, an unexpected error occurred"),
    };
    ApiError::new(
        status,
        code,
        message,
        "Injected by clerk-emulator's fault injection.",
    )
    .into_response()
}

/// Headers, then a body that fails: the browser sees the connection break mid-answer.
fn dropped_connection() -> Response {
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from_stream(BrokenBody))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// A body stream whose first poll is an error.
struct BrokenBody;

impl futures_core::Stream for BrokenBody {
    type Item = Result<Bytes, std::io::Error>;

    fn poll_next(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(Some(Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "clerk-emulator: injected dropped connection",
        ))))
    }
}

/// `GET /.well-known/jwks.json`: the public key every token verifies against.
async fn jwks(State(emulator): State<Arc<Emulator>>) -> Response {
    Json(emulator.signer.jwks()).into_response()
}

async fn publishable_key(State(emulator): State<Arc<Emulator>>) -> String {
    emulator.config.publishable_key()
}

/// `POST /__emulator/sessions/{id}/revoke`: the emulator's stand-in for revoking a session
/// in Clerk's dashboard.
async fn revoke(State(emulator): State<Arc<Emulator>>, Path(id): Path<String>) -> Response {
    if emulator.revoke_session(&id) {
        Json(json!({"revoked": id})).into_response()
    } else {
        ApiError::not_found().into_response()
    }
}

/// How old a session's first factor should be.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FactorAge {
    minutes: i64,
}

/// `POST /__emulator/sessions/{id}/age_first_factor` with `{minutes}`: its tokens' `fva`
/// then says the password was proven that long ago.
async fn age_first_factor(
    State(emulator): State<Arc<Emulator>>,
    Path(id): Path<String>,
    Json(age): Json<FactorAge>,
) -> Response {
    if emulator.age_first_factor(&id, age.minutes) {
        Json(json!({"session": id, "first_factor_minutes": age.minutes})).into_response()
    } else {
        ApiError::not_found().into_response()
    }
}

/// How old a minted token should be, and for whom.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenAge {
    /// Seconds since its `iat`; above the token lifetime (60 s by default), it has expired.
    age_secs: u64,
    /// Its `azp`, the app's origin (none by default).
    #[serde(default)]
    azp: Option<String>,
}

/// `POST /__emulator/sessions/{id}/token` with `{age_secs, azp?}`: a session token minted
/// `age_secs` ago, `{"jwt": …}`, for a test to put in a browser's `__session` cookie (an
/// expired one sends a server-rendered page through the handshake).
async fn aged_token(
    State(emulator): State<Arc<Emulator>>,
    Path(id): Path<String>,
    Json(age): Json<TokenAge>,
) -> Response {
    match emulator.aged_session_token(&id, age.age_secs, age.azp.as_deref()) {
        Some(jwt) => Json(json!({"object": "token", "jwt": jwt})).into_response(),
        None => ApiError::not_found().into_response(),
    }
}

/// `POST /__emulator/faults` with a [`FaultSpec`].
async fn add_fault(State(emulator): State<Arc<Emulator>>, Json(spec): Json<FaultSpec>) -> Response {
    emulator.faults.add(spec.clone());
    Json(json!({"queued": spec})).into_response()
}

/// `DELETE /__emulator/faults`.
async fn clear_faults(State(emulator): State<Arc<Emulator>>) -> StatusCode {
    emulator.faults.clear();
    StatusCode::NO_CONTENT
}

/// `GET /__emulator/touches`: every touch with its time and status.
async fn touches(State(emulator): State<Arc<Emulator>>) -> Response {
    Json(emulator.touches()).into_response()
}

/// `POST /__emulator/users/{id}/metadata` with a [`MetadataChange`]: the emulator's stand-in
/// for an app's backend updating a user's metadata through Clerk's Backend API. Browsers see
/// it at their next client fetch, or at once with `user.reload()`.
async fn set_metadata(
    State(emulator): State<Arc<Emulator>>,
    Path(id): Path<String>,
    Json(change): Json<MetadataChange>,
) -> Response {
    if emulator.users.set_metadata(&id, change) {
        let user = emulator.users.get(&id);
        Json(json!({
            "id": id,
            "public_metadata": user.as_ref().map(|u| &u.public_metadata),
            "unsafe_metadata": user.as_ref().map(|u| &u.unsafe_metadata),
        }))
        .into_response()
    } else {
        ApiError::not_found().into_response()
    }
}

/// Moves the emulator's clock, so tests can move it together with the browser's.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClockChange {
    /// Set the offset from the system clock to this many ms.
    #[serde(default)]
    offset_ms: Option<i64>,
}

/// `POST /__emulator/clock` `{"offset_ms": N}`; answers the emulator's new now.
async fn set_clock(State(emulator): State<Arc<Emulator>>, Json(change): Json<ClockChange>) -> Response {
    if let Some(offset) = change.offset_ms {
        emulator.clock.set_offset_ms(offset);
    }
    Json(json!({"now": emulator.clock.now_ms()})).into_response()
}
