//! Clerk's "reverify first" answer, both ways: the body a backend sends when a request needs a
//! fresher verification ([`reverification_error`], `reverificationError` in `@clerk/shared`),
//! and reading it back on the client ([`ReverificationHint::from_json`],
//! `isReverificationHint` with `validateReverificationConfig`).

use serde_json::{Value, json};

use super::authorization::{FactorLevel, Reverification};

/// `clerk_error.reason` of Clerk's reverification answer.
const REASON: &str = "reverification-error";

/// Clerk's named reverification presets; what each asks for is
/// [`Reverification::level_and_minutes`].
const PRESETS: [(&str, Reverification); 4] = [
    ("strict_mfa", Reverification::StrictMfa),
    ("strict", Reverification::Strict),
    ("moderate", Reverification::Moderate),
    ("lax", Reverification::Lax),
];

/// The JSON body (sent with status 403) that tells Clerk's SDKs, and
/// [`use_reverification`](crate::use_reverification), to have the user verify again and retry:
/// `{"clerk_error": {"type": "forbidden", "reason": "reverification-error", "metadata":
/// {"reverification": …}}}`, naming Clerk's preset (`"strict"`) or the level and minutes.
///
/// ```
/// use leptos_clerk::claims::{Reverification, reverification_error};
/// let body = reverification_error(Reverification::Strict);
/// assert_eq!(body["clerk_error"]["metadata"]["reverification"], "strict");
/// ```
pub fn reverification_error(reverification: Reverification) -> Value {
    let preset = PRESETS.iter().find(|(_, preset)| *preset == reverification);
    let config = match (preset, reverification) {
        (Some((name, _)), _) => json!(name),
        (None, reverification) => {
            let (level, after_minutes) = reverification.level_and_minutes();
            json!({"level": level.as_str(), "afterMinutes": after_minutes})
        }
    };
    json!({"clerk_error": {"type": "forbidden", "reason": REASON, "metadata": {"reverification": config}}})
}

/// A backend's request to verify again before it answers: what
/// [`reverification_error`] (or Clerk's own backend SDKs) sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReverificationHint {
    /// The level the backend asks for; `None` when its metadata names none Clerk knows, and
    /// Clerk's dialog then uses its default.
    pub level: Option<FactorLevel>,
}

impl ReverificationHint {
    /// The hint in `body`, if it is one: an object whose `clerk_error` has type `forbidden` and
    /// reason `reverification-error`. Anything else (another error, a success, not JSON's
    /// shape at all) is `None`.
    ///
    /// ```
    /// use leptos_clerk::claims::{FactorLevel, ReverificationHint, Reverification, reverification_error};
    /// let hint = ReverificationHint::from_json(&reverification_error(Reverification::Strict)).unwrap();
    /// assert_eq!(hint.level, Some(FactorLevel::SecondFactor));
    /// assert_eq!(ReverificationHint::from_json(&serde_json::json!({"ok": true})), None);
    /// ```
    pub fn from_json(body: &Value) -> Option<Self> {
        let error = body.as_object()?.get("clerk_error")?;
        if error.get("type").and_then(Value::as_str) != Some("forbidden")
            || error.get("reason").and_then(Value::as_str) != Some(REASON)
        {
            return None;
        }
        let config = error
            .get("metadata")
            .and_then(|metadata| metadata.get("reverification"));
        Some(Self {
            level: config.and_then(level_of),
        })
    }
}

/// The level of a reverification config, as `validateReverificationConfig` accepts it: a
/// preset name, or `{level, afterMinutes}` with a known level and minutes above zero.
fn level_of(config: &Value) -> Option<FactorLevel> {
    match config {
        Value::String(name) => PRESETS
            .iter()
            .find(|(preset, _)| preset == name)
            .map(|(_, preset)| preset.level_and_minutes().0),
        Value::Object(fields) => {
            let minutes_valid = fields
                .get("afterMinutes")
                .and_then(Value::as_f64)
                .is_some_and(|minutes| minutes > 0.0);
            let level = fields
                .get("level")
                .and_then(Value::as_str)
                .and_then(FactorLevel::parse);
            level.filter(|_| minutes_valid)
        }
        _ => None,
    }
}

impl FactorLevel {
    /// Clerk's name: `first_factor`, `second_factor` or `multi_factor`.
    pub fn as_str(self) -> &'static str {
        match self {
            FactorLevel::FirstFactor => "first_factor",
            FactorLevel::SecondFactor => "second_factor",
            FactorLevel::MultiFactor => "multi_factor",
        }
    }

    /// The level Clerk names `name`.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "first_factor" => Some(FactorLevel::FirstFactor),
            "second_factor" => Some(FactorLevel::SecondFactor),
            "multi_factor" => Some(FactorLevel::MultiFactor),
            _ => None,
        }
    }
}
