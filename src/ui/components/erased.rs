//! Type erasure for the components' reactive parts, to keep the wasm small.
//!
//! Leptos compiles its rendering code once per closure type: every `move || …` given as an
//! attribute, a text or a dynamic child carries its own copy of the code that builds,
//! updates and drops it. The components here route those closures through a few boxed
//! types instead ([`Signal<String>`], [`Signal<bool>`], one function returning
//! [`AnyView`]), so the rendering code exists once per type, whatever the number of uses.
//! On the benchmark app this saved about 2 KB gzip (docs/size.md): most of Leptos' cost
//! there is per signal type, not per closure.

use leptos::prelude::*;

/// A reactive text or attribute value, boxed.
pub(crate) fn text(value: impl Fn() -> String + Send + Sync + 'static) -> Signal<String> {
    Signal::derive(value)
}

/// A reactive flag (`hidden`, `disabled`, `class:…`), boxed.
pub(crate) fn flag(value: impl Fn() -> bool + Send + Sync + 'static) -> Signal<bool> {
    Signal::derive(value)
}

/// An ARIA state (`aria-busy`, `aria-expanded`…): `"true"` or `"false"`, boxed.
pub(crate) fn aria(value: impl Fn() -> bool + Send + Sync + 'static) -> Signal<String> {
    Signal::derive(move || if value() { "true" } else { "false" }.to_owned())
}

/// A child that switches between views, boxed: every dynamic child made with this shares
/// one copy of Leptos' code for dynamic children.
pub(crate) fn dynamic(view: impl Fn() -> AnyView + Send + Sync + 'static) -> impl IntoView {
    boxed(Box::new(view))
}

/// A child shown while `when` is true, boxed like [`dynamic`].
pub(crate) fn shown_when(
    when: impl Fn() -> bool + Send + Sync + 'static,
    view: impl Fn() -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    dynamic(move || if when() { view() } else { ().into_any() })
}

// Not generic, so the closure below is one type for every caller.
fn boxed(view: Box<dyn Fn() -> AnyView + Send + Sync>) -> impl IntoView {
    move || view()
}
