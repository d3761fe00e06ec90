//! The JSON Web Key Set a Clerk instance publishes at `/.well-known/jwks.json`.

use serde::Deserialize;

/// `{keys: [...]}`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Jwks {
    /// The keys; unknown kinds are kept and skipped when verifying.
    pub keys: Vec<Jwk>,
}

/// One public key.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Jwk {
    /// Key type: `RSA` for Clerk.
    pub kty: String,
    /// Key id, matched against a token's `kid`.
    #[serde(default)]
    pub kid: Option<String>,
    /// Intended algorithm, `RS256`.
    #[serde(default)]
    pub alg: Option<String>,
    /// RSA modulus, base64url.
    #[serde(default)]
    pub n: Option<String>,
    /// RSA exponent, base64url.
    #[serde(default)]
    pub e: Option<String>,
}

impl Jwks {
    /// Parses a JWKS document.
    pub fn parse(json: &str) -> Result<Self, String> {
        serde_json::from_str(json).map_err(|e| format!("not a JWKS: {e}"))
    }

    /// The RSA key with this `kid` (or the only RSA key, for a token without `kid`).
    pub fn rsa_key(&self, kid: Option<&str>) -> Option<&Jwk> {
        let mut rsa = self
            .keys
            .iter()
            .filter(|key| key.kty == "RSA" && key.n.is_some() && key.e.is_some());
        match kid {
            Some(kid) => rsa.find(|key| key.kid.as_deref() == Some(kid)),
            None => {
                let first = rsa.next();
                if rsa.next().is_some() { None } else { first }
            }
        }
    }
}
