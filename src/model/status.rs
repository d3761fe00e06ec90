//! [`LoadStatus`] and [`LoadError`]: how far loading clerk-js got, and why it stopped.

use std::fmt;

/// Where the provider is in loading clerk-js. Mirrors `clerk.status`, plus the failures
/// that happen before clerk-js exists at all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum LoadStatus {
    /// The script is loading or `Clerk.load()` has not resolved yet.
    #[default]
    Loading,
    /// Loaded and talking to Clerk.
    Ready,
    /// Loaded from a cached environment: Clerk's API is unreachable, so some features are
    /// limited (clerk-js' `degraded` status).
    Degraded,
    /// Loading failed; the page should say so.
    Failed(LoadError),
}

impl LoadStatus {
    /// Ready or degraded: `window.Clerk` is usable.
    pub fn is_loaded(&self) -> bool {
        matches!(self, LoadStatus::Ready | LoadStatus::Degraded)
    }
}

/// Why clerk-js did not load.
///
/// ```
/// use leptos_clerk::model::LoadError;
/// let error = LoadError::ScriptTimedOut { url: "/clerk.browser.js".into(), after_ms: 15_000 };
/// assert_eq!(error.to_string(), "clerk-js did not load from /clerk.browser.js within 15 s");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The publishable key is not a Clerk key.
    InvalidPublishableKey(String),
    /// The script tag reported an error (404, blocked, offline…).
    ScriptFailed {
        /// The script URL.
        url: String,
    },
    /// The script neither loaded nor failed in time.
    ScriptTimedOut {
        /// The script URL.
        url: String,
        /// How long we waited.
        after_ms: u32,
    },
    /// The script ran but `window.Clerk` is not a Clerk instance.
    NoClerkGlobal,
    /// `Clerk.load()` rejected; the text is clerk-js' message.
    LoadRejected(String),
    /// `Clerk.load()` did not settle in time.
    LoadTimedOut {
        /// How long we waited.
        after_ms: u32,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::InvalidPublishableKey(why) => write!(f, "invalid publishable key: {why}"),
            LoadError::ScriptFailed { url } => write!(f, "clerk-js failed to load from {url}"),
            LoadError::ScriptTimedOut { url, after_ms } => {
                write!(f, "clerk-js did not load from {url} within {} s", after_ms / 1000)
            }
            LoadError::NoClerkGlobal => f.write_str("the clerk-js script ran but window.Clerk is missing"),
            LoadError::LoadRejected(message) => write!(f, "Clerk.load() failed: {message}"),
            LoadError::LoadTimedOut { after_ms } => {
                write!(f, "Clerk.load() did not finish within {} s", after_ms / 1000)
            }
        }
    }
}

impl std::error::Error for LoadError {}
