//! Request authentication against Clerk's: generated requests (development and production
//! instances; documents, iframes, fetches and POSTs; `__session` and `__client_uat` plain,
//! suffixed or both, valid, its signature respelled, expired, not yet valid, issued in the
//! future, unreadable, of another instance, of another token type; dev browsers in the URL or
//! a cookie; the handshake loop guard; referrers from this site, another, or Clerk's) go
//! through [`leptos_clerk::server::authenticate`] and through `@clerk/backend`'s
//! `authenticateRequest` (`authenticate.mjs`). Compared: the status (signed in, signed out,
//! handshake), Clerk's reason, the loop guard's next value, and the handshake's URL (but for
//! its `format`, `token` here and `nonce` in Clerk's backend, which has the secret key).
//!
//! Handshakes come back too (`__clerk_handshake` in the URL or a cookie): signed in,
//! signed out, another instance's session, tampered (a byte of the signature changed, or
//! only the spelling of its last character), of another category, with a directive that is
//! not text, not a header value, or a `__session` without a value, unreadable; then
//! the cookies replayed and the development redirect to the clean URL are compared as well.
//!
//! Not generated, because not ported: satellites and `__clerk_redirect_url`, organization
//! sync, and `__refresh` cookies (Clerk would refresh through its Backend API, which needs
//! the secret key).

use std::time::{SystemTime, UNIX_EPOCH};

use leptos_clerk::server::Verifier;
use leptos_clerk::server::authenticate::{ClerkInstance, RequestFacts, RequestState, authenticate_request};
use rsa::pkcs1v15::SigningKey;
use serde_json::{Value, json};
use sha2::Sha256;

use crate::signing::{ISSUER, TestKey, sign};
use crate::support::{Rng, clerks_verdicts, report, seeds};

/// Requests per seed; two seeds per run.
const CASES: usize = 1500;

const DEVELOPMENT: &str = "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k";
const PRODUCTION: &str = "pk_live_Y2xlcmsuZXhhbXBsZS5jb20k";
const APP: &str = "https://app.example.com";

/// The session tokens a case can carry, by name.
fn tokens(key: &SigningKey<Sha256>, now: i64) -> Vec<(&'static str, String)> {
    let make = |header: Value, claims: Value| {
        let mut payload = json!({
            "iss": ISSUER, "sub": "user_ada", "sid": "sess_ada",
            "iat": now - 10, "nbf": now - 20, "exp": now + 3600,
        });
        for (name, value) in claims.as_object().unwrap() {
            match value {
                Value::Null => payload.as_object_mut().unwrap().remove(name),
                value => payload
                    .as_object_mut()
                    .unwrap()
                    .insert(name.clone(), value.clone()),
            };
        }
        let mut full_header = json!({"alg": "RS256", "typ": "JWT", "kid": "ins_differential"});
        for (name, value) in header.as_object().unwrap() {
            full_header
                .as_object_mut()
                .unwrap()
                .insert(name.clone(), value.clone());
        }
        sign(
            key,
            full_header.as_object().unwrap(),
            payload.as_object().unwrap(),
        )
    };
    let valid = make(json!({}), json!({}));
    vec![
        ("respelled", flip_signature_character(&valid, Flip::LeftoverBit)),
        ("valid", valid),
        ("older", make(json!({}), json!({"iat": now - 100}))),
        (
            "expired",
            make(
                json!({}),
                json!({"iat": now - 7200, "nbf": now - 7200, "exp": now - 3600}),
            ),
        ),
        (
            "not-yet",
            make(json!({}), json!({"nbf": now + 3600, "exp": now + 7200})),
        ),
        (
            "iat-future",
            make(json!({}), json!({"iat": now + 3600, "exp": now + 7200})),
        ),
        (
            "other-instance",
            make(json!({}), json!({"iss": "https://clerk.other.test"})),
        ),
        ("no-issuer", make(json!({}), json!({"iss": null}))),
        (
            "template",
            make(json!({"cat": "cl_T3mpl4t3"}), json!({"sid": null})),
        ),
        ("oauth", make(json!({"typ": "at+jwt"}), json!({}))),
        ("machine", make(json!({}), json!({"sub": "mch_robot"}))),
        ("garbage", "not.a.jwt".to_owned()),
    ]
}

/// Handshake tokens a case can bring back, by name: what Clerk's Frontend API would send
/// (signed in, plainly or under the suffix; signed out), and what it would not.
fn handshakes(key: &SigningKey<Sha256>, now: i64, suffix: &str) -> Vec<(&'static str, String)> {
    let session = |claims: Value| {
        let mut payload = json!({
            "iss": ISSUER, "sub": "user_ada", "sid": "sess_ada",
            "iat": now - 10, "nbf": now - 20, "exp": now + 3600,
        });
        payload
            .as_object_mut()
            .unwrap()
            .extend(claims.as_object().unwrap().clone());
        let header = json!({"alg": "RS256", "typ": "JWT", "kid": "ins_differential"});
        sign(key, header.as_object().unwrap(), payload.as_object().unwrap())
    };
    let envelope = |header: Value, directives: Value| {
        let mut full_header = json!({"alg": "RS256", "kid": "ins_differential"});
        full_header
            .as_object_mut()
            .unwrap()
            .extend(header.as_object().unwrap().clone());
        sign(
            key,
            full_header.as_object().unwrap(),
            json!({"handshake": directives}).as_object().unwrap(),
        )
    };
    let uat = format!(
        "__client_uat={}; Path=/; Max-Age=315360000; SameSite=Lax",
        now - 5
    );
    let valid = session(json!({}));
    let signed_in = envelope(json!({}), json!([uat, format!("__session={valid}; Path=/")]));
    // Signed by the instance, but with a directive Clerk's backend fails on with a TypeError
    // (not a verification error): a number; text that is no header value; a `__session`
    // with no `=`.
    let non_text = envelope(json!({}), json!([uat, 42]));
    let non_header = envelope(
        json!({}),
        json!([uat, format!("__session={valid}; Path=/\u{2713}")]),
    );
    let valueless = envelope(json!({}), json!([uat, "__session; Path=/"]));
    let tampered = flip_signature_character(&signed_in, Flip::Middle);
    let respelled = flip_signature_character(&signed_in, Flip::LeftoverBit);
    vec![
        ("signed-in", signed_in),
        (
            "signed-in-suffixed",
            envelope(
                json!({"typ": "JWT"}),
                json!([
                    format!("__session_{suffix}={valid}; Path=/"),
                    format!("__client_uat_{suffix}={}", now - 5),
                ]),
            ),
        ),
        (
            "signed-out",
            envelope(
                json!({}),
                json!(["__client_uat=0; Path=/", "__session=; Path=/; Max-Age=0"]),
            ),
        ),
        (
            "foreign-session",
            envelope(
                json!({}),
                json!([format!(
                    "__session={}; Path=/",
                    session(json!({"iss": "https://clerk.other.test"}))
                )]),
            ),
        ),
        ("tampered", tampered),
        ("respelled", respelled),
        ("non-text-directive", non_text),
        ("non-header-directive", non_header),
        ("valueless-session", valueless),
        ("template", envelope(json!({"cat": "cl_T3mpl4t3"}), json!([uat]))),
        ("garbage", "not.a.jwt".to_owned()),
    ]
}

/// Where [`flip_signature_character`] changes a signature.
enum Flip {
    /// A character in the middle: different bytes, so the signature no longer matches.
    Middle,
    /// The lowest bit of the last character, which completes no byte of a 256-byte
    /// signature: the same bytes spelled another way, which Clerk refuses to decode.
    LeftoverBit,
}

/// `token` with one character of its signature changed (the same change whatever the
/// clock, so the cases do not depend on the time they run).
fn flip_signature_character(token: &str, flip: Flip) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let signature_start = token.rfind('.').unwrap() + 1;
    let mut bytes = token.as_bytes().to_vec();
    let at = match flip {
        Flip::Middle => signature_start + (bytes.len() - signature_start) / 2,
        Flip::LeftoverBit => bytes.len() - 1,
    };
    let value = ALPHABET.iter().position(|&c| c == bytes[at]).unwrap();
    bytes[at] = ALPHABET[value ^ 1];
    String::from_utf8(bytes).unwrap()
}

/// The handshake tokens for each instance (their cookie suffixes differ).
struct Handshakes {
    development: Vec<(&'static str, String)>,
    production: Vec<(&'static str, String)>,
}

struct Case {
    instance: &'static str,
    method: &'static str,
    url: String,
    headers: Vec<(String, String)>,
}

fn case(rng: &mut Rng, tokens: &[(&'static str, String)], handshakes: &Handshakes, now: i64) -> Case {
    let development = rng.chance(50);
    let instance = ClerkInstance::new(if development { DEVELOPMENT } else { PRODUCTION }).unwrap();
    let suffix = instance.cookie_suffix().to_owned();
    let handshake = rng.chance(15).then(|| {
        rng.pick(if development {
            &handshakes.development
        } else {
            &handshakes.production
        })
        .1
        .clone()
    });
    let mut url = format!(
        "{APP}{}",
        rng.pick(&["/dashboard", "", "/a%20b/c?q=x%20y&r=1+2", "/p?x=1#frag", "/p?"])
    );
    if development && rng.chance(10) {
        url.push_str(if url.contains('?') {
            "&__clerk_db_jwt=dvb_from_url"
        } else {
            "?__clerk_db_jwt=dvb_from_url"
        });
    }
    // Development brings the handshake back in the URL, production in a cookie.
    let handshake_cookie = match handshake {
        Some(token) if development && rng.chance(80) => {
            let with_token = |before: &str| {
                let separator = if before.contains('?') { '&' } else { '?' };
                format!("{before}{separator}__clerk_handshake={token}")
            };
            url = match url.split_once('#') {
                Some((before, fragment)) => format!("{}#{fragment}", with_token(before)),
                None => with_token(&url),
            };
            None
        }
        other => other,
    };
    let method = *rng.pick(&["GET", "GET", "GET", "GET", "POST", "get"]);
    let mut headers = vec![("host".to_owned(), "app.example.com".to_owned())];
    match rng.below(5) {
        0 => headers.push(("sec-fetch-dest".into(), "document".into())),
        1 => headers.push(("sec-fetch-dest".into(), "empty".into())),
        2 => headers.push(("sec-fetch-dest".into(), "iframe".into())),
        _ => {}
    }
    match rng.below(3) {
        0 => headers.push(("accept".into(), "text/html,application/xhtml+xml".into())),
        1 => headers.push(("accept".into(), "application/json".into())),
        _ => {}
    }
    match rng.below(6) {
        0 => headers.push(("referer".into(), format!("{APP}/elsewhere"))),
        1 => headers.push(("referer".into(), "https://satellite.test/page".into())),
        2 => headers.push(("referer".into(), "https://accounts.example.com/sign-in".into())),
        3 => headers.push(("referer".into(), "https://clerk.example.com/v1/client".into())),
        _ => {}
    }
    let token = |rng: &mut Rng| rng.pick(tokens).1.clone();
    if rng.chance(12) {
        let value = match rng.below(3) {
            0 => format!("Bearer {}", token(rng)),
            1 => token(rng),
            _ => format!("Basic {}", token(rng)),
        };
        headers.push(("authorization".into(), value));
    }
    let mut cookies: Vec<String> = Vec::new();
    let place = |rng: &mut Rng, cookies: &mut Vec<String>, name: &str, value: String| match rng.below(3) {
        0 => cookies.push(format!("{name}={value}")),
        1 => cookies.push(format!("{name}_{suffix}={value}")),
        _ => {
            cookies.push(format!("{name}={value}"));
            cookies.push(format!("{name}_{suffix}={value}"));
        }
    };
    if rng.chance(70) {
        if rng.chance(20) {
            // Two different tokens under the two names.
            cookies.push(format!("__session={}", token(rng)));
            cookies.push(format!("__session_{suffix}={}", token(rng)));
        } else {
            let value = token(rng);
            place(rng, &mut cookies, "__session", value);
        }
    }
    if rng.chance(75) {
        let uat = match rng.below(6) {
            0 => "0".to_owned(),
            1 => (now - 200).to_string(),
            2 => now.to_string(),
            3 => (now - 50).to_string(),
            4 => "abc".to_owned(),
            _ => (now + 10).to_string(),
        };
        place(rng, &mut cookies, "__client_uat", uat);
        if rng.chance(15) {
            cookies.push(format!("__client_uat_{suffix}=0"));
        }
    }
    if development && rng.chance(80) {
        place(rng, &mut cookies, "__clerk_db_jwt", "dvb_cookie".to_owned());
    }
    if let Some(token) = handshake_cookie {
        cookies.push(format!("__clerk_handshake={token}"));
    }
    if rng.chance(25) {
        let count = *rng.pick(&["1", "2", "3", "4", "x", ""]);
        cookies.push(format!("__clerk_redirect_count={count}"));
    }
    // The browser's order is not the server's concern; shuffle a little.
    if cookies.len() > 1 && rng.chance(50) {
        let last = cookies.len() - 1;
        cookies.swap(0, last);
    }
    if !cookies.is_empty() {
        headers.push(("cookie".into(), cookies.join("; ")));
    }
    Case {
        instance: if development { "development" } else { "production" },
        method,
        url,
        headers,
    }
}

fn our_verdict(case: &Case, verifier: &Verifier, runtime: &tokio::runtime::Runtime, now: i64) -> Value {
    let key = if case.instance == "development" {
        DEVELOPMENT
    } else {
        PRODUCTION
    };
    let instance = ClerkInstance::new(key).unwrap();
    let request = case.headers.iter().fold(
        RequestFacts::new(case.method, case.url.clone()),
        |request, (name, value)| request.header(name.clone(), value.clone()),
    );
    let Ok(authenticated) = runtime.block_on(authenticate_request(&request, &instance, verifier, None, now))
    else {
        return json!({"status": "threw", "reason": null, "redirect_count": null, "location": null, "set_cookies": []});
    };
    let header = |wanted: &str| {
        authenticated
            .headers
            .iter()
            .filter(|(name, _)| *name == wanted)
            .map(|(_, value)| value.clone())
            .collect::<Vec<_>>()
    };
    let (status, reason, redirect_count) = match &authenticated.state {
        RequestState::SignedIn => ("signed-in", Value::Null, Value::Null),
        RequestState::SignedOut { reason } => ("signed-out", json!(reason.to_string()), Value::Null),
        RequestState::Handshake {
            reason,
            redirect_count,
        } => ("handshake", json!(reason.to_string()), json!(redirect_count)),
    };
    json!({
        "status": status,
        "reason": reason,
        "redirect_count": redirect_count,
        "location": header("location").first(),
        "set_cookies": header("set-cookie"),
    })
}

#[test]
fn request_authentication_agrees_with_clerks() {
    let TestKey { key, public_pem } = TestKey::load();
    // Real time on both sides; every token is an hour away from any boundary.
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    let tokens = tokens(&key, now);
    let suffix = |key: &str| ClerkInstance::new(key).unwrap().cookie_suffix().to_owned();
    let handshakes = Handshakes {
        development: handshakes(&key, now, &suffix(DEVELOPMENT)),
        production: handshakes(&key, now, &suffix(PRODUCTION)),
    };
    let seeds = seeds();
    let cases: Vec<(u64, Case)> = seeds
        .iter()
        .flat_map(|&seed| {
            let mut rng = Rng(seed);
            (0..CASES)
                .map(|_| (seed, case(&mut rng, &tokens, &handshakes, now)))
                .collect::<Vec<_>>()
        })
        .collect();
    let inputs: Vec<Value> = cases
        .iter()
        .map(|(_, case)| {
            json!({"instance": case.instance, "method": case.method, "url": case.url, "headers": case.headers})
        })
        .collect();
    let Some(theirs) = clerks_verdicts(
        "authenticate.mjs",
        &inputs,
        &[("DIFFERENTIAL_JWT_KEY", &public_pem)],
    ) else {
        return;
    };

    let verifier = Verifier::with_public_key_pem(public_pem).issuer(ISSUER).build();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let mut disagreements = Vec::new();
    let mut statuses = std::collections::BTreeMap::<String, usize>::new();
    for ((seed, case), theirs) in cases.iter().zip(theirs) {
        let ours = our_verdict(case, &verifier, &runtime, now);
        *statuses
            .entry(format!("{} {}", theirs["status"], theirs["reason"]))
            .or_default() += 1;
        if ours != theirs {
            disagreements.push(format!(
                "seed {seed}: {} {} {} {:?}\n  ours:   {ours}\n  Clerk's: {theirs}",
                case.instance, case.method, case.url, case.headers
            ));
        }
    }
    // Every path is exercised, not just the common ones.
    for expected in [
        "\"signed-in\" null",
        "\"handshake\" \"dev-browser-missing\"",
        "\"handshake\" \"session-token-iat-before-client-uat\"",
        "\"signed-out\" \"session-token-and-uat-missing\"",
        "\"handshake\" \"client-uat-but-no-session-token\"",
        "\"signed-out\" \"token-type-mismatch\"",
    ] {
        assert!(
            statuses.contains_key(expected),
            "no case reached {expected}: {statuses:?}"
        );
    }
    let outcomes: Vec<String> = statuses
        .iter()
        .map(|(outcome, count)| format!("{outcome}: {count}"))
        .collect();
    let detail = format!(", outcomes by Clerk [{}]", outcomes.join(", ").replace('"', ""));
    report(
        "request authentication",
        &detail,
        cases.len(),
        &seeds,
        &disagreements,
        &[],
    );
}
