//! Verifying a token in the browser: RS256 with WebCrypto against the instance's JWKS.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::checks::{VerifyError, VerifyOptions, check_algorithm, check_claims};
use super::jwks::{Jwk, Jwks};
use super::jwt::Jwt;

thread_local! {
    /// JWKS documents by URL, kept for the page's life and refetched on an unknown `kid`.
    static KEY_SETS: RefCell<HashMap<String, Jwks>> = RefCell::new(HashMap::new());
}

/// Verifies `token` in the browser: algorithm (RS256 only), signature with WebCrypto
/// against the JWKS at `jwks_url` (cached by `kid`, fetched again once for an unknown one),
/// then `exp`/`nbf`/`iat` with the leeway, `iss` and `azp`. Returns the decoded token.
///
/// ```no_run
/// use leptos_clerk::claims::{verify, VerifyOptions};
///
/// # async fn run(token: &str) {
/// let options = VerifyOptions::default()
///     .issuer("https://clerk.example.com")
///     .authorized_parties(["https://example.com"]);
/// match verify(token, "https://clerk.example.com/.well-known/jwks.json", &options).await {
///     Ok(jwt) => leptos::logging::log!("valid token for {}", jwt.payload["sub"]),
///     Err(error) => leptos::logging::warn!("refused: {error}"),
/// }
/// # }
/// ```
pub async fn verify(token: &str, jwks_url: &str, options: &VerifyOptions) -> Result<Jwt, VerifyError> {
    let jwt = Jwt::decode(token)?;
    check_algorithm(&jwt.header)?;
    let kid = jwt.header.kid.clone();
    let key = match cached_key(jwks_url, kid.as_deref()) {
        Some(key) => key,
        None => {
            refresh_key_set(jwks_url).await?;
            cached_key(jwks_url, kid.as_deref()).ok_or(VerifyError::UnknownKey(kid))?
        }
    };
    if !signature_matches(&key, &jwt).await? {
        return Err(VerifyError::BadSignature);
    }
    let now = (js_sys::Date::now() / 1000.0) as i64;
    check_claims(&jwt, now, options)?;
    Ok(jwt)
}

fn cached_key(jwks_url: &str, kid: Option<&str>) -> Option<Jwk> {
    KEY_SETS.with(|sets| {
        sets.borrow()
            .get(jwks_url)
            .and_then(|set| set.rsa_key(kid).cloned())
    })
}

async fn refresh_key_set(jwks_url: &str) -> Result<(), VerifyError> {
    let keys = |e: JsValue| VerifyError::Keys(crate::bindings::clerk_error(e).to_string());
    let window = web_sys::window().ok_or_else(|| VerifyError::Keys("no window".into()))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(jwks_url))
        .await
        .map_err(keys)?
        .unchecked_into();
    if !response.ok() {
        return Err(VerifyError::Keys(format!(
            "{jwks_url} answered {}",
            response.status()
        )));
    }
    let text = JsFuture::from(response.text().map_err(keys)?)
        .await
        .map_err(keys)?;
    let set = Jwks::parse(&text.as_string().unwrap_or_default()).map_err(VerifyError::Keys)?;
    KEY_SETS.with(|sets| sets.borrow_mut().insert(jwks_url.to_owned(), set));
    Ok(())
}

/// RSASSA-PKCS1-v1_5 with SHA-256, by `crypto.subtle`.
async fn signature_matches(key: &Jwk, jwt: &Jwt) -> Result<bool, VerifyError> {
    let crypto_error =
        |e: JsValue| VerifyError::Keys(format!("WebCrypto: {}", crate::bindings::clerk_error(e)));
    let subtle = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.subtle())
        .ok_or_else(|| VerifyError::Keys("WebCrypto is unavailable (it needs a secure context)".into()))?;
    let set = |object: &Object, key: &str, value: &JsValue| {
        let _ = Reflect::set(object, &key.into(), value);
    };
    let jwk = Object::new();
    set(&jwk, "kty", &"RSA".into());
    set(&jwk, "n", &key.n.as_deref().unwrap_or_default().into());
    set(&jwk, "e", &key.e.as_deref().unwrap_or_default().into());
    set(&jwk, "alg", &"RS256".into());
    set(&jwk, "ext", &JsValue::TRUE);
    let algorithm = Object::new();
    set(&algorithm, "name", &"RSASSA-PKCS1-v1_5".into());
    set(&algorithm, "hash", &"SHA-256".into());
    let usages = Array::of1(&"verify".into());
    let import = subtle
        .import_key_with_object("jwk", &jwk, &algorithm, false, &usages)
        .map_err(crypto_error)?;
    let crypto_key: web_sys::CryptoKey = JsFuture::from(import)
        .await
        .map_err(crypto_error)?
        .unchecked_into();
    let verified = subtle
        .verify_with_object_and_js_u8_array_and_js_u8_array(
            &algorithm,
            &crypto_key,
            &Uint8Array::from(jwt.signature()),
            &Uint8Array::from(jwt.signing_input()),
        )
        .map_err(crypto_error)?;
    Ok(JsFuture::from(verified).await.map_err(crypto_error)?.as_bool() == Some(true))
}
