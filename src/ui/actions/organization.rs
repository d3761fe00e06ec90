//! [`CreateOrganizationAction`], [`ListMemberships`] and [`ListInvitations`]: act on
//! organizations through clerk-js.

use crate::ClerkError;
use crate::js::{Clerk, JsOptions, organization_invitations, organization_memberships};
use crate::model::{InvitationSnapshot, MembershipSnapshot, OrganizationSnapshot, Page};

/// Creates an organization (clerk-js' `createOrganization`), with the user as its admin.
/// Make it active with [`SetActive`](super::SetActive) afterwards if the page should switch
/// to it. `Copy`.
///
/// ```no_run
/// use leptos_clerk::use_organization_list;
///
/// # async fn run() -> Result<(), leptos_clerk::ClerkError> {
/// let list = use_organization_list();
/// let acme = list.create_organization.call("Acme", None).await?;
/// println!("created {}", acme.id);
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct CreateOrganizationAction {
    _private: (),
}

impl CreateOrganizationAction {
    pub(crate) fn new() -> Self {
        Self { _private: () }
    }

    /// Creates `name`, with `slug` or one Clerk derives from the name.
    pub async fn call(&self, name: &str, slug: Option<&str>) -> Result<OrganizationSnapshot, ClerkError> {
        let clerk = Clerk::loaded_from_window()?;
        let params = JsOptions::new().text("name", name).text_if("slug", slug);
        clerk.create_organization(params).await
    }
}

/// Pages through the active organization's members (clerk-js'
/// `organization.getMemberships`), each with their role and public profile. `Copy`.
///
/// ```no_run
/// use leptos_clerk::use_organization;
///
/// # async fn run() -> Result<(), leptos_clerk::ClerkError> {
/// let first_page = use_organization().memberships.call(1, 10).await?;
/// for member in first_page.data {
///     println!("{:?} is {}", member.member.map(|m| m.display_name()), member.role);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ListMemberships {
    _private: (),
}

impl ListMemberships {
    pub(crate) fn new() -> Self {
        Self { _private: () }
    }

    /// Page `page` (from 1) of `page_size` members. [`ClerkError::NoOrganization`] for the
    /// personal account.
    pub async fn call(&self, page: u32, page_size: u32) -> Result<Page<MembershipSnapshot>, ClerkError> {
        let clerk = Clerk::loaded_from_window()?;
        organization_memberships(&clerk, page.max(1), page_size.clamp(1, 500)).await
    }
}

/// Pages through the active organization's invitations (clerk-js'
/// `organization.getInvitations`). Clerk shows them to members whose role may manage
/// memberships; others get Clerk's error. `Copy`.
///
/// ```no_run
/// use leptos_clerk::use_organization;
///
/// # async fn run() -> Result<(), leptos_clerk::ClerkError> {
/// let pending = use_organization().invitations.call(1, 10, &["pending"]).await?;
/// println!("{} invitations wait for an answer", pending.total_count);
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ListInvitations {
    _private: (),
}

impl ListInvitations {
    pub(crate) fn new() -> Self {
        Self { _private: () }
    }

    /// Page `page` (from 1) of `page_size` invitations whose status is one of `statuses`
    /// (`pending`, `accepted`, `revoked`; all of them when empty).
    pub async fn call(
        &self,
        page: u32,
        page_size: u32,
        statuses: &[&str],
    ) -> Result<Page<InvitationSnapshot>, ClerkError> {
        let clerk = Clerk::loaded_from_window()?;
        organization_invitations(&clerk, page.max(1), page_size.clamp(1, 500), statuses).await
    }
}
