//! The switcher as a split-off module (feature `split`): its code is not in the first
//! download but in a module of its own, fetched as soon as the switcher mounts, in parallel
//! with clerk-js. Until it arrives the switcher shows what it shows before clerk-js has
//! loaded, so a page sees no difference unless the module arrives after clerk-js.
//!
//! Needs a build that splits the wasm at `#[wasm_split]` points (cargo-leptos `--split`, or
//! `cargo xtask` for the benchmark app); a plain Trunk build cannot load the module.

use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};

use super::{Props, build};

/// Builds the switcher in the split-off module; the first call fetches the module.
#[wasm_split(
    leptos_clerk,
    wasm_split_path = ::leptos::wasm_split,
    fallible,
    preload(load_switcher)
)]
fn build_split(owner: Owner, props: Props) -> Result<AnyView, SplitLoaderError> {
    Ok(owner.with(|| build(props)))
}

/// The switcher, once its module has arrived; until then, its loading state.
pub(super) fn load(props: Props) -> AnyView {
    let loaded = RwSignal::new_local(None::<AnyView>);
    let failed = RwSignal::new(false);
    // What the module builds belongs to the switcher, and is cleaned up with it.
    let owner = Owner::current().unwrap_or_default();
    leptos::task::spawn_local(async move {
        let built = match load_switcher().await {
            // Gone before the module arrived: build nothing.
            Ok(()) if loaded.is_disposed() => return,
            Ok(()) => build_split(owner, props).await,
            Err(failure) => Err(failure),
        };
        match built {
            Ok(view) => {
                loaded.try_set(Some(view));
            }
            Err(_) => {
                failed.try_set(true);
            }
        }
    });
    crate::ui::components::erased::dynamic(move || {
        loaded.track();
        match loaded.try_update_untracked(Option::take).flatten() {
            Some(view) => view,
            None => placeholder(failed.get()),
        }
    })
    .into_any()
}

/// The switcher's markup before clerk-js has loaded, or a failure to fetch its module.
fn placeholder(failed: bool) -> AnyView {
    let prompt = if failed {
        "Accounts unavailable"
    } else {
        "Loading accounts…"
    };
    view! {
        <div class="lc-switcher">
            <button type="button" class="lc-switcher__trigger" aria-haspopup="menu" disabled>
                <span class="lc-switcher__prompt">{prompt}</span>
                <span class="lc-switcher__chevron" aria-hidden="true"></span>
            </button>
        </div>
    }
    .into_any()
}
