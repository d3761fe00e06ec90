//! The demo app's own backend: `/api/me`, guarded by leptos-clerk's axum layer exactly as an
//! app's API would be, and `/api/billing`, which also needs an organization permission no
//! seeded user has (so the demo and its tests show a 403). It lives beside the Frontend API so that one local process serves the
//! whole demo offline; it verifies tokens like any backend (RS256 against the instance's
//! JWKS), only fetching the JWKS in-process instead of over the network.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::routing::get;
use axum::{Json, Router};
use leptos_clerk::axum::{ClerkAuth, ClerkLayer, Require, protect};
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

/// The organization permission `/api/billing` requires. The seeded users belong to no
/// organization, so none has it.
const BILLING_PERMISSION: &str = "org:billing:manage";

/// `GET /api/me`: the verified identity behind the request's session token. `GET
/// /api/billing`: the same, for holders of [`BILLING_PERMISSION`] only.
pub fn router(emulator: &Emulator) -> Router {
    let verifier = Verifier::with_jwks_source(InstanceKeys(emulator.signer.jwks().to_string()))
        .issuer(emulator.config.issuer())
        .build();
    Router::new()
        .route("/api/me", get(me))
        .route("/api/billing", get(billing))
        // Before the ClerkLayer: axum runs the layer added last first.
        .layer(protect("/api/billing", Require::permission(BILLING_PERMISSION)))
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

async fn billing(auth: ClerkAuth) -> Json<Value> {
    Json(json!({
        "org_id": auth.org_id(),
        "billing": "Nothing is billed: this is the emulator.",
    }))
}
