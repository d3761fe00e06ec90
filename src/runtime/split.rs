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

use crate::model::LoadStatus;

pub(crate) mod loader;

use loader::SplitLoaderError;

/// Once clerk-js has loaded, fetches a split-off module with `load` (a split point's preload
/// function) and hands `then` the current owner and whether the fetch worked. If that owner
/// is gone by then (removed, or cleaned up), `then` does not run. The owner is held weakly:
/// a fetch that never ends must not keep it alive.
pub(crate) fn fetch_once_clerk_loaded<Load, Then>(
    status: Signal<LoadStatus>,
    load: fn() -> Load,
    then: impl FnOnce(Owner, Result<(), SplitLoaderError>) -> Then + 'static,
) where
    Load: Future<Output = Result<(), SplitLoaderError>> + 'static,
    Then: Future<Output = ()> + 'static,
{
    // Boxed, so that one copy of the steps serves every split point.
    fetch(
        status,
        Box::pin(load()),
        Box::new(move |owner, loaded| Box::pin(then(owner, loaded))),
    );
}

type Boxed<T> = Pin<Box<dyn Future<Output = T>>>;
/// What runs once a split-off module is fetched, with the owner that asked for it.
type Then = Box<dyn FnOnce(Owner, Result<(), SplitLoaderError>) -> Boxed<()>>;

fn fetch(
    status: Signal<LoadStatus>,
    load: Boxed<Result<(), SplitLoaderError>>,
    then: Then,
) {
    let alive = StoredValue::new(());
    let owner = Owner::current().map(|owner| owner.downgrade());
    once_clerk_loaded(status, move || {
        leptos::task::spawn_local(async move {
            // An async fn's future does nothing before it is polled: the fetch starts here.
            let loaded = load.await;
            let Some(owner) = owner
                .and_then(|owner| owner.upgrade())
                .filter(|_| !alive.is_disposed())
            else {
                return;
            };
            then(owner, loaded).await;
        });
    });
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
