//! Session tokens: JWTs with Clerk's v2 claims.
//!
//! Signed HS256 with a key made at start-up: clerk-js only decodes tokens, it never checks
//! their signature, so this is enough for the browser. (Backends verify RS256 against the
//! JWKS; that arrives with the tokens-and-claims work.)

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

/// Signs session tokens.
pub struct Signer {
    key: Vec<u8>,
}

impl Signer {
    /// A signer with a key derived from `seed` (the start-up time is enough on loopback).
    pub fn new(seed: &[u8]) -> Self {
        Self { key: seed.to_vec() }
    }

    /// A signed JWT carrying `claims`.
    pub fn sign(&self, claims: &Value) -> String {
        let header = json!({"alg": "HS256", "typ": "JWT", "kid": "ins_emulator"});
        let encode = |value: &Value| URL_SAFE_NO_PAD.encode(value.to_string());
        let signing_input = format!("{}.{}", encode(&header), encode(claims));
        // HMAC takes keys of any length.
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC accepts any key length");
        mac.update(signing_input.as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{signing_input}.{signature}")
    }
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
}

impl SessionClaims<'_> {
    /// Clerk's session token v2 claims.
    pub fn to_json(&self) -> Value {
        let iat = self.now_ms.div_euclid(1000);
        let mut claims = json!({
            "iss": self.issuer,
            "sub": self.user_id,
            "sid": self.session_id,
            "iat": iat,
            "nbf": iat - 10,
            "exp": iat + i64::try_from(self.lifetime_secs).unwrap_or(60),
            "v": 2,
            "fva": [0, -1],
            "sts": "active",
        });
        if let Some(azp) = self.authorized_party {
            claims["azp"] = json!(azp);
        }
        claims
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_have_three_parts_and_decodable_claims() {
        let claims = SessionClaims {
            issuer: "https://x.clerk.accounts.dev",
            user_id: "user_1",
            session_id: "sess_1",
            authorized_party: Some("http://localhost:8080"),
            now_ms: 1_700_000_000_999,
            lifetime_secs: 60,
        };
        let jwt = Signer::new(b"k").sign(&claims.to_json());
        let parts: Vec<&str> = jwt.split('.').collect();
        assert_eq!(parts.len(), 3);
        assert!(parts.iter().all(|part| !part.is_empty()));
        let payload: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(payload["sid"], "sess_1");
        assert_eq!(
            payload["exp"].as_i64().unwrap() - payload["iat"].as_i64().unwrap(),
            60
        );
        assert_eq!(payload["azp"], "http://localhost:8080");
    }
}
