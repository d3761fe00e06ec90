//! The refresh driver behind a split point (feature `split`): the provider's first render
//! does not wait for its code, which is in the later module it shares with the switcher
//! (`leptos_clerk`), fetched once clerk-js has loaded (see `runtime::split`): nothing is
//! planned before that anyway.

use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

use super::{DriveInput, drive};
use crate::refresh::{RefreshStatus, StopReason};
use crate::runtime::split::loader::SplitLoaderError;
use crate::runtime::split::{LaterOwner, fetch_once_clerk_loaded};

/// Starts the driver in the split-off module, if its owner is still there; the first call
/// fetches the module.
#[wasm_split(
    leptos_clerk,
    wasm_split_path = crate::runtime::split::loader,
    fallible
)]
fn drive_split(owner: LaterOwner, input: DriveInput) -> Result<(), SplitLoaderError> {
    if let Some(owner) = owner.upgrade() {
        owner.with(|| drive(input));
    }
    Ok(())
}

/// Starts the driver under the current owner once its module has arrived. If the owner is
/// gone by then, nothing starts; if the module cannot be fetched, the refresher says so
/// (until the page is reloaded: nothing asks the module's loader to try again).
pub(super) fn drive_when_loaded(input: DriveInput) {
    let status = input.signals.status;
    let owner = LaterOwner::current();
    fetch_once_clerk_loaded(
        input.status,
        Box::pin(async move {
            if drive_split(owner, input).await.is_err() {
                status.try_set(RefreshStatus::Stopped(StopReason::Unavailable));
            }
        }),
    );
}
