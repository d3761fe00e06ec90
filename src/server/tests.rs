//! The server verifier against tokens clerk-emulator signs: what passes, each refusal with
//! its own error, key caching, fetch failures, a burst of unknown kids.

use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use clerk_emulator::Signer;
use hmac::{Hmac, Mac};
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};
use serde_json::{Value, json};

use super::keys::Clock;
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

/// A JWKS source that counts fetches, can be made to fail, and can change its document.
#[derive(Clone, Default)]
struct Source {
    jwks: Arc<Mutex<String>>,
    fetches: Arc<AtomicUsize>,
    down: Arc<AtomicBool>,
    /// Fails this many fetches, then answers again.
    failing: Arc<AtomicUsize>,
}

impl Source {
    fn serving(jwks: Value) -> Self {
        let source = Self::default();
        source.serve(jwks);
        source
    }

    fn serve(&self, jwks: Value) {
        *self.jwks.lock().unwrap() = jwks.to_string();
    }

    fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }
}

impl JwksSource for Source {
    fn fetch(&self) -> Pin<Box<dyn Future<Output = Result<String, String>> + Send + '_>> {
        Box::pin(async move {
            self.fetches.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            let failing = self
                .failing
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok();
            if failing || self.down.load(Ordering::SeqCst) {
                Err("connection refused".into())
            } else {
                Ok(self.jwks.lock().unwrap().clone())
            }
        })
    }
}

fn counted_verifier() -> (Verifier, Arc<AtomicUsize>, Arc<AtomicBool>) {
    let source = Source::serving(signer().jwks());
    let verifier = Verifier::with_jwks_source(source.clone())
        .issuer(ISSUER)
        .authorized_parties(["https://app.example"])
        .build();
    (verifier, source.fetches, source.down)
}

/// A clock that moves only when told (or when the key cache sleeps, which it records).
struct TestClock {
    start: Instant,
    elapsed: Mutex<Duration>,
    slept: Mutex<Vec<Duration>>,
}

impl TestClock {
    fn new() -> Arc<Self> {
        Arc::new(Self {
            start: Instant::now(),
            elapsed: Mutex::new(Duration::ZERO),
            slept: Mutex::new(Vec::new()),
        })
    }

    /// Moves to `at` after the start.
    fn set(&self, at: Duration) {
        *self.elapsed.lock().unwrap() = at;
    }

    fn slept(&self) -> Vec<Duration> {
        self.slept.lock().unwrap().clone()
    }
}

impl Clock for TestClock {
    fn now(&self) -> Instant {
        self.start + *self.elapsed.lock().unwrap()
    }

    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        *self.elapsed.lock().unwrap() += duration;
        self.slept.lock().unwrap().push(duration);
        Box::pin(async {})
    }
}

/// A verifier of `source`'s keys on a test clock: keys fresh for 5 min, at most one fetch a
/// minute.
fn clocked(source: &Source) -> (Verifier, Arc<TestClock>) {
    let clock = TestClock::new();
    let verifier = Verifier::with_jwks_source(source.clone())
        .issuer(ISSUER)
        .clock(clock.clone())
        .build();
    (verifier, clock)
}

/// Another key, which the tests rotate to under the fixture key's `kid`.
fn rotated_signer() -> &'static Signer {
    static SIGNER: OnceLock<Signer> = OnceLock::new();
    SIGNER.get_or_init(|| Signer::generate().unwrap())
}

/// The rotated key's JWKS, under the fixture key's `kid` (Clerk's `kid` names the instance).
fn rotated_jwks() -> Value {
    let mut jwks = rotated_signer().jwks();
    jwks["keys"][0]["kid"] = json!(signer().kid());
    jwks
}

/// A token of the rotated key, under the fixture key's `kid`.
fn rotated_token() -> String {
    let header = json!({"kid": signer().kid()});
    rotated_signer().sign_with_header(&claims(), header.as_object().unwrap())
}

fn minutes(m: u64) -> Duration {
    Duration::from_secs(60 * m)
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
    // As `@clerk/backend` with a `jwtKey`: the one key checks every token, whatever its kid.
    let other_kid = json!({"kid": "ins_other"});
    let token = signer().sign_with_header(&claims(), other_kid.as_object().unwrap());
    assert!(verifier.verify_at(&token, NOW).await.is_ok());
    assert!(matches!(
        Verifier::with_public_key_pem("not a key")
            .issuer(ISSUER)
            .try_build(),
        Err(ConfigError::InvalidPem(_))
    ));
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

// L1: the keys expire, and a key rotated under the same kid is picked up.

#[tokio::test]
async fn the_keys_are_fetched_again_once_they_expire() {
    let source = Source::serving(signer().jwks());
    let (verifier, clock) = clocked(&source);
    let token = signer().sign(&claims());
    verifier.verify_at(&token, NOW).await.unwrap();
    clock.set(minutes(5) - Duration::from_secs(1));
    verifier.verify_at(&token, NOW).await.unwrap();
    assert_eq!(source.fetches(), 1, "fresh for 5 minutes");

    // Clerk rotates the key; the kid stays.
    source.serve(rotated_jwks());
    clock.set(minutes(5));
    assert!(verifier.verify_at(&rotated_token(), NOW).await.is_ok());
    assert_eq!(source.fetches(), 2, "expired: fetched again");
    assert_eq!(
        verifier.verify_at(&token, NOW).await.unwrap_err(),
        VerifyError::BadSignature,
        "the old key is no longer trusted"
    );
}

#[tokio::test]
async fn a_bad_signature_under_a_known_kid_fetches_again_at_most_once_per_interval() {
    let source = Source::serving(signer().jwks());
    let (verifier, clock) = clocked(&source);
    verifier.verify_at(&signer().sign(&claims()), NOW).await.unwrap();

    source.serve(rotated_jwks());
    clock.set(minutes(1));
    assert!(
        verifier.verify_at(&rotated_token(), NOW).await.is_ok(),
        "the rotated key, fetched on the bad signature"
    );
    assert_eq!(source.fetches(), 2);

    // Forged signatures under the known kid: no fetch within the interval, then one.
    let old_key_token = signer().sign(&claims());
    for at in [61, 90, 119] {
        clock.set(Duration::from_secs(at));
        assert_eq!(
            verifier.verify_at(&old_key_token, NOW).await.unwrap_err(),
            VerifyError::BadSignature
        );
    }
    assert_eq!(source.fetches(), 2, "within the refetch interval");
    clock.set(minutes(2));
    assert_eq!(
        verifier.verify_at(&old_key_token, NOW).await.unwrap_err(),
        VerifyError::BadSignature
    );
    assert_eq!(source.fetches(), 3, "one fetch per interval");
    assert!(verifier.verify_at(&rotated_token(), NOW).await.is_ok());
}

#[tokio::test]
async fn a_failed_refresh_keeps_the_old_keys_for_an_hour_at_most() {
    let source = Source::serving(signer().jwks());
    let (verifier, clock) = clocked(&source);
    let token = signer().sign(&claims());
    verifier.verify_at(&token, NOW).await.unwrap();

    source.down.store(true, Ordering::SeqCst);
    clock.set(minutes(5));
    assert!(verifier.verify_at(&token, NOW).await.is_ok(), "stale keys serve");
    assert_eq!(source.fetches(), 2);
    clock.set(minutes(5) + Duration::from_secs(59));
    assert!(verifier.verify_at(&token, NOW).await.is_ok());
    assert_eq!(source.fetches(), 2, "the refresh is tried once per interval");
    clock.set(minutes(6));
    assert!(verifier.verify_at(&token, NOW).await.is_ok());
    assert_eq!(source.fetches(), 3);

    clock.set(minutes(65));
    assert_eq!(
        verifier.verify_at(&token, NOW).await.unwrap_err(),
        VerifyError::Keys("connection refused".into()),
        "an hour past their expiry the keys are dropped"
    );

    source.down.store(false, Ordering::SeqCst);
    clock.set(minutes(66));
    assert!(verifier.verify_at(&token, NOW).await.is_ok(), "and fetched again");
}

// L2: no kid-less wildcard in JWKS mode, only RS256 signing keys.

#[tokio::test]
async fn a_kid_less_jwk_stands_in_for_no_other_kid() {
    let mut jwks = signer().jwks();
    jwks["keys"][0].as_object_mut().unwrap().remove("kid");
    let source = Source::serving(jwks);
    let (verifier, clock) = clocked(&source);
    assert_eq!(
        verifier
            .verify_at(&signer().sign(&claims()), NOW)
            .await
            .unwrap_err(),
        VerifyError::UnknownKey(Some(signer().kid().to_owned()))
    );
    assert_eq!(source.fetches(), 1);

    // A token without kid may use the only key there is (as the browser half does).
    let no_kid = json!({"kid": null});
    let kid_less_token = signer().sign_with_header(&claims(), no_kid.as_object().unwrap());
    assert!(verifier.verify_at(&kid_less_token, NOW).await.is_ok());

    // The kid-less key does not stop an unknown kid from fetching the JWKS again.
    source.serve(signer().jwks());
    clock.set(minutes(1));
    assert!(verifier.verify_at(&signer().sign(&claims()), NOW).await.is_ok());
    assert_eq!(source.fetches(), 2);
}

#[tokio::test]
async fn only_rsa_keys_for_rs256_signatures_verify() {
    let jwk = signer().jwks()["keys"][0].clone();
    let with = |field: &str, value: Value| {
        let mut jwk = jwk.clone();
        jwk[field] = value;
        json!({"keys": [jwk]})
    };
    let without = |field: &str| {
        let mut jwk = jwk.clone();
        jwk.as_object_mut().unwrap().remove(field);
        json!({"keys": [jwk]})
    };
    let unknown = VerifyError::UnknownKey(Some(signer().kid().to_owned()));
    let no_key = VerifyError::Keys("the JWKS has no RS256 signing key".into());
    let cases = [
        ("as published", signer().jwks(), Ok(())),
        ("no use", without("use"), Ok(())),
        ("no alg", without("alg"), Ok(())),
        ("use enc", with("use", json!("enc")), Err(no_key.clone())),
        ("alg RS512", with("alg", json!("RS512")), Err(no_key.clone())),
        ("kty EC", with("kty", json!("EC")), Err(no_key.clone())),
        ("use not a string", with("use", json!(5)), Err(no_key.clone())),
        ("n not base64url", with("n", json!("%%%")), Err(no_key.clone())),
        (
            "an unusable key beside",
            json!({"keys": [{"kty": "RSA", "kid": "x", "use": "enc"}, {"kty": "oct"}, jwk.clone()]}),
            Ok(()),
        ),
        (
            "the right key under another kid",
            with("kid", json!("ins_other")),
            Err(unknown.clone()),
        ),
        (
            "not a JWKS",
            json!({"key": []}),
            Err(VerifyError::Keys(
                "not a JWKS: missing field `keys` at line 1 column 10".into(),
            )),
        ),
    ];
    for (case, jwks, expected) in cases {
        let source = Source::serving(jwks);
        let (verifier, _) = clocked(&source);
        let result = verifier.verify_at(&signer().sign(&claims()), NOW).await.map(drop);
        assert_eq!(result, expected, "{case}");
    }
}

#[test]
fn a_verifier_checks_the_issuer_unless_told_not_to() {
    let pem = rsa::RsaPrivateKey::from_pkcs8_pem(KEY_PEM)
        .unwrap()
        .to_public_key()
        .to_public_key_pem(Default::default())
        .unwrap();
    let source = || Source::serving(signer().jwks());
    assert_eq!(
        Verifier::with_jwks_source(source()).try_build().err(),
        Some(ConfigError::MissingIssuer)
    );
    assert_eq!(
        Verifier::with_public_key_pem(pem.clone()).try_build().err(),
        Some(ConfigError::MissingIssuer)
    );
    assert!(
        Verifier::with_jwks_source(source())
            .issuer(ISSUER)
            .try_build()
            .is_ok()
    );
    assert!(
        Verifier::with_public_key_pem(pem)
            .allow_any_issuer()
            .try_build()
            .is_ok()
    );
    assert!(
        Verifier::for_frontend_api("clerk.example.com")
            .try_build()
            .is_ok()
    );
}

#[test]
#[should_panic(expected = "no issuer")]
fn build_panics_without_an_issuer() {
    let _ = Verifier::with_jwks_source(Source::default()).build();
}

// L3: the JWKS over TLS (or loopback), no redirect, a bounded body, a retry when cold.

#[tokio::test]
async fn plain_http_is_refused_except_to_a_loopback_host() {
    for host in [
        "http://clerk.example.com",
        "http://10.0.0.1:8787",
        "http://127.0.0.1@evil.example",
        "http://localhost.evil.example",
        "http://[::ffff:127.0.0.1]:8787",
    ] {
        assert_eq!(
            Verifier::for_frontend_api(host).try_build().err(),
            Some(ConfigError::InsecureUrl(host.into())),
            "{host}"
        );
    }
    for host in [
        "clerk.example.com",
        "https://clerk.example.com/",
        "http://127.0.0.1:8787",
        "http://127.1.2.3",
        "http://localhost:3000",
        "http://[::1]:8787",
    ] {
        assert!(Verifier::for_frontend_api(host).try_build().is_ok(), "{host}");
    }
    assert!(matches!(
        Verifier::for_frontend_api("https://exa mple.com").try_build(),
        Err(ConfigError::InvalidUrl { .. })
    ));
    // HttpJwks on its own refuses plain http to any other host, before connecting.
    let error = HttpJwks::new("http://clerk.example.com/.well-known/jwks.json")
        .fetch()
        .await
        .unwrap_err();
    assert!(error.contains("URL scheme is not allowed"), "{error}");
}

#[test]
#[should_panic(expected = "only fetched from a loopback host")]
fn build_panics_on_plain_http_to_another_host() {
    let _ = Verifier::for_frontend_api("http://clerk.example.com").build();
}

/// Serves one connection on 127.0.0.1 with `response` (raw HTTP/1.1) and returns its
/// origin. A thread of its own, so the client under test runs on the test's runtime.
fn serve_once(response: Vec<u8>) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = Vec::new();
        let mut buffer = [0; 1024];
        while !request.ends_with(b"\r\n\r\n") {
            let read = stream.read(&mut buffer).unwrap();
            if read == 0 {
                return;
            }
            request.extend_from_slice(&buffer[..read]);
        }
        let _ = stream.write_all(&response);
    });
    origin
}

fn ok_response(body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

#[tokio::test]
async fn http_jwks_follows_no_redirect() {
    let jwks = signer().jwks().to_string();
    assert_eq!(
        HttpJwks::new(serve_once(ok_response(&jwks))).fetch().await,
        Ok(jwks.clone()),
        "the JWKS itself is read"
    );
    let target = serve_once(ok_response(&jwks));
    let redirect = format!(
        "HTTP/1.1 302 Found\r\nlocation: {target}/\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
    );
    let origin = serve_once(redirect.into_bytes());
    let error = HttpJwks::new(format!("{origin}/.well-known/jwks.json"))
        .fetch()
        .await
        .unwrap_err();
    assert!(error.ends_with("answered 302 Found"), "{error}");
}

#[tokio::test]
async fn http_jwks_reads_at_most_64_kib() {
    let just_fits = " ".repeat(64 * 1024);
    assert_eq!(
        HttpJwks::new(serve_once(ok_response(&just_fits))).fetch().await,
        Ok(just_fits)
    );
    let declared = serve_once(ok_response(&" ".repeat(64 * 1024 + 1)));
    let error = HttpJwks::new(declared).fetch().await.unwrap_err();
    assert!(error.ends_with("the JWKS is over 64 KiB"), "{error}");

    // Chunked, so no length is declared: the read stops at the limit.
    let chunk = format!("{:x}\r\n{}\r\n", 16 * 1024, " ".repeat(16 * 1024));
    let chunked = format!(
        "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n{}0\r\n\r\n",
        chunk.repeat(5)
    );
    let error = HttpJwks::new(serve_once(chunked.into_bytes()))
        .fetch()
        .await
        .unwrap_err();
    assert!(error.ends_with("the JWKS is over 64 KiB"), "{error}");
}

#[tokio::test]
async fn a_cold_cache_retries_a_failed_fetch_once_after_a_pause() {
    let source = Source::serving(signer().jwks());
    source.failing.store(1, Ordering::SeqCst);
    let (verifier, clock) = clocked(&source);
    let token = signer().sign(&claims());
    assert!(
        verifier.verify_at(&token, NOW).await.is_ok(),
        "the retry succeeds"
    );
    assert_eq!(source.fetches(), 2);
    assert_eq!(clock.slept(), [Duration::from_millis(250)]);

    // Both fail: refused with the reason, and tried again after 5 s, not a minute.
    let source = Source::serving(signer().jwks());
    source.down.store(true, Ordering::SeqCst);
    let (verifier, clock) = clocked(&source);
    let down = VerifyError::Keys("connection refused".into());
    assert_eq!(verifier.verify_at(&token, NOW).await.unwrap_err(), down);
    assert_eq!(source.fetches(), 2);
    clock.set(Duration::from_secs(4));
    assert_eq!(verifier.verify_at(&token, NOW).await.unwrap_err(), down);
    assert_eq!(source.fetches(), 2, "no fetch within 5 s of the last");
    source.down.store(false, Ordering::SeqCst);
    clock.set(Duration::from_secs(6));
    assert!(verifier.verify_at(&token, NOW).await.is_ok());
    assert_eq!(source.fetches(), 3);
}

#[tokio::test]
async fn a_refresh_with_keys_in_hand_does_not_retry() {
    let source = Source::serving(signer().jwks());
    let (verifier, clock) = clocked(&source);
    let token = signer().sign(&claims());
    verifier.verify_at(&token, NOW).await.unwrap();
    source.down.store(true, Ordering::SeqCst);
    clock.set(minutes(5));
    assert!(verifier.verify_at(&token, NOW).await.is_ok());
    assert_eq!(source.fetches(), 2, "one attempt: the stale keys serve meanwhile");
    assert!(clock.slept().is_empty());
}
