//! What the refresher reports: [`RefreshStatus`] and [`LastTouch`].

use super::schedule::StopReason;

/// Where the auto-refresh stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RefreshStatus {
    /// Not started: clerk-js has not loaded, the refresher was just created, or its code (a
    /// module fetched after the page's first one, feature `split`) has not arrived yet.
    #[default]
    Idle,
    /// A touch is planned at `at` (epoch ms).
    Scheduled {
        /// When, epoch ms.
        at: i64,
    },
    /// A touch is under way.
    Touching,
    /// The last touch failed; the next try is at `at`.
    BackingOff {
        /// When, epoch ms.
        at: i64,
        /// Failed touches in a row.
        attempt: u32,
    },
    /// Touching no longer extends the session (its maximum lifetime is reached): it ends at
    /// `ends_at`, and the user has to sign in again to go on.
    Expiring {
        /// When the session ends, epoch ms.
        ends_at: i64,
    },
    /// Nothing to do: why.
    Stopped(StopReason),
}

/// The last touch this tab made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastTouch {
    /// When it finished, epoch ms.
    pub at: i64,
    /// The session's `expire_at` after it, or Clerk's error message.
    pub result: Result<Option<i64>, String>,
}
