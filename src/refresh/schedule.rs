//! The refresh scheduler: pure decisions about when to touch a session.
//!
//! Nothing here reads a clock or arms a timer. The driver hands in the wall-clock time, the
//! session as it stands and what happened so far ([`TouchMemory`]); [`decide`] answers
//! touch now, wait (never longer than the timer cap), or stop and why. Every property the
//! driver relies on is tested here, natively.

/// How the refresher behaves. Times are milliseconds.
///
/// ```
/// use leptos_clerk::RefreshPolicy;
/// let policy = RefreshPolicy::default();
/// assert_eq!(policy.lead_ms, 5 * 60 * 1000);
/// assert_eq!(policy.max_timer_ms, 60_000);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RefreshPolicy {
    /// Touch this long before `expire_at`. Default: 5 minutes.
    pub lead_ms: i64,
    /// The longest single timer. After every wake the plan is made again from the wall
    /// clock, so sleep and throttling cannot make it late by more than this. Browsers fire
    /// delays above 2^31−1 ms at once, so it must stay far below that. Default: 1 minute.
    pub max_timer_ms: i64,
    /// At least this long between two successful touches, whatever `expire_at` says (an
    /// inactivity timeout shorter than the lead would otherwise touch back to back).
    /// Default: 1 minute.
    pub min_interval_ms: i64,
    /// The first retry after a failed touch waits about this long; each further failure
    /// doubles it. Default: 2 s.
    pub backoff_base_ms: i64,
    /// No retry waits longer than this. Default: 2 minutes.
    pub backoff_max_ms: i64,
    /// A hidden tab waits this much longer than a visible one, so that a visible tab on the
    /// same session does the touch. Default: 10 s.
    pub hidden_defer_ms: i64,
}

impl Default for RefreshPolicy {
    fn default() -> Self {
        Self {
            lead_ms: 5 * 60 * 1000,
            max_timer_ms: 60 * 1000,
            min_interval_ms: 60 * 1000,
            backoff_base_ms: 2 * 1000,
            backoff_max_ms: 2 * 60 * 1000,
            hidden_defer_ms: 10 * 1000,
        }
    }
}

impl RefreshPolicy {
    /// The same policy with every value made sane: no negative times, a timer cap between
    /// 1 ms and 2^31−1 ms, a backoff ceiling no lower than its base.
    pub fn normalized(self) -> Self {
        let base = self.backoff_base_ms.max(1);
        Self {
            lead_ms: self.lead_ms.max(0),
            max_timer_ms: self.max_timer_ms.clamp(1, i64::from(i32::MAX)),
            min_interval_ms: self.min_interval_ms.max(0),
            backoff_base_ms: base,
            backoff_max_ms: self.backoff_max_ms.max(base),
            hidden_defer_ms: self.hidden_defer_ms.max(0),
        }
    }

    /// How long to wait before retry number `attempt` (1 for the first failure): doubling
    /// from the base, capped, then "equal jitter" (half fixed, half random) so that tabs
    /// and clients that failed together do not retry together (the same
    /// [`Backoff`](crate::model::Backoff) the load retry uses). `jitter` is in `[0, 1)`.
    pub fn backoff_ms(&self, attempt: u32, jitter: f64) -> i64 {
        let backoff = crate::model::Backoff {
            base_ms: self.backoff_base_ms,
            max_ms: self.backoff_max_ms,
        };
        backoff.delay_ms(attempt.saturating_sub(1), jitter)
    }
}

/// The session as the scheduler needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionClock {
    /// The session's id; the memory belongs to one session.
    pub id: String,
    /// Active or pending.
    pub signed_in: bool,
    /// When the server will end it, epoch ms.
    pub expire_at: Option<i64>,
}

/// What happened so far for one session: the scheduler's only memory.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TouchMemory {
    session_id: Option<String>,
    /// The newest `expire_at` another tab reported after its touch.
    peer_expire_at: Option<i64>,
    last_success_at: Option<i64>,
    /// A successful touch left `expire_at` here: the maximum lifetime is reached.
    stalled_at: Option<i64>,
    failures: u32,
    last_failure_at: Option<i64>,
    /// Fixed per failure streak, so the retry time does not move on every re-plan.
    jitter: f64,
}

impl TouchMemory {
    /// The memory for `session_id`: itself if it is that session's, else a fresh one.
    pub fn for_session(self, session_id: &str) -> Self {
        if self.session_id.as_deref() == Some(session_id) {
            self
        } else {
            Self {
                session_id: Some(session_id.to_owned()),
                ..Self::default()
            }
        }
    }

    /// A touch succeeded; `before` and `after` are `expire_at` around it.
    pub fn record_success(&mut self, now: i64, before: Option<i64>, after: Option<i64>) {
        self.last_success_at = Some(now);
        self.failures = 0;
        self.last_failure_at = None;
        let moved = match (before.max(self.peer_expire_at), after) {
            (Some(before), Some(after)) => after > before,
            (None, Some(_)) => true,
            (_, None) => false,
        };
        self.stalled_at = if moved { None } else { after.or(before) };
    }

    /// A touch failed (network, 5xx, 429…). `jitter` in `[0, 1)` spreads the retry.
    pub fn record_failure(&mut self, now: i64, jitter: f64) {
        self.failures = self.failures.saturating_add(1);
        self.last_failure_at = Some(now);
        self.jitter = jitter;
    }

    /// Another tab touched the session and saw `expire_at` become this.
    pub fn record_peer_touch(&mut self, now: i64, expire_at: i64) {
        if self.peer_expire_at.is_none_or(|known| expire_at > known) {
            self.peer_expire_at = Some(expire_at);
            self.stalled_at = self.stalled_at.filter(|stalled| *stalled >= expire_at);
        }
        // Their success counts as ours: no touch again within the minimum interval.
        self.last_success_at = Some(self.last_success_at.map_or(now, |at| at.max(now)));
        self.failures = 0;
        self.last_failure_at = None;
    }

    /// Failed touches in a row.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// The best known `expire_at`: the session's, or a newer one a peer reported.
    pub fn effective_expire_at(&self, session_expire_at: Option<i64>) -> Option<i64> {
        session_expire_at.max(self.peer_expire_at)
    }
}

/// Why the scheduler is waiting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitReason {
    /// For the touch time: `expire_at` minus the lead.
    UntilDue,
    /// For the minimum interval since the last touch.
    MinInterval,
    /// For the retry after `attempt` failures.
    BackingOff {
        /// Failed touches so far.
        attempt: u32,
    },
}

/// Why the scheduler stopped touching.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// No session, or one that is no longer signed in.
    SignedOut,
    /// The session has no readable `expire_at`.
    NoExpiry,
    /// A touch did not move `expire_at`: the maximum lifetime is reached and the session
    /// ends at `ends_at` whatever we do. Time to ask the user to sign in again.
    Expiring {
        /// When the session ends, epoch ms.
        ends_at: i64,
    },
    /// The refresher's code, a module fetched after the page's first one (feature `split`),
    /// could not be fetched; reloading the page tries again.
    Unavailable,
}

/// The scheduler's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Touch the session now.
    Touch,
    /// Sleep `delay_ms` (at most the timer cap, at least 1), then ask again. `target` is the
    /// wall-clock time the wait is for, which may lie beyond this one timer.
    Wait {
        /// Timer delay, 1 ≤ delay ≤ the policy's cap.
        delay_ms: u32,
        /// The wall-clock moment being waited for.
        target: i64,
        /// What for.
        reason: WaitReason,
    },
    /// Do nothing until the session changes.
    Stop(StopReason),
}

/// Decides what to do at `now` (epoch ms, wall clock).
///
/// ```
/// use leptos_clerk::refresh::{decide, Decision, RefreshPolicy, SessionClock, TouchMemory, WaitReason};
/// let now = 1_000_000_000_000;
/// let thirty_days = 30 * 24 * 3600 * 1000;
/// let session = SessionClock { id: "sess_1".into(), signed_in: true, expire_at: Some(now + thirty_days) };
/// let decision = decide(now, Some(&session), &TouchMemory::default(), &RefreshPolicy::default(), false);
/// // A 30-day session arms a one-minute timer, not a 30-day one.
/// assert!(matches!(decision, Decision::Wait { delay_ms: 60_000, reason: WaitReason::UntilDue, .. }));
/// ```
pub fn decide(
    now: i64,
    session: Option<&SessionClock>,
    memory: &TouchMemory,
    policy: &RefreshPolicy,
    hidden: bool,
) -> Decision {
    let policy = policy.normalized();
    let Some(session) = session.filter(|session| session.signed_in) else {
        return Decision::Stop(StopReason::SignedOut);
    };
    let memory = if memory.session_id.as_deref() == Some(session.id.as_str()) {
        memory
    } else {
        &TouchMemory::default()
    };
    let Some(expire_at) = memory.effective_expire_at(session.expire_at) else {
        return Decision::Stop(StopReason::NoExpiry);
    };
    if memory.stalled_at.is_some_and(|stalled| expire_at <= stalled) {
        return Decision::Stop(StopReason::Expiring { ends_at: expire_at });
    }
    let defer = if hidden { policy.hidden_defer_ms } else { 0 };
    if let (attempt @ 1.., Some(failed_at)) = (memory.failures, memory.last_failure_at) {
        let retry_at = failed_at.saturating_add(policy.backoff_ms(attempt, memory.jitter));
        return wait_or_touch(
            now,
            retry_at.saturating_add(defer),
            WaitReason::BackingOff { attempt },
            &policy,
        );
    }
    if let Some(earliest) = memory
        .last_success_at
        .map(|at| at.saturating_add(policy.min_interval_ms))
        && earliest > now
    {
        let due = expire_at.saturating_sub(policy.lead_ms).max(earliest);
        let reason = if due == earliest {
            WaitReason::MinInterval
        } else {
            WaitReason::UntilDue
        };
        return wait_or_touch(now, due.saturating_add(defer), reason, &policy);
    }
    let due = expire_at.saturating_sub(policy.lead_ms);
    wait_or_touch(now, due.saturating_add(defer), WaitReason::UntilDue, &policy)
}

fn wait_or_touch(now: i64, target: i64, reason: WaitReason, policy: &RefreshPolicy) -> Decision {
    if target <= now {
        return Decision::Touch;
    }
    // Normalizing capped `max_timer_ms` at 2^31−1, so the delay fits a u32 exactly.
    let delay = target.saturating_sub(now).clamp(1, policy.max_timer_ms);
    Decision::Wait {
        delay_ms: delay as u32,
        target,
        reason,
    }
}

// Native only: proptest is a host dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
