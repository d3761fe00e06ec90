//! [`ScriptFailure`]: why an SDK bundle's script tag did not run.

use std::fmt;

/// Why the script at `url` did not run (clerk-js, or Clerk's UI). [`LoadError`] and
/// [`PrebuiltError`](crate::PrebuiltError) carry it and name the bundle.
///
/// [`LoadError`]: super::LoadError
///
/// ```
/// use leptos_clerk::model::ScriptFailure;
/// let slow = ScriptFailure::TimedOut { url: "/clerk.browser.js".into(), after_ms: 200 };
/// assert_eq!(slow.to_string(), "did not load from /clerk.browser.js within 200 ms");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScriptFailure {
    /// Its tag reported an error (404, blocked, offline…), or there is no DOM to put it in.
    Failed {
        /// The script URL.
        url: String,
    },
    /// It neither loaded nor failed in time.
    TimedOut {
        /// The script URL.
        url: String,
        /// How long we waited.
        after_ms: u32,
    },
}

impl std::error::Error for ScriptFailure {}

impl fmt::Display for ScriptFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScriptFailure::Failed { url } => write!(f, "failed to load from {url}"),
            ScriptFailure::TimedOut { url, after_ms } => {
                write!(f, "did not load from {url} within {}", Millis(*after_ms))
            }
        }
    }
}

/// A duration for people: `200 ms`, `15 s`, `1.5 s` (integer arithmetic only, which keeps
/// float formatting out of the wasm).
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
