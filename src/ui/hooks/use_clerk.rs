//! `use_clerk`: the provider's handle.

use crate::runtime::context::{ClerkContext, context, try_context};

/// The [`ClerkContext`] of the nearest provider: load status, raw resources and the live
/// clerk-js instance. Panics outside a provider; see [`try_use_clerk`].
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{use_clerk, LoadStatus};
///
/// #[component]
/// fn Banner() -> impl IntoView {
///     let clerk = use_clerk();
///     move || matches!(clerk.status().get(), LoadStatus::Degraded).then_some("Clerk is unreachable; some features are limited.")
/// }
/// ```
#[track_caller]
pub fn use_clerk() -> ClerkContext {
    context("use_clerk")
}

/// Like [`use_clerk`], but `None` outside a provider.
pub fn try_use_clerk() -> Option<ClerkContext> {
    try_context()
}
