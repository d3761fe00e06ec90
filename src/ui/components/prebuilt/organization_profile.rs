//! `<OrganizationProfile>`: Clerk's page for the active organization.

use leptos::prelude::*;

use super::mount::mounted;
use super::{Appearance, Props, Routing};
use crate::js::Prebuilt;

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
    mounted(Prebuilt::OrganizationProfile, props, class)
}
