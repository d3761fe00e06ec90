//! The extractor's rules and [`protect`]: route-matcher guards.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum_core::extract::FromRequestParts;
use axum_core::response::{IntoResponse, Response};
use http::Request;
use http::request::Parts;
use tower_layer::Layer;
use tower_service::Service;

use axum::extract::OriginalUri;

use super::auth::{Authentication, ClerkAuth};
use super::path::{canonical, is_within};
use super::rejection::AuthRejection;
use crate::claims::Require;

impl<S: Send + Sync> FromRequestParts<S> for ClerkAuth {
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        signed_in(parts.extensions.get::<Authentication>())
    }
}

fn signed_in(authentication: Option<&Authentication>) -> Result<ClerkAuth, AuthRejection> {
    match authentication {
        Some(Authentication::SignedIn(auth)) => Ok(auth.clone()),
        Some(
            Authentication::SignedOut
            | Authentication::Pending(_)
            | Authentication::Invalid(_)
            | Authentication::Refused(_),
        ) => Err(AuthRejection::Unauthenticated),
        None => {
            tracing::error!("ClerkAuth used on a route that ClerkLayer does not wrap");
            Err(AuthRejection::Unauthenticated)
        }
    }
}

/// Requires `requirement` for every request whose path is `prefix` or below it: 401 when
/// signed out (or the token is invalid), 403 when signed in without it. One line for
/// "everything under `/api/admin` needs `org:admin`". Add it *before* [`ClerkLayer`](super::ClerkLayer)
/// (axum runs the last added layer first).
///
/// The comparison fails closed: the path is compared as a file server or a proxy behind
/// the guard might read it (percent-decoded, `//`, `.` and `..` resolved, `\` as `/`,
/// case ignored), so `/API/%61dmin/x` is covered by `/api/admin`. Inside a nested router it
/// checks the path the router saw and the request's original one, so the guard covers its
/// prefix whether it is written relative to the nest or in full. Where you can, prefer
/// guarding a nested router, which covers exactly what it routes:
/// `Router::new().nest("/api/admin", admin.route_layer(protect("/", …)))`.
///
/// # Panics
///
/// When `prefix` does not start with `/`: such a guard would never match, and a guard that
/// silently guards nothing is a configuration mistake better caught at start-up.
///
/// ```no_run
/// use std::sync::Arc;
/// use axum::Router;
/// use leptos_clerk::axum::{protect, ClerkLayer, Require};
/// # let api: Router = Router::new();
/// # let verifier = Arc::new(leptos_clerk::server::Verifier::for_frontend_api("clerk.example.com").build());
/// let app = api
///     .layer(protect("/api/admin", Require::role("org:admin")))
///     .layer(ClerkLayer::new(verifier));
/// ```
#[track_caller]
pub fn protect(prefix: &str, requirement: Require) -> ProtectLayer {
    assert!(
        prefix.starts_with('/'),
        "protect({prefix:?}, …): a path prefix starts with `/`"
    );
    ProtectLayer {
        prefix: canonical(prefix),
        requirement,
    }
}

/// The layer [`protect`] makes.
#[derive(Clone, Debug)]
pub struct ProtectLayer {
    prefix: String,
    requirement: Require,
}

impl<S> Layer<S> for ProtectLayer {
    type Service = Protect<S>;

    fn layer(&self, inner: S) -> Self::Service {
        Protect {
            inner,
            rule: self.clone(),
        }
    }
}

/// The service [`ProtectLayer`] wraps around the app.
#[derive(Clone, Debug)]
pub struct Protect<S> {
    inner: S,
    rule: ProtectLayer,
}

impl ProtectLayer {
    /// Whether the request's path, or the path it had before a router nested it, is within
    /// the prefix.
    fn covers<B>(&self, request: &Request<B>) -> bool {
        let original = request
            .extensions()
            .get::<OriginalUri>()
            .map(|OriginalUri(uri)| uri.path());
        std::iter::once(request.uri().path())
            .chain(original)
            .any(|path| is_within(&canonical(path), &self.prefix))
    }
}

impl<S, B> Service<Request<B>> for Protect<S>
where
    S: Service<Request<B>, Response = Response> + Clone + Send + 'static,
    S::Future: Send + 'static,
    B: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        if self.rule.covers(&request) {
            let verdict = signed_in(request.extensions().get::<Authentication>())
                .and_then(|auth| auth.require(&self.rule.requirement));
            if let Err(rejection) = verdict {
                return Box::pin(async move { Ok(rejection.into_response()) });
            }
        }
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        Box::pin(async move { inner.call(request).await })
    }
}
