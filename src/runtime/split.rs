//! When the split-off parts (feature `split`) are fetched: once clerk-js has loaded.
//!
//! Neither part shows or plans anything before that, and fetching and compiling one while
//! clerk-js loads competes with clerk-js for the CPU. Measured on the benchmark app (24 page
//! loads each, alternating with the unsplit build, 2-core VM): fetched at mount, the session
//! showed 51 ms later on average than unsplit, a tail of loads 100–200 ms slower; fetched once
//! clerk-js has loaded, 9 ms sooner. The medians were within noise both times.

use leptos::prelude::*;

use crate::model::LoadStatus;

/// Runs `start` once, untracked, as soon as `status` says clerk-js has loaded.
pub(crate) fn once_clerk_loaded(status: Signal<LoadStatus>, start: impl FnOnce() + 'static) {
    let mut start = Some(start);
    Effect::new(move |_| {
        if status.with(LoadStatus::is_loaded)
            && let Some(start) = start.take()
        {
            untrack(start);
        }
    });
}
