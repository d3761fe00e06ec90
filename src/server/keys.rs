//! The instance's public keys: fetched from its JWKS or given up front (a PEM key, for
//! networkless verification).
//!
//! Fetched keys are cached by `kid` for a time to live (5 minutes by default, as
//! `@clerk/backend`'s `cacheHasExpired`), then fetched again. Between two fetches there is
//! always at least the refetch interval, whatever asks for one: the expiry, an unknown `kid`,
//! or a bad signature under a known `kid` (Clerk's `kid` names the instance, not the key, so
//! a rotated key keeps its `kid`). A failed refresh keeps the old keys, for at most
//! [`STALE_GRACE`] past their expiry. With no keys at all, a failed fetch is tried once more
//! after [`COLD_RETRY_BACKOFF`], and again after at most [`COLD_REFETCH_INTERVAL`].

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use rsa::pkcs8::DecodePublicKey;
use rsa::{BigUint, RsaPublicKey};
use serde::Deserialize;

use crate::claims::VerifyError;
use crate::encoding::decode_url_loose;

/// How long fetched keys are trusted before they are fetched again: `@clerk/backend`'s
/// `MAX_CACHE_LAST_UPDATED_AT_SECONDS`.
pub(crate) const DEFAULT_TTL: Duration = Duration::from_secs(5 * 60);
/// The longest time to live a verifier accepts.
pub(crate) const MAX_TTL: Duration = Duration::from_secs(60 * 60);
/// How long past their expiry the keys still serve while their refresh fails.
pub(crate) const STALE_GRACE: Duration = Duration::from_secs(60 * 60);
/// The pause before the one retry of a failed fetch that left the verifier with no keys
/// (`@clerk/backend` retries after 125 ms doubled, with jitter up to twice that).
pub(crate) const COLD_RETRY_BACKOFF: Duration = Duration::from_millis(250);
/// With no keys, the longest wait between two fetches (the refetch interval if shorter).
pub(crate) const COLD_REFETCH_INTERVAL: Duration = Duration::from_secs(5);
/// The largest JWKS document [`HttpJwks`] reads. Clerk's holds one key, under 1 KiB.
pub(crate) const MAX_JWKS_BYTES: usize = 64 * 1024;

/// Where a JWKS document comes from. Implement it to fetch through your own client (or to
/// count fetches in a test); [`HttpJwks`] is the usual one.
pub trait JwksSource: Send + Sync {
    /// The JWKS document, as JSON text.
    fn fetch(&self) -> Pin<Box<dyn Future<Output = Result<String, String>> + Send + '_>>;
}

/// Fetches the JWKS over HTTPS with reqwest: no redirect followed, at most 64 KiB read, a
/// 10 s timeout. Plain `http://` only reaches a loopback host
/// (`127.0.0.0/8`, `::1`, `localhost`: a local emulator); to any other host it is refused.
pub struct HttpJwks {
    url: String,
    client: Result<reqwest::Client, String>,
}

impl HttpJwks {
    /// `url` is the JWKS document, e.g. `https://clerk.example.com/.well-known/jwks.json`.
    pub fn new(url: impl Into<String>) -> Self {
        let url = url.into();
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            // A redirect could lead the keys' fetch anywhere: Clerk's JWKS is never moved.
            .redirect(reqwest::redirect::Policy::none())
            .https_only(!is_loopback_http(&url))
            .build()
            .map_err(|e| format!("no HTTP client for {url}: {e}"));
        Self { url, client }
    }
}

impl JwksSource for HttpJwks {
    fn fetch(&self) -> Pin<Box<dyn Future<Output = Result<String, String>> + Send + '_>> {
        Box::pin(async move {
            let client = self.client.as_ref().map_err(Clone::clone)?;
            // reqwest's message leaves out its cause (a refused connection, a TLS error…).
            let failed = |e: reqwest::Error| {
                let e = e.without_url();
                let mut message = format!("GET {}: {e}", self.url);
                let mut source = std::error::Error::source(&e);
                while let Some(cause) = source {
                    message = format!("{message}: {cause}");
                    source = cause.source();
                }
                message
            };
            let mut response = client.get(&self.url).send().await.map_err(failed)?;
            // A redirect (3xx) lands here too: it is not followed.
            if !response.status().is_success() {
                return Err(format!("GET {} answered {}", self.url, response.status()));
            }
            let too_large = || format!("GET {}: the JWKS is over {} KiB", self.url, MAX_JWKS_BYTES / 1024);
            if response
                .content_length()
                .is_some_and(|length| length > MAX_JWKS_BYTES as u64)
            {
                return Err(too_large());
            }
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(failed)? {
                if body.len() + chunk.len() > MAX_JWKS_BYTES {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            String::from_utf8(body).map_err(|_| format!("GET {}: the JWKS is not UTF-8", self.url))
        })
    }
}

/// `url` is `http://` to a loopback host. Anything unparsable is not.
pub(crate) fn is_loopback_http(url: &str) -> bool {
    reqwest::Url::parse(url)
        .is_ok_and(|url| url.scheme() == "http" && url.host_str().is_some_and(is_loopback_host))
}

/// `localhost`, or an IP literal of the loopback range (IPv6 in brackets, as URLs write it).
fn is_loopback_host(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The time, and waiting: the system's, or a test's that moves only when told.
pub(crate) trait Clock: Send + Sync {
    fn now(&self) -> Instant;
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>>;
}

pub(crate) struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// How often keys are fetched.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Timing {
    /// How long fetched keys are fresh.
    pub(crate) ttl: Duration,
    /// The shortest time between two fetches.
    pub(crate) refetch_interval: Duration,
}

/// The keys a verifier checks signatures with.
pub(crate) enum KeyStore {
    /// One key given up front: every token is checked against it, whatever its `kid` (as
    /// `@clerk/backend` with a `jwtKey`).
    Fixed(RsaPublicKey),
    Fetched(Fetched),
}

pub(crate) struct Fetched {
    source: Box<dyn JwksSource>,
    timing: Timing,
    clock: Arc<dyn Clock>,
    cache: RwLock<Cache>,
    /// Held while fetching, so a burst of unknown `kid`s makes one request, not a thousand.
    attempts: tokio::sync::Mutex<Attempts>,
}

#[derive(Default)]
struct Cache {
    keys: HashMap<Option<String>, RsaPublicKey>,
    /// When these keys were fetched; `None` before the first fetch that brought any.
    fetched_at: Option<Instant>,
}

#[derive(Default)]
struct Attempts {
    /// When the last fetch ended, whether it succeeded or not.
    last: Option<Instant>,
    /// Why the last fetch failed, if it did: what a verification without keys reports.
    error: Option<String>,
}

/// How far the cached keys can be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Freshness {
    /// Within their time to live.
    Fresh,
    /// Expired, still used while the refresh fails or runs.
    Stale,
    /// None at all, or expired for longer than the grace: not used.
    Cold,
}

impl KeyStore {
    pub(crate) fn fetched(source: Box<dyn JwksSource>, timing: Timing, clock: Arc<dyn Clock>) -> Self {
        KeyStore::Fetched(Fetched {
            source,
            timing,
            clock,
            cache: RwLock::new(Cache::default()),
            attempts: tokio::sync::Mutex::new(Attempts::default()),
        })
    }

    /// One fixed key, from a PEM public key (Clerk's "JWT public key"): no network at all.
    pub(crate) fn from_pem(pem: &str) -> Result<Self, String> {
        RsaPublicKey::from_public_key_pem(pem.trim())
            .map(KeyStore::Fixed)
            .map_err(|e| format!("not an RSA public key PEM: {e}"))
    }

    /// The key for `kid`.
    pub(crate) async fn key(&self, kid: Option<&str>) -> Result<RsaPublicKey, VerifyError> {
        match self {
            KeyStore::Fixed(key) => Ok(key.clone()),
            KeyStore::Fetched(fetched) => fetched.key(kid).await,
        }
    }

    /// A signature did not match `failed`, the key cached for `kid`: the key may have been
    /// rotated under the same `kid`. Fetches the keys again if the refetch interval allows,
    /// and returns the key for `kid` if it is now another one.
    pub(crate) async fn replacement(&self, kid: Option<&str>, failed: &RsaPublicKey) -> Option<RsaPublicKey> {
        match self {
            KeyStore::Fixed(_) => None,
            KeyStore::Fetched(fetched) => fetched.replacement(kid, failed).await,
        }
    }
}

impl Fetched {
    async fn key(&self, kid: Option<&str>) -> Result<RsaPublicKey, VerifyError> {
        let unknown = || VerifyError::UnknownKey(kid.map(str::to_owned));
        let (key, freshness) = self.cached(kid);
        if freshness == Freshness::Fresh
            && let Some(key) = key
        {
            return Ok(key);
        }
        // Expired, cold or unknown: fetch. While another request refreshes expired keys,
        // use them rather than queue behind it.
        let mut attempts = match (self.attempts.try_lock(), key) {
            (Ok(attempts), _) => attempts,
            (Err(_), Some(stale)) => return Ok(stale),
            (Err(_), None) => self.attempts.lock().await,
        };
        // Someone may have fetched while we waited for the lock.
        let (key, freshness) = self.cached(kid);
        if freshness == Freshness::Fresh
            && let Some(key) = key
        {
            return Ok(key);
        }
        if !self.may_fetch(&attempts, freshness) {
            return match (key, freshness, &attempts.error) {
                (Some(key), _, _) => Ok(key),
                (None, Freshness::Cold, Some(error)) => Err(VerifyError::Keys(error.clone())),
                (None, _, _) => Err(unknown()),
            };
        }
        match self.refresh(&mut attempts, freshness == Freshness::Cold).await {
            Ok(()) => self.cached(kid).0.ok_or_else(unknown),
            Err(error) => key.ok_or(VerifyError::Keys(error)),
        }
    }

    async fn replacement(&self, kid: Option<&str>, failed: &RsaPublicKey) -> Option<RsaPublicKey> {
        let mut attempts = self.attempts.lock().await;
        // Someone may have fetched a new key while we waited for the lock.
        if let (Some(key), _) = self.cached(kid)
            && key != *failed
        {
            return Some(key);
        }
        if !self.may_fetch(&attempts, Freshness::Stale) {
            return None;
        }
        self.refresh(&mut attempts, false).await.ok()?;
        self.cached(kid).0.filter(|key| key != failed)
    }

    /// The cached key for `kid` (a token without `kid` may use the only key there is), and
    /// how fresh the keys are. No key stands in for another `kid`. Cold keys are not used.
    fn cached(&self, kid: Option<&str>) -> (Option<RsaPublicKey>, Freshness) {
        let cache = self.cache.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        let freshness = match cache
            .fetched_at
            .map(|at| self.clock.now().saturating_duration_since(at))
        {
            Some(age) if age < self.timing.ttl => Freshness::Fresh,
            Some(age) if age < self.timing.ttl.saturating_add(STALE_GRACE) => Freshness::Stale,
            _ => return (None, Freshness::Cold),
        };
        let key = match kid {
            Some(kid) => cache.keys.get(&Some(kid.to_owned())).cloned(),
            None if cache.keys.len() == 1 => cache.keys.values().next().cloned(),
            None => None,
        };
        (key, freshness)
    }

    /// The refetch interval has passed since the last fetch (a shorter one with no keys).
    fn may_fetch(&self, attempts: &Attempts, freshness: Freshness) -> bool {
        let interval = match freshness {
            Freshness::Cold => self.timing.refetch_interval.min(COLD_REFETCH_INTERVAL),
            _ => self.timing.refetch_interval,
        };
        attempts
            .last
            .is_none_or(|last| self.clock.now().saturating_duration_since(last) >= interval)
    }

    /// Fetches the keys, once more after a pause if `cold` (no keys to fall back on); a
    /// failed fetch keeps the keys there were.
    async fn refresh(&self, attempts: &mut Attempts, cold: bool) -> Result<(), String> {
        let mut result = self.fetch_keys().await;
        if cold && result.is_err() {
            self.clock.sleep(COLD_RETRY_BACKOFF).await;
            result = self.fetch_keys().await;
        }
        let now = self.clock.now();
        attempts.last = Some(now);
        match result {
            Ok(keys) => {
                *self
                    .cache
                    .write()
                    .unwrap_or_else(|poisoned| poisoned.into_inner()) = Cache {
                    keys,
                    fetched_at: Some(now),
                };
                attempts.error = None;
                Ok(())
            }
            Err(error) => {
                tracing::warn!(%error, cold, "could not fetch the Clerk instance's JWKS");
                attempts.error = Some(error.clone());
                Err(error)
            }
        }
    }

    async fn fetch_keys(&self) -> Result<HashMap<Option<String>, RsaPublicKey>, String> {
        let keys = signing_keys(&self.source.fetch().await?)?;
        if keys.is_empty() {
            return Err("the JWKS has no RS256 signing key".into());
        }
        Ok(keys)
    }
}

/// A JWK as far as choosing it goes; `use` and `alg` are optional in a JWK.
#[derive(Deserialize)]
struct Jwk {
    kty: String,
    #[serde(default)]
    kid: Option<String>,
    #[serde(default, rename = "use")]
    usage: Option<String>,
    #[serde(default)]
    alg: Option<String>,
    #[serde(default)]
    n: Option<String>,
    #[serde(default)]
    e: Option<String>,
}

/// The RSA keys of a JWKS document that may verify RS256 signatures, by `kid`: `use` is
/// `sig` and `alg` is `RS256` where they are given. Keys of other kinds, and keys that do
/// not parse, are skipped.
pub(crate) fn signing_keys(document: &str) -> Result<HashMap<Option<String>, RsaPublicKey>, String> {
    #[derive(Deserialize)]
    struct Document {
        keys: Vec<serde_json::Value>,
    }
    let document: Document = serde_json::from_str(document).map_err(|e| format!("not a JWKS: {e}"))?;
    Ok(document
        .keys
        .into_iter()
        .filter_map(|value| serde_json::from_value::<Jwk>(value).ok())
        .filter(|jwk| {
            jwk.kty == "RSA"
                && jwk.usage.as_deref().is_none_or(|usage| usage == "sig")
                && jwk.alg.as_deref().is_none_or(|alg| alg == "RS256")
        })
        .filter_map(|jwk| Some((jwk.kid, rsa_key(jwk.n.as_deref()?, jwk.e.as_deref()?)?)))
        .collect())
}

fn rsa_key(n: &str, e: &str) -> Option<RsaPublicKey> {
    RsaPublicKey::new(
        BigUint::from_bytes_be(&decode_url_loose(n)?),
        BigUint::from_bytes_be(&decode_url_loose(e)?),
    )
    .ok()
}
