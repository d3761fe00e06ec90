//! The server verifier against tokens clerk-emulator signs: what passes, each refusal with
//! its own error, key caching, fetch failures, a burst of unknown kids.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use clerk_emulator::Signer;
use hmac::{Hmac, Mac};
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};
use serde_json::{Value, json};

use super::*;
use crate::claims::VerifyError;
use crate::encoding::encode_url;

const KEY_PEM: &str = include_str!("../../emulator/tests/fixtures/test-key.pem");
const ISSUER: &str = "https://x.clerk.accounts.dev";
const NOW: i64 = 1_800_000_000;

fn signer() -> Signer {
    Signer::from_pem(KEY_PEM).unwrap()
}

fn claims() -> Value {
    json!({"iss": ISSUER, "sub": "user_1", "sid": "sess_1", "azp": "https://app.example", "iat": NOW, "nbf": NOW - 10, "exp": NOW + 60, "v": 2})
}

/// A JWKS source that counts fetches and can be made to fail.
struct Source {
    jwks: String,
    fetches: Arc<AtomicUsize>,
    down: Arc<AtomicBool>,
}

impl JwksSource for Source {
    fn fetch(&self) -> Pin<Box<dyn Future<Output = Result<String, String>> + Send + '_>> {
        Box::pin(async move {
            self.fetches.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            if self.down.load(Ordering::SeqCst) {
                Err("connection refused".into())
            } else {
                Ok(self.jwks.clone())
            }
        })
    }
}

fn counted_verifier() -> (Verifier, Arc<AtomicUsize>, Arc<AtomicBool>) {
    let (fetches, down) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicBool::new(false)));
    let source = Source {
        jwks: signer().jwks().to_string(),
        fetches: fetches.clone(),
        down: down.clone(),
    };
    let verifier = Verifier::with_jwks_source(source)
        .issuer(ISSUER)
        .authorized_parties(["https://app.example"])
        .build();
    (verifier, fetches, down)
}

fn b64(value: &Value) -> String {
    encode_url(value.to_string().as_bytes())
}

#[tokio::test]
async fn a_token_the_emulator_signs_verifies() {
    let (verifier, fetches, _) = counted_verifier();
    let verified = verifier.verify_at(&signer().sign(&claims()), NOW).await.unwrap();
    assert_eq!(verified.claims.user_id, "user_1");
    assert_eq!(verified.claims.session_id.as_deref(), Some("sess_1"));
    verifier
        .verify_at(&signer().sign(&claims()), NOW + 1)
        .await
        .unwrap();
    assert_eq!(fetches.load(Ordering::SeqCst), 1, "the keys are cached");
}

#[tokio::test]
async fn every_refused_case_has_its_own_error() {
    let (verifier, _, _) = counted_verifier();
    let sign = |claims: Value| signer().sign(&claims);
    let with = |key: &str, value: Value| {
        let mut c = claims();
        c[key] = value;
        c
    };
    let valid = sign(claims());
    let (header, rest) = valid.split_once('.').unwrap();
    let (_, signature) = rest.split_once('.').unwrap();
    let tampered_payload = format!("{header}.{}.{signature}", b64(&with("sub", json!("user_2"))));
    let flipped = if signature.starts_with('A') { "B" } else { "A" };
    let tampered_signature = format!(
        "{}.{flipped}{}",
        valid.rsplit_once('.').unwrap().0,
        &signature[1..]
    );
    let unsigned = format!("{}.{}.", b64(&json!({"alg": "none"})), b64(&claims())) + "c2ln";
    // The classic key-confusion forgery: HS256 keyed with the RSA public key.
    let public_pem = rsa::RsaPrivateKey::from_pkcs8_pem(KEY_PEM)
        .unwrap()
        .to_public_key()
        .to_public_key_pem(Default::default())
        .unwrap();
    let forged_input = format!(
        "{}.{}",
        b64(&json!({"alg": "HS256", "typ": "JWT"})),
        b64(&claims())
    );
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(public_pem.as_bytes()).unwrap();
    mac.update(forged_input.as_bytes());
    let forged = format!("{forged_input}.{}", encode_url(&mac.finalize().into_bytes()));
    let unknown_kid = format!(
        "{}.{}.{signature}",
        b64(&json!({"alg": "RS256", "kid": "ins_other"})),
        b64(&claims())
    );

    let cases: Vec<(&str, String, VerifyError)> = vec![
        (
            "expired",
            sign(with("exp", json!(NOW - 6))),
            VerifyError::Expired {
                expired_at: NOW - 6,
                now: NOW,
            },
        ),
        (
            "not yet valid",
            sign(with("nbf", json!(NOW + 6))),
            VerifyError::NotYetValid {
                not_before: NOW + 6,
                now: NOW,
            },
        ),
        (
            "issued in the future",
            sign(with("iat", json!(NOW + 6))),
            VerifyError::IssuedInFuture {
                issued_at: NOW + 6,
                now: NOW,
            },
        ),
        (
            "wrong issuer",
            sign(with("iss", json!("https://evil.example"))),
            VerifyError::WrongIssuer {
                expected: ISSUER.into(),
                found: "https://evil.example".into(),
            },
        ),
        (
            "wrong azp",
            sign(with("azp", json!("https://evil.example"))),
            VerifyError::UnauthorizedParty("https://evil.example".into()),
        ),
        ("tampered payload", tampered_payload, VerifyError::BadSignature),
        (
            "tampered signature",
            tampered_signature,
            VerifyError::BadSignature,
        ),
        ("alg none", unsigned, VerifyError::Unsigned),
        (
            "HS256 with the public key",
            forged,
            VerifyError::SymmetricAlgorithm("HS256".into()),
        ),
        (
            "unknown kid",
            unknown_kid,
            VerifyError::UnknownKey(Some("ins_other".into())),
        ),
    ];
    for (case, token, expected) in cases {
        assert_eq!(
            verifier.verify_at(&token, NOW).await.unwrap_err(),
            expected,
            "{case}"
        );
    }
    assert!(
        verifier
            .verify_at(&sign(with("exp", json!(NOW - 4))), NOW)
            .await
            .is_ok(),
        "within the 5 s leeway"
    );
}

#[tokio::test]
async fn a_failed_fetch_keeps_serving_the_cached_keys() {
    let (verifier, fetches, down) = counted_verifier();
    let token = signer().sign(&claims());
    verifier.verify_at(&token, NOW).await.unwrap();
    down.store(true, Ordering::SeqCst);
    assert!(
        verifier.verify_at(&token, NOW).await.is_ok(),
        "known kid: no fetch needed"
    );
    assert_eq!(fetches.load(Ordering::SeqCst), 1);

    let (cold, _, down) = counted_verifier();
    down.store(true, Ordering::SeqCst);
    assert_eq!(
        cold.verify_at(&token, NOW).await.unwrap_err(),
        VerifyError::Keys("connection refused".into())
    );
}

#[tokio::test]
async fn a_burst_of_unknown_kids_fetches_once_per_interval() {
    let (verifier, fetches, _) = counted_verifier();
    let verifier = Arc::new(verifier);
    let signature = signer().sign(&claims()).rsplit_once('.').unwrap().1.to_owned();
    let token = format!(
        "{}.{}.{signature}",
        b64(&json!({"alg": "RS256", "kid": "ins_unknown"})),
        b64(&claims())
    );
    let tasks: Vec<_> = (0..1000)
        .map(|_| {
            let (verifier, token) = (verifier.clone(), token.clone());
            tokio::spawn(async move { verifier.verify_at(&token, NOW).await })
        })
        .collect();
    for task in tasks {
        assert_eq!(
            task.await.unwrap().unwrap_err(),
            VerifyError::UnknownKey(Some("ins_unknown".into()))
        );
    }
    assert_eq!(fetches.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_pem_public_key_verifies_without_any_network() {
    let pem = rsa::RsaPrivateKey::from_pkcs8_pem(KEY_PEM)
        .unwrap()
        .to_public_key()
        .to_public_key_pem(Default::default())
        .unwrap();
    let verifier = Verifier::with_public_key_pem(pem).issuer(ISSUER).build();
    assert!(verifier.verify_at(&signer().sign(&claims()), NOW).await.is_ok());
    assert!(Verifier::with_public_key_pem("not a key").try_build().is_err());
}

#[tokio::test]
async fn the_jwks_is_fetched_over_http_from_the_frontend_api() {
    let config = clerk_emulator::Config::parse(clerk_emulator::DEFAULT_CONFIG).unwrap();
    let emulator = clerk_emulator::Emulator::with_signer(config, signer());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let server =
        tokio::spawn(async move { axum::serve(listener, clerk_emulator::router(emulator, None)).await });
    let verifier = Verifier::for_frontend_api(&origin).build();
    let mut token_claims = claims();
    token_claims["iss"] = json!(origin);
    token_claims.as_object_mut().unwrap().remove("azp");
    let verified = verifier.verify_at(&signer().sign(&token_claims), NOW).await;
    server.abort();
    assert_eq!(verified.unwrap().claims.user_id, "user_1");
}
