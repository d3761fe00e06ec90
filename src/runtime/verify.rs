//! Verifying a token in the browser: RS256 with WebCrypto against the instance's JWKS.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::claims::{Jwk, Jwks, Jwt, VerifyError, VerifyOptions, check_algorithm, check_claims};
use crate::js::crypto::{fetch_text, rs256_signature_matches};
use crate::js::time::now_ms;

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
    let (n, e) = (
        key.n.as_deref().unwrap_or_default(),
        key.e.as_deref().unwrap_or_default(),
    );
    let matches = rs256_signature_matches(n, e, jwt.signing_input(), jwt.signature())
        .await
        .map_err(VerifyError::Keys)?;
    if !matches {
        return Err(VerifyError::BadSignature);
    }
    let now = now_ms().div_euclid(1000);
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
    let text = fetch_text(jwks_url).await.map_err(VerifyError::Keys)?;
    let set = Jwks::parse(&text).map_err(VerifyError::Keys)?;
    KEY_SETS.with(|sets| sets.borrow_mut().insert(jwks_url.to_owned(), set));
    Ok(())
}
