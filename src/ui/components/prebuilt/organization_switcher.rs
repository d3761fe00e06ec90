//! `<OrganizationSwitcher>`: Clerk's organization menu.

use leptos::prelude::*;

use super::mount::mounted;
use super::{Appearance, Props};
use crate::js::Prebuilt;

/// Clerk's organization menu (`clerk.mountOrganizationSwitcher`): switch the active
/// organization, or the personal account. Needs organizations enabled on the instance
/// (clerk-js says so in its place otherwise).
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::OrganizationSwitcher;
///
/// #[component]
/// fn Header() -> impl IntoView {
///     view! { <OrganizationSwitcher hide_personal=true after_select_organization_url="/org"/> }
/// }
/// ```
#[component]
pub fn OrganizationSwitcher(
    /// Hide the personal account from the list.
    #[prop(optional, into)]
    hide_personal: MaybeProp<bool>,
    /// Where to go after choosing an organization.
    #[prop(optional, into)]
    after_select_organization_url: MaybeProp<String>,
    /// Where to go after creating one.
    #[prop(optional, into)]
    after_create_organization_url: MaybeProp<String>,
    /// Looks.
    #[prop(optional, into)]
    appearance: MaybeProp<Appearance>,
    /// Extra classes for the wrapper `<div>`.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let props = Memo::new(move |_| {
        Props::default()
            .set("hidePersonal", hide_personal.get())
            .set("afterSelectOrganizationUrl", after_select_organization_url.get())
            .set("afterCreateOrganizationUrl", after_create_organization_url.get())
            .appearance(appearance.get())
            .build()
    });
    mounted(Prebuilt::OrganizationSwitcher, props, class)
}
