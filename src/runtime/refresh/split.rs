//! The refresh driver behind a split point (feature `split`): the provider's first render
//! does not wait for its code, which is in the later module it shares with the switcher
//! (`leptos_clerk`), fetched once clerk-js has loaded (see `runtime::split`): nothing is
//! planned before that anyway.

use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

use super::{DriveInput, drive};
use crate::refresh::{RefreshStatus, StopReason};
use crate::runtime::split::fetch_once_clerk_loaded;
use crate::runtime::split::loader::SplitLoaderError;

/// Starts the driver in the split-off module; the first call fetches the module.
#[wasm_split(
    leptos_clerk,
    wasm_split_path = crate::runtime::split::loader,
    fallible,
    preload(load_driver)
)]
fn drive_split(owner: Owner, input: DriveInput) -> Result<(), SplitLoaderError> {
    owner.with(|| drive(input));
    Ok(())
}

/// Starts the driver under the current owner once its module has arrived. If the owner is
/// gone by then, nothing starts; if the module cannot be fetched, the refresher says so
/// (until the page is reloaded: nothing asks the module's loader to try again).
pub(super) fn drive_when_loaded(input: DriveInput) {
    let status = input.signals.status;
    fetch_once_clerk_loaded(input.status, load_driver, move |owner, loaded| async move {
        // Loaded already, `drive_split` completes at once, before anything else can run.
        let started = match loaded {
            Ok(()) => drive_split(owner, input).await,
            Err(failure) => Err(failure),
        };
        if started.is_err() {
            status.try_set(RefreshStatus::Stopped(StopReason::Unavailable));
        }
    });
}
