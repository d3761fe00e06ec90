//! `<UserProfile>`: Clerk's account page.

use leptos::prelude::*;

use super::mount::mounted_with;
use super::profile_page::{ProfilePage, custom_pages_js};
use super::view_slot::callback_props;
use super::{Appearance, Props, Routing};
use crate::js::{JsOptions, Prebuilt};

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
    /// The app's own pages (and Clerk's, reordered). Read once, when the component is
    /// created.
    #[prop(optional)]
    pages: Vec<ProfilePage>,
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
    let functions = (!pages.is_empty()).then(|| {
        callback_props(move |owner, slots| {
            let pages = custom_pages_js(&pages, &owner, slots).unwrap_or_default();
            JsOptions::new().list("customPages", pages)
        })
    });
    mounted_with(Prebuilt::UserProfile, props, functions, class)
}
