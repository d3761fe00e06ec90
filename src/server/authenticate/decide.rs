//! The decision itself: `authenticateRequest`'s header and cookie paths, in Clerk's order.

use super::instance::ClerkInstance;
use super::reason::{AuthReason, NoRefresh};
use super::request::{RequestFacts, host_of, origin_of};
use super::suffixed::uses_suffixed_cookies;
use crate::claims::{Jwt, VerifyError, is_session_category};

/// Where the token to verify came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Carrier {
    /// `Authorization: Bearer …` (or a bare token).
    Header,
    /// The `__session` cookie (plain or suffixed).
    Cookie,
}

/// What [`authenticate`] decided: done, or a token to verify first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Settled without verifying anything.
    Done(RequestState),
    /// Clerk's handshake came back with `token` (`__clerk_handshake`): verify it
    /// ([`Verifier::verify_handshake`](crate::server::Verifier::verify_handshake)) and
    /// resolve it ([`resolve_handshake`](super::resolve_handshake)).
    ResolveHandshake {
        /// The handshake token.
        token: String,
    },
    /// Verify `token` (as a session token) and give the outcome to [`after_verification`].
    Verify {
        /// The session token.
        token: String,
        /// Where it came from.
        carrier: Carrier,
    },
}

/// How a request is authenticated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequestState {
    /// A verified session token: the caller has its claims from the verification.
    SignedIn,
    /// Not signed in, and nothing to ask Clerk.
    SignedOut {
        /// Why.
        reason: AuthReason,
    },
    /// Redirect the browser through Clerk's handshake (`/v1/client/handshake`) to get a
    /// fresh session token. Answer with `Cache-Control: no-store` and set
    /// `__clerk_redirect_count` to `redirect_count` (SameSite=Lax, HttpOnly, Max-Age=2), the
    /// guard that stops a loop at three.
    Handshake {
        /// Why.
        reason: AuthReason,
        /// The loop guard's next value.
        redirect_count: u32,
    },
}

/// The outcome of verifying the token [`Step::Verify`] named, in the classes Clerk tells
/// apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenOutcome {
    /// Verified.
    Valid,
    /// Past `exp`.
    Expired,
    /// Before `nbf`.
    NotActiveYet,
    /// `iat` in the future.
    IatInTheFuture,
    /// Refused for another reason (Clerk's `TokenVerificationErrorReason`).
    Refused(&'static str),
}

impl TokenOutcome {
    /// The outcome of a [`Verifier`](crate::server::Verifier) call.
    ///
    /// ```
    /// use leptos_clerk::claims::VerifyError;
    /// use leptos_clerk::server::authenticate::TokenOutcome;
    /// let expired: Result<(), _> = Err(VerifyError::Expired { expired_at: 1, now: 2 });
    /// assert_eq!(TokenOutcome::of(&expired), TokenOutcome::Expired);
    /// assert_eq!(TokenOutcome::of(&Err::<(), _>(VerifyError::BadSignature)), TokenOutcome::Refused("token-invalid-signature"));
    /// ```
    pub fn of<T>(verification: &Result<T, VerifyError>) -> Self {
        let Err(error) = verification else {
            return TokenOutcome::Valid;
        };
        match error {
            VerifyError::Expired { .. } => TokenOutcome::Expired,
            VerifyError::NotYetValid { .. } => TokenOutcome::NotActiveYet,
            VerifyError::IssuedInFuture { .. } => TokenOutcome::IatInTheFuture,
            // A session token is never a handshake; were it one, it would be malformed.
            VerifyError::Malformed(_) | VerifyError::UnreadableHandshake => {
                TokenOutcome::Refused("token-invalid")
            }
            VerifyError::Unsigned
            | VerifyError::SymmetricAlgorithm(_)
            | VerifyError::UnsupportedAlgorithm(_) => TokenOutcome::Refused("token-invalid-algorithm"),
            VerifyError::UnknownKey(_) => TokenOutcome::Refused("jwk-kid-mismatch"),
            VerifyError::BadSignature => TokenOutcome::Refused("token-invalid-signature"),
            VerifyError::WrongIssuer { .. } => TokenOutcome::Refused("token-invalid-issuer"),
            VerifyError::UnauthorizedParty(_) | VerifyError::MissingAuthorizedParty => {
                TokenOutcome::Refused("token-invalid-authorized-parties")
            }
            VerifyError::NotASessionToken(_) => TokenOutcome::Refused("token-type-mismatch"),
            VerifyError::Keys(_) => TokenOutcome::Refused("jwk-failed-to-resolve"),
        }
    }
}

/// The first step: settle `request` for `instance` at `now` (seconds), or name the token
/// to verify.
pub fn authenticate(request: &RequestFacts, instance: &ClerkInstance, now: i64) -> Step {
    first_step(&Facts::read(request, instance, now), instance)
}

/// [`authenticate`] from facts already read.
pub(super) fn first_step(facts: &Facts<'_>, instance: &ClerkInstance) -> Step {
    let request = facts.request;
    if let Some(token) = facts.token_in_header.clone() {
        if Jwt::decode(&token).is_ok_and(|jwt| is_other_token_type(&jwt)) {
            return signed_out(AuthReason::TokenTypeMismatch);
        }
        return Step::Verify {
            token,
            carrier: Carrier::Header,
        };
    }
    let handshake = request
        .query("__clerk_handshake")
        .filter(|token| !token.is_empty())
        .or_else(|| request.cookie("__clerk_handshake"));
    if let Some(token) = handshake {
        return Step::ResolveHandshake { token };
    }
    step_without_handshake(facts, instance)
}

/// The first step for a request whose handshake could not be resolved (in production, Clerk
/// carries on as if it had none), or that has none.
pub fn authenticate_without_handshake(request: &RequestFacts, instance: &ClerkInstance, now: i64) -> Step {
    step_without_handshake(&Facts::read(request, instance, now), instance)
}

/// [`authenticate_without_handshake`] from facts already read.
pub(super) fn step_without_handshake(facts: &Facts<'_>, instance: &ClerkInstance) -> Step {
    if instance.is_development() && facts.request.has_query("__clerk_db_jwt") {
        return Step::Done(facts.maybe_handshake(AuthReason::DevBrowserSync));
    }
    if instance.is_development() && facts.dev_browser.is_none() {
        return Step::Done(facts.maybe_handshake(AuthReason::DevBrowserMissing));
    }
    let has_client = facts.client_uat != 0;
    let token = match (has_client, facts.session_cookie.clone()) {
        (false, None) => return signed_out(AuthReason::SessionTokenAndUatMissing),
        (false, Some(_)) => {
            return Step::Done(facts.maybe_handshake(AuthReason::SessionTokenWithoutClientUat));
        }
        (true, None) => return Step::Done(facts.maybe_handshake(AuthReason::ClientUatWithoutSessionToken)),
        (true, Some(token)) => token,
    };
    let Ok(jwt) = Jwt::decode(&token) else {
        return signed_out(AuthReason::TokenRefused("token-invalid"));
    };
    if is_other_token_type(&jwt) {
        return signed_out(AuthReason::TokenTypeMismatch);
    }
    let issued_at = jwt.payload.get("iat").and_then(|iat| iat.as_f64());
    if issued_at.is_some_and(|iat| iat < facts.client_uat as f64) {
        return Step::Done(facts.maybe_handshake(AuthReason::SessionTokenIatBeforeClientUat));
    }
    Step::Verify {
        token,
        carrier: Carrier::Cookie,
    }
}

/// The second step, after [`Step::Verify`]: `outcome` is how the token fared.
pub fn after_verification(
    request: &RequestFacts,
    instance: &ClerkInstance,
    now: i64,
    carrier: Carrier,
    outcome: &TokenOutcome,
) -> RequestState {
    settle(&Facts::read(request, instance, now), instance, carrier, outcome)
}

/// [`after_verification`] from facts already read.
pub(super) fn settle(
    facts: &Facts<'_>,
    instance: &ClerkInstance,
    carrier: Carrier,
    outcome: &TokenOutcome,
) -> RequestState {
    let reason = match outcome {
        TokenOutcome::Valid if carrier == Carrier::Cookie && facts.came_from_another_site(instance) => {
            return facts.maybe_handshake(AuthReason::PrimaryDomainCrossOriginSync);
        }
        TokenOutcome::Valid => return RequestState::SignedIn,
        TokenOutcome::Expired => AuthReason::SessionTokenExpired(facts.why_no_refresh()),
        TokenOutcome::NotActiveYet => AuthReason::SessionTokenNotBefore,
        TokenOutcome::IatInTheFuture => AuthReason::SessionTokenIatInTheFuture,
        TokenOutcome::Refused(reason) => {
            return RequestState::SignedOut {
                reason: AuthReason::TokenRefused(reason),
            };
        }
    };
    facts.maybe_handshake(reason)
}

fn signed_out(reason: AuthReason) -> Step {
    Step::Done(RequestState::SignedOut { reason })
}

/// `isMachineJwt` or `hasNonSessionJwtCategory`: an OAuth access token, a machine's token,
/// or a `cat` other than the session token's.
fn is_other_token_type(jwt: &Jwt) -> bool {
    let oauth = matches!(jwt.header.typ.as_deref(), Some("at+jwt" | "application/at+jwt"));
    let machine = jwt
        .payload
        .get("sub")
        .and_then(|sub| sub.as_str())
        .is_some_and(|sub| sub.starts_with("mch_"));
    let other_category = jwt
        .header
        .cat
        .as_deref()
        .is_some_and(|cat| !is_session_category(cat));
    oauth || machine || other_category
}

/// What `AuthenticateContext` reads from a request.
pub(super) struct Facts<'a> {
    pub(super) request: &'a RequestFacts,
    pub(super) suffixed: bool,
    method: String,
    pub(super) token_in_header: Option<String>,
    pub(super) session_cookie: Option<String>,
    refresh_cookie: Option<String>,
    client_uat: i64,
    pub(super) dev_browser: Option<String>,
    redirect_count: u32,
}

impl<'a> Facts<'a> {
    pub(super) fn read(request: &'a RequestFacts, instance: &ClerkInstance, now: i64) -> Self {
        let suffixed = uses_suffixed_cookies(request, instance, now);
        let cookie = |name: &str| match suffixed {
            true => request.cookie(&format!("{name}_{}", instance.cookie_suffix())),
            false => request.cookie(name),
        };
        let dev_browser = request
            .query("__clerk_db_jwt")
            .filter(|token| !token.is_empty())
            .or_else(|| cookie("__clerk_db_jwt"));
        Self {
            method: normalized_method(request.method()),
            token_in_header: request
                .header_value("authorization")
                .and_then(|value| token_in_header(&value)),
            session_cookie: cookie("__session"),
            refresh_cookie: request.cookie(&format!("__refresh_{}", instance.cookie_suffix())),
            client_uat: cookie("__client_uat").map_or(0, |uat| parse_int(&uat)),
            dev_browser,
            redirect_count: request
                .cookie("__clerk_redirect_count")
                .map_or(0, |count| to_count(&count)),
            request,
            suffixed,
        }
    }

    /// `handleMaybeHandshakeStatus`: a handshake for a document request, unless it would be
    /// the fourth in a row; signed out otherwise.
    fn maybe_handshake(&self, reason: AuthReason) -> RequestState {
        if !self.eligible_for_handshake() || self.redirect_count == 3 {
            return RequestState::SignedOut { reason };
        }
        RequestState::Handshake {
            reason,
            redirect_count: self.redirect_count + 1,
        }
    }

    /// A GET for a document (or an iframe), by `Sec-Fetch-Dest`, or by `Accept: text/html`
    /// where the browser sends no `Sec-Fetch-Dest`.
    fn eligible_for_handshake(&self) -> bool {
        if self.method != "GET" {
            return false;
        }
        match self.request.header_value("sec-fetch-dest").as_deref() {
            Some("document" | "iframe") => true,
            Some(_) => false,
            None => self
                .request
                .header_value("accept")
                .is_some_and(|accept| accept.starts_with("text/html")),
        }
    }

    fn why_no_refresh(&self) -> NoRefresh {
        if self.method != "GET" {
            NoRefresh::NotGet
        } else if self.refresh_cookie.is_none() {
            NoRefresh::NoRefreshCookie
        } else {
            NoRefresh::NoBackendApi
        }
    }

    /// A document navigation from another site that is not Clerk's (its Frontend API, its
    /// Account Portal), before any handshake: Clerk hands it a handshake, so that a sign-in
    /// on a satellite shows here.
    fn came_from_another_site(&self, instance: &ClerkInstance) -> bool {
        let Some(referrer) = self.request.header_value("referer") else {
            return false;
        };
        let (Some(origin), Some(referrer_origin)) = (self.request.origin(), origin_of(&referrer)) else {
            return false;
        };
        self.method == "GET"
            && self.request.header_value("sec-fetch-dest").as_deref() == Some("document")
            && !referrer_origin.eq_ignore_ascii_case(origin)
            && !is_clerk_referrer(&referrer, instance)
            && self.redirect_count == 0
    }
}

/// `isKnownClerkReferrer`: the instance's Frontend API, its Account Portal, or (for a
/// development instance) a development Account Portal.
fn is_clerk_referrer(referrer: &str, instance: &ClerkInstance) -> bool {
    let Some(host) = host_of(referrer).map(str::to_ascii_lowercase) else {
        return false;
    };
    if host == instance.frontend_api() {
        return true;
    }
    if instance.is_development() {
        let legacy = [".lcl.dev", ".lclstage.dev", ".lclclerk.com"]
            .iter()
            .any(|suffix| host.starts_with("accounts.") && host.ends_with(suffix));
        let current = [".accounts.dev", ".accountsstage.dev", ".accounts.lclclerk.com"]
            .iter()
            .any(|suffix| host.ends_with(suffix) && !host.ends_with(&format!(".clerk{suffix}")));
        if legacy || current {
            return true;
        }
    }
    let accounts = accounts_host(instance.frontend_api());
    origin_of(referrer).is_some_and(|origin| origin.eq_ignore_ascii_case(&format!("https://{accounts}")))
}

/// `buildAccountsBaseUrl`'s host: `clerk.example.com` → `accounts.example.com`.
fn accounts_host(frontend_api: &str) -> String {
    if let Some(index) = frontend_api.find("clerk.accountsstage.") {
        return format!(
            "{}accountsstage.{}",
            &frontend_api[..index],
            &frontend_api[index + 20..]
        );
    }
    for prefix in ["clerk.accounts.", "clerk."] {
        if let Some(index) = frontend_api.find(prefix) {
            return format!(
                "{}accounts.{}",
                &frontend_api[..index],
                &frontend_api[index + prefix.len()..]
            );
        }
    }
    frontend_api.to_owned()
}

/// `Authorization` as `parseAuthorizationHeader` reads it: `Bearer <token>` (the scheme's
/// case matters), or a value with no space taken whole; another scheme carries none.
fn token_in_header(value: &str) -> Option<String> {
    let mut parts = value.split(' ');
    let scheme = parts.next().unwrap_or_default();
    match parts.next() {
        None | Some("") => Some(scheme.to_owned()).filter(|token| !token.is_empty()),
        Some(token) if scheme == "Bearer" => Some(token.to_owned()),
        Some(_) => None,
    }
}

/// What the Fetch API makes of a method: the six standard ones upper-cased.
fn normalized_method(method: &str) -> String {
    let upper = method.to_ascii_uppercase();
    match upper.as_str() {
        "DELETE" | "GET" | "HEAD" | "OPTIONS" | "POST" | "PUT" => upper,
        _ => method.to_owned(),
    }
}

/// JavaScript's `Number.parseInt(text) || 0`: leading spaces, a sign, digits; `0` when there
/// are none.
fn parse_int(text: &str) -> i64 {
    let text = text.trim_start();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    let digits: String = digits.chars().take_while(char::is_ascii_digit).take(18).collect();
    digits.parse::<i64>().map_or(0, |value| sign * value)
}

/// `Number(text) || 0` for the loop counter, as a count.
fn to_count(text: &str) -> u32 {
    let text = text.trim();
    if text.is_empty() {
        return 0;
    }
    text.parse::<f64>()
        .ok()
        .filter(|value| value.fract() == 0.0 && *value >= 0.0 && *value <= f64::from(u32::MAX - 1))
        .map_or(0, |value| value as u32)
}
