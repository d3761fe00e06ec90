//! `<OrganizationProfile>`: Clerk's page for the active organization.

use leptos::prelude::*;

use super::mount::mounted_with;
use super::profile_page::{ProfilePage, custom_pages_js};
use super::view_slot::callback_props;
use super::{Appearance, Props, Routing};
use crate::js::{JsOptions, Prebuilt};

/// Clerk's page for the active organization (`clerk.mountOrganizationProfile`): its name
/// and logo, members and their roles, invitations, domains. Members see what their role
/// lets them. Needs an active organization; show it under
/// `<Show when=ShowWhen::predicate(…)>` or after [`use_organization`](crate::use_organization)
/// says there is one.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::OrganizationProfile;
///
/// #[component]
/// fn OrganizationSettings() -> impl IntoView {
///     view! { <OrganizationProfile after_leave_organization_url="/"/> }
/// }
/// ```
#[component]
pub fn OrganizationProfile(
    /// How the page keeps track of its tabs. Default: [`Routing::Hash`].
    #[prop(optional, into)]
    routing: MaybeProp<Routing>,
    /// Where to go after the user leaves the organization.
    #[prop(optional, into)]
    after_leave_organization_url: MaybeProp<String>,
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
            .set("afterLeaveOrganizationUrl", after_leave_organization_url.get())
            .appearance(appearance.get())
            .build()
    });
    let functions = (!pages.is_empty()).then(|| {
        callback_props(move |owner, slots| {
            let pages = custom_pages_js(&pages, &owner, slots).unwrap_or_default();
            JsOptions::new().list("customPages", pages)
        })
    });
    mounted_with(Prebuilt::OrganizationProfile, props, functions, class)
}
