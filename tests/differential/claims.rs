//! Our reading of Clerk's session-token claims against Clerk's own: generated payloads (v1
//! and v2 organizations; 0–100 permissions; masks of any width, non-numeric and missing;
//! `o`/`u`/`ou`/`uo` and malformed features; roles with and without a value; claims of the
//! wrong JSON type) through [`SessionClaims::from_payload`] and through `@clerk/shared`'s
//! `jwtPayloadParser` (`claims.mjs`), the parser clerk-js 6 and `@clerk/backend` use.

use leptos_clerk::claims::SessionClaims;
use serde_json::{Map, Value, json};

use crate::support::{Rng, clerks_verdicts, report, seeds};

/// Cases per seed; two seeds per run.
const CASES: usize = 3_000;

/// Where we mean to differ from Clerk, and why. Each names the generator's tag it covers.
const ALLOWED: &[(&str, &str)] = &[(
    "wrong-type",
    "a claim of the wrong JSON type (a number or a list where Clerk's format has a string, \
     `v` as a string): we refuse the token with JwtError::WrongClaimType; clerk-js reads it \
     loosely (`fea: 0` counts as no features, `rol: 5` as `org:5`, `v: \"2\"` as v1)",
)];

/// One generated payload, and whether it carries a claim of the wrong JSON type.
pub struct Case {
    pub payload: Map<String, Value>,
    pub wrong_type: bool,
}

fn decimal(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => "0".into(),
        1 => (rng.next() % 64).to_string(),
        2 => rng.next().to_string(),
        // Wider than 64 bits, sometimes with leading zeros.
        3 => (0..rng.below(40) + 20)
            .map(|_| char::from(b'0' + rng.below(10) as u8))
            .collect(),
        4 => format!("00{}", rng.next() % 1000),
        _ => (1_u64 << rng.below(20)).to_string(),
    }
}

fn mask(rng: &mut Rng) -> String {
    match rng.below(12) {
        0 => "x".into(),
        1 => "-1".into(),
        2 => "1.5".into(),
        3 => format!(" {} ", rng.next() % 8),
        4 => String::new(),
        _ => decimal(rng),
    }
}

pub fn case(rng: &mut Rng) -> Case {
    let mut wrong_type = false;
    let mut payload = Map::new();
    payload.insert("iss".into(), json!("https://clerk.example.com"));
    payload.insert("sub".into(), json!(format!("user_{}", rng.below(1000))));
    payload.insert("sid".into(), json!(format!("sess_{}", rng.below(1000))));
    payload.insert("exp".into(), json!(2_000_000_000));
    payload.insert("iat".into(), json!(1_999_999_940));
    match rng.below(10) {
        0 => {}
        1..=2 => {
            payload.insert("v".into(), json!(1));
        }
        3..=8 => {
            payload.insert("v".into(), json!(2));
        }
        _ => {
            if rng.chance(50) {
                payload.insert("v".into(), json!(3));
            } else {
                payload.insert("v".into(), json!("2"));
                wrong_type = true;
            }
        }
    }
    let pool = [
        "read", "manage", "create", "update", "delete", "revoke", "write", "invite",
    ];
    let features = [
        "docs",
        "billing",
        "memberships",
        "reports",
        "impersonation",
        "sys_domains",
    ];
    // v2: the organization in `o`, its features in `fea`.
    if rng.chance(80) {
        let mut o = Map::new();
        o.insert("id".into(), json!(format!("org_{}", rng.below(100))));
        if rng.chance(70) {
            o.insert("slg".into(), json!(format!("acme-{}", rng.below(10))));
        }
        match rng.below(8) {
            0 => {}
            1 => {
                o.insert("rol".into(), json!(""));
            }
            2 if rng.chance(30) => {
                o.insert("rol".into(), json!(5));
                wrong_type = true;
            }
            _ => {
                o.insert(
                    "rol".into(),
                    json!(*rng.pick(&["admin", "member", "billing_manager"])),
                );
            }
        }
        let count = match rng.below(5) {
            0 => 0,
            1 => rng.below(100) + 1,
            _ => rng.below(6) + 1,
        };
        let names: Vec<String> = (0..count)
            .map(|i| {
                if i < pool.len() && rng.chance(80) {
                    pool[i].to_owned()
                } else {
                    format!("p{i}")
                }
            })
            .collect();
        match rng.below(10) {
            0 => {}
            1 => {
                o.insert("per".into(), json!(""));
            }
            2 if rng.chance(30) => {
                o.insert("per".into(), json!(7));
                wrong_type = true;
            }
            3 => {
                o.insert("per".into(), json!(names.join(", ")));
            }
            _ => {
                o.insert("per".into(), json!(names.join(",")));
            }
        }
        let masks: Vec<String> = (0..rng.below(8)).map(|_| mask(rng)).collect();
        match rng.below(10) {
            0 => {}
            1 => {
                o.insert("fpm".into(), json!(""));
            }
            2 if rng.chance(30) => {
                o.insert("fpm".into(), json!(3));
                wrong_type = true;
            }
            _ => {
                o.insert("fpm".into(), json!(masks.join(",")));
            }
        }
        payload.insert("o".into(), Value::Object(o));
    }
    if rng.chance(85) {
        let entries: Vec<String> = (0..rng.below(7))
            .map(|_| match rng.below(20) {
                0 => "nocolon".into(),
                1 => format!("x:{}", rng.pick(&features)),
                2 => String::new(),
                _ => format!("{}:{}", rng.pick(&["o", "u", "ou", "uo"]), rng.pick(&features)),
            })
            .collect();
        if rng.chance(3) {
            payload.insert("fea".into(), json!(0));
            wrong_type = true;
        } else {
            payload.insert("fea".into(), json!(entries.join(",")));
        }
    }
    // v1: the organization in top-level claims (read only when `v` is not 2).
    if rng.chance(40) {
        payload.insert("org_id".into(), json!(format!("org_{}", rng.below(100))));
        payload.insert("org_role".into(), json!(*rng.pick(&["org:admin", "org:member"])));
        payload.insert("org_slug".into(), json!("acme"));
        let permissions: Vec<String> = (0..rng.below(5))
            .map(|_| format!("org:{}:{}", rng.pick(&features), rng.pick(&pool)))
            .collect();
        payload.insert("org_permissions".into(), json!(permissions));
    }
    Case { payload, wrong_type }
}

/// Ours, in the shape the Node side prints: the organization, or the error.
fn our_verdict(payload: &Map<String, Value>) -> Value {
    match SessionClaims::from_payload(payload) {
        Err(error) => json!({ "error": error.to_string() }),
        Ok(claims) => {
            let org = claims.organization;
            json!({
                "org_id": org.as_ref().map(|o| o.id.clone()),
                "org_role": org.as_ref().and_then(|o| o.role.clone()),
                "org_slug": org.as_ref().and_then(|o| o.slug.clone()),
                "org_permissions": org.map(|o| o.permissions),
            })
        }
    }
}

/// `null` and `[]` permissions mean the same (no permission); Clerk returns the one, we the
/// other, for an organization without any.
fn normalized(mut verdict: Value) -> Value {
    if verdict.get("org_permissions") == Some(&Value::Null) {
        verdict["org_permissions"] = json!([]);
    }
    verdict
}

#[test]
fn session_claims_agree_with_clerks_parser() {
    let seeds = seeds();
    let cases: Vec<(u64, Case)> = seeds
        .iter()
        .flat_map(|&seed| {
            let mut rng = Rng(seed);
            (0..CASES)
                .map(move |_| (seed, case(&mut rng)))
                .collect::<Vec<_>>()
        })
        .collect();
    let payloads: Vec<Value> = cases
        .iter()
        .map(|(_, case)| Value::Object(case.payload.clone()))
        .collect();
    let Some(theirs) = clerks_verdicts("claims.mjs", &payloads, &[]) else {
        return;
    };
    let mut disagreements = Vec::new();
    let mut allowed = 0;
    for ((seed, case), theirs) in cases.iter().zip(theirs) {
        let ours = normalized(our_verdict(&case.payload));
        let theirs = normalized(theirs);
        let both_refuse = ours.get("error").is_some() && theirs.get("error").is_some();
        if both_refuse || ours == theirs {
            continue;
        }
        // Stricter than Clerk on purpose: only we refuse, and only for a wrong JSON type.
        if case.wrong_type && ours.get("error").is_some() {
            allowed += 1;
            continue;
        }
        disagreements.push(format!(
            "seed {seed}\n  payload: {}\n  ours:    {ours}\n  Clerk's: {theirs}",
            Value::Object(case.payload.clone())
        ));
    }
    report(
        "claims vs @clerk/shared jwtPayloadParser",
        "",
        cases.len(),
        &seeds,
        &disagreements,
        &[(ALLOWED[0].0, allowed)],
    );
}
