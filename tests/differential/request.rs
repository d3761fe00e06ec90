//! Which token a request is authenticated by, against Clerk's choice: generated requests
//! (an `Authorization` header in every shape Clerk reads, or none; a `__session` cookie,
//! valid, expired, unreadable, empty, repeated or conflicting, or none; GET, or POST from
//! the site or from another origin) go through a router behind [`ClerkLayer`] and through
//! `@clerk/backend`'s `authenticateRequest` (`request.mjs`). The verdict compared: whom the
//! request is signed in as, or that it is not.
//!
//! A request with a session cookie also carries a `__client_uat` older than the token, so
//! that Clerk's cookie path reaches its verification: Clerk's rules for `__client_uat`, the
//! handshake and suffixed cookies are not ported yet (the SSR work ports them).

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::routing::any;
use leptos_clerk::axum::{ClerkAuth, ClerkLayer};
use leptos_clerk::server::Verifier;
use rsa::pkcs1v15::SigningKey;
use serde_json::{Map, Value, json};
use sha2::Sha256;
use tower::ServiceExt;

use crate::signing::{ISSUER, TestKey, sign};
use crate::support::{Rng, clerks_verdicts, report, seeds};

/// Requests per seed; two seeds per run.
const CASES: usize = 500;

/// Where we mean to differ from Clerk, and why. Each names the generator's tag it covers.
const ALLOWED: &[(&str, &str)] = &[
    (
        "bearer-case",
        "`authorization: bearer <token>` in lower case: we read the scheme without regard to \
         case, as RFC 9110 §11.1 asks; Clerk reads only `Bearer` and falls back to the cookie",
    ),
    (
        "conflicting-cookies",
        "several different `__session` cookies: we sign the request out (one may have been \
         planted by a sibling subdomain); Clerk takes the first",
    ),
    (
        "cross-site-cookie",
        "a cookie-borne token on a POST from another origin: we sign it out (cross-site \
         request forgery); Clerk has no such check",
    ),
];

struct Case {
    method: &'static str,
    headers: Vec<(String, String)>,
    allowed: Option<&'static str>,
}

fn token(key: &SigningKey<Sha256>, user: &str, now: i64, lifetime: i64) -> String {
    let header = json!({"alg": "RS256", "typ": "JWT", "kid": "ins_differential"});
    let payload = json!({
        "iss": ISSUER, "sub": user, "sid": format!("sess_{user}"),
        "iat": now - 10, "nbf": now - 20, "exp": now + lifetime,
    });
    sign(key, header.as_object().unwrap(), payload.as_object().unwrap())
}

fn case(rng: &mut Rng, tokens: &Map<String, Value>, now: i64) -> Case {
    let token = |name: &str| tokens[name].as_str().unwrap().to_owned();
    let mut headers = Vec::new();
    let mut allowed = None;
    let authorization = match rng.below(12) {
        0..=4 => None,
        5 => Some(format!("Bearer {}", token("header"))),
        6 => {
            let broken = *rng.pick(&["expired", "garbage"]);
            Some(format!("Bearer {}", token(broken)))
        }
        7 => {
            allowed = Some("bearer-case");
            Some(format!("bearer {}", token("header")))
        }
        8 => Some(token("header")),
        9 => Some("Basic dXNlcjpwYXNz".to_owned()),
        10 => Some(format!("Bearer {} trailing", token("header"))),
        _ => Some(format!("Bearer  {}", token("header"))),
    };
    if let Some(value) = authorization {
        headers.push(("authorization".to_owned(), value));
    }
    let cookie = match rng.below(8) {
        0 | 1 => None,
        2 | 3 => Some(format!("theme=dark; __session={}", token("cookie"))),
        4 => {
            let broken = *rng.pick(&["expired", "garbage"]);
            Some(format!("__session={}", token(broken)))
        }
        5 => Some("__session=".to_owned()),
        6 => Some(format!("__session={0}; __session={0}", token("cookie"))),
        _ => {
            allowed = allowed.or(Some("conflicting-cookies"));
            Some(format!(
                "__session={}; __session={}",
                token("cookie"),
                token("other")
            ))
        }
    };
    if let Some(cookie) = cookie {
        headers.push((
            "cookie".to_owned(),
            format!("{cookie}; __client_uat={}", now - 20),
        ));
    }
    let method = match rng.below(10) {
        0 => {
            headers.push(("sec-fetch-site".to_owned(), "same-origin".to_owned()));
            "POST"
        }
        1 => {
            headers.push(("origin".to_owned(), "https://evil.example".to_owned()));
            allowed = allowed.or(Some("cross-site-cookie"));
            "POST"
        }
        _ => "GET",
    };
    headers.push(("host".to_owned(), "api.example.com".to_owned()));
    headers.push(("accept".to_owned(), "application/json".to_owned()));
    Case {
        method,
        headers,
        allowed,
    }
}

async fn our_verdict(app: &Router, case: &Case) -> Value {
    let mut request = http::Request::builder().method(case.method).uri("/api/me");
    for (name, value) in &case.headers {
        request = request.header(name, value);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).expect("a request"))
        .await
        .expect("the router answers");
    let status = response.status();
    let body = to_bytes(response.into_body(), 1 << 16).await.expect("a body");
    if status.is_success() {
        json!({ "user_id": String::from_utf8_lossy(&body) })
    } else {
        json!({ "user_id": null })
    }
}

#[test]
fn the_token_a_request_is_authenticated_by_agrees_with_clerks() {
    let TestKey { key, public_pem } = TestKey::load();
    // Real time on both sides: every token is valid for an hour or expired an hour ago.
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    let tokens = json!({
        "header": token(&key, "user_header", now, 3600),
        "cookie": token(&key, "user_cookie", now, 3600),
        "other": token(&key, "user_other", now, 3600),
        "expired": token(&key, "user_expired", now - 7200, 3600),
        "garbage": "not.a.jwt",
    });
    let tokens = tokens.as_object().unwrap();
    let seeds = seeds();
    let cases: Vec<(u64, Case)> = seeds
        .iter()
        .flat_map(|&seed| {
            let mut rng = Rng(seed);
            (0..CASES)
                .map(|_| (seed, case(&mut rng, tokens, now)))
                .collect::<Vec<_>>()
        })
        .collect();
    let inputs: Vec<Value> = cases
        .iter()
        .map(|(_, case)| json!({ "method": case.method, "headers": case.headers }))
        .collect();
    let Some(theirs) = clerks_verdicts("request.mjs", &inputs, &[("DIFFERENTIAL_JWT_KEY", &public_pem)])
    else {
        return;
    };

    let verifier = Arc::new(Verifier::with_public_key_pem(public_pem).issuer(ISSUER).build());
    let app = Router::new()
        .route(
            "/api/me",
            any(|auth: ClerkAuth| async move { auth.user_id().to_owned() }),
        )
        .layer(ClerkLayer::new(verifier));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let mut disagreements = Vec::new();
    let mut allowed = std::collections::HashMap::<&str, usize>::new();
    let mut signed_in = 0;
    for ((seed, case), theirs) in cases.iter().zip(theirs) {
        let ours = runtime.block_on(our_verdict(&app, case));
        signed_in += usize::from(!theirs["user_id"].is_null());
        if ours["user_id"] == theirs["user_id"] {
            continue;
        }
        if let Some(tag) = case.allowed {
            *allowed.entry(tag).or_default() += 1;
            continue;
        }
        let shown: Vec<String> = case
            .headers
            .iter()
            .map(|(name, value)| {
                let mut value = value.clone();
                for (token_name, token) in tokens {
                    value = value.replace(token.as_str().unwrap(), &format!("<{token_name}>"));
                }
                format!("{name}: {value}")
            })
            .collect();
        disagreements.push(format!(
            "seed {seed}\n  {} {shown:?}\n  ours:    {ours}\n  Clerk's: {theirs}",
            case.method
        ));
    }
    let counts: Vec<(&str, usize)> = ALLOWED
        .iter()
        .map(|(tag, _)| (*tag, allowed.get(tag).copied().unwrap_or(0)))
        .collect();
    report(
        "the request's token vs @clerk/backend authenticateRequest",
        &format!(" ({signed_in} signed in by Clerk)"),
        cases.len(),
        &seeds,
        &disagreements,
        &counts,
    );
}
