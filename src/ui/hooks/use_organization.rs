//! `use_organization`: the session's active organization, the user's membership of it, and
//! its members and invitations page by page.

use leptos::prelude::*;

use crate::model::{MembershipSnapshot, OrganizationSnapshot};
use crate::runtime::context::context;
use crate::ui::actions::{ListInvitations, ListMemberships};

/// What [`use_organization`] returns.
#[derive(Clone, Copy, Debug)]
pub struct UseOrganizationReturn {
    /// clerk-js loaded and the tab is not between two sessions.
    pub is_loaded: Signal<bool>,
    /// The active organization; `None` for the personal account or when signed out.
    pub organization: Signal<Option<OrganizationSnapshot>>,
    /// The user's membership of it: role and permissions.
    pub membership: Signal<Option<MembershipSnapshot>>,
    /// The organization's members, a page at a time.
    pub memberships: ListMemberships,
    /// The organization's invitations, a page at a time (for roles that may see them).
    pub invitations: ListInvitations,
}

/// Clerk's `useOrganization()` for Leptos.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::use_organization;
///
/// #[component]
/// fn OrgName() -> impl IntoView {
///     let org = use_organization();
///     move || match org.organization.get() {
///         Some(org) => org.name,
///         None => "Personal account".into(),
///     }
/// }
/// ```
#[track_caller]
pub fn use_organization() -> UseOrganizationReturn {
    let clerk = context("use_organization");
    let (status, resources) = (clerk.status(), clerk.resources());
    let is_loaded =
        Memo::new(move |_| status.with(|s| s.is_loaded()) && resources.with(|r| r.session.is_loaded()));
    let organization = Memo::new(move |_| {
        if is_loaded.get() {
            resources.with(|r| r.organization.clone())
        } else {
            None
        }
    });
    let membership = Memo::new(move |_| {
        let id = organization.with(|org| org.as_ref().map(|org| org.id.clone()))?;
        resources.with(|r| {
            r.user
                .get()?
                .organization_memberships
                .iter()
                .find(|membership| membership.organization.id == id)
                .cloned()
        })
    });
    UseOrganizationReturn {
        is_loaded: is_loaded.into(),
        organization: organization.into(),
        membership: membership.into(),
        memberships: ListMemberships::new(),
        invitations: ListInvitations::new(),
    }
}
