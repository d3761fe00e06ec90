//! [`Verifier`]: RS256 verification of Clerk tokens on a server.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::signature::Verifier as _;
use sha2::Sha256;

use super::keys::{HttpJwks, JwksSource, KeyStore};
use crate::claims::{
    Jwt, SessionClaims, VerifyError, VerifyOptions, check_algorithm, check_claims, check_session_token,
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

/// Builds a [`Verifier`].
pub struct VerifierBuilder {
    source: KeySourceChoice,
    options: VerifyOptions,
    refetch_interval: Duration,
}

enum KeySourceChoice {
    Jwks(Box<dyn JwksSource>),
    Pem(String),
}

impl Verifier {
    /// For the instance at this Frontend API host (`clerk.example.com`, or a
    /// `*.clerk.accounts.dev` host): keys from `https://<host>/.well-known/jwks.json`,
    /// `iss` must be `https://<host>`.
    pub fn for_frontend_api(host: &str) -> VerifierBuilder {
        let host = host.trim_end_matches('/');
        let base = if host.starts_with("http://") || host.starts_with("https://") {
            host.to_owned()
        } else {
            format!("https://{host}")
        };
        VerifierBuilder {
            source: KeySourceChoice::Jwks(Box::new(HttpJwks::new(format!("{base}/.well-known/jwks.json")))),
            options: VerifyOptions::default().issuer(base),
            refetch_interval: Duration::from_secs(60),
        }
    }

    /// Keys from any [`JwksSource`]; set the issuer with [`VerifierBuilder::issuer`].
    pub fn with_jwks_source(source: impl JwksSource + 'static) -> VerifierBuilder {
        VerifierBuilder {
            source: KeySourceChoice::Jwks(Box::new(source)),
            options: VerifyOptions::default(),
            refetch_interval: Duration::from_secs(60),
        }
    }

    /// One fixed PEM public key (the dashboard's "JWT public key"): no network at all.
    pub fn with_public_key_pem(pem: impl Into<String>) -> VerifierBuilder {
        VerifierBuilder {
            source: KeySourceChoice::Pem(pem.into()),
            options: VerifyOptions::default(),
            refetch_interval: Duration::MAX,
        }
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

    /// Algorithm, signature, then the time, issuer and party checks.
    async fn signed_and_current(&self, token: &str, now: i64) -> Result<Jwt, VerifyError> {
        let jwt = Jwt::decode(token)?;
        check_algorithm(&jwt.header)?;
        let key = self.keys.key(jwt.header.kid.as_deref()).await?;
        let signature = Signature::try_from(jwt.signature()).map_err(|_| VerifyError::BadSignature)?;
        VerifyingKey::<Sha256>::new(key)
            .verify(jwt.signing_input(), &signature)
            .map_err(|_| VerifyError::BadSignature)?;
        check_claims(&jwt, now, &self.options)?;
        Ok(jwt)
    }
}

impl VerifierBuilder {
    /// The expected `iss`.
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.options = self.options.issuer(issuer);
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

    /// The shortest time between two JWKS fetches for unknown `kid`s. Default: 60 s.
    pub fn refetch_interval(mut self, interval: Duration) -> Self {
        self.refetch_interval = interval;
        self
    }

    /// The verifier. A PEM that is not an RSA public key panics here, at start-up, where a
    /// configuration mistake belongs; use [`VerifierBuilder::try_build`] to handle it.
    pub fn build(self) -> Verifier {
        self.try_build()
            .unwrap_or_else(|error| panic!("invalid Clerk verifier configuration: {error}"))
    }

    /// The verifier, or why the configuration is unusable.
    pub fn try_build(self) -> Result<Verifier, String> {
        let keys = match self.source {
            KeySourceChoice::Jwks(source) => KeyStore::fetched(source, self.refetch_interval),
            KeySourceChoice::Pem(pem) => KeyStore::from_pem(&pem)?,
        };
        Ok(Verifier {
            keys,
            options: self.options,
        })
    }
}
