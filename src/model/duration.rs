//! Durations written for people, with integer arithmetic only (which keeps float
//! formatting out of the wasm).

use std::fmt;

/// A short duration for people: `200 ms`, `15 s`, `1.5 s`.
///
/// ```
/// use leptos_clerk::model::Millis;
/// assert_eq!(Millis(200).to_string(), "200 ms");
/// assert_eq!(Millis(15_000).to_string(), "15 s");
/// assert_eq!(Millis(1_500).to_string(), "1.5 s");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Millis(pub u32);

impl fmt::Display for Millis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0;
        match (ms / 1000, ms % 1000 / 100) {
            (0, _) => write!(f, "{ms} ms"),
            (seconds, 0) => write!(f, "{seconds} s"),
            (seconds, tenths) => write!(f, "{seconds}.{tenths} s"),
        }
    }
}

/// A duration for people, to the two largest units: "6 d 23 h", "4 min 59 s", "12 s";
/// "0 s" once past (negative).
///
/// ```
/// use leptos_clerk::model::human_duration;
/// assert_eq!(human_duration(7 * 86_400_000 - 3_600_000), "6 d 23 h");
/// assert_eq!(human_duration(299_000), "4 min 59 s");
/// assert_eq!(human_duration(-5), "0 s");
/// ```
pub fn human_duration(ms: i64) -> String {
    let secs = (ms / 1000).max(0);
    match secs {
        0..60 => format!("{secs} s"),
        60..3600 => format!("{} min {} s", secs / 60, secs % 60),
        3600..86_400 => format!("{} h {} min", secs / 3600, secs / 60 % 60),
        _ => format!("{} d {} h", secs / 86_400, secs / 3600 % 24),
    }
}
