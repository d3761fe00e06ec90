//! [`LoadStatus`] and [`LoadError`]: how far loading clerk-js got, and why it stopped.

use std::fmt;

use super::backoff::Backoff;
use super::duration::Millis;
use super::script::ScriptFailure;

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
/// use leptos_clerk::model::{LoadError, ScriptFailure};
/// let error = LoadError::Script(ScriptFailure::TimedOut { url: "/clerk.browser.js".into(), after_ms: 15_000 });
/// assert_eq!(error.to_string(), "clerk-js did not load from /clerk.browser.js within 15 s");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoadError {
    /// The publishable key is not a Clerk key.
    InvalidPublishableKey(String),
    /// clerk-js' script failed (404, blocked, offline…) or did not load in time.
    Script(ScriptFailure),
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
            LoadError::Script(_) | LoadError::LoadRejected(_) | LoadError::LoadTimedOut { .. }
        )
    }
}

/// The backoff between load attempts: about 2 s, doubling to at most 30 s.
pub const LOAD_RETRY: Backoff = Backoff {
    base_ms: 2_000,
    max_ms: 30_000,
};

/// How long the provider waits before its `attempt`-th retry (0-based) of a failed load:
/// [`LOAD_RETRY`], with `jitter` in `0.0..=1.0` so that many tabs failing together do not
/// retry in step.
///
/// ```
/// use std::time::Duration;
/// use leptos_clerk::model::load_retry_delay;
/// assert_eq!(load_retry_delay(0, 1.0), Duration::from_secs(2));
/// assert_eq!(load_retry_delay(0, 0.0), Duration::from_secs(1));
/// assert_eq!(load_retry_delay(10, 1.0), Duration::from_secs(30));
/// ```
pub fn load_retry_delay(attempt: u32, jitter: f64) -> std::time::Duration {
    let ms = LOAD_RETRY.delay_ms(attempt, jitter);
    std::time::Duration::from_millis(u64::try_from(ms).unwrap_or(0))
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::InvalidPublishableKey(why) => write!(f, "invalid publishable key: {why}"),
            LoadError::Script(failure) => write!(f, "clerk-js {failure}"),
            LoadError::NoClerkGlobal => f.write_str("the clerk-js script ran but window.Clerk is missing"),
            LoadError::LoadRejected(message) => write!(f, "Clerk.load() failed: {message}"),
            LoadError::LoadTimedOut { after_ms } => {
                write!(f, "Clerk.load() did not finish within {}", Millis(*after_ms))
            }
            LoadError::Panicked(message) => {
                write!(f, "the page stopped after an error in its code: {message}")
            }
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Script(failure) => Some(failure),
            _ => None,
        }
    }
}

impl From<ScriptFailure> for LoadError {
    fn from(failure: ScriptFailure) -> Self {
        LoadError::Script(failure)
    }
}
