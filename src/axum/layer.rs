//! [`ClerkLayer`]: verifies the request's session token and records the result.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use std::time::{SystemTime, UNIX_EPOCH};

use http::{HeaderValue, Request, Response, StatusCode, header};
use tower_layer::Layer;
use tower_service::Service;

use super::auth::{Authentication, ClerkAuth};
use super::carried_token::{CarriedToken, CookiePolicy, carried_token};
use crate::claims::VerifyError;
#[cfg(feature = "ssr")]
use crate::model::AuthSeed;
use crate::model::InvalidKey;
use crate::server::Verifier;
use crate::server::authenticate::{
    Authenticated, ClerkInstance, RequestFacts, RequestState, authenticate_request,
};

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
    handshake: Option<Arc<HandshakeMode>>,
}

/// What [`ClerkLayer::handshake`] needs: the instance, and where its Frontend API is proxied.
struct HandshakeMode {
    instance: ClerkInstance,
    proxy_url: Option<String>,
}

impl ClerkLayer {
    /// Authenticates requests with `verifier`.
    pub fn new(verifier: Arc<Verifier>) -> Self {
        Self {
            verifier,
            pending_signed_out: true,
            cookies: CookiePolicy::default(),
            handshake: None,
        }
    }

    /// Authenticates as Clerk's server SDKs do, for the instance of `publishable_key`: the
    /// suffixed cookies, `__client_uat`, the dev browser, and Clerk's *handshake*: a page load
    /// (a GET for a document) whose `__session` is stale, missing or ambiguous is redirected
    /// (307) through Clerk's Frontend API, which sends it back with fresh cookies; the layer
    /// replays them on the response. Fetches and other requests are never redirected: they
    /// are signed out instead. Responses carry Clerk's `x-clerk-auth-status` and
    /// `x-clerk-auth-reason` headers, and `Cache-Control: private` when signed in (unless the
    /// app set one). See [`crate::server::authenticate`].
    ///
    /// ```no_run
    /// # use std::sync::Arc;
    /// # use leptos_clerk::{axum::ClerkLayer, server::Verifier};
    /// # let verifier = Arc::new(Verifier::for_frontend_api("clerk.example.com").build());
    /// let layer = ClerkLayer::new(verifier).handshake("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k").unwrap();
    /// ```
    pub fn handshake(mut self, publishable_key: &str) -> Result<Self, InvalidKey> {
        let instance = ClerkInstance::new(publishable_key)?;
        let proxy_url = self.handshake.as_ref().and_then(|mode| mode.proxy_url.clone());
        self.handshake = Some(Arc::new(HandshakeMode { instance, proxy_url }));
        Ok(self)
    }

    /// Where the app proxies Clerk's Frontend API (`/__clerk`, or an absolute URL): the
    /// handshake goes there. Takes effect with [`handshake`](Self::handshake).
    ///
    /// ```no_run
    /// # use std::sync::Arc;
    /// # use leptos_clerk::{axum::ClerkLayer, server::Verifier};
    /// # let verifier = Arc::new(Verifier::for_frontend_api("clerk.example.com").build());
    /// let layer = ClerkLayer::new(verifier)
    ///     .handshake("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k")
    ///     .unwrap()
    ///     .proxy_url("/__clerk");
    /// ```
    pub fn proxy_url(mut self, proxy_url: impl Into<String>) -> Self {
        if let Some(mode) = &self.handshake {
            self.handshake = Some(Arc::new(HandshakeMode {
                instance: mode.instance.clone(),
                proxy_url: Some(proxy_url.into()),
            }));
        }
        self
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
            handshake: self.handshake.clone(),
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
    handshake: Option<Arc<HandshakeMode>>,
}

impl<S, B, ResBody> Service<Request<B>> for ClerkService<S>
where
    S: Service<Request<B>, Response = Response<ResBody>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    B: Send + 'static,
    ResBody: Default + Send + 'static,
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
        if let (Some(mode), false) = (
            self.handshake.clone(),
            matches!(carried, CarriedToken::Refused(_)),
        ) {
            return Box::pin(async move {
                let facts = request_facts(&request);
                let now = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64);
                let proxy_url = mode.proxy_url.as_deref();
                let authenticated =
                    match authenticate_request(&facts, &mode.instance, &verifier, proxy_url, now).await {
                        Ok(authenticated) => authenticated,
                        Err(rejected) => {
                            tracing::error!(%rejected, "Clerk's handshake failed");
                            return Ok(plain_response(StatusCode::INTERNAL_SERVER_ERROR, Vec::new()));
                        }
                    };
                let mut headers = authenticated.headers.clone();
                headers.extend(debug_headers(&authenticated.state));
                if authenticated.location().is_some() {
                    return Ok(plain_response(StatusCode::TEMPORARY_REDIRECT, headers));
                }
                let signed_in = authenticated.verified.is_some();
                let authentication = authentication_of(authenticated, pending_signed_out);
                #[cfg(feature = "ssr")]
                request.extensions_mut().insert(seed_of(&authentication, true));
                request.extensions_mut().insert(authentication);
                let mut response = inner.call(request).await?;
                append_headers(&mut response, headers);
                if signed_in && !response.headers().contains_key(header::CACHE_CONTROL) {
                    response
                        .headers_mut()
                        .insert(header::CACHE_CONTROL, HeaderValue::from_static("private"));
                }
                Ok(response)
            });
        }
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
            #[cfg(feature = "ssr")]
            request.extensions_mut().insert(seed_of(&authentication, false));
            request.extensions_mut().insert(authentication);
            inner.call(request).await
        })
    }
}

/// What `authenticate_request` reads of an axum request. The URL's origin comes from the
/// `Host` header and `X-Forwarded-Proto` (else the URI's scheme, else `http`): behind a proxy
/// that terminates TLS, have it send `X-Forwarded-Proto`.
fn request_facts<B>(request: &Request<B>) -> RequestFacts {
    let headers = request.headers();
    let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    let scheme = text("x-forwarded-proto")
        .and_then(|proto| proto.split(',').next())
        .map(str::trim)
        .or(request.uri().scheme_str())
        .unwrap_or("http");
    let host = text("x-forwarded-host")
        .or(text("host"))
        .or(request.uri().authority().map(|authority| authority.as_str()))
        .unwrap_or("localhost");
    let path = request.uri().path_and_query().map_or("/", |path| path.as_str());
    headers.iter().fold(
        RequestFacts::new(request.method().as_str(), format!("{scheme}://{host}{path}")),
        |facts, (name, value)| match value.to_str() {
            Ok(value) => facts.header(name.as_str(), value),
            Err(_) => facts,
        },
    )
}

/// Clerk's debug headers: the status and the reason, never the message (it may quote claims).
fn debug_headers(state: &RequestState) -> Vec<(&'static str, String)> {
    let (status, reason) = match state {
        RequestState::SignedIn => ("signed-in", None),
        RequestState::SignedOut { reason } => ("signed-out", Some(reason.to_string())),
        RequestState::Handshake { reason, .. } => ("handshake", Some(reason.to_string())),
    };
    let mut headers = vec![("x-clerk-auth-status", status.to_owned())];
    headers.extend(reason.map(|reason| ("x-clerk-auth-reason", reason)));
    headers
}

/// The request's [`Authentication`] from a run of `authenticate_request`.
fn authentication_of(authenticated: Authenticated, pending_signed_out: bool) -> Authentication {
    match authenticated.verified {
        Some(verified) => {
            let pending = verified.claims.session_status.as_deref() == Some("pending");
            let auth = ClerkAuth::new(verified.claims);
            if pending && pending_signed_out {
                Authentication::Pending(auth)
            } else {
                Authentication::SignedIn(auth)
            }
        }
        None => Authentication::SignedOut,
    }
}

/// What a server-rendered page may tell the browser about `authentication`. Signed out only
/// when the handshake settled it: without the handshake, a request with no usable token may
/// still come from a signed-in browser whose 60-second token went stale, so the page says
/// nothing and lets clerk-js answer.
#[cfg(feature = "ssr")]
fn seed_of(authentication: &Authentication, handshake_settled: bool) -> AuthSeed {
    match authentication {
        Authentication::SignedIn(auth) | Authentication::Pending(auth) => AuthSeed::signed_in(auth.claims()),
        Authentication::SignedOut if handshake_settled => AuthSeed::SignedOut,
        _ => AuthSeed::Unknown,
    }
}

/// An empty response with `status` and `headers` (a redirect, or an error).
fn plain_response<ResBody: Default>(
    status: StatusCode,
    headers: Vec<(&'static str, String)>,
) -> Response<ResBody> {
    let mut response = Response::new(ResBody::default());
    *response.status_mut() = status;
    append_headers(&mut response, headers);
    response
}

/// Appends `headers`, skipping any value that is not a valid header value.
fn append_headers<ResBody>(response: &mut Response<ResBody>, headers: Vec<(&'static str, String)>) {
    for (name, value) in headers {
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().append(name, value);
        }
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
