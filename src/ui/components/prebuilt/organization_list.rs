//! `<OrganizationList>`: Clerk's list of the user's organizations.

use leptos::prelude::*;

use super::mount::mounted;
use super::{Appearance, Props};
use crate::js::Prebuilt;

/// Clerk's list of the user's organizations (`clerk.mountOrganizationList`): choose one,
/// accept an invitation or a suggestion, or create one.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::OrganizationList;
///
/// #[component]
/// fn ChooseOrganization() -> impl IntoView {
///     view! { <OrganizationList after_select_organization_url="/dashboard" hide_personal=true/> }
/// }
/// ```
#[component]
pub fn OrganizationList(
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
    mounted(Prebuilt::OrganizationList, props, class)
}
