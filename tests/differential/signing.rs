//! The tests' own RS256 signer: the emulator's test key, and JWTs with any header at all
//! (the emulator's signer always sets `typ`, which a case may need to leave out).

use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};
use rsa::signature::{SignatureEncoding, Signer};
use serde_json::{Map, Value};
use sha2::Sha256;

/// The issuer every generated token names, and every verifier expects.
pub const ISSUER: &str = "https://clerk.example.com";

const KEY_PEM: &str = include_str!("../../emulator/tests/fixtures/test-key.pem");

/// The test key: signing half for us, public PEM for both verifiers.
pub struct TestKey {
    pub key: SigningKey<Sha256>,
    pub public_pem: String,
}

impl TestKey {
    pub fn load() -> Self {
        let private = rsa::RsaPrivateKey::from_pkcs8_pem(KEY_PEM).expect("the test key");
        let public_pem = private
            .to_public_key()
            .to_public_key_pem(Default::default())
            .expect("a PEM");
        Self {
            key: SigningKey::<Sha256>::new(private),
            public_pem,
        }
    }
}

/// Unpadded base64url, as JWTs are encoded.
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0_u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// An RS256 JWT with exactly this header (no field added or dropped: a case may leave out
/// `typ`) and payload.
pub fn sign(key: &SigningKey<Sha256>, header: &Map<String, Value>, payload: &Map<String, Value>) -> String {
    let input = format!(
        "{}.{}",
        base64url(Value::Object(header.clone()).to_string().as_bytes()),
        base64url(Value::Object(payload.clone()).to_string().as_bytes())
    );
    let signature = key.sign(input.as_bytes()).to_bytes();
    format!("{input}.{}", base64url(&signature))
}
