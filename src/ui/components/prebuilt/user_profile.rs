//! `<UserProfile>`: Clerk's account page.

use leptos::prelude::*;

use super::mount::mounted;
use super::{Appearance, Props, Routing};
use crate::js::Prebuilt;

/// Clerk's account page (`clerk.mountUserProfile`): profile, email addresses, password,
/// active devices. Renders nothing useful when signed out; wrap it in
/// [`SignedIn`](crate::SignedIn).
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{SignedIn, UserProfile};
///
/// #[component]
/// fn AccountPage() -> impl IntoView {
///     view! { <SignedIn><UserProfile/></SignedIn> }
/// }
/// ```
#[component]
pub fn UserProfile(
    /// How the page keeps track of its tabs. Default: [`Routing::Hash`].
    #[prop(optional, into)]
    routing: MaybeProp<Routing>,
    /// Looks.
    #[prop(optional, into)]
    appearance: MaybeProp<Appearance>,
    /// Extra classes for the wrapper `<div>`.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let props = Memo::new(move |_| {
        Props::default()
            .routing(routing.get())
            .appearance(appearance.get())
            .build()
    });
    mounted(Prebuilt::UserProfile, props, class)
}
