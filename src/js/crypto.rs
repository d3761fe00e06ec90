//! `fetch` for a key set, and RSASSA-PKCS1-v1_5/SHA-256 verification with WebCrypto.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::options::JsOptions;
use super::read::clerk_error;

/// `GET url` as text; an error says what went wrong (unreachable, a non-2xx status).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let describe = |e: JsValue| clerk_error(e).to_string();
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(describe)?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("{url} answered {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(describe)?)
        .await
        .map_err(describe)?;
    Ok(text.as_string().unwrap_or_default())
}

/// Whether `signature` is a valid RS256 signature of `signed` under the RSA public key
/// with modulus `n` and exponent `e` (base64url, as a JWK has them), by `crypto.subtle`.
pub async fn rs256_signature_matches(
    n: &str,
    e: &str,
    signed: &[u8],
    signature: &[u8],
) -> Result<bool, String> {
    let crypto_error = |e: JsValue| format!("WebCrypto: {}", clerk_error(e));
    let subtle = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.subtle())
        .ok_or("WebCrypto is unavailable (it needs a secure context)")?;
    let jwk = JsOptions::new()
        .text("kty", "RSA")
        .text("n", n)
        .text("e", e)
        .text("alg", "RS256")
        .flag("ext", true)
        .into_js();
    let algorithm = JsOptions::new()
        .text("name", "RSASSA-PKCS1-v1_5")
        .text("hash", "SHA-256")
        .into_js();
    let algorithm = algorithm.unchecked_ref::<js_sys::Object>();
    let usages = Array::of1(&"verify".into());
    let import = subtle
        .import_key_with_object("jwk", jwk.unchecked_ref(), algorithm, false, &usages)
        .map_err(crypto_error)?;
    let crypto_key: web_sys::CryptoKey = JsFuture::from(import)
        .await
        .map_err(crypto_error)?
        .unchecked_into();
    let verified = subtle
        .verify_with_object_and_js_u8_array_and_js_u8_array(
            algorithm,
            &crypto_key,
            &Uint8Array::from(signature),
            &Uint8Array::from(signed),
        )
        .map_err(crypto_error)?;
    Ok(JsFuture::from(verified).await.map_err(crypto_error)?.as_bool() == Some(true))
}
