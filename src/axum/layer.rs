//! [`ClerkLayer`]: verifies the request's session token and records the result.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::{HeaderMap, Request, header};
use tower_layer::Layer;
use tower_service::Service;

use super::auth::{Authentication, ClerkAuth};
use crate::claims::VerifyError;
use crate::server::Verifier;

/// A tower layer that reads the session token (`Authorization: Bearer …`, else the
/// `__session` cookie), verifies it, and puts an [`Authentication`] in the request's
/// extensions for [`ClerkAuth`] and [`protect`](super::protect) to use. It turns nobody
/// away itself: like Clerk's `clerkMiddleware`, it only authenticates.
///
/// ```no_run
/// use std::sync::Arc;
/// use axum::{Router, routing::get};
/// use leptos_clerk::axum::{ClerkAuth, ClerkLayer};
/// use leptos_clerk::server::Verifier;
///
/// let verifier = Arc::new(Verifier::for_frontend_api("clerk.example.com").build());
/// let app: Router = Router::new()
///     .route("/api/me", get(|auth: ClerkAuth| async move { auth.user_id().to_owned() }))
///     .layer(ClerkLayer::new(verifier));
/// ```
#[derive(Clone)]
pub struct ClerkLayer {
    verifier: Arc<Verifier>,
    pending_signed_out: bool,
}

impl ClerkLayer {
    /// Authenticates requests with `verifier`.
    pub fn new(verifier: Arc<Verifier>) -> Self {
        Self {
            verifier,
            pending_signed_out: true,
        }
    }

    /// Whether a session with a task still to do (`sts: pending`) counts as signed out.
    /// Default: yes, as in Clerk's SDKs and this crate's browser half; `false` lets routes
    /// see such sessions as signed in (for the pages that finish the task).
    ///
    /// ```no_run
    /// # use std::sync::Arc;
    /// # use leptos_clerk::{axum::ClerkLayer, server::Verifier};
    /// # let verifier = Arc::new(Verifier::for_frontend_api("clerk.example.com").build());
    /// let layer = ClerkLayer::new(verifier).treat_pending_as_signed_out(false);
    /// ```
    pub fn treat_pending_as_signed_out(mut self, signed_out: bool) -> Self {
        self.pending_signed_out = signed_out;
        self
    }
}

impl<S> Layer<S> for ClerkLayer {
    type Service = ClerkService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ClerkService {
            inner,
            verifier: self.verifier.clone(),
            pending_signed_out: self.pending_signed_out,
        }
    }
}

/// The service [`ClerkLayer`] wraps around the app.
#[derive(Clone)]
pub struct ClerkService<S> {
    inner: S,
    verifier: Arc<Verifier>,
    pending_signed_out: bool,
}

impl<S, B> Service<Request<B>> for ClerkService<S>
where
    S: Service<Request<B>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    B: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<S::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        // The clone that was polled ready is the one that must be called.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let verifier = self.verifier.clone();
        let pending_signed_out = self.pending_signed_out;
        Box::pin(async move {
            let authentication = match session_token(request.headers()) {
                None => Authentication::SignedOut,
                Some(token) => match verifier.verify(&token).await {
                    Ok(verified) => {
                        let pending = verified.claims.session_status.as_deref() == Some("pending");
                        let auth = ClerkAuth::new(verified.claims);
                        if pending && pending_signed_out {
                            Authentication::Pending(auth)
                        } else {
                            Authentication::SignedIn(auth)
                        }
                    }
                    Err(error) => {
                        // Routine (an expired cookie) at debug; the rest, which may be an
                        // attack or a misconfiguration, at warn. The reason's text never
                        // holds more than 64 characters of the token's header.
                        if matches!(error, VerifyError::Expired { .. }) {
                            tracing::debug!(reason = %error, "refused a Clerk session token");
                        } else {
                            tracing::warn!(reason = %error, "refused a Clerk session token");
                        }
                        Authentication::Invalid(error)
                    }
                },
            };
            request.extensions_mut().insert(authentication);
            inner.call(request).await
        })
    }
}

/// The token a request carries: `Authorization: Bearer …` first, else the `__session` cookie.
pub(crate) fn session_token(headers: &HeaderMap) -> Option<String> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim().to_owned())
        .filter(|token| !token.is_empty());
    bearer.or_else(|| {
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|cookies| cookies.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, value)| *name == "__session" && !value.is_empty())
            .map(|(_, value)| value.to_owned())
    })
}
