//! Setting signals only when their value changes.

use leptos::prelude::*;

/// Sets `signal` to `next` unless it already holds an equal value, so that subscribers
/// wake only for real changes; nothing once the signal is disposed.
pub(crate) fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, next: T) {
    if signal.try_with_untracked(|current| *current != next) == Some(true) {
        signal.try_set(next);
    }
}
