//! The switcher behind a split point (feature `split`): its code is not in the first
//! download but in the later module it shares with the refresh driver (`leptos_clerk`),
//! fetched once clerk-js has loaded (see `runtime::split`). Until it arrives the switcher
//! shows what it shows before clerk-js has loaded.
//!
//! Needs a build that splits the wasm at `#[wasm_split]` points (`cargo xtask` does it for
//! the benchmark app, as cargo-leptos `--split` does); a plain Trunk build cannot load the
//! module.

use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

use super::{Props, build};
use crate::runtime::split::loader::SplitLoaderError;
use crate::runtime::split::{LaterOwner, fetch_once_clerk_loaded};
use crate::ui::components::{erased, root_class};

/// Builds the switcher in the split-off module, if its owner is still there; the first call
/// fetches the module.
#[wasm_split(
    leptos_clerk,
    wasm_split_path = crate::runtime::split::loader,
    fallible
)]
fn build_split(owner: LaterOwner, props: Props) -> Result<Option<AnyView>, SplitLoaderError> {
    Ok(owner.upgrade().map(|owner| owner.with(|| build(props))))
}

/// The switcher, once its module has arrived; until then, its loading state.
pub(super) fn deferred(props: Props) -> AnyView {
    let built = RwSignal::new_local(None::<AnyView>);
    let failed = RwSignal::new(false);
    // The app's classes as they are now: a reactive class here would link Leptos' code for
    // reactive attributes into the first download (about 2 KB) for a few hundred milliseconds.
    let class = untrack(root_class("lc-switcher", props.class));
    // What the module builds belongs to the switcher and is cleaned up with it.
    let owner = LaterOwner::current();
    fetch_once_clerk_loaded(
        props.clerk.status(),
        Box::pin(async move {
            // A failure lasts until the page is reloaded: nothing asks the loader to try again.
            match build_split(owner, props).await {
                Ok(Some(view)) => {
                    built.try_set(Some(view));
                }
                Ok(None) => {}
                Err(_) => {
                    failed.try_set(true);
                }
            }
        }),
    );
    // The built view is taken out of `built` once, without notifying: after that nothing this
    // closure tracks changes again, so it never runs to take it a second time.
    erased::dynamic(move || {
        built.track();
        match built.try_update_untracked(Option::take).flatten() {
            Some(view) => view,
            None => stand_in(class.clone(), failed.get()),
        }
    })
    .into_any()
}

/// The switcher's markup before clerk-js has loaded, or when its module cannot be fetched.
fn stand_in(class: String, failed: bool) -> AnyView {
    let prompt = if failed {
        "Accounts unavailable"
    } else {
        "Loading accounts…"
    };
    view! {
        <div class=class>
            <button
                type="button"
                class="lc-switcher__trigger"
                aria-haspopup="menu"
                aria-expanded="false"
                disabled
            >
                <span class="lc-switcher__prompt">{prompt}</span>
                <span class="lc-switcher__chevron" aria-hidden="true"></span>
            </button>
        </div>
    }
    .into_any()
}
