//! [`ScriptFailure`]: why an SDK bundle's script tag did not run.

use std::fmt;

use super::duration::Millis;

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
