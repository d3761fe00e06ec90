//! Clerk's reverification answer, both ways, against `@clerk/shared` (`reverification.mjs`):
//! the body a backend sends ([`reverification_error`] against `reverificationError`) for every
//! preset and generated custom levels, and reading generated bodies back
//! ([`ReverificationHint::from_json`] against `isReverificationHint` and
//! `validateReverificationConfig`): valid hints, other errors, wrong types, unknown levels,
//! minutes of every sign and type, and bodies that are not objects at all.

use leptos_clerk::claims::{FactorLevel, Reverification, ReverificationHint, reverification_error};
use serde_json::{Value, json};

use crate::support::{Rng, clerks_verdicts, report, seeds};

/// Generated bodies per seed; two seeds per run.
const CASES: usize = 2_000;

const LEVELS: [FactorLevel; 3] = [
    FactorLevel::FirstFactor,
    FactorLevel::SecondFactor,
    FactorLevel::MultiFactor,
];

/// A reverification config as Clerk would name it, and ours.
fn reverification(rng: &mut Rng) -> (Value, Reverification) {
    match rng.below(5) {
        0 => (json!("strict_mfa"), Reverification::StrictMfa),
        1 => (json!("strict"), Reverification::Strict),
        2 => (json!("moderate"), Reverification::Moderate),
        3 => (json!("lax"), Reverification::Lax),
        _ => {
            let level = *rng.pick(&LEVELS);
            let after_minutes = 1 + rng.below(2_000) as u32;
            (
                json!({"level": level.as_str(), "afterMinutes": after_minutes}),
                Reverification::Custom { level, after_minutes },
            )
        }
    }
}

/// Something that may or may not be Clerk's reverification answer.
fn body(rng: &mut Rng) -> Value {
    let config = match rng.below(8) {
        0 => reverification(rng).0,
        1 => json!(rng.pick(&["strict", "lax", "STRICT", "", "first_factor", "strict_mfa "])),
        2 => {
            json!({"level": rng.pick(&["first_factor", "second_factor", "multi_factor", "third_factor", ""])})
        }
        3 => json!({"level": rng.pick(&["first_factor", "multi_factor"]),
                    "afterMinutes": rng.pick(&[json!(0), json!(-5), json!(1.5), json!("10"), json!(null), json!(10)])}),
        4 => json!(rng.pick(&[json!(null), json!(7), json!([]), json!(["strict"]), json!(true)])),
        5 => Value::Null,
        _ => reverification(rng).0,
    };
    let metadata = match rng.below(6) {
        0 => json!({}),
        1 => json!(null),
        2 => json!("strict"),
        _ => json!({"reverification": config}),
    };
    let error_type = *rng.pick(&["forbidden", "forbidden", "forbidden", "unauthorized", "Forbidden"]);
    let reason = *rng.pick(&[
        "reverification-error",
        "reverification-error",
        "reverification_error",
        "missing",
    ]);
    let error = match rng.below(10) {
        0 => json!(null),
        1 => json!("reverification-error"),
        2 => json!({"reason": reason, "metadata": metadata}),
        _ => json!({"type": error_type, "reason": reason, "metadata": metadata}),
    };
    match rng.below(12) {
        0 => json!(null),
        1 => json!("forbidden"),
        2 => json!([{"clerk_error": error}]),
        3 => json!({"errors": [{"code": "session_reverification_required"}]}),
        4 => json!({"clerk_error": error, "ok": false}),
        _ => json!({"clerk_error": error}),
    }
}

fn our_hint(body: &Value) -> Value {
    match ReverificationHint::from_json(body) {
        Some(hint) => json!({"hint": true, "level": hint.level.map(FactorLevel::as_str)}),
        None => json!({"hint": false}),
    }
}

#[test]
fn reverification_answers_agree_with_clerks() {
    let seeds = seeds();
    let mut inputs = Vec::new();
    let mut ours = Vec::new();
    for &seed in &seeds {
        let mut rng = Rng(seed);
        for _ in 0..CASES / 4 {
            let (config, reverification) = reverification(&mut rng);
            inputs.push(json!({ "error": config }));
            ours.push(json!({ "body": reverification_error(reverification) }));
        }
        for _ in 0..CASES {
            let body = body(&mut rng);
            ours.push(our_hint(&body));
            inputs.push(json!({ "hint": body }));
        }
    }
    let Some(theirs) = clerks_verdicts("reverification.mjs", &inputs, &[]) else {
        return;
    };
    let disagreements: Vec<String> = inputs
        .iter()
        .zip(ours.iter().zip(&theirs))
        .filter(|(_, (ours, theirs))| ours != theirs)
        .map(|(input, (ours, theirs))| format!("{input}: ours {ours}, Clerk's {theirs}"))
        .collect();
    let hints = theirs.iter().filter(|verdict| verdict["hint"] == true).count();
    report(
        "reverification",
        &format!(" ({hints} of them Clerk's hint)"),
        inputs.len(),
        &seeds,
        &disagreements,
        &[],
    );
}
