//! Clerk's prebuilt UI, mounted from Leptos: `<SignIn>`, `<SignUp>`, `<UserButton>`, `<UserAvatar>`,
//! `<UserProfile>`, and for organizations `<OrganizationSwitcher>`, `<OrganizationProfile>`,
//! `<OrganizationList>` and `<CreateOrganization>`.
//!
//! Each component renders a `<div>` and asks clerk-js to mount its component there
//! (`clerk.mountSignIn(div, props)` and so on), and unmounts it on cleanup. Props are typed
//! here and handed over as plain JSON; when a reactive prop changes, the component is
//! unmounted and mounted again with the new props. With clerk-js 6, the first one to mount
//! fetches `@clerk/ui` (see [`ClerkOptions::ui_script_url`](crate::ClerkOptions::ui_script_url)),
//! so a page that mounts none of them never downloads it.
//!
//! While clerk-js loads, they render an empty box; if Clerk's UI cannot be shown (its
//! script failed, clerk-js refused), they say why in a `role="alert"` paragraph.

mod create_organization;
mod menu_item;
mod modals;
mod mount;
mod organization_list;
mod organization_profile;
mod organization_switcher;
mod profile_page;
mod reverification;
mod sign_in;
mod sign_up;
mod user_avatar;
mod user_button;
mod user_profile;
mod view_slot;

use crate::runtime::Appearance;
pub use create_organization::CreateOrganization;
pub use menu_item::MenuItem;
pub use modals::ModalOptions;
pub use organization_list::OrganizationList;
pub use organization_profile::OrganizationProfile;
pub use organization_switcher::OrganizationSwitcher;
pub use profile_page::ProfilePage;
pub use sign_in::SignIn;
pub use sign_up::SignUp;
pub use user_avatar::UserAvatar;
pub use user_button::{UserButton, UserProfileMode};
pub use user_profile::UserProfile;

use serde::Serialize;

/// How a mounted `<SignIn>`, `<SignUp>` or `<UserProfile>` keeps track of its steps.
///
/// ```
/// use leptos_clerk::Routing;
/// assert_eq!(Routing::default(), Routing::Hash);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Routing {
    /// In the URL's fragment (`#/factor-one`): works on any page, with no server routes.
    /// Do not use it on a page whose own router uses the fragment.
    #[default]
    Hash,
    /// Under a path (`/sign-in/factor-one`): the server must answer every path below it
    /// with the app, and each step is a page load unless clerk-js was given a router.
    Path(String),
}

impl Routing {
    /// Adds `routing` (and `path`) to a props object.
    fn write(&self, props: &mut serde_json::Map<String, serde_json::Value>) {
        let (routing, path) = match self {
            Routing::Hash => ("hash", None),
            Routing::Path(path) => ("path", Some(path.clone())),
        };
        props.insert("routing".into(), routing.into());
        if let Some(path) = path {
            props.insert("path".into(), path.into());
        }
    }
}

/// The props `<SignIn>` and `<SignUp>` share: routing, where to go when done, the link to
/// the other form (`other_form` is its prop name and URL), and looks.
fn form_props(
    routing: Option<Routing>,
    fallback_redirect_url: Option<String>,
    force_redirect_url: Option<String>,
    other_form: (&str, Option<String>),
    appearance: Option<Appearance>,
) -> serde_json::Value {
    Props::default()
        .routing(routing)
        .set("fallbackRedirectUrl", fallback_redirect_url)
        .set("forceRedirectUrl", force_redirect_url)
        .set(other_form.0, other_form.1)
        .appearance(appearance)
        .build()
}

/// A props object under construction: only the props that were given, under clerk-js'
/// names, so clerk-js' defaults apply to the rest.
#[derive(Default)]
struct Props(serde_json::Map<String, serde_json::Value>);

impl Props {
    fn routing(mut self, routing: Option<Routing>) -> Self {
        routing.unwrap_or_default().write(&mut self.0);
        self
    }

    /// Sets `name` when `value` is given (strings, flags, typed options alike).
    fn set(mut self, name: &str, value: Option<impl Serialize>) -> Self {
        if let Some(value) = value.and_then(|value| serde_json::to_value(value).ok()) {
            self.0.insert(name.into(), value);
        }
        self
    }

    /// Sets `appearance` as clerk-js reads it (see [`Appearance::to_json`]).
    fn appearance(self, appearance: Option<impl std::borrow::Borrow<Appearance>>) -> Self {
        self.set(
            "appearance",
            appearance.map(|appearance| appearance.borrow().to_json()),
        )
    }

    fn build(self) -> serde_json::Value {
        serde_json::Value::Object(self.0)
    }
}
