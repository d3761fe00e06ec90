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
    /// The page's wasm panicked (anywhere, not only in loading); the text is the panic's
    /// message and location.
    Panicked(String),
}

impl LoadError {
    /// Whether trying again may succeed: a script or `load()` that failed or timed out
    /// (offline, Clerk unreachable, a deploy in progress). The provider does, with
    /// [`load_retry_delay`] between attempts and at once when the browser comes online.
    /// A bad key, a missing `window.Clerk` or a panic will not change by themselves.
    ///
    /// ```
    /// use leptos_clerk::model::LoadError;
    /// assert!(LoadError::LoadTimedOut { after_ms: 15_000 }.is_retryable());
    /// assert!(!LoadError::InvalidPublishableKey("no".into()).is_retryable());
    /// ```
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            LoadError::ScriptFailed { .. }
                | LoadError::ScriptTimedOut { .. }
                | LoadError::LoadRejected(_)
                | LoadError::LoadTimedOut { .. }
        )
    }
}

/// How long the provider waits before its `attempt`-th retry (0-based) of a failed load:
/// 2 s, doubling to at most 30 s, each scaled by `jitter` in `0.0..=1.0` into its upper
/// three quarters, so that many tabs failing together do not retry in step.
///
/// ```
/// use std::time::Duration;
/// use leptos_clerk::model::load_retry_delay;
/// assert_eq!(load_retry_delay(0, 1.0), Duration::from_secs(2));
/// assert_eq!(load_retry_delay(0, 0.0), Duration::from_millis(500));
/// assert_eq!(load_retry_delay(10, 1.0), Duration::from_secs(30));
/// ```
pub fn load_retry_delay(attempt: u32, jitter: f64) -> std::time::Duration {
    let full_ms = 2_000_u64.saturating_mul(1 << attempt.min(5)).min(30_000);
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        1.0
    };
    let quarter = full_ms / 4;
    std::time::Duration::from_millis(quarter + ((full_ms - quarter) as f64 * jitter) as u64)
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
            LoadError::Panicked(message) => {
                write!(f, "the page stopped after an error in its code: {message}")
            }
        }
    }
}

impl std::error::Error for LoadError {}
