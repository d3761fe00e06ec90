//! Which copy of Clerk's cookies to read: clerk-js writes each twice, as `__session` and as
//! `__session_<suffix>`, and an unsuffixed copy may belong to another instance's app on the
//! same host (cookies ignore ports).

use super::instance::ClerkInstance;
use super::request::RequestFacts;
use crate::claims::Jwt;

/// `AuthenticateContext.usesSuffixedCookies()` of `@clerk/backend`, case by case.
pub(super) fn uses_suffixed_cookies(request: &RequestFacts, instance: &ClerkInstance, now: i64) -> bool {
    let suffixed = |name: &str| request.cookie(&format!("{name}_{}", instance.cookie_suffix()));
    let suffixed_uat = suffixed("__client_uat");
    let uat = request.cookie("__client_uat");
    let suffixed_session = suffixed("__session");
    let session = request.cookie("__session");
    let session_jwt = session.as_deref().and_then(|token| Jwt::decode(token).ok());
    let suffixed_jwt = suffixed_session
        .as_deref()
        .and_then(|token| Jwt::decode(token).ok());

    if session.is_some() {
        let issuer = session_jwt.as_ref().and_then(|jwt| jwt.payload.get("iss"));
        // An unreadable token, or one without an issuer, is nobody's: keep the plain cookies.
        if !issuer.is_some_and(is_truthy) {
            return false;
        }
        // Another instance's token: this app's cookies are the suffixed ones.
        if !issuer
            .and_then(|iss| iss.as_str())
            .is_some_and(|iss| instance.issued_loosely(iss))
        {
            return true;
        }
    }
    if suffixed_uat.is_none() && suffixed_session.is_none() {
        return false;
    }
    let iat = |jwt: &Option<Jwt>| {
        jwt.as_ref()
            .and_then(|jwt| jwt.payload.get("iat"))
            .and_then(|iat| iat.as_f64())
            .filter(|iat| *iat != 0.0)
            .unwrap_or(0.0)
    };
    let is_zero = |uat: &Option<String>| uat.as_deref() == Some("0");
    // Both copies signed in, the plain token newer: the plain copy is current.
    if !is_zero(&suffixed_uat) && !is_zero(&uat) && iat(&session_jwt) > iat(&suffixed_jwt) {
        return false;
    }
    // Signed out under the suffix but in under the plain name (an older clerk-js wrote it).
    if is_zero(&suffixed_uat) && !is_zero(&uat) {
        return false;
    }
    if instance.is_development() {
        let suffixed_expired = suffixed_jwt.as_ref().is_some_and(|jwt| {
            jwt.payload
                .get("exp")
                .and_then(|exp| exp.as_f64())
                .is_some_and(|exp| exp <= now as f64)
        });
        if !is_zero(&suffixed_uat) && is_zero(&uat) && suffixed_expired {
            return false;
        }
    }
    if suffixed_uat.is_none() && suffixed_session.is_some() {
        return false;
    }
    true
}

/// JavaScript's truthiness of a JSON value (`!!value`).
fn is_truthy(value: &serde_json::Value) -> bool {
    use serde_json::Value;
    match value {
        Value::Null => false,
        Value::Bool(flag) => *flag,
        Value::Number(number) => number.as_f64().is_some_and(|n| n != 0.0 && !n.is_nan()),
        Value::String(text) => !text.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}
