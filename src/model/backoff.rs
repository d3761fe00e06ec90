//! [`Backoff`]: one rule for waiting between retries, shared by the load retry and the
//! refresher.

/// Exponential backoff with "equal jitter": retry `n` (0-based) waits `base × 2ⁿ`, capped at
/// `max`, of which half is fixed and half scaled by the jitter, so that many tabs or
/// clients that failed together do not retry in step. Times are milliseconds.
///
/// ```
/// use leptos_clerk::model::Backoff;
/// let backoff = Backoff { base_ms: 2_000, max_ms: 30_000 };
/// assert_eq!(backoff.delay_ms(0, 0.0), 1_000);
/// assert_eq!(backoff.delay_ms(0, 1.0), 2_000);
/// assert_eq!(backoff.delay_ms(10, 1.0), 30_000);
/// assert_eq!(backoff.delay_ms(2, f64::NAN), 4_000, "a bad jitter counts as none");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    /// The first retry waits about this long.
    pub base_ms: i64,
    /// No retry waits longer than this.
    pub max_ms: i64,
}

impl Backoff {
    /// How long to wait before retry `retry` (0 for the first); `jitter` is in `[0, 1]`,
    /// and anything else (NaN included) is clamped into it or read as 0.
    pub fn delay_ms(&self, retry: u32, jitter: f64) -> i64 {
        let base = self.base_ms.max(1);
        let delay = base
            .saturating_mul(1_i64 << retry.min(40))
            .min(self.max_ms.max(base));
        let jitter = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            0.0
        };
        delay / 2 + ((delay - delay / 2) as f64 * jitter) as i64
    }
}
