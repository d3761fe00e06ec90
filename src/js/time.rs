//! The browser's clock, randomness and timers.
//!
//! Deadlines are wall-clock milliseconds; a timer is only a wake-up, after which the caller
//! recomputes from [`now_ms`]. Every timer here is owned: dropping it clears it.

use futures::future::{Either, select};

pub use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;

/// `Date.now()`: the wall clock in epoch milliseconds.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// `Math.random()`: in `[0, 1)`, for jitter.
pub fn random() -> f64 {
    js_sys::Math::random()
}

/// Resolves after `ms` milliseconds (0 yields to the event loop once).
pub async fn sleep(ms: u32) {
    TimeoutFuture::new(ms).await;
}

/// `Some(output)` if `future` finishes within `ms`, else `None`. The timer is dropped (and
/// cleared) either way.
pub async fn with_timeout<F: std::future::Future>(future: F, ms: u32) -> Option<F::Output> {
    match select(std::pin::pin!(future), TimeoutFuture::new(ms)).await {
        Either::Left((output, _)) => Some(output),
        Either::Right(_) => None,
    }
}

/// Sleeps `ms`, or until the browser reports it is back online, whichever comes first.
pub async fn sleep_or_until_online(ms: u32) {
    let (online_tx, online_rx) = futures::channel::oneshot::channel::<()>();
    let mut online_tx = Some(online_tx);
    let _online = super::dom::on_window("online", move || {
        if let Some(tx) = online_tx.take() {
            let _ = tx.send(());
        }
    });
    select(TimeoutFuture::new(ms), online_rx).await;
}
