//! `use_session_refresh`: the auto-refresh timer as signals.

use std::time::Duration;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::context::{ClerkContext, context};
use crate::refresh::driver::{Driver, RefreshSignals};
use crate::refresh::{LastTouch, RefreshPolicy, RefreshStatus, SessionClock};

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

/// What [`use_session_refresh`] returns.
#[derive(Clone, Copy, Debug)]
pub struct UseSessionRefreshReturn {
    /// Idle, scheduled, touching, backing off, expiring or stopped.
    pub status: Signal<RefreshStatus>,
    /// When the next touch is planned (epoch ms), if one is.
    pub next_touch_at: Signal<Option<i64>>,
    /// The last touch this tab made: when, and its result.
    pub last_touch: Signal<Option<LastTouch>>,
}

/// The provider's refresher, shared with [`use_session_refresh`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct SessionRefreshContext(pub UseSessionRefreshReturn);

/// The auto-refresh timer that touches the current session five minutes before it expires.
///
/// The provider runs one by default ([`ClerkOptions::session_refresh`](crate::ClerkOptions::session_refresh));
/// this returns it. Without one in the provider, it starts one owned by the calling
/// component with the default options.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{use_session_refresh, RefreshStatus};
///
/// #[component]
/// fn NextTouch() -> impl IntoView {
///     let refresh = use_session_refresh();
///     move || match refresh.status.get() {
///         RefreshStatus::Scheduled { at } => format!("next touch at {at}"),
///         RefreshStatus::Expiring { .. } => "session ending: sign in again".to_string(),
///         other => format!("{other:?}"),
///     }
/// }
/// ```
pub fn use_session_refresh() -> UseSessionRefreshReturn {
    match use_context::<SessionRefreshContext>() {
        Some(SessionRefreshContext(running)) => running,
        None => use_session_refresh_with_options(UseSessionRefreshOptions::default()),
    }
}

/// Starts a refresher of its own with `options`, owned by the calling component (for apps
/// that turned the provider's off). Two refreshers in one tab still touch once: they share
/// the per-session lock.
pub fn use_session_refresh_with_options(options: UseSessionRefreshOptions) -> UseSessionRefreshReturn {
    start(context("use_session_refresh"), options)
}

/// Runs a driver for `clerk`'s current session until the current owner is cleaned up.
pub(crate) fn start(clerk: ClerkContext, options: UseSessionRefreshOptions) -> UseSessionRefreshReturn {
    let signals = RefreshSignals::new();
    let driver = Driver::start(options.policy(), signals);
    let (status, resources) = (clerk.status(), clerk.resources());
    // `None` until clerk-js has loaded: there is nothing to plan for yet.
    let session = Memo::new(move |_| {
        status.with(|s| s.is_loaded()).then(|| {
            resources.with(|r| {
                r.session.get().map(|session| SessionClock {
                    id: session.id.clone(),
                    signed_in: session.status.is_signed_in(),
                    expire_at: session.expire_at,
                })
            })
        })
    });
    let planned = SendWrapper::new(driver.clone());
    Effect::new(move |_| {
        if let Some(session) = session.get() {
            planned.set_session(session);
        }
    });
    let owned = SendWrapper::new(driver);
    on_cleanup(move || owned.shut_down());
    UseSessionRefreshReturn {
        status: signals.status.into(),
        next_touch_at: signals.next_touch_at.into(),
        last_touch: signals.last_touch.into(),
    }
}
