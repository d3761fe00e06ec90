//! `<UserButton>`: Clerk's avatar button and account menu.

use leptos::prelude::*;

use super::menu_item::{MenuItem, menu_item_js};
use super::mount::mounted_with;
use super::profile_page::{ProfilePage, custom_pages_js};
use super::view_slot::callback_props;
use super::{Appearance, Props};
use crate::js::{JsOptions, Prebuilt};

/// Where "Manage account" in the [`UserButton`] menu shows the user profile.
///
/// ```
/// use leptos_clerk::UserProfileMode;
/// let mode = UserProfileMode::Navigation("/account".into());
/// assert_ne!(mode, UserProfileMode::default());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum UserProfileMode {
    /// In a modal over the page.
    #[default]
    Modal,
    /// On its own page, at this URL.
    Navigation(String),
}

/// Clerk's avatar button (`clerk.mountUserButton`). Its menu manages the account, signs
/// out, and, in multi-session mode, switches between the browser's accounts and adds one;
/// every change reaches [`use_session`](crate::use_session) like any other.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{SignedIn, UserButton};
///
/// #[component]
/// fn Header() -> impl IntoView {
///     view! { <header><SignedIn><UserButton show_name=true/></SignedIn></header> }
/// }
/// ```
#[component]
pub fn UserButton(
    /// Show the user's name beside the avatar.
    #[prop(optional, into)]
    show_name: MaybeProp<bool>,
    /// Where "Manage account" opens the profile. Default: [`UserProfileMode::Modal`].
    #[prop(optional, into)]
    user_profile_mode: MaybeProp<UserProfileMode>,
    /// Where to go after switching accounts from the menu. Default: stay.
    #[prop(optional, into)]
    after_switch_session_url: MaybeProp<String>,
    /// Where "Add account" goes. Default: the provider's `sign_in_url`, else the instance's.
    #[prop(optional, into)]
    sign_in_url: MaybeProp<String>,
    /// The app's own menu entries (and Clerk's, reordered). Read once, when the component
    /// is created.
    #[prop(optional)]
    menu_items: Vec<MenuItem>,
    /// Pages added to the profile that "Manage account" opens. Read once, when the
    /// component is created.
    #[prop(optional)]
    user_profile_pages: Vec<ProfilePage>,
    /// Looks.
    #[prop(optional, into)]
    appearance: MaybeProp<Appearance>,
    /// Extra classes for the wrapper `<div>`.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let props = Memo::new(move |_| {
        let (mode, url) = match user_profile_mode.get() {
            None => (None, None),
            Some(UserProfileMode::Modal) => (Some("modal".to_owned()), None),
            Some(UserProfileMode::Navigation(url)) => (Some("navigation".to_owned()), Some(url)),
        };
        Props::default()
            .set("showName", show_name.get())
            .set("userProfileMode", mode)
            .set("userProfileUrl", url)
            .set("afterSwitchSessionUrl", after_switch_session_url.get())
            .set("signInUrl", sign_in_url.get())
            .appearance(appearance.get())
            .build()
    });
    let functions = (!menu_items.is_empty() || !user_profile_pages.is_empty()).then(|| {
        callback_props(move |owner, slots| {
            let items = menu_items.iter().map(|item| menu_item_js(item, &owner, slots));
            let options = JsOptions::new().list("customMenuItems", items.collect::<Vec<_>>());
            match custom_pages_js(&user_profile_pages, &owner, slots) {
                Some(pages) => {
                    options.object("userProfileProps", JsOptions::new().list("customPages", pages))
                }
                None => options,
            }
        })
    });
    mounted_with(Prebuilt::UserButton, props, functions, class)
}
