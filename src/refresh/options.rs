//! [`UseSessionRefreshOptions`]: the refresher's policy, set piece by piece.

use std::time::Duration;

use super::schedule::RefreshPolicy;

/// Options for the auto-refresh timer; see [`RefreshPolicy`] for what each does and its
/// default.
///
/// ```
/// use std::time::Duration;
/// use leptos_clerk::UseSessionRefreshOptions;
/// let options = UseSessionRefreshOptions::default().lead(Duration::from_secs(120));
/// assert_eq!(options.policy().lead_ms, 120_000);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UseSessionRefreshOptions {
    policy: RefreshPolicy,
}

fn ms(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

impl UseSessionRefreshOptions {
    /// Touch this long before `expire_at`. Default: 5 minutes.
    pub fn lead(mut self, lead: Duration) -> Self {
        self.policy.lead_ms = ms(lead);
        self
    }

    /// The longest single timer; the plan is remade after each. Default: 1 minute.
    pub fn max_timer(mut self, cap: Duration) -> Self {
        self.policy.max_timer_ms = ms(cap);
        self
    }

    /// The shortest time between two touches. Default: 1 minute.
    pub fn min_interval(mut self, interval: Duration) -> Self {
        self.policy.min_interval_ms = ms(interval);
        self
    }

    /// Retry timing after failures: first about `base`, doubling, never above `max`.
    /// Default: 2 s and 2 minutes.
    pub fn backoff(mut self, base: Duration, max: Duration) -> Self {
        self.policy.backoff_base_ms = ms(base);
        self.policy.backoff_max_ms = ms(max);
        self
    }

    /// How much later a hidden tab acts than a visible one. Default: 10 s.
    pub fn hidden_defer(mut self, defer: Duration) -> Self {
        self.policy.hidden_defer_ms = ms(defer);
        self
    }

    /// The whole policy at once.
    pub fn with_policy(mut self, policy: RefreshPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The policy these options describe.
    pub fn policy(&self) -> RefreshPolicy {
        self.policy
    }
}
