//! The demo app's own backend: `/api/me` and `/api/org/billing`, guarded by leptos-clerk's
//! axum layer exactly as an app's API would be. It lives beside the Frontend API so that one
//! local process serves the whole demo offline; it verifies tokens like any backend (RS256
//! against the instance's JWKS), only fetching the JWKS in-process instead of over the
//! network.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::routing::{get, post};
use axum::{Json, Router};
use leptos_clerk::axum::{ClerkAuth, ClerkLayer, Require, Reverification, protect};
use leptos_clerk::server::{JwksSource, Verifier};
use serde_json::{Value, json};

use crate::emulator::Emulator;

/// The emulator's JWKS, handed over without a request.
struct InstanceKeys(String);

impl JwksSource for InstanceKeys {
    fn fetch(&self) -> Pin<Box<dyn Future<Output = Result<String, String>> + Send + '_>> {
        Box::pin(async move { Ok(self.0.clone()) })
    }
}

/// `GET /api/me`: the verified identity behind the request's session token. `GET
/// /api/org/billing`: 200 only for a token whose active organization grants
/// `org:billing:manage`; the guard answers 401 or 403 otherwise. `POST /api/sensitive`: 200
/// only for a token whose password was proven within ten minutes (`fva`); else Clerk's
/// reverification answer, which has the page ask for the password again.
pub fn router(emulator: &Emulator) -> Router {
    let verifier = Verifier::with_jwks_source(InstanceKeys(emulator.signer.jwks().to_string()))
        .issuer(emulator.config.issuer())
        .build();
    Router::new()
        .route("/api/me", get(me))
        .route("/api/org/billing", get(billing))
        .route("/api/sensitive", post(sensitive))
        // Added before ClerkLayer, so it runs after it and sees the verified claims.
        .layer(protect(
            "/api/org/billing",
            Require::permission("org:billing:manage"),
        ))
        .layer(protect(
            "/api/sensitive",
            Require::reverification(Reverification::Strict),
        ))
        .layer(ClerkLayer::new(Arc::new(verifier)))
}

async fn me(auth: ClerkAuth) -> Json<Value> {
    Json(json!({
        "user_id": auth.user_id(),
        "session_id": auth.session_id(),
        "org_id": auth.org_id(),
        "org_role": auth.org_role(),
        "expires_at": auth.claims().expires_at,
    }))
}

/// Reached only past the guard: the password was proven within ten minutes (the guard answers
/// Clerk's reverification body otherwise).
async fn sensitive(auth: ClerkAuth) -> Json<Value> {
    Json(
        json!({"ok": true, "verified_minutes_ago": auth.claims().factor_verification_age.map(|(first, _)| first)}),
    )
}

/// Reached only past the guard: the permission is in the token.
async fn billing() -> Json<Value> {
    Json(json!({"ok": true}))
}
