//! Decoding a JWT without verifying it: header, payload, and what a signature covers.

use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::encoding::decode_url;

/// Tokens longer than this are refused before any decoding: Clerk's are about 1 KB, and a
/// cookie cannot hold more than 4 KB.
pub const MAX_TOKEN_LEN: usize = 64 * 1024;

/// Why a string is not a usable JWT.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum JwtError {
    /// Longer than [`MAX_TOKEN_LEN`].
    TooLarge {
        /// Its length in bytes.
        len: usize,
    },
    /// Not `header.payload.signature`.
    NotThreeParts,
    /// A part is not base64url.
    BadBase64 {
        /// `header`, `payload` or `signature`.
        part: &'static str,
    },
    /// A part is not JSON.
    BadJson {
        /// `header` or `payload`.
        part: &'static str,
        /// The JSON parser's message.
        message: String,
    },
    /// A part is JSON but not an object.
    NotAnObject {
        /// `header` or `payload`.
        part: &'static str,
    },
    /// A claim that must be there is not.
    MissingClaim(&'static str),
    /// A claim has the wrong type.
    WrongClaimType {
        /// The claim.
        claim: String,
        /// What it should be.
        expected: &'static str,
    },
    /// The payload does not fit the type asked for (`Jwt::claims::<T>`).
    Shape(String),
}

impl fmt::Display for JwtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JwtError::TooLarge { len } => write!(f, "the token is {len} bytes, more than a JWT can be"),
            JwtError::NotThreeParts => f.write_str("a JWT has three dot-separated parts"),
            JwtError::BadBase64 { part } => write!(f, "the {part} is not base64url"),
            JwtError::BadJson { part, message } => write!(f, "the {part} is not JSON: {message}"),
            JwtError::NotAnObject { part } => write!(f, "the {part} is not a JSON object"),
            JwtError::MissingClaim(claim) => write!(f, "the `{claim}` claim is missing"),
            JwtError::WrongClaimType { claim, expected } => {
                write!(f, "the `{claim}` claim should be {expected}")
            }
            JwtError::Shape(message) => write!(f, "the claims do not have the expected shape: {message}"),
        }
    }
}

impl std::error::Error for JwtError {}

/// A JWT's protected header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JwtHeader {
    /// The signing algorithm (`RS256` for Clerk).
    pub alg: String,
    /// The key id, naming a key of the JWKS.
    pub kid: Option<String>,
    /// The token type: `JWT` for Clerk's session and template tokens, `at+jwt` for OAuth
    /// access tokens. A `typ` that is not a string reads as [`Some`] of its JSON text, so
    /// that it can never pass for `JWT`.
    pub typ: Option<String>,
    /// Clerk's token category (`cat`), which tells session tokens from machine tokens in
    /// current Clerk, when the token has one.
    pub cat: Option<String>,
}

/// A decoded, **not verified** JWT. Use [`verify`](crate::claims::verify) (browser) or the
/// server-side verifier before trusting anything in it.
///
/// ```
/// use leptos_clerk::claims::Jwt;
/// // {"alg":"RS256","kid":"k1"} . {"sub":"user_1","exp":2000000000} . (signature)
/// let token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1c2VyXzEiLCJleHAiOjIwMDAwMDAwMDB9.c2ln";
/// let jwt = Jwt::decode(token).unwrap();
/// assert_eq!(jwt.header.kid.as_deref(), Some("k1"));
/// assert_eq!(jwt.payload["sub"], "user_1");
/// assert!(Jwt::decode("not.a.jwt").is_err());
/// ```
#[derive(Clone, PartialEq)]
pub struct Jwt {
    /// The header.
    pub header: JwtHeader,
    /// The payload: every claim, as JSON.
    pub payload: Map<String, Value>,
    signing_input_len: usize,
    signature: Vec<u8>,
    raw: String,
}

/// Everything but the token itself: a bearer token in a log is a stolen session.
impl std::fmt::Debug for Jwt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jwt")
            .field("header", &self.header)
            .field("payload", &self.payload)
            .field("signature", &format_args!("<{} bytes>", self.signature.len()))
            .finish_non_exhaustive()
    }
}

impl Jwt {
    /// Decodes `token` (base64url and JSON; no verification).
    pub fn decode(token: &str) -> Result<Self, JwtError> {
        let token = token.trim();
        if token.len() > MAX_TOKEN_LEN {
            return Err(JwtError::TooLarge { len: token.len() });
        }
        let mut parts = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(JwtError::NotThreeParts);
        };
        if header.is_empty() || payload.is_empty() || signature.is_empty() {
            return Err(JwtError::NotThreeParts);
        }
        let header_json = json_object(header, "header")?;
        let alg = match header_json.get("alg") {
            Some(Value::String(alg)) => alg.clone(),
            Some(_) => {
                return Err(JwtError::WrongClaimType {
                    claim: "alg".into(),
                    expected: "a string",
                });
            }
            None => return Err(JwtError::MissingClaim("alg")),
        };
        let text = |key: &str| header_json.get(key).and_then(Value::as_str).map(str::to_owned);
        // A present `typ` or `cat` of another JSON type is kept as its JSON text: it is
        // something other than the string a check compares it with, never "absent".
        let present = |key: &str| match header_json.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(text)) => Some(text.clone()),
            Some(other) => Some(other.to_string()),
        };
        Ok(Self {
            header: JwtHeader {
                alg,
                kid: text("kid"),
                typ: present("typ"),
                cat: present("cat"),
            },
            payload: json_object(payload, "payload")?,
            signing_input_len: header.len() + 1 + payload.len(),
            signature: decode_url(signature).ok_or(JwtError::BadBase64 { part: "signature" })?,
            raw: token.to_owned(),
        })
    }

    /// The payload as your own claims type, e.g. a JWT template's.
    ///
    /// ```
    /// use leptos_clerk::claims::Jwt;
    /// #[derive(serde::Deserialize)]
    /// struct Supabase { role: String }
    /// // {"alg":"RS256"} . {"role":"authenticated","exp":2000000000} . (signature)
    /// let jwt = Jwt::decode("eyJhbGciOiJSUzI1NiJ9.eyJyb2xlIjoiYXV0aGVudGljYXRlZCIsImV4cCI6MjAwMDAwMDAwMH0.c2ln").unwrap();
    /// assert_eq!(jwt.claims::<Supabase>().unwrap().role, "authenticated");
    /// ```
    pub fn claims<T: DeserializeOwned>(&self) -> Result<T, JwtError> {
        T::deserialize(&self.payload).map_err(|e| JwtError::Shape(e.to_string()))
    }

    /// The bytes the signature covers: `header.payload` as sent.
    pub fn signing_input(&self) -> &[u8] {
        &self.raw.as_bytes()[..self.signing_input_len]
    }

    /// The signature's bytes.
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// The token as it came.
    pub fn as_str(&self) -> &str {
        &self.raw
    }
}

fn json_object(part: &str, name: &'static str) -> Result<Map<String, Value>, JwtError> {
    let bytes = decode_url(part).ok_or(JwtError::BadBase64 { part: name })?;
    match serde_json::from_slice(&bytes) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(JwtError::NotAnObject { part: name }),
        Err(error) => Err(JwtError::BadJson {
            part: name,
            message: error.to_string(),
        }),
    }
}
