//! `claims::verify` in the browser: WebCrypto against a JWKS, every refusal its own error.

use leptos_clerk::claims::{VerifyError, VerifyOptions, verify};
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(module = "/tests/browser/signer.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeSigner)]
    fn make_signer(kid: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = jwksUrl)]
    fn jwks_url(signer: &JsValue) -> String;
    #[wasm_bindgen(js_name = signToken)]
    fn sign_token(signer: &JsValue, header: &str, payload: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = encodePart)]
    fn encode_part(json: &str) -> String;
}

/// What a refused token's error must look like.
type Expect = fn(&VerifyError) -> bool;

const ISSUER: &str = "https://verify.clerk.accounts.dev";

async fn signer(kid: &str) -> JsValue {
    JsFuture::from(make_signer(kid)).await.unwrap()
}

async fn token(signer: &JsValue, header: Value, payload: Value) -> String {
    let signed = sign_token(signer, &header.to_string(), &payload.to_string());
    JsFuture::from(signed).await.unwrap().as_string().unwrap()
}

fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

fn payload() -> Value {
    json!({"iss": ISSUER, "sub": "user_1", "sid": "sess_1", "azp": "http://localhost", "iat": now(), "nbf": now() - 10, "exp": now() + 60})
}

fn options() -> VerifyOptions {
    VerifyOptions::default()
        .issuer(ISSUER)
        .authorized_parties(["http://localhost"])
}

#[wasm_bindgen_test]
async fn a_valid_token_passes_and_each_refusal_has_its_own_error() {
    let key = signer("kid_1").await;
    let other = signer("kid_1").await; // same kid, another key
    let url = jwks_url(&key);
    let header = json!({"alg": "RS256", "kid": "kid_1", "typ": "JWT"});
    let valid = token(&key, header.clone(), payload()).await;

    let jwt = verify(&valid, &url, &options()).await.unwrap();
    assert_eq!(jwt.payload["sub"], "user_1");

    let (signed, signature) = valid.rsplit_once('.').unwrap();
    let (head, _) = signed.split_once('.').unwrap();
    let mut altered = payload();
    altered["sub"] = json!("user_2");
    let tampered_payload = format!("{head}.{}.{signature}", encode_part(&altered.to_string()));
    let flipped = if signature.starts_with('A') { "B" } else { "A" };
    let tampered_signature = format!("{signed}.{flipped}{}", &signature[1..]);
    let mut expired = payload();
    expired["exp"] = json!(now() - 60);
    let mut foreign = payload();
    foreign["iss"] = json!("https://evil.example");
    let mut party = payload();
    party["azp"] = json!("https://evil.example");

    let cases: Vec<(String, Expect)> = vec![
        (
            format!(
                "{}.{}.c2ln",
                encode_part(r#"{"alg":"none"}"#),
                encode_part(&payload().to_string())
            ),
            |e| *e == VerifyError::Unsigned,
        ),
        (
            token(&key, json!({"alg": "HS256", "kid": "kid_1"}), payload()).await,
            |e| *e == VerifyError::SymmetricAlgorithm("HS256".into()),
        ),
        (
            token(&key, json!({"alg": "RS256", "kid": "kid_9"}), payload()).await,
            |e| *e == VerifyError::UnknownKey(Some("kid_9".into())),
        ),
        (tampered_payload, |e| *e == VerifyError::BadSignature),
        (tampered_signature, |e| *e == VerifyError::BadSignature),
        (token(&other, header.clone(), payload()).await, |e| {
            *e == VerifyError::BadSignature
        }),
        (token(&key, header.clone(), expired).await, |e| {
            matches!(e, VerifyError::Expired { .. })
        }),
        (token(&key, header.clone(), foreign).await, |e| {
            matches!(e, VerifyError::WrongIssuer { .. })
        }),
        (token(&key, header.clone(), party).await, |e| {
            *e == VerifyError::UnauthorizedParty("https://evil.example".into())
        }),
        ("not a token".into(), |e| matches!(e, VerifyError::Malformed(_))),
    ];
    for (bad, expected) in cases {
        let error = verify(&bad, &url, &options()).await.unwrap_err();
        assert!(expected(&error), "{error:?} for {bad:.40}");
    }
}

#[wasm_bindgen_test]
async fn an_unreachable_jwks_is_its_own_error() {
    let key = signer("kid_1").await;
    let valid = token(&key, json!({"alg": "RS256", "kid": "kid_1"}), payload()).await;
    let error = verify(&valid, "/no-such-jwks.json", &options())
        .await
        .unwrap_err();
    assert!(matches!(error, VerifyError::Keys(_)), "{error:?}");
}
