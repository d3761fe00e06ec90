//! `<UserAvatar>`: Clerk's avatar of the signed-in user, alone.

use leptos::prelude::*;

use super::Appearance;
use super::Props;
use super::mount::mounted;
use crate::js::Prebuilt;

/// Clerk's avatar of the signed-in user (`clerk.mountUserAvatar`): the uploaded image, or
/// Clerk's generated initials; no menu. For a menu, use [`UserButton`](crate::UserButton).
/// clerk-js 5 and 6 both have it. It draws nothing while signed out, so wrap it in
/// [`SignedIn`](crate::SignedIn) if the space should go too.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{SignedIn, UserAvatar};
///
/// #[component]
/// fn Greeting() -> impl IntoView {
///     view! { <SignedIn><UserAvatar rounded=false/>" Welcome back"</SignedIn> }
/// }
/// ```
#[component]
pub fn UserAvatar(
    /// A circle (clerk-js' default, `true`) or a rounded square (`false`).
    #[prop(optional, into)]
    rounded: MaybeProp<bool>,
    /// Looks.
    #[prop(optional, into)]
    appearance: MaybeProp<Appearance>,
    /// Extra classes for the wrapper `<div>`.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let props = Memo::new(move |_| {
        Props::default()
            .set("rounded", rounded.get())
            .set("appearance", appearance.get())
            .build()
    });
    mounted(Prebuilt::UserAvatar, props, class)
}
