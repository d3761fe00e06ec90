//! [`ClerkLayer`]: verifies the request's session token and records the result.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::Request;
use tower_layer::Layer;
use tower_service::Service;

use super::auth::{Authentication, ClerkAuth};
use super::carried_token::{CarriedToken, CookiePolicy, carried_token};
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
    cookies: CookiePolicy,
}

impl ClerkLayer {
    /// Authenticates requests with `verifier`.
    pub fn new(verifier: Arc<Verifier>) -> Self {
        Self {
            verifier,
            pending_signed_out: true,
            cookies: CookiePolicy::default(),
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

    /// Origins (`https://app.example.com`) whose pages may send state-changing requests
    /// (POST, PUT, PATCH, DELETE…) authenticated by the `__session` cookie, besides the
    /// API's own origin. Needed when the pages and the API live on different origins and
    /// the pages rely on the cookie rather than sending `Authorization: Bearer`.
    ///
    /// ```no_run
    /// # use std::sync::Arc;
    /// # use leptos_clerk::{axum::ClerkLayer, server::Verifier};
    /// # let verifier = Arc::new(Verifier::for_frontend_api("clerk.example.com").build());
    /// let layer = ClerkLayer::new(verifier).allowed_origins(["https://app.example.com"]);
    /// ```
    pub fn allowed_origins<I, S>(mut self, origins: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.cookies.allowed_origins = origins.into_iter().map(Into::into).collect();
        self
    }

    /// Whether a state-changing request authenticated by the `__session` cookie must come
    /// from the API's own origin or an [allowed one](Self::allowed_origins) (its `Origin`,
    /// or `Sec-Fetch-Site: same-origin`); otherwise it is signed out
    /// ([`RequestRefusal::CrossSiteCookie`](super::RequestRefusal::CrossSiteCookie)). Default:
    /// on. This is the defence against cross-site request forgery: the browser attaches the
    /// cookie to requests a hostile page sends too (always when clerk-js sets it
    /// `SameSite=None`, as it does in iframes), and `authorized_parties` cannot tell, since
    /// the token is the user's own. Requests with `Authorization: Bearer` are never checked.
    ///
    /// ```no_run
    /// # use std::sync::Arc;
    /// # use leptos_clerk::{axum::ClerkLayer, server::Verifier};
    /// # let verifier = Arc::new(Verifier::for_frontend_api("clerk.example.com").build());
    /// // Only if another layer already checks every request's origin.
    /// let layer = ClerkLayer::new(verifier).check_cookie_origin(false);
    /// ```
    pub fn check_cookie_origin(mut self, check: bool) -> Self {
        self.cookies.check_origin = check;
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
            cookies: self.cookies.clone(),
        }
    }
}

/// The service [`ClerkLayer`] wraps around the app.
#[derive(Clone)]
pub struct ClerkService<S> {
    inner: S,
    verifier: Arc<Verifier>,
    pending_signed_out: bool,
    cookies: CookiePolicy,
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
        let carried = carried_token(request.method(), request.headers(), &self.cookies);
        Box::pin(async move {
            let authentication = match carried {
                CarriedToken::None => Authentication::SignedOut,
                CarriedToken::Refused(refusal) => {
                    tracing::warn!(%refusal, "treated a request as signed out");
                    Authentication::Refused(refusal)
                }
                CarriedToken::Bearer(token) | CarriedToken::Cookie(token) => {
                    authenticate(&verifier, &token, pending_signed_out).await
                }
            };
            request.extensions_mut().insert(authentication);
            inner.call(request).await
        })
    }
}

/// What a carried token stands for.
async fn authenticate(verifier: &Verifier, token: &str, pending_signed_out: bool) -> Authentication {
    match verifier.verify(token).await {
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
            // Routine (an expired cookie) at debug; the rest, which may be an attack or a
            // misconfiguration, at warn. The reason's text never holds more than 64
            // characters of the token's header.
            if matches!(error, VerifyError::Expired { .. }) {
                tracing::debug!(reason = %error, "refused a Clerk session token");
            } else {
                tracing::warn!(reason = %error, "refused a Clerk session token");
            }
            Authentication::Invalid(error)
        }
    }
}
