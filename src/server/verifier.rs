//! [`Verifier`]: RS256 verification of Clerk tokens on a server.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rsa::RsaPublicKey;
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::signature::Verifier as _;
use sha2::Sha256;

use super::keys::{
    Clock, DEFAULT_TTL, HttpJwks, JwksSource, KeyStore, MAX_TTL, SystemClock, Timing, is_loopback_http,
};
use crate::claims::{
    Jwt, SessionClaims, TokenClass, VerifyError, VerifyOptions, check_algorithm, check_claims,
    check_session_token, is_session_category,
};

/// A verified session token: its claims, and the token itself. Its `Debug` leaves the
/// raw token out (see [`Jwt`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Verified {
    /// The typed session claims.
    pub claims: SessionClaims,
    /// The decoded token (custom claims: [`Jwt::claims`]).
    pub jwt: Jwt,
}

/// Verifies Clerk session tokens: algorithm (RS256 only), signature against the
/// instance's keys, then `exp`/`nbf`/`iat` with a leeway, `iss` and `azp`. Share one per
/// process (it caches the keys); it is `Send + Sync`.
///
/// ```no_run
/// use leptos_clerk::server::Verifier;
///
/// # async fn run(token: &str) {
/// let verifier = Verifier::for_frontend_api("clerk.example.com")
///     .authorized_parties(["https://example.com"])
///     .build();
/// match verifier.verify(token).await {
///     Ok(verified) => println!("user {}", verified.claims.user_id),
///     Err(error) => println!("refused: {error}"),
/// }
/// # }
/// ```
pub struct Verifier {
    keys: KeyStore,
    options: VerifyOptions,
}

/// Builds a [`Verifier`]. [`VerifierBuilder::try_build`] refuses a configuration that
/// would accept forged tokens; [`VerifierBuilder::build`] panics on it.
pub struct VerifierBuilder {
    source: KeySourceChoice,
    options: VerifyOptions,
    any_issuer: bool,
    timing: Timing,
    clock: Arc<dyn Clock>,
}

enum KeySourceChoice {
    Jwks(Box<dyn JwksSource>),
    Pem(String),
    Invalid(ConfigError),
}

/// Why a [`VerifierBuilder`] cannot build a verifier.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// The PEM is not an RSA public key.
    InvalidPem(String),
    /// The Frontend API is not a URL.
    InvalidUrl {
        /// The URL as given (with `https://` added if it had no scheme).
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Plain `http://` to a host that is not loopback: anyone on the path could serve their
    /// own keys and sign tokens with them. Only `127.0.0.0/8`, `::1` and `localhost` (a local
    /// emulator) may be reached without TLS.
    InsecureUrl(String),
    /// Neither [`VerifierBuilder::issuer`] nor [`VerifierBuilder::allow_any_issuer`]: a
    /// verifier checks `iss` unless told not to.
    MissingIssuer,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::InvalidPem(error) => f.write_str(error),
            ConfigError::InvalidUrl { url, reason } => write!(f, "{url:?} is not a URL: {reason}"),
            ConfigError::InsecureUrl(url) => write!(
                f,
                "{url:?}: keys over plain http are only fetched from a loopback host; use https"
            ),
            ConfigError::MissingIssuer => f.write_str(
                "no issuer: set the expected `iss` with .issuer(…), or opt out with .allow_any_issuer()",
            ),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Verifier {
    /// For the instance at this Frontend API host (`clerk.example.com`, or a
    /// `*.clerk.accounts.dev` host): keys from `https://<host>/.well-known/jwks.json`,
    /// `iss` must be `https://<host>`. A URL with `http://` is only accepted for a loopback
    /// host (a local emulator, `http://127.0.0.1:8787`); any other is refused at build.
    pub fn for_frontend_api(host: &str) -> VerifierBuilder {
        let host = host.trim_end_matches('/');
        let base = if host.starts_with("http://") || host.starts_with("https://") {
            host.to_owned()
        } else {
            format!("https://{host}")
        };
        let source = match reqwest::Url::parse(&base) {
            Err(error) => KeySourceChoice::Invalid(ConfigError::InvalidUrl {
                url: base.clone(),
                reason: error.to_string(),
            }),
            Ok(url) if url.scheme() == "http" && !is_loopback_http(&base) => {
                KeySourceChoice::Invalid(ConfigError::InsecureUrl(base.clone()))
            }
            Ok(_) => KeySourceChoice::Jwks(Box::new(HttpJwks::new(format!("{base}/.well-known/jwks.json")))),
        };
        VerifierBuilder::new(source).issuer(base)
    }

    /// Keys from any [`JwksSource`]. Set the issuer with [`VerifierBuilder::issuer`] (or
    /// opt out with [`VerifierBuilder::allow_any_issuer`]): the build refuses neither.
    pub fn with_jwks_source(source: impl JwksSource + 'static) -> VerifierBuilder {
        VerifierBuilder::new(KeySourceChoice::Jwks(Box::new(source)))
    }

    /// One fixed PEM public key (the dashboard's "JWT public key"): no network at all.
    /// Every token is checked against it, whatever its `kid`. Set the issuer with
    /// [`VerifierBuilder::issuer`] (or opt out with [`VerifierBuilder::allow_any_issuer`]).
    pub fn with_public_key_pem(pem: impl Into<String>) -> VerifierBuilder {
        VerifierBuilder::new(KeySourceChoice::Pem(pem.into()))
    }

    /// Verifies `token` now.
    pub async fn verify(&self, token: &str) -> Result<Verified, VerifyError> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        self.verify_at(token, now).await
    }

    /// Verifies session token `token` as of `now` (seconds since the epoch). Tokens of
    /// another class, signed by the same key, are refused with
    /// [`VerifyError::NotASessionToken`]: JWT templates' (use
    /// [`verify_template`](Self::verify_template)), OAuth access tokens, machine tokens.
    pub async fn verify_at(&self, token: &str, now: i64) -> Result<Verified, VerifyError> {
        let jwt = self.signed_and_current(token, now).await?;
        check_session_token(&jwt)?;
        let claims = SessionClaims::from_jwt(&jwt)?;
        Ok(Verified { claims, jwt })
    }

    /// Verifies a JWT template's token (`getToken({template})`): algorithm, signature,
    /// `exp`/`nbf`/`iat`, `iss` and `azp` as for a session token, but no session is
    /// implied. Read its claims with [`Jwt::claims`] into your template's type.
    ///
    /// ```no_run
    /// use leptos_clerk::server::Verifier;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Supabase { role: String }
    ///
    /// # async fn run(token: &str) -> Result<(), Box<dyn std::error::Error>> {
    /// let verifier = Verifier::for_frontend_api("clerk.example.com").build();
    /// let supabase: Supabase = verifier.verify_template(token).await?.claims()?;
    /// assert_eq!(supabase.role, "authenticated");
    /// # Ok(()) }
    /// ```
    pub async fn verify_template(&self, token: &str) -> Result<Jwt, VerifyError> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        self.verify_template_at(token, now).await
    }

    /// [`verify_template`](Self::verify_template) as of `now` (seconds since the epoch).
    pub async fn verify_template_at(&self, token: &str, now: i64) -> Result<Jwt, VerifyError> {
        self.signed_and_current(token, now).await
    }

    /// Verifies the token Clerk's handshake brings back (`__clerk_handshake`) as
    /// `@clerk/backend` does, and returns the `Set-Cookie` directives it carries: a `typ` of
    /// `JWT` (or none), RS256, a session `cat` (or none), the instance's signature. No time,
    /// issuer or party checks: they apply to the `__session` token among the directives,
    /// which is verified like any other. See [`crate::server::authenticate`].
    pub async fn verify_handshake(&self, token: &str) -> Result<Vec<String>, VerifyError> {
        let jwt = Jwt::decode(token)?;
        if jwt.header.typ.as_deref().is_some_and(|typ| typ != "JWT") {
            return Err(VerifyError::NotASessionToken(TokenClass::OtherType(
                jwt.header.typ.clone().unwrap_or_default(),
            )));
        }
        check_algorithm(&jwt.header)?;
        if let Some(cat) = jwt.header.cat.as_deref().filter(|cat| !is_session_category(cat)) {
            return Err(VerifyError::NotASessionToken(TokenClass::OtherCategory(
                cat.to_owned(),
            )));
        }
        let jwt = self.signed(jwt).await?;
        let directives = match jwt.payload.get("handshake") {
            Some(serde_json::Value::Array(items)) => items
                .iter()
                .map(|item| {
                    item.as_str()
                        .filter(|text| is_header_value(text))
                        .map(str::to_owned)
                })
                .collect::<Option<Vec<_>>>()
                .ok_or(VerifyError::UnreadableHandshake)?,
            _ => Vec::new(),
        };
        Ok(directives)
    }

    /// Algorithm, signature, then the time, issuer and party checks.
    async fn signed_and_current(&self, token: &str, now: i64) -> Result<Jwt, VerifyError> {
        let jwt = Jwt::decode(token)?;
        check_algorithm(&jwt.header)?;
        let jwt = self.signed(jwt).await?;
        check_claims(&jwt, now, &self.options)?;
        Ok(jwt)
    }

    /// `jwt` if the instance's key signed it.
    async fn signed(&self, jwt: Jwt) -> Result<Jwt, VerifyError> {
        let kid = jwt.header.kid.as_deref();
        let key = self.keys.key(kid).await?;
        let signature = Signature::try_from(jwt.signature()).map_err(|_| VerifyError::BadSignature)?;
        let verifies = |key: RsaPublicKey| {
            VerifyingKey::<Sha256>::new(key)
                .verify(jwt.signing_input(), &signature)
                .is_ok()
        };
        if !verifies(key.clone()) {
            // Clerk rotates a key under the same `kid`: fetch the keys again (at most once per
            // refetch interval), and try the new key if there is one.
            let replacement = self.keys.replacement(kid, &key).await;
            if !replacement.is_some_and(verifies) {
                return Err(VerifyError::BadSignature);
            }
        }
        Ok(jwt)
    }
}

impl VerifierBuilder {
    fn new(source: KeySourceChoice) -> Self {
        VerifierBuilder {
            source,
            options: VerifyOptions::default(),
            any_issuer: false,
            timing: Timing {
                ttl: DEFAULT_TTL,
                refetch_interval: Duration::from_secs(60),
            },
            clock: Arc::new(SystemClock),
        }
    }

    /// The expected `iss`.
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.options = self.options.issuer(issuer);
        self
    }

    /// Accept any `iss` (not recommended: a token of another Clerk instance whose key you
    /// also trust would pass). Without this or [`issuer`](Self::issuer), the build fails.
    pub fn allow_any_issuer(mut self) -> Self {
        self.options.issuer = None;
        self.any_issuer = true;
        self
    }

    /// Origins allowed in `azp` (Clerk's `authorizedParties`). Default: any.
    pub fn authorized_parties<I, S>(mut self, parties: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.options = self.options.authorized_parties(parties);
        self
    }

    /// Clock skew allowed on `exp`, `nbf`, `iat`. Default: 5 s.
    pub fn leeway(mut self, leeway: Duration) -> Self {
        self.options = self.options.leeway_secs(leeway.as_secs() as i64);
        self
    }

    /// How long fetched keys are trusted before they are fetched again. Default: 5
    /// minutes, as `@clerk/backend`; at most an hour (a longer one is cut to an hour).
    /// A failed refresh keeps the old keys for up to an hour more.
    pub fn jwks_cache_ttl(mut self, ttl: Duration) -> Self {
        self.timing.ttl = ttl.min(MAX_TTL);
        self
    }

    /// The shortest time between two JWKS fetches, whatever asks for one (expired keys, an
    /// unknown `kid`, a signature that the cached key for its `kid` does not verify).
    /// Default: 60 s.
    pub fn refetch_interval(mut self, interval: Duration) -> Self {
        self.timing.refetch_interval = interval;
        self
    }

    /// A test's clock for the key cache.
    #[cfg(test)]
    pub(crate) fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The verifier. A configuration mistake (a PEM that is not an RSA public key, a
    /// Frontend API over plain http to another host than loopback, no issuer) panics here,
    /// at start-up, where it belongs; use [`VerifierBuilder::try_build`] to handle it.
    pub fn build(self) -> Verifier {
        self.try_build()
            .unwrap_or_else(|error| panic!("invalid Clerk verifier configuration: {error}"))
    }

    /// The verifier, or why the configuration is unusable.
    pub fn try_build(self) -> Result<Verifier, ConfigError> {
        let keys = match self.source {
            KeySourceChoice::Jwks(source) => KeyStore::fetched(source, self.timing, self.clock),
            KeySourceChoice::Pem(pem) => KeyStore::from_pem(&pem).map_err(ConfigError::InvalidPem)?,
            KeySourceChoice::Invalid(error) => return Err(error),
        };
        if self.options.issuer.is_none() && !self.any_issuer {
            return Err(ConfigError::MissingIssuer);
        }
        Ok(Verifier {
            keys,
            options: self.options,
        })
    }
}

/// Whether Fetch's `Headers.append` takes `text` as a header value, as `@clerk/backend` asks
/// it to for every directive (otherwise it throws a `TypeError` and the handshake is
/// ignored): no character above U+00FF, and, once the surrounding spaces, tabs and line
/// breaks are trimmed, no NUL, CR or LF.
fn is_header_value(text: &str) -> bool {
    text.chars().all(|c| c <= '\u{ff}')
        && !text
            .trim_matches([' ', '\t', '\r', '\n'])
            .contains(['\0', '\r', '\n'])
}
