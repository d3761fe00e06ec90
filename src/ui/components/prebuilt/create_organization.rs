//! `<CreateOrganization>`: Clerk's form for a new organization.

use leptos::prelude::*;

use super::mount::mounted;
use super::{Appearance, Props, Routing};
use crate::js::Prebuilt;

/// Clerk's form for a new organization (`clerk.mountCreateOrganization`): name, slug,
/// logo, then invitations. The new organization becomes the active one.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::CreateOrganization;
///
/// #[component]
/// fn NewOrganization() -> impl IntoView {
///     view! { <CreateOrganization after_create_organization_url="/org"/> }
/// }
/// ```
#[component]
pub fn CreateOrganization(
    /// How the form keeps track of its steps. Default: [`Routing::Hash`].
    #[prop(optional, into)]
    routing: MaybeProp<Routing>,
    /// Where to go once it is created.
    #[prop(optional, into)]
    after_create_organization_url: MaybeProp<String>,
    /// Skip the step that invites members.
    #[prop(optional, into)]
    skip_invitation_screen: MaybeProp<bool>,
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
            .set("afterCreateOrganizationUrl", after_create_organization_url.get())
            .set("skipInvitationScreen", skip_invitation_screen.get())
            .appearance(appearance.get())
            .build()
    });
    mounted(Prebuilt::CreateOrganization, props, class)
}
