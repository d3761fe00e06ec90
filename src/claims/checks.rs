//! The checks every verifier runs on a token besides its signature: algorithm, time,
//! issuer and authorized party. Pure, shared by the browser and the server.

use std::fmt;

use super::jwt::{Jwt, JwtError, JwtHeader};
use super::session_claims::seconds;

/// What a token must satisfy beyond its signature.
///
/// ```
/// use leptos_clerk::claims::VerifyOptions;
/// let options = VerifyOptions::default()
///     .issuer("https://clerk.example.com")
///     .authorized_parties(["https://example.com"]);
/// assert_eq!(options.leeway_secs, 5);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyOptions {
    /// The expected `iss`. `None` accepts any (not recommended).
    pub issuer: Option<String>,
    /// Origins allowed in `azp`. Empty accepts any token; otherwise `azp` must be one of
    /// them, and a token without one is refused (as `@clerk/backend` does since 2026).
    pub authorized_parties: Vec<String>,
    /// Clock skew allowed on `exp`, `nbf` and `iat`, in seconds. Default: 5, as Clerk's
    /// backend SDKs.
    pub leeway_secs: i64,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        Self {
            issuer: None,
            authorized_parties: Vec::new(),
            leeway_secs: 5,
        }
    }
}

impl VerifyOptions {
    /// Requires `iss` to be exactly this.
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuer = Some(issuer.into());
        self
    }

    /// Requires `azp` to be one of these origins; a token without `azp` is then refused.
    pub fn authorized_parties<I, S>(mut self, parties: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.authorized_parties = parties.into_iter().map(Into::into).collect();
        self
    }

    /// Allows this much clock skew.
    pub fn leeway_secs(mut self, leeway: i64) -> Self {
        self.leeway_secs = leeway.max(0);
        self
    }
}

/// Why a token was refused. Each case has its own variant, so a page or a log can say
/// exactly what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerifyError {
    /// It is not a well-formed JWT.
    Malformed(JwtError),
    /// `alg: none`: an unsigned token.
    Unsigned,
    /// An HMAC algorithm (HS256…): with an RSA public key as the "secret" anyone could
    /// forge one (key confusion), so these are refused outright.
    SymmetricAlgorithm(String),
    /// Any algorithm other than RS256.
    UnsupportedAlgorithm(String),
    /// No key of the JWKS has this `kid`, even after fetching it again.
    UnknownKey(Option<String>),
    /// The signature does not match the header and payload (tampered, or another key).
    BadSignature,
    /// `exp` is past (beyond the leeway).
    Expired {
        /// `exp`, seconds.
        expired_at: i64,
        /// Now, seconds.
        now: i64,
    },
    /// `nbf` is in the future (beyond the leeway).
    NotYetValid {
        /// `nbf`, seconds.
        not_before: i64,
        /// Now, seconds.
        now: i64,
    },
    /// `iat` is in the future (beyond the leeway): usually a skewed clock.
    IssuedInFuture {
        /// `iat`, seconds.
        issued_at: i64,
        /// Now, seconds.
        now: i64,
    },
    /// `iss` is not the expected issuer.
    WrongIssuer {
        /// What was expected.
        expected: String,
        /// What the token says.
        found: String,
    },
    /// `azp` is not an authorized party.
    UnauthorizedParty(String),
    /// Authorized parties are configured, and the token names none (`azp` missing, empty
    /// or not a string).
    MissingAuthorizedParty,
    /// A valid token of another class than a session token: a JWT template's, an OAuth
    /// access token, a machine's. They are signed by the same key, but do not stand for a
    /// signed-in session (a template token outlives its session's revocation).
    NotASessionToken(TokenClass),
    /// The keys could not be fetched or used.
    Keys(String),
    /// A handshake token, correctly signed, whose `handshake` list holds something other
    /// than text. `@clerk/backend` fails on it with a `TypeError` rather than a verification
    /// error, so the handshake is ignored, in development as in production.
    UnreadableHandshake,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifyError::Malformed(error) => write!(f, "malformed token: {error}"),
            VerifyError::Unsigned => f.write_str("the token is unsigned (alg: none)"),
            VerifyError::SymmetricAlgorithm(alg) => write!(
                f,
                "{:?} is refused: Clerk signs with RS256, and HMAC invites key confusion",
                truncated(alg)
            ),
            VerifyError::UnsupportedAlgorithm(alg) => {
                write!(
                    f,
                    "unsupported algorithm {:?}; Clerk signs with RS256",
                    truncated(alg)
                )
            }
            VerifyError::UnknownKey(kid) => write!(f, "no key with kid {kid:?} in the instance's JWKS"),
            VerifyError::BadSignature => {
                f.write_str("the signature does not match: the token was altered or signed by another key")
            }
            // Saturating: the claims are the token's, and may be anything.
            VerifyError::Expired { expired_at, now } => {
                write!(f, "expired {} s ago", now.saturating_sub(*expired_at))
            }
            VerifyError::NotYetValid { not_before, now } => {
                write!(f, "not valid for another {} s", not_before.saturating_sub(*now))
            }
            VerifyError::IssuedInFuture { issued_at, now } => {
                write!(
                    f,
                    "issued {} s in the future: is a clock skewed?",
                    issued_at.saturating_sub(*now)
                )
            }
            VerifyError::WrongIssuer { expected, found } => write!(f, "issued by {found}, not {expected}"),
            VerifyError::UnauthorizedParty(azp) => {
                write!(f, "minted for {azp}, which is not an authorized party")
            }
            VerifyError::MissingAuthorizedParty => {
                f.write_str("the token names no authorized party (azp), and this verifier requires one")
            }
            VerifyError::NotASessionToken(class) => write!(f, "not a session token: {class}"),
            VerifyError::Keys(message) => write!(f, "the signing keys are unavailable: {message}"),
            VerifyError::UnreadableHandshake => f.write_str("a handshake directive is not text"),
        }
    }
}

impl std::error::Error for VerifyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            VerifyError::Malformed(error) => Some(error),
            _ => None,
        }
    }
}

impl From<JwtError> for VerifyError {
    fn from(error: JwtError) -> Self {
        VerifyError::Malformed(error)
    }
}

/// What kind of token a [`VerifyError::NotASessionToken`] was, as far as its header and
/// claims tell.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenClass {
    /// `typ: at+jwt`: an OAuth access token.
    OAuthAccessToken,
    /// A `sub` starting with `mch_`: a machine (M2M) token.
    Machine,
    /// A `typ` other than `JWT`.
    OtherType(String),
    /// A `cat` other than the session token's.
    OtherCategory(String),
    /// No `sid`: a JWT template's token, or another token not tied to a session.
    NoSession,
}

impl fmt::Display for TokenClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenClass::OAuthAccessToken => f.write_str("an OAuth access token (typ at+jwt)"),
            TokenClass::Machine => f.write_str("a machine token (sub mch_…)"),
            TokenClass::OtherType(typ) => write!(f, "typ {:?}, not JWT", truncated(typ)),
            TokenClass::OtherCategory(cat) => write!(f, "category {:?}", truncated(cat)),
            TokenClass::NoSession => f.write_str("no sid (a JWT template's token?)"),
        }
    }
}

/// At most 64 characters of an attacker-chosen header value, for messages and logs.
fn truncated(text: &str) -> String {
    match text.char_indices().nth(64) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// Clerk's `cat` for session tokens, and for tokens its backends should not classify.
const SESSION_CATEGORY: &str = "cl_B7d4PD111AAA";
const IGNORED_CATEGORY: &str = "cl_I7d4PD111III";

/// Whether a `cat` header stands for a session token (or for "do not classify").
pub(crate) fn is_session_category(cat: &str) -> bool {
    cat == SESSION_CATEGORY || cat == IGNORED_CATEGORY
}

/// Refuses a token that is not a session token, as `@clerk/backend` does before it treats
/// a request as signed in: an OAuth access token (`typ` `at+jwt`), any other `typ` but
/// `JWT`, a `cat` other than the session token's, a machine's `sub` (`mch_…`); and, stricter
/// than Clerk, one without `sid`, which every session token has and a JWT template's lacks.
///
/// ```
/// use leptos_clerk::claims::{check_session_token, Jwt, TokenClass, VerifyError};
/// // {"alg":"RS256","typ":"at+jwt"} . {"sub":"user_1","exp":2000000000} . (signature)
/// let oauth = Jwt::decode("eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJ1c2VyXzEiLCJleHAiOjIwMDAwMDAwMDB9.c2ln").unwrap();
/// assert_eq!(check_session_token(&oauth), Err(VerifyError::NotASessionToken(TokenClass::OAuthAccessToken)));
/// ```
pub fn check_session_token(jwt: &Jwt) -> Result<(), VerifyError> {
    let refuse = |class| Err(VerifyError::NotASessionToken(class));
    match jwt.header.typ.as_deref() {
        None | Some("JWT") => {}
        Some("at+jwt" | "application/at+jwt") => return refuse(TokenClass::OAuthAccessToken),
        Some(other) => return refuse(TokenClass::OtherType(other.to_owned())),
    }
    if let Some(cat) = jwt.header.cat.as_deref()
        && !is_session_category(cat)
    {
        return refuse(TokenClass::OtherCategory(cat.to_owned()));
    }
    if jwt
        .payload
        .get("sub")
        .and_then(|sub| sub.as_str())
        .is_some_and(|sub| sub.starts_with("mch_"))
    {
        return refuse(TokenClass::Machine);
    }
    if jwt
        .payload
        .get("sid")
        .and_then(|sid| sid.as_str())
        .is_none_or(str::is_empty)
    {
        return refuse(TokenClass::NoSession);
    }
    Ok(())
}

/// Refuses every algorithm but RS256, each refusal with its reason.
pub fn check_algorithm(header: &JwtHeader) -> Result<(), VerifyError> {
    match header.alg.as_str() {
        "RS256" => Ok(()),
        alg if alg.eq_ignore_ascii_case("none") => Err(VerifyError::Unsigned),
        alg if alg.starts_with("HS") => Err(VerifyError::SymmetricAlgorithm(alg.to_owned())),
        alg => Err(VerifyError::UnsupportedAlgorithm(alg.to_owned())),
    }
}

/// Checks `exp`, `nbf`, `iat`, `iss` and `azp` at `now` (seconds since the epoch).
///
/// ```
/// use leptos_clerk::claims::{check_claims, Jwt, VerifyError, VerifyOptions};
/// // {"alg":"RS256"} . {"sub":"user_1","exp":2000000000} . (signature)
/// let jwt = Jwt::decode("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEiLCJleHAiOjIwMDAwMDAwMDB9.c2ln").unwrap();
/// assert!(check_claims(&jwt, 1_999_999_000, &VerifyOptions::default()).is_ok());
/// assert!(matches!(check_claims(&jwt, 2_000_000_006, &VerifyOptions::default()), Err(VerifyError::Expired { .. })));
/// ```
pub fn check_claims(jwt: &Jwt, now: i64, options: &VerifyOptions) -> Result<(), VerifyError> {
    // In `@clerk/backend`'s order, so that a token with several faults is refused for the
    // same one.
    let payload = &jwt.payload;
    if !options.authorized_parties.is_empty() {
        match payload
            .get("azp")
            .and_then(|v| v.as_str())
            .filter(|azp| !azp.is_empty())
        {
            None => return Err(VerifyError::MissingAuthorizedParty),
            Some(azp) if !options.authorized_parties.iter().any(|party| party == azp) => {
                return Err(VerifyError::UnauthorizedParty(azp.to_owned()));
            }
            Some(_) => {}
        }
    }
    if let Some(expected) = &options.issuer {
        let found = payload.get("iss").and_then(|v| v.as_str()).unwrap_or_default();
        if found != expected {
            return Err(VerifyError::WrongIssuer {
                expected: expected.clone(),
                found: found.to_owned(),
            });
        }
    }
    let leeway = options.leeway_secs.max(0);
    let expired_at = seconds(payload, "exp")?.ok_or(JwtError::MissingClaim("exp"))?;
    // A token is valid *before* `exp` (RFC 7519 §4.1.4): at `exp` plus the leeway it is not.
    if now >= expired_at.saturating_add(leeway) {
        return Err(VerifyError::Expired { expired_at, now });
    }
    if let Some(not_before) = seconds(payload, "nbf")?
        && now < not_before.saturating_sub(leeway)
    {
        return Err(VerifyError::NotYetValid { not_before, now });
    }
    if let Some(issued_at) = seconds(payload, "iat")?
        && now < issued_at.saturating_sub(leeway)
    {
        return Err(VerifyError::IssuedInFuture { issued_at, now });
    }
    Ok(())
}
