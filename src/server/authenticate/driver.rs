//! Both steps at once, with a [`Verifier`]: what a server calls per request.

use super::decide::{Facts, RequestState, Step, TokenOutcome, first_step, settle, step_without_handshake};
use super::handshake::{handshake_headers, url_for};
use super::instance::ClerkInstance;
use super::reason::AuthReason;
use super::request::RequestFacts;
use super::resolve::{HandshakeSession, resolve_handshake};
use crate::claims::VerifyError;
use crate::server::{Verified, Verifier};

/// A request authenticated: its state, the verified session when signed in, and the headers
/// the response must carry (a handshake's `Location`, the cookies a resolved handshake
/// replays, `Cache-Control: no-store`, the loop guard's cookie). A response with a
/// `location` header is a redirect (307), whatever the state.
#[derive(Debug)]
pub struct Authenticated {
    /// How the request is authenticated.
    pub state: RequestState,
    /// The session's verified token, when signed in.
    pub verified: Option<Verified>,
    /// Headers for the response, lower-case names, in order.
    pub headers: Vec<(&'static str, String)>,
}

impl Authenticated {
    /// Where to redirect the browser, if anywhere.
    pub fn location(&self) -> Option<&str> {
        self.headers
            .iter()
            .find(|(name, _)| *name == "location")
            .map(|(_, value)| value.as_str())
    }
}

/// A development instance's handshake token failed verification: `@clerk/backend` throws
/// (keys changed: clear the cookies), and so does this, rather than loop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandshakeRejected(pub VerifyError);

impl std::fmt::Display for HandshakeRejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Clerk's handshake token did not verify ({}); if the instance's keys changed, clear this site's cookies",
            self.0
        )
    }
}

impl std::error::Error for HandshakeRejected {}

/// Authenticates `request` for `instance` at `now` (seconds), verifying with `verifier`; a
/// handshake goes through `proxy_url` when the app proxies the Frontend API.
///
/// ```no_run
/// use leptos_clerk::server::Verifier;
/// use leptos_clerk::server::authenticate::{authenticate_request, ClerkInstance, RequestFacts, RequestState};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let instance = ClerkInstance::new("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k")?;
/// let verifier = Verifier::for_frontend_api("clerk.example.com").build();
/// let request = RequestFacts::new("GET", "https://example.com/").header("sec-fetch-dest", "document");
/// let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs() as i64;
/// let authenticated = authenticate_request(&request, &instance, &verifier, None, now).await?;
/// if let RequestState::SignedIn = authenticated.state {
///     println!("{}", authenticated.verified.unwrap().claims.user_id);
/// }
/// # Ok(()) }
/// ```
pub async fn authenticate_request(
    request: &RequestFacts,
    instance: &ClerkInstance,
    verifier: &Verifier,
    proxy_url: Option<&str>,
    now: i64,
) -> Result<Authenticated, HandshakeRejected> {
    // Read once: the cookies and the tokens in them are parsed for every step below.
    let facts = Facts::read(request, instance, now);
    let step = match first_step(&facts, instance) {
        Step::ResolveHandshake { token } => {
            match verifier.verify_handshake(&token).await {
                Ok(directives) => {
                    if let Some(resolved) = resolved(request, instance, verifier, directives, now).await {
                        return Ok(resolved);
                    }
                }
                // Clerk's backend refuses the page in development only for a verification
                // error; unreadable directives fail there as a `TypeError`, which it logs.
                Err(VerifyError::UnreadableHandshake) => {}
                Err(error) if instance.is_development() => return Err(HandshakeRejected(error)),
                Err(_) => {}
            }
            // In production, a handshake that does not resolve is ignored.
            step_without_handshake(&facts, instance)
        }
        step => step,
    };
    let (state, verified) = match step {
        Step::Done(state) => (state, None),
        Step::Verify { token, carrier } => {
            let verification = verifier.verify_at(&token, now).await;
            let state = settle(&facts, instance, carrier, &TokenOutcome::of(&verification));
            let verified = matches!(state, RequestState::SignedIn)
                .then(|| verification.ok())
                .flatten();
            (state, verified)
        }
        // `step_without_handshake` never asks for a handshake to be resolved.
        Step::ResolveHandshake { .. } => (
            RequestState::SignedOut {
                reason: AuthReason::UnexpectedError,
            },
            None,
        ),
    };
    let headers = match &state {
        RequestState::Handshake {
            reason,
            redirect_count,
        } => {
            let mut headers = vec![("location", url_for(&facts, instance, proxy_url, reason))];
            headers.extend(handshake_headers(*redirect_count));
            headers
        }
        _ => Vec::new(),
    };
    Ok(Authenticated {
        state,
        verified,
        headers,
    })
}

/// The state a verified handshake leaves; `None` when its session token does not verify
/// (Clerk throws there, logs it, and carries on without the handshake).
async fn resolved(
    request: &RequestFacts,
    instance: &ClerkInstance,
    verifier: &Verifier,
    directives: Vec<String>,
    now: i64,
) -> Option<Authenticated> {
    let resolution = resolve_handshake(request, instance, directives);
    let mut headers: Vec<(&'static str, String)> = resolution
        .set_cookies
        .iter()
        .map(|directive| ("set-cookie", directive.clone()))
        .collect();
    if let Some(location) = &resolution.location {
        headers.push(("location", location.clone()));
        headers.push(("cache-control", "no-store".to_owned()));
    }
    let (state, verified) = match &resolution.session {
        HandshakeSession::SignedOut => (
            RequestState::SignedOut {
                reason: AuthReason::SessionTokenMissing,
            },
            None,
        ),
        HandshakeSession::Token(token) => (
            RequestState::SignedIn,
            Some(verifier.verify_at(token, now).await.ok()?),
        ),
        HandshakeSession::Unreadable => return None,
    };
    Some(Authenticated {
        state,
        verified,
        headers,
    })
}
