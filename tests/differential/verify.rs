//! Our verification of a request's session token, and our `has()`, against Clerk's:
//! generated tokens (the claims of [`claims::case`], plus every token class Clerk issues by
//! `typ` and `cat`, `mch_` subjects, missing `sid`, `sts` active and pending, `azp` missing,
//! empty, non-string, listed and unlisted, `iss` wrong or missing, `exp`/`nbf`/`iat` around the leeway, tampered
//! signatures, other algorithms) go through [`Verifier::verify_at`] with `ClerkLayer`'s
//! pending rule and [`SessionClaims::has`], and through `@clerk/backend`'s
//! `authenticateRequest` as a bearer token (`verify.mjs`), at the same instant, with the same
//! issuer, authorized parties and leeway. The verdicts compared: signed in, pending or refused (and
//! why, when the case has one fault); the user, session and organization; each `has()`.

use std::collections::HashMap;
use std::time::Duration;

use leptos_clerk::claims::{FactorLevel, Require, Reverification, SessionClaims, TokenClass, VerifyError};
use leptos_clerk::server::Verifier;
use rsa::pkcs1v15::SigningKey;
use serde_json::{Map, Value, json};
use sha2::Sha256;

use crate::claims;
use crate::signing::{ISSUER, TestKey, base64url, sign};
use crate::support::{Rng, clerks_verdicts, report, seeds};

/// Cases per seed; two seeds per run.
const CASES: usize = 3_000;
const PARTIES: [&str; 2] = ["https://app.example.com", "https://admin.example.com"];

/// Where we mean to differ from Clerk, and why. Each names the generator's tag it covers.
const ALLOWED: &[(&str, &str)] = &[
    (
        "missing-sid",
        "a token without a `sid` (or with an empty one) is refused as not a session token \
         (VerifyError::NotASessionToken(NoSession)): every Clerk session token has one, and a \
         JWT template's token, which has none, outlives the session that minted it. \
         @clerk/backend accepts it, with no session id",
    ),
    (
        "wrong-type",
        "a claim of the wrong JSON type (see the claims test; here also `azp` that is not a \
         string, with no authorized parties configured): we refuse the token, Clerk reads it \
         loosely",
    ),
    (
        "rs256-only",
        "an algorithm other than RS256 is refused by its name (UnsupportedAlgorithm), before \
         any key is used; Clerk tries RS384/RS512/ES* and refuses the signature instead. Both \
         refuse; only the reason differs",
    ),
];

/// One generated case: the token, the verification's options and instant, the `has()`
/// checks in both forms, and the faults it carries (tags).
struct Case {
    token: String,
    now: i64,
    parties: usize,
    leeway: i64,
    checks: Vec<(Require, Value)>,
    faults: Vec<&'static str>,
    allowed: Option<&'static str>,
    payload: Map<String, Value>,
    header: Map<String, Value>,
}

/// A `has()` check, ours and Clerk's parameters: one part, sometimes two (both must hold).
fn check(rng: &mut Rng, payload: &Map<String, Value>) -> (Require, Value) {
    let mut roles = vec![
        "admin",
        "org:admin",
        "member",
        "org:org:admin",
        "billing_manager",
        "",
    ];
    let mut permissions = vec![
        "org:docs:read",
        "docs:manage",
        "org:billing:manage",
        "org:reports:read",
        "org:impersonation:delete",
        "sys_domains:write",
    ];
    let mut entitlements = vec![
        "docs",
        "billing",
        "reports",
        "pro",
        "team",
        "o:billing",
        "org:docs",
        "organization:reports",
        "u:pro",
        "user:reports",
        "team:pro",
        "o:",
        "u:pro:extra",
        "",
    ];
    // Often what the token grants, so that many answers are yes: our reading only picks
    // the question; Clerk's code answers it.
    let granted = SessionClaims::from_payload(payload).ok();
    if rng.chance(50)
        && let Some(org) = granted.as_ref().and_then(|claims| claims.organization.as_ref())
    {
        roles = org.role.iter().map(String::as_str).chain(["admin"]).collect();
        permissions = org
            .permissions
            .iter()
            .map(String::as_str)
            .chain(["docs:read"])
            .collect();
    }
    if rng.chance(50) {
        let named: Vec<&str> = ["fea", "pla"]
            .iter()
            .filter_map(|name| payload.get(*name).and_then(Value::as_str))
            .flat_map(|claim| claim.split(','))
            .filter_map(|entry| entry.split_once(':').map(|(_, name)| name))
            .collect();
        if !named.is_empty() {
            entitlements = named;
        }
    }
    let mut ours = Require::signed_in();
    let mut theirs = Map::new();
    let parts = if rng.chance(25) { 2 } else { 1 };
    for _ in 0..parts {
        match rng.below(5) {
            0 => {
                let role = *rng.pick(&roles);
                ours = ours.and_role(role);
                theirs.insert("role".into(), json!(role));
            }
            1 => {
                let permission = *rng.pick(&permissions);
                ours = ours.and_permission(permission);
                theirs.insert("permission".into(), json!(permission));
            }
            2 => {
                let feature = *rng.pick(&entitlements);
                ours = ours.and_feature(feature);
                theirs.insert("feature".into(), json!(feature));
            }
            3 => {
                let plan = *rng.pick(&entitlements);
                ours = ours.and_plan(plan);
                theirs.insert("plan".into(), json!(plan));
            }
            _ => {
                let (reverification, params) = match rng.below(6) {
                    0 => (Reverification::StrictMfa, json!("strict_mfa")),
                    1 => (Reverification::Strict, json!("strict")),
                    2 => (Reverification::Moderate, json!("moderate")),
                    3 => (Reverification::Lax, json!("lax")),
                    _ => {
                        let (level, name) = *rng.pick(&[
                            (FactorLevel::FirstFactor, "first_factor"),
                            (FactorLevel::SecondFactor, "second_factor"),
                            (FactorLevel::MultiFactor, "multi_factor"),
                        ]);
                        let after_minutes = *rng.pick(&[0, 1, 5, 10, 11, 60, 100]);
                        (
                            Reverification::Custom { level, after_minutes },
                            json!({ "level": name, "afterMinutes": after_minutes }),
                        )
                    }
                };
                ours = ours.and_reverification(reverification);
                theirs.insert("reverification".into(), params);
            }
        }
    }
    (ours, Value::Object(theirs))
}

fn case(rng: &mut Rng, key: &SigningKey<Sha256>) -> Case {
    let claims::Case {
        mut payload,
        wrong_type,
    } = claims::case(rng);
    let mut faults = Vec::new();
    let mut allowed = wrong_type.then_some("wrong-type");
    let now = 1_900_000_000 + rng.below(1_000_000) as i64;
    let leeway = *rng.pick(&[5, 5, 5, 0, 60]);
    let parties = *rng.pick(&[0, 0, 1, 2]);
    // Half the cases are meant to be valid, so that `has()` is asked of many signed-in
    // sessions; the other half draw faults. `fault` answers past every fault's arm for them.
    let faulty = rng.chance(50);
    let fault = |rng: &mut Rng, arms: usize| if faulty { rng.below(arms) } else { usize::MAX };

    // Times: mostly valid, often right at the edge of the leeway on either side.
    let edge = |rng: &mut Rng| leeway - 2 + rng.below(5) as i64;
    payload.insert("iat".into(), json!(now - 10));
    payload.insert("nbf".into(), json!(now - 20));
    payload.insert("exp".into(), json!(now + 60));
    match fault(rng, 12) {
        0 => {
            let exp = now - edge(rng);
            payload.insert("exp".into(), json!(exp));
            if now >= exp + leeway {
                faults.push("expired");
            }
        }
        1 => {
            let nbf = now + edge(rng);
            payload.insert("nbf".into(), json!(nbf));
            if nbf > now + leeway {
                faults.push("not-yet-valid");
            }
        }
        2 => {
            let iat = now + edge(rng);
            payload.insert("iat".into(), json!(iat));
            if iat > now + leeway {
                faults.push("issued-in-future");
            }
        }
        3 => {
            payload.remove(*rng.pick(&["iat", "nbf"]));
        }
        4 if rng.chance(20) => {
            payload.remove("exp");
            faults.push("malformed");
        }
        5 if rng.chance(20) => {
            payload.insert(rng.pick(&["exp", "nbf", "iat"]).to_string(), json!("soon"));
            faults.push("malformed");
        }
        6 => {
            // A fraction of a second: both read whole seconds.
            payload.insert("exp".into(), json!(now as f64 - leeway as f64 + 0.5));
            faults.push("expired");
        }
        _ => {}
    }

    // The subject and the session.
    match fault(rng, 40) {
        0 => {
            payload.insert("sub".into(), json!("mch_2xSession"));
            faults.push("token-class");
        }
        1 => {
            payload.remove("sub");
            faults.push("malformed");
        }
        2 => {
            payload.insert("sub".into(), json!(42));
            faults.push("malformed");
        }
        _ => {}
    }
    match fault(rng, 25) {
        0 => {
            payload.remove("sid");
            allowed = allowed.or(Some("missing-sid"));
        }
        1 => {
            payload.insert("sid".into(), json!(""));
            allowed = allowed.or(Some("missing-sid"));
        }
        _ => {}
    }
    match rng.below(10) {
        0..=5 => {
            payload.insert("sts".into(), json!("active"));
        }
        6 => {
            payload.insert("sts".into(), json!("pending"));
        }
        _ => {}
    }

    // The issuer.
    match fault(rng, 30) {
        0 => {
            payload.insert("iss".into(), json!("https://evil.example"));
            faults.push("issuer");
        }
        1 => {
            payload.remove("iss");
            faults.push("issuer");
        }
        _ => {}
    }

    // The authorized party.
    match fault(rng, 10) {
        0 => {
            if parties > 0 {
                faults.push("party");
            }
        }
        1 => {
            payload.insert("azp".into(), json!(""));
            if parties > 0 {
                faults.push("party");
            }
        }
        2 => {
            payload.insert("azp".into(), json!(["https://app.example.com"]));
            if parties > 0 {
                faults.push("party");
            } else {
                allowed = allowed.or(Some("wrong-type"));
            }
        }
        3 | 4 => {
            payload.insert("azp".into(), json!("https://evil.example"));
            if parties > 0 {
                faults.push("party");
            }
        }
        _ => {
            let listed = PARTIES[rng.below(parties.max(1))];
            payload.insert("azp".into(), json!(listed));
        }
    }

    // Reverification and billing claims for `has()`.
    if rng.chance(60) {
        let age = |rng: &mut Rng| json!(*rng.pick(&[-1, 0, 3, 9, 10, 30, 59, 60, 1439, 2000]));
        let fva = match rng.below(12) {
            0 => json!([age(rng)]),
            1 => json!("3,4"),
            2 => json!([1.5, age(rng)]),
            3 => json!([-2, 5]),
            _ => json!([age(rng), age(rng)]),
        };
        payload.insert("fva".into(), fva);
    }
    if rng.chance(40) {
        let entries = [
            "u:pro",
            "o:team",
            "ou:docs",
            "uo:reports",
            "x:pro",
            "u:",
            "nocolon",
        ];
        let pla: Vec<&str> = (0..rng.below(4)).map(|_| *rng.pick(&entries)).collect();
        payload.insert("pla".into(), json!(pla.join(",")));
    }

    // The header: every class of token Clerk signs with the instance key.
    let mut header = Map::new();
    header.insert("alg".into(), json!("RS256"));
    header.insert("kid".into(), json!("ins_differential"));
    match fault(rng, 10) {
        0 => {
            header.insert("typ".into(), json!(*rng.pick(&["at+jwt", "application/at+jwt"])));
            faults.push("token-class");
        }
        1 => {
            header.insert("typ".into(), json!(*rng.pick(&["JWS", "jwt", ""])));
            faults.push("token-type");
        }
        _ if rng.chance(25) => {}
        _ => {
            header.insert("typ".into(), json!("JWT"));
        }
    }
    match fault(rng, 6) {
        0 => {
            header.insert("cat".into(), json!("cl_B7d4PD333AAA"));
            faults.push("token-class");
        }
        1 => {
            let other = *rng.pick(&["cl_B7d4PD222AAA", "template", ""]);
            header.insert("cat".into(), json!(other));
            faults.push("token-class");
        }
        _ => match rng.below(6) {
            0..=2 => {}
            3 | 4 => {
                header.insert("cat".into(), json!("cl_B7d4PD111AAA"));
            }
            _ => {
                header.insert("cat".into(), json!("cl_I7d4PD111III"));
            }
        },
    }
    if fault(rng, 25) == 0 {
        header.insert(
            "alg".into(),
            json!(*rng.pick(&["RS384", "RS512", "ES256", "HS256", "none"])),
        );
        faults.push("algorithm");
    }

    let mut token = sign(key, &header, &payload);
    if fault(rng, 25) == 0 {
        // Another payload under the same signature, or a signature altered in place.
        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        if rng.chance(50) {
            let mut forged = payload.clone();
            forged.insert("sub".into(), json!("user_forged"));
            parts[1] = base64url(Value::Object(forged).to_string().as_bytes());
        } else {
            let middle = parts[2].len() / 2;
            let flipped = if parts[2].as_bytes()[middle] == b'A' {
                "B"
            } else {
                "A"
            };
            parts[2].replace_range(middle..=middle, flipped);
        }
        token = parts.join(".");
        faults.push("signature");
    }

    let checks = (0..3).map(|_| check(rng, &payload)).collect();
    Case {
        token,
        now,
        parties,
        leeway,
        checks,
        faults,
        allowed,
        payload,
        header,
    }
}

/// Clerk's reason for our refusal, as `authenticateRequest` words it (`malformed` stands for
/// either of its two words for an unreadable token).
fn clerks_reason(error: &VerifyError) -> &'static str {
    match error {
        VerifyError::Malformed(_) => "malformed",
        VerifyError::Unsigned | VerifyError::SymmetricAlgorithm(_) | VerifyError::UnsupportedAlgorithm(_) => {
            "token-invalid-algorithm"
        }
        VerifyError::BadSignature => "token-invalid-signature",
        VerifyError::Expired { .. } => "token-expired",
        VerifyError::NotYetValid { .. } => "token-not-active-yet",
        VerifyError::IssuedInFuture { .. } => "token-iat-in-the-future",
        VerifyError::UnauthorizedParty(_) | VerifyError::MissingAuthorizedParty => {
            "token-invalid-authorized-parties"
        }
        VerifyError::WrongIssuer { .. } => "token-invalid-issuer",
        VerifyError::NotASessionToken(TokenClass::OtherType(_)) => "token-invalid",
        VerifyError::NotASessionToken(TokenClass::NoSession) => "no-session",
        VerifyError::NotASessionToken(_) => "token-type-mismatch",
        _ => "other",
    }
}

/// Whether Clerk's `reason` words the same refusal as ours. For a bearer token's time
/// faults `authenticateRequest` words its own (`session-token-expired-refresh-…`,
/// `session-token-nbf`, `session-token-iat-in-the-future`).
fn same_reason(ours: &str, theirs: &str) -> bool {
    let word = |reason| match reason {
        expired if expired.starts_with("session-token-expired") => "token-expired",
        "session-token-nbf" => "token-not-active-yet",
        "session-token-iat-in-the-future" => "token-iat-in-the-future",
        "token-invalid" | "token-verification-failed" | "unreadable-claims" => "malformed",
        other => other,
    };
    word(ours) == word(theirs)
}

fn our_verdict(verifier: &Verifier, case: &Case, runtime: &tokio::runtime::Runtime) -> Value {
    match runtime.block_on(verifier.verify_at(&case.token, case.now)) {
        Err(error) => json!({ "status": "signed-out", "reason": clerks_reason(&error) }),
        Ok(verified) if verified.claims.session_status.as_deref() == Some("pending") => {
            json!({ "status": "pending" })
        }
        Ok(verified) => {
            let claims: &SessionClaims = &verified.claims;
            let org = claims.organization.as_ref();
            json!({
                "status": "signed-in",
                "user_id": claims.user_id,
                "session_id": claims.session_id,
                "org_id": org.map(|o| o.id.clone()),
                "org_role": org.and_then(|o| o.role.clone()),
                "org_slug": org.and_then(|o| o.slug.clone()),
                "org_permissions": org.map(|o| o.permissions.clone()).unwrap_or_default(),
                "has": case.checks.iter().map(|(require, _)| claims.has(require)).collect::<Vec<_>>(),
            })
        }
    }
}

#[test]
fn verification_and_has_agree_with_clerks_authenticate_request() {
    let TestKey { key, public_pem } = TestKey::load();
    let seeds = seeds();
    let cases: Vec<(u64, Case)> = seeds
        .iter()
        .flat_map(|&seed| {
            let mut rng = Rng(seed);
            (0..CASES)
                .map(|_| (seed, case(&mut rng, &key)))
                .collect::<Vec<_>>()
        })
        .collect();
    let inputs: Vec<Value> = cases
        .iter()
        .map(|(_, case)| {
            json!({
                "token": case.token,
                "now_ms": case.now * 1000,
                "issuer": ISSUER,
                "authorized_parties": PARTIES[..case.parties],
                "clock_skew_ms": case.leeway * 1000,
                "checks": case.checks.iter().map(|(_, params)| params).collect::<Vec<_>>(),
            })
        })
        .collect();
    let Some(theirs) = clerks_verdicts("verify.mjs", &inputs, &[("DIFFERENTIAL_JWT_KEY", &public_pem)])
    else {
        return;
    };

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let mut verifiers: HashMap<(usize, i64), Verifier> = HashMap::new();
    let mut disagreements = Vec::new();
    let mut allowed: HashMap<&str, usize> = HashMap::new();
    // What Clerk said, tallied, so the report shows that every kind of verdict was exercised.
    let mut tally: HashMap<String, usize> = HashMap::new();
    for ((seed, case), theirs) in cases.iter().zip(theirs) {
        let verifier = verifiers.entry((case.parties, case.leeway)).or_insert_with(|| {
            Verifier::with_public_key_pem(public_pem.clone())
                .issuer(ISSUER)
                .authorized_parties(PARTIES[..case.parties].iter().copied())
                .leeway(Duration::from_secs(case.leeway as u64))
                .build()
        });
        *tally
            .entry(theirs["status"].as_str().unwrap_or("?").to_owned())
            .or_default() += 1;
        for answer in theirs["has"].as_array().into_iter().flatten() {
            *tally.entry(format!("has {answer}")).or_default() += 1;
        }
        let mut ours = our_verdict(verifier, case, &runtime);
        // Claims `jwtPayloadParser` cannot read (a `fea` entry without a scope) make Clerk's
        // auth object throw: the request is not authenticated, as ours is not.
        let theirs = if theirs["status"] == "threw" {
            json!({ "status": "signed-out", "reason": "unreadable-claims" })
        } else {
            theirs
        };
        let both_refuse = ours["status"] == "signed-out" && theirs["status"] == "signed-out";
        if both_refuse {
            let reason_matters = case.faults.len() == 1 && !case.faults.contains(&"algorithm");
            let (our_reason, their_reason) = (
                ours["reason"].as_str().unwrap_or_default(),
                theirs["reason"].as_str().unwrap_or_default(),
            );
            if !reason_matters || same_reason(our_reason, their_reason) {
                if case.faults.contains(&"algorithm") && !same_reason(our_reason, their_reason) {
                    *allowed.entry("rs256-only").or_default() += 1;
                }
                continue;
            }
        } else if ours == theirs {
            continue;
        }
        // Stricter than Clerk on purpose, where the allow-list says so: only we refuse.
        if let Some(tag) = case.allowed
            && ours["status"] == "signed-out"
        {
            *allowed.entry(tag).or_default() += 1;
            continue;
        }
        if let Some(has) = ours.get_mut("has") {
            *has = json!(
                has.as_array()
                    .unwrap()
                    .iter()
                    .zip(&case.checks)
                    .map(|(answer, (_, params))| json!([params, answer]))
                    .collect::<Vec<_>>()
            );
        }
        disagreements.push(format!(
            "seed {seed} faults {:?}\n  header:  {}\n  payload: {}\n  now {} leeway {} parties {}\n  ours:    {ours}\n  Clerk's: {theirs}",
            case.faults,
            Value::Object(case.header.clone()),
            Value::Object(case.payload.clone()),
            case.now,
            case.leeway,
            case.parties,
        ));
    }
    let counts: Vec<(&str, usize)> = ALLOWED
        .iter()
        .map(|(tag, _)| (*tag, allowed.get(tag).copied().unwrap_or(0)))
        .collect();
    let mut tally: Vec<_> = tally.into_iter().map(|(what, n)| format!("{n} {what}")).collect();
    tally.sort();
    report(
        "verification and has() vs @clerk/backend authenticateRequest",
        &format!(" ({})", tally.join(", ")),
        cases.len(),
        &seeds,
        &disagreements,
        &counts,
    );
}
