//! The emulator as a value: config, data, clock and signer, and the HTTP router over them.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::Path;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use tower_http::services::{ServeDir, ServeFile};

use crate::clock::Clock;
use crate::config::Config;
use crate::fapi::{self, ApiError, Request};
use crate::store::{Ids, SessionStatus, Store};
use crate::token::Signer;

/// One emulated Clerk instance.
pub struct Emulator {
    pub config: Config,
    pub store: Mutex<Store>,
    pub ids: Ids,
    pub clock: Clock,
    pub signer: Signer,
}

/// The path prefix the demo's proxy uses (`proxyUrl: "/__clerk"`).
pub const PROXY_PREFIX: &str = "/__clerk";

impl Emulator {
    /// A fresh instance. `seed` makes ids and the signing key unique to this run.
    pub fn new(config: Config, seed: u64) -> Arc<Self> {
        Arc::new(Self {
            config,
            store: Mutex::new(Store::default()),
            ids: Ids::new(seed),
            clock: Clock::default(),
            signer: Signer::new(&seed.to_le_bytes()),
        })
    }

    /// Mints a dev-browser token naming a new client.
    pub fn create_dev_browser(&self) -> String {
        let now = self.clock.now_ms();
        let mut store = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        store.create_dev_browser(&self.config, &self.ids, now)
    }

    /// Ends session `id` from the server side (as a dashboard revocation would), in
    /// whichever client holds it. The browser finds out at its next token refresh.
    pub fn revoke_session(&self, id: &str) -> bool {
        let now = self.clock.now_ms();
        let mut store = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        store
            .clients_mut()
            .any(|client| client.end_session(id, SessionStatus::Revoked, now))
    }
}

/// The HTTP surface: FAPI at `/v1/…` and under [`PROXY_PREFIX`], the emulator's own routes
/// under `/__emulator/`, and, when `static_dir` is given, that folder for everything else
/// (so tests can serve a built app from the same origin).
pub fn router(emulator: Arc<Emulator>, static_dir: Option<PathBuf>) -> Router {
    let router = Router::new()
        .route("/v1/{*rest}", any(fapi_route))
        .route("/__clerk/v1/{*rest}", any(fapi_route))
        .route("/__emulator/health", get(|| async { "ok" }))
        .route("/__emulator/sessions/{id}/revoke", post(revoke_route))
        .route(
            "/__emulator/publishable_key",
            get(|State(emulator): State<Arc<Emulator>>| async move { emulator.config.publishable_key() }),
        )
        .with_state(emulator);
    match static_dir {
        Some(dir) => {
            let index = ServeFile::new(dir.join("index.html"));
            router.fallback_service(ServeDir::new(dir).fallback(index))
        }
        None => router.fallback(|| async { ApiError::not_found() }),
    }
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
    } else {
        let prefix = if uri.path().starts_with(PROXY_PREFIX) {
            PROXY_PREFIX
        } else {
            ""
        };
        match Request::parse(&method, &uri, &headers, &body, prefix) {
            Ok(request) => fapi::handle(&emulator, &request),
            Err(error) => error.into_response(),
        }
    };
    // Cross-origin callers (no proxy) need the exact origin and credentials allowed.
    if let Some(origin) = origin {
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
    eprintln!("{method} {} -> {}", uri.path(), response.status().as_u16());
    response
}

/// `POST /__emulator/sessions/{id}/revoke`: the emulator's stand-in for revoking a session
/// in Clerk's dashboard. Loopback-only, like the whole server.
async fn revoke_route(State(emulator): State<Arc<Emulator>>, Path(id): Path<String>) -> Response {
    if emulator.revoke_session(&id) {
        axum::Json(serde_json::json!({"revoked": id})).into_response()
    } else {
        ApiError::not_found().into_response()
    }
}
