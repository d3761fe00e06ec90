//! `<Show>`: render by sign-in state (Clerk Core 3's replacement for `SignedIn`/`SignedOut`).

use leptos::prelude::*;

use crate::runtime::context::context;
use crate::ui::hooks::use_auth;

/// When [`Show`] renders its children.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ShowWhen {
    /// Someone is signed in in this tab.
    #[default]
    SignedIn,
    /// Nobody is signed in in this tab.
    SignedOut,
}

/// Renders its children when the sign-in state matches `when`, the `fallback` otherwise,
/// and nothing while clerk-js is loading (so the page never flashes the wrong one).
///
/// Leptos' prelude has a `Show` of its own: refer to this one by path, or import it under
/// another name.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::ShowWhen;
///
/// view! {
///     <leptos_clerk::Show when=ShowWhen::SignedIn fallback=|| view! { <a href="/sign-in">"Sign in"</a> }>
///         <p>"Welcome back"</p>
///     </leptos_clerk::Show>
/// };
/// ```
#[component]
pub fn Show(
    /// Which state shows the children. Default: signed in.
    #[prop(optional)]
    when: ShowWhen,
    /// Shown when the state does not match. Default: nothing.
    #[prop(optional, into)]
    fallback: ViewFn,
    children: ChildrenFn,
) -> impl IntoView {
    context("Show");
    let is_signed_in = use_auth().is_signed_in;
    move || match is_signed_in.get() {
        None => None,
        Some(signed_in) if signed_in == (when == ShowWhen::SignedIn) => Some(children().into_any()),
        Some(_) => Some(fallback.run()),
    }
}

/// Renders its children only when someone is signed in (Clerk Core 2's `<SignedIn>`).
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::SignedIn;
/// view! { <SignedIn><p>"Welcome back"</p></SignedIn> };
/// ```
#[component]
pub fn SignedIn(children: ChildrenFn) -> impl IntoView {
    view! { <Show when=ShowWhen::SignedIn>{children()}</Show> }
}

/// Renders its children only when nobody is signed in (Clerk Core 2's `<SignedOut>`).
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::SignedOut;
/// view! { <SignedOut><a href="/sign-in">"Sign in"</a></SignedOut> };
/// ```
#[component]
pub fn SignedOut(children: ChildrenFn) -> impl IntoView {
    view! { <Show when=ShowWhen::SignedOut>{children()}</Show> }
}
