//! The built app the emulator can serve beside the Frontend API (`--serve-dir`), so a test
//! page and Clerk share one origin, optionally under a strict Content-Security-Policy
//! (`--strict-csp`).

use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos_clerk::csp::ClerkCsp;
use tower_http::services::{ServeDir, ServeFile};

use crate::fapi::ApiError;

/// What Trunk writes into `nonce` attributes when `create_nonce` is on (its default
/// `nonce_placeholder`); each HTML response gets a fresh nonce in its place.
pub const NONCE_PLACEHOLDER: &str = "{{__TRUNK NONCE__}}";

/// HTML pages are small; anything larger is not one of ours.
const MAX_HTML_BYTES: usize = 1 << 20;

/// A folder of static files, served as a single-page app.
///
/// A path without an extension that names no file (`/sign-in`, an app route) gets the
/// folder's `index.html`: a reload or a full-page navigation (Clerk's path routing, "Add
/// account") must land in the app. A missing file with an extension (`/app.js`, a lazy
/// `@clerk/ui` chunk) stays a 404, so a wrong asset path fails loudly instead of being
/// answered with HTML.
#[derive(Clone, Debug)]
pub struct StaticSite {
    /// The folder (Trunk's `dist`).
    pub dir: PathBuf,
    /// Whether pages go out with a strict, nonce-based CSP built by [`ClerkCsp`].
    pub strict_csp: bool,
}

impl StaticSite {
    /// Answers `request` from the folder.
    pub async fn serve(self: Arc<Self>, request: axum::extract::Request) -> Response {
        let last_segment = request.uri().path().rsplit('/').next().unwrap_or("");
        let served = if last_segment.contains('.') {
            ServeDir::new(&self.dir).try_call(request).await
        } else {
            let index = ServeFile::new(self.dir.join("index.html"));
            ServeDir::new(&self.dir).fallback(index).try_call(request).await
        };
        match served {
            Ok(response) if response.status() == StatusCode::NOT_FOUND => {
                ApiError::not_found().into_response()
            }
            Ok(response) if is_html(response.headers()) => self.page(response.map(Body::new)).await,
            Ok(response) => response.into_response(),
            Err(error) => {
                eprintln!("clerk-emulator: cannot serve a static file: {error}");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        }
    }

    /// An HTML page with its nonce placeholders filled in with a fresh nonce, which the CSP
    /// (when on) names. Never cached: the nonce must differ per response.
    async fn page(&self, response: Response) -> Response {
        let (mut parts, body) = response.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, MAX_HTML_BYTES).await else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        let nonce = crate::random::hex(16);
        let html = String::from_utf8_lossy(&bytes).replace(NONCE_PLACEHOLDER, &nonce);
        for stale in [header::CONTENT_LENGTH, header::ETAG, header::LAST_MODIFIED] {
            parts.headers.remove(stale);
        }
        parts
            .headers
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if self.strict_csp {
            let policy = ClerkCsp::same_origin().nonce(&nonce).header_value();
            if let Ok(value) = HeaderValue::from_str(&policy) {
                parts.headers.insert(header::CONTENT_SECURITY_POLICY, value);
            }
        }
        Response::from_parts(parts, Body::from(html))
    }
}

fn is_html(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"))
}
