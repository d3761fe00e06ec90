//! Signing tokens: RS256 JWTs with a `kid`, and the JWKS that verifies them.
//!
//! Like Clerk, the emulator signs every token (session tokens and JWT templates) with the
//! instance's RSA key, and publishes the public half at `/.well-known/jwks.json`. The key is
//! made at start-up, or read from a PKCS#8 PEM file (`--key`).
//!
//! Since one key signs every class, the header tells them apart, as at Clerk: `typ: "JWT"`
//! and a category `cat`, [`SESSION_TOKEN_CATEGORY`] or [`TEMPLATE_TOKEN_CATEGORY`]. A
//! backend that accepts only session tokens refuses the others by `cat` alone.

use std::collections::HashMap;
use std::sync::Mutex;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rsa::RsaPrivateKey;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer as _};
use rsa::traits::PublicKeyParts;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::locks::lock;

/// Clerk's `cat` for session tokens (`JWT_CATEGORY_SESSION_TOKEN` in `@clerk/backend`'s
/// `src/tokens/jwtCategories.ts`).
pub const SESSION_TOKEN_CATEGORY: &str = "cl_B7d4PD111AAA";

/// Clerk's `cat` for JWT templates' tokens (`JWT_CATEGORY_JWT_TEMPLATE`, same file).
pub const TEMPLATE_TOKEN_CATEGORY: &str = "cl_B7d4PD222AAA";

/// Signs JWTs with the instance's RSA key.
pub struct Signer {
    key: SigningKey<Sha256>,
    /// The key's id, as the header and the JWK carry it.
    kid: String,
    /// The session tokens' JWT header, base64url-encoded: the same for every session token
    /// this key signs, so it is encoded once rather than per token.
    session_header: String,
    /// The same for JWT templates' tokens.
    template_header: String,
    jwk: Value,
    /// Tokens signed lately, by signing input. Every reply embeds each session's token, and
    /// claims change only once a second (`iat`), so most signatures repeat one just made;
    /// RS256 (PKCS#1 v1.5) is deterministic, so a cached token is exactly the one signing
    /// would make. Cleared whenever it reaches [`RECENT_TOKENS`].
    recent: Mutex<HashMap<String, String>>,
}

/// How many signed tokens the signer remembers.
const RECENT_TOKENS: usize = 4096;

impl Signer {
    /// A signer with a fresh 2048-bit key.
    pub fn generate() -> Result<Self, String> {
        let key = RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).map_err(|e| e.to_string())?;
        Ok(Self::from_key(key))
    }

    /// A signer with the key in a PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    pub fn from_pem(pem: &str) -> Result<Self, String> {
        let key =
            RsaPrivateKey::from_pkcs8_pem(pem).map_err(|e| format!("not an RSA PKCS#8 PEM key: {e}"))?;
        Ok(Self::from_key(key))
    }

    fn from_key(key: RsaPrivateKey) -> Self {
        let public = key.to_public_key();
        let (n, e) = (public.n().to_bytes_be(), public.e().to_bytes_be());
        // Like Clerk's `ins_…` kids, stable for a key: derived from its modulus.
        let kid = format!("ins_emulator_{}", hex(&Sha256::digest(&n)[..8]));
        let jwk = json!({
            "kty": "RSA",
            "use": "sig",
            "alg": "RS256",
            "kid": kid,
            "n": URL_SAFE_NO_PAD.encode(&n),
            "e": URL_SAFE_NO_PAD.encode(&e),
        });
        let header = |cat| encode(&json!({"alg": "RS256", "typ": "JWT", "kid": kid, "cat": cat}));
        Self {
            key: SigningKey::<Sha256>::new(key),
            session_header: header(SESSION_TOKEN_CATEGORY),
            template_header: header(TEMPLATE_TOKEN_CATEGORY),
            kid,
            jwk,
            recent: Mutex::new(HashMap::new()),
        }
    }

    /// A session token carrying `claims`: its header has `typ: "JWT"` and
    /// [`SESSION_TOKEN_CATEGORY`].
    pub fn sign(&self, claims: &Value) -> String {
        self.sign_under(&self.session_header, claims)
    }

    /// A JWT template's token carrying `claims`: its header has `typ: "JWT"` and
    /// [`TEMPLATE_TOKEN_CATEGORY`], so no backend takes it for a session token.
    pub fn sign_template(&self, claims: &Value) -> String {
        self.sign_under(&self.template_header, claims)
    }

    /// Signs `claims` under an encoded header, from the cache when it can.
    fn sign_under(&self, header: &str, claims: &Value) -> String {
        let signing_input = format!("{header}.{}", encode(claims));
        let mut recent = lock(&self.recent);
        if let Some(token) = recent.get(&signing_input) {
            return token.clone();
        }
        let signature = self.key.sign(signing_input.as_bytes()).to_bytes();
        let token = format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature));
        if recent.len() >= RECENT_TOKENS {
            recent.clear();
        }
        recent.insert(signing_input, token.clone());
        token
    }

    /// Signs `claims` under a header with `fields` merged over
    /// `{"alg": "RS256", "typ": "JWT", "kid": …}` (a `cat`, another `typ`): for tokens of
    /// classes the emulator does not mint itself, in tests. Not cached.
    pub fn sign_with_header(&self, claims: &Value, fields: &serde_json::Map<String, Value>) -> String {
        let mut header = json!({"alg": "RS256", "typ": "JWT", "kid": self.kid});
        for (name, value) in fields {
            header[name] = value.clone();
        }
        let signing_input = format!("{}.{}", encode(&header), encode(claims));
        let signature = self.key.sign(signing_input.as_bytes()).to_bytes();
        format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature))
    }

    /// The key's id (`kid`), which every token's header names.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// `{keys: [<the public key as a JWK>]}`.
    pub fn jwks(&self) -> Value {
        json!({"keys": [self.jwk]})
    }
}

/// A JWT segment: `value`'s JSON, base64url-encoded without padding.
fn encode(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a session token says about its session.
pub struct SessionClaims<'a> {
    pub issuer: &'a str,
    pub user_id: &'a str,
    pub session_id: &'a str,
    /// The Origin of the request that minted it, if the browser sent one.
    pub authorized_party: Option<&'a str>,
    pub now_ms: i64,
    pub lifetime_secs: u64,
    /// Minutes since the first and second factor were verified (`fva`).
    pub factor_verification_age: [i64; 2],
}

impl SessionClaims<'_> {
    /// Clerk's session token v2 claims.
    pub fn to_json(&self) -> Value {
        let mut claims = standard_claims(
            self.issuer,
            self.user_id,
            self.authorized_party,
            self.now_ms,
            self.lifetime_secs,
        );
        claims["sid"] = json!(self.session_id);
        claims["v"] = json!(2);
        claims["fva"] = json!(self.factor_verification_age);
        claims["sts"] = json!("active");
        claims
    }
}

/// `iss sub iat nbf exp` (and `azp` when known): what every Clerk token carries. `nbf`
/// allows 10 s of clock skew, like Clerk's default template.
pub fn standard_claims(
    issuer: &str,
    subject: &str,
    azp: Option<&str>,
    now_ms: i64,
    lifetime_secs: u64,
) -> Value {
    let iat = now_ms.div_euclid(1000);
    let mut claims = json!({
        "iss": issuer,
        "sub": subject,
        "iat": iat,
        "nbf": iat - 10,
        "exp": iat + i64::try_from(lifetime_secs).unwrap_or(60),
    });
    if let Some(azp) = azp {
        claims["azp"] = json!(azp);
    }
    claims
}

#[cfg(test)]
mod tests {
    use rsa::RsaPublicKey;
    use rsa::pkcs1v15::{Signature, VerifyingKey};
    use rsa::signature::Verifier;

    use super::*;

    fn test_signer() -> Signer {
        Signer::from_pem(include_str!("../tests/fixtures/test-key.pem")).unwrap()
    }

    #[test]
    fn a_remembered_token_is_the_one_signing_anew_makes() {
        let claims = json!({"sub": "user_1", "iat": 1_700_000_000});
        let signer = test_signer();
        let first = signer.sign(&claims);
        assert_eq!(signer.sign(&claims), first);
        // A second signer with the same key and nothing remembered signs the same bytes.
        assert_eq!(test_signer().sign(&claims), first);
        assert_ne!(
            signer.sign(&json!({"sub": "user_1", "iat": 1_700_000_001})),
            first
        );
    }

    #[test]
    fn tokens_verify_against_the_published_jwk() {
        let signer = test_signer();
        let claims = SessionClaims {
            issuer: "https://x.clerk.accounts.dev",
            user_id: "user_1",
            session_id: "sess_1",
            authorized_party: Some("http://localhost:8080"),
            now_ms: 1_700_000_000_999,
            lifetime_secs: 60,
            factor_verification_age: [0, -1],
        };
        let jwt = signer.sign(&claims.to_json());
        let parts: Vec<&str> = jwt.split('.').collect();
        let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
        assert_eq!(
            (header["alg"].as_str(), header["kid"].as_str()),
            (Some("RS256"), Some(signer.kid.as_str()))
        );
        let payload: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(payload["sid"], "sess_1");
        assert_eq!(
            payload["exp"].as_i64().unwrap() - payload["iat"].as_i64().unwrap(),
            60
        );

        let jwk = &signer.jwks()["keys"][0];
        let decode = |field: &str| {
            rsa::BigUint::from_bytes_be(&URL_SAFE_NO_PAD.decode(jwk[field].as_str().unwrap()).unwrap())
        };
        let public = RsaPublicKey::new(decode("n"), decode("e")).unwrap();
        let signature = Signature::try_from(URL_SAFE_NO_PAD.decode(parts[2]).unwrap().as_slice()).unwrap();
        let verifier = VerifyingKey::<Sha256>::new(public);
        let signed = format!("{}.{}", parts[0], parts[1]);
        assert!(verifier.verify(signed.as_bytes(), &signature).is_ok());
        let tampered = signed.replacen('e', "f", 1);
        assert!(verifier.verify(tampered.as_bytes(), &signature).is_err());
    }

    fn header(jwt: &str) -> Value {
        let encoded = jwt.split('.').next().unwrap();
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(encoded).unwrap()).unwrap()
    }

    #[test]
    fn each_class_of_token_carries_its_category() {
        let signer = test_signer();
        let claims = json!({"sub": "user_1", "iat": 1_700_000_000});
        let kid = signer.kid().to_owned();
        assert_eq!(
            header(&signer.sign(&claims)),
            json!({"alg": "RS256", "typ": "JWT", "kid": kid, "cat": "cl_B7d4PD111AAA"})
        );
        let template = signer.sign_template(&claims);
        assert_eq!(
            header(&template),
            json!({"alg": "RS256", "typ": "JWT", "kid": kid, "cat": "cl_B7d4PD222AAA"})
        );
        // Same claims, another class: never the session token from the cache.
        assert_ne!(template, signer.sign(&claims));
    }

    #[test]
    fn a_key_file_that_is_not_a_key_is_refused() {
        assert!(Signer::from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----").is_err());
    }
}
