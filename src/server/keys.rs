//! The instance's public keys: fetched from its JWKS (cached by `kid`, fetched again for an
//! unknown one at most once per interval, the old keys kept when a fetch fails) or given
//! up front (a PEM key, for networkless verification).

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use rsa::pkcs8::DecodePublicKey;
use rsa::{BigUint, RsaPublicKey};

use crate::claims::{Jwks, VerifyError};
use crate::encoding::decode_url;

/// Where a JWKS document comes from. Implement it to fetch through your own client (or to
/// count fetches in a test); [`HttpJwks`] is the usual one.
pub trait JwksSource: Send + Sync {
    /// The JWKS document, as JSON text.
    fn fetch(&self) -> Pin<Box<dyn Future<Output = Result<String, String>> + Send + '_>>;
}

/// Fetches the JWKS over HTTP(S) with reqwest.
pub struct HttpJwks {
    url: String,
    client: reqwest::Client,
}

impl HttpJwks {
    /// `url` is the JWKS document, e.g. `https://clerk.example.com/.well-known/jwks.json`.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap_or_default(),
        }
    }
}

impl JwksSource for HttpJwks {
    fn fetch(&self) -> Pin<Box<dyn Future<Output = Result<String, String>> + Send + '_>> {
        Box::pin(async move {
            let response = self
                .client
                .get(&self.url)
                .send()
                .await
                .map_err(|e| format!("GET {}: {e}", self.url))?;
            if !response.status().is_success() {
                return Err(format!("GET {} answered {}", self.url, response.status()));
            }
            response
                .text()
                .await
                .map_err(|e| format!("GET {}: {e}", self.url))
        })
    }
}

/// The keys a verifier checks signatures with.
pub(crate) struct KeyStore {
    keys: RwLock<HashMap<Option<String>, RsaPublicKey>>,
    source: Option<Box<dyn JwksSource>>,
    /// Held while fetching, so a burst of unknown `kid`s makes one request, not a thousand.
    last_fetch: tokio::sync::Mutex<Option<Instant>>,
    refetch_interval: Duration,
}

impl KeyStore {
    pub(crate) fn fetched(source: Box<dyn JwksSource>, refetch_interval: Duration) -> Self {
        Self {
            keys: RwLock::new(HashMap::new()),
            source: Some(source),
            last_fetch: tokio::sync::Mutex::new(None),
            refetch_interval,
        }
    }

    /// One fixed key, from a PEM public key (Clerk's "JWT public key"): no network at all.
    pub(crate) fn from_pem(pem: &str) -> Result<Self, String> {
        let key = RsaPublicKey::from_public_key_pem(pem.trim())
            .map_err(|e| format!("not an RSA public key PEM: {e}"))?;
        Ok(Self {
            keys: RwLock::new(HashMap::from([(None, key)])),
            source: None,
            last_fetch: tokio::sync::Mutex::new(None),
            refetch_interval: Duration::MAX,
        })
    }

    /// The key for `kid`, fetching the JWKS when it is not known and the last fetch was long
    /// enough ago.
    pub(crate) async fn key(&self, kid: Option<&str>) -> Result<RsaPublicKey, VerifyError> {
        if let Some(key) = self.cached(kid) {
            return Ok(key);
        }
        let Some(source) = &self.source else {
            return Err(VerifyError::UnknownKey(kid.map(str::to_owned)));
        };
        let mut last_fetch = self.last_fetch.lock().await;
        // Someone may have fetched while we waited for the lock.
        if let Some(key) = self.cached(kid) {
            return Ok(key);
        }
        if last_fetch.is_some_and(|at| at.elapsed() < self.refetch_interval) {
            return Err(VerifyError::UnknownKey(kid.map(str::to_owned)));
        }
        *last_fetch = Some(Instant::now());
        // A failed fetch keeps the keys we had.
        let set =
            Jwks::parse(&source.fetch().await.map_err(VerifyError::Keys)?).map_err(VerifyError::Keys)?;
        let keys: HashMap<Option<String>, RsaPublicKey> = set
            .keys
            .iter()
            .filter(|jwk| jwk.kty == "RSA")
            .filter_map(|jwk| Some((jwk.kid.clone(), rsa_key(jwk.n.as_deref()?, jwk.e.as_deref()?)?)))
            .collect();
        if !keys.is_empty() {
            *self.keys.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = keys;
        }
        drop(last_fetch);
        self.cached(kid)
            .ok_or_else(|| VerifyError::UnknownKey(kid.map(str::to_owned)))
    }

    /// The cached key for `kid`; a token without `kid` may use the only key there is.
    fn cached(&self, kid: Option<&str>) -> Option<RsaPublicKey> {
        let keys = self.keys.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        match kid {
            Some(kid) => keys
                .get(&Some(kid.to_owned()))
                .or_else(|| keys.get(&None))
                .cloned(),
            None if keys.len() == 1 => keys.values().next().cloned(),
            None => None,
        }
    }
}

fn rsa_key(n: &str, e: &str) -> Option<RsaPublicKey> {
    RsaPublicKey::new(
        BigUint::from_bytes_be(&decode_url(n)?),
        BigUint::from_bytes_be(&decode_url(e)?),
    )
    .ok()
}
