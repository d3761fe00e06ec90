//! A panic in the wasm must not leave a silently dead page.
//!
//! A panic aborts the wasm instance: whatever was running stops, and later calls into the
//! module may fail too (its locks and borrows are never released). So the hook does the
//! visible part at once, with plain DOM calls: an alert at the top of the page, with the
//! message. Then it tries to set every provider's status to [`LoadStatus::Failed`], so that
//! `<ClerkFailed>` and `use_clerk().status()` say so too wherever rendering still works.

use std::cell::RefCell;
use std::panic::PanicHookInfo;

use leptos::prelude::*;

use crate::js::dom::show_page_alert;
use crate::model::{LoadError, LoadStatus};

/// The id of the alert the hook puts on the page, for styling it or finding it in tests.
///
/// ```no_run
/// // e.g. in an end-to-end test, or to restyle it: `#leptos-clerk-panic { … }`
/// let selector = format!("#{}", leptos_clerk::PANIC_ALERT_ID);
/// # let _ = selector;
/// ```
pub const PANIC_ALERT_ID: &str = "leptos-clerk-panic";

thread_local! {
    /// The status signals of the providers on the page; each removes its own on cleanup.
    static STATUSES: RefCell<Vec<RwSignal<LoadStatus>>> = const { RefCell::new(Vec::new()) };
    static INSTALLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs the hook, once per page; every [`ClerkProvider`](crate::ClerkProvider) calls it.
/// A hook installed before (such as `console_error_panic_hook`) still runs first.
///
/// ```no_run
/// // Only needed for panics before the provider mounts:
/// leptos_clerk::install_panic_hook();
/// ```
pub fn install_panic_hook() {
    if INSTALLED.with(|installed| installed.replace(true)) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        previous(info);
        let message = panic_message(info);
        show_alert(&message);
        fail_providers(message);
    }));
}

/// Registers a provider's status for the hook to set; returns what unregisters it.
pub(crate) fn watch(status: RwSignal<LoadStatus>) -> impl FnOnce() + Send + Sync + 'static {
    install_panic_hook();
    STATUSES.with(|statuses| statuses.borrow_mut().push(status));
    move || {
        let _ = STATUSES.try_with(|statuses| {
            if let Ok(mut statuses) = statuses.try_borrow_mut() {
                statuses.retain(|watched| *watched != status);
            }
        });
    }
}

fn panic_message(info: &PanicHookInfo<'_>) -> String {
    let payload = info
        .payload()
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    match info.location() {
        Some(location) => format!("{payload} ({}:{})", location.file(), location.line()),
        None => payload,
    }
}

/// Puts (or updates) the alert at the top of the page.
fn show_alert(message: &str) {
    show_page_alert(
        PANIC_ALERT_ID,
        "lc-panic",
        &format!(
            "This page stopped working after an error in its code: {message}. Reload the page to continue."
        ),
    );
}

fn fail_providers(message: String) {
    let statuses = STATUSES
        .try_with(|statuses| statuses.try_borrow().map(|s| s.clone()).unwrap_or_default())
        .unwrap_or_default();
    for status in statuses {
        status.try_set(LoadStatus::Failed(LoadError::Panicked(message.clone())));
    }
}
