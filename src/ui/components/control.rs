//! `<ClerkLoaded>`, `<ClerkLoading>`, `<ClerkDegraded>`, `<ClerkFailed>`: render by load status.

use leptos::either::Either;
use leptos::prelude::*;

use crate::model::{LoadError, LoadStatus};
use crate::runtime::context::context;

/// Renders its children once clerk-js has loaded (ready or degraded).
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::ClerkLoaded;
/// # #[component] fn Account() -> impl IntoView {}
/// view! { <ClerkLoaded><Account/></ClerkLoaded> };
/// ```
#[component]
pub fn ClerkLoaded(children: ChildrenFn) -> impl IntoView {
    let status = context("ClerkLoaded").status();
    move || status.with(LoadStatus::is_loaded).then(|| children())
}

/// Renders its children while clerk-js is loading.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::ClerkLoading;
/// view! { <ClerkLoading><p class="spinner">"Loading…"</p></ClerkLoading> };
/// ```
#[component]
pub fn ClerkLoading(children: ChildrenFn) -> impl IntoView {
    let status = context("ClerkLoading").status();
    move || status.with(|s| *s == LoadStatus::Loading).then(|| children())
}

/// Renders its children while clerk-js runs degraded (Clerk's API unreachable, state from
/// cache).
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::ClerkDegraded;
/// view! { <ClerkDegraded><p>"Working offline"</p></ClerkDegraded> };
/// ```
#[component]
pub fn ClerkDegraded(children: ChildrenFn) -> impl IntoView {
    let status = context("ClerkDegraded").status();
    move || status.with(|s| *s == LoadStatus::Degraded).then(|| children())
}

/// Renders its children with the reason when clerk-js failed to load.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::ClerkFailed;
/// view! {
///     <ClerkFailed let:error>
///         <p role="alert">"Sign-in is unavailable: " {error.to_string()}</p>
///     </ClerkFailed>
/// };
/// ```
#[component]
pub fn ClerkFailed<F, V>(
    /// Renders the failure.
    children: F,
) -> impl IntoView
where
    F: Fn(LoadError) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let status = context("ClerkFailed").status();
    move || match status.get() {
        LoadStatus::Failed(error) => Either::Left(children(error)),
        _ => Either::Right(()),
    }
}
