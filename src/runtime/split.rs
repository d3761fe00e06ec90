//! When the split-off parts (feature `split`) are fetched: once clerk-js has loaded.
//!
//! Neither part shows or plans anything before that, and fetching and compiling one while
//! clerk-js loads competes with clerk-js for the CPU. Measured on the benchmark app (24 page
//! loads each, alternating with the unsplit build, 2-core VM): fetched at mount, the session
//! showed 51 ms later on average than unsplit, a tail of loads 100–200 ms slower; fetched once
//! clerk-js has loaded, 9 ms sooner. The medians were within noise both times.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;

use crate::model::LoadStatus;

pub(crate) mod loader;

/// The owner a split point builds under, held weakly until its module has arrived: a fetch
/// that never ends must not keep it alive, and a module that arrives after the owner is gone
/// (removed, or cleaned up) builds nothing.
pub(crate) struct LaterOwner {
    owner: Option<WeakOwner>,
    alive: StoredValue<()>,
}

impl LaterOwner {
    /// The current owner.
    pub(crate) fn current() -> Self {
        Self {
            owner: Owner::current().map(|owner| owner.downgrade()),
            alive: StoredValue::new(()),
        }
    }

    /// The owner, if it is still there.
    pub(crate) fn upgrade(self) -> Option<Owner> {
        let alive = !self.alive.is_disposed();
        self.owner.and_then(|owner| owner.upgrade()).filter(|_| alive)
    }
}

/// Once clerk-js has loaded, runs `fetch`: a call of a split point, which fetches its module
/// first. Boxed, so that one copy of these steps serves every split point.
pub(crate) fn fetch_once_clerk_loaded(status: Signal<LoadStatus>, fetch: Pin<Box<dyn Future<Output = ()>>>) {
    // An async block does nothing before it is polled: the fetch starts here.
    once_clerk_loaded(status, move || leptos::task::spawn_local(fetch));
}

/// Runs `start` once, untracked, as soon as `status` says clerk-js has loaded.
fn once_clerk_loaded(status: Signal<LoadStatus>, start: impl FnOnce() + 'static) {
    let mut start = Some(start);
    Effect::new(move |_| {
        if status.with(LoadStatus::is_loaded)
            && let Some(start) = start.take()
        {
            untrack(start);
        }
    });
}
