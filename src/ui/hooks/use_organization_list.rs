//! `use_organization_list`: the organizations the user belongs to, switching between them,
//! and creating one.

use leptos::prelude::*;

use crate::model::MembershipSnapshot;
use crate::runtime::context::context;
use crate::ui::actions::{CreateOrganizationAction, SetActive};

/// What [`use_organization_list`] returns.
#[derive(Clone, Copy, Debug)]
pub struct UseOrganizationListReturn {
    /// clerk-js loaded and the tab is not between two sessions.
    pub is_loaded: Signal<bool>,
    /// The user's memberships, each with its organization and role; empty when signed out.
    pub user_memberships: Signal<Vec<MembershipSnapshot>>,
    /// Makes an organization (or the personal account) active:
    /// `SetActiveOptions::current_session().organization(id)`.
    pub set_active: SetActive,
    /// Creates an organization.
    pub create_organization: CreateOrganizationAction,
}

/// Clerk's `useOrganizationList()` for Leptos.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{use_organization_list, SetActiveOptions};
///
/// #[component]
/// fn Organizations() -> impl IntoView {
///     let list = use_organization_list();
///     view! {
///         <For each=move || list.user_memberships.get() key=|m| m.id.clone() let:membership>
///             <button on:click=move |_| {
///                 let id = membership.organization.id.clone();
///                 leptos::task::spawn_local(async move {
///                     let _ = list.set_active.call(SetActiveOptions::current_session().organization(id)).await;
///                 });
///             }>{membership.organization.name.clone()}</button>
///         </For>
///     }
/// }
/// ```
#[track_caller]
pub fn use_organization_list() -> UseOrganizationListReturn {
    let clerk = context("use_organization_list");
    let (status, resources) = (clerk.status(), clerk.resources());
    let is_loaded =
        Memo::new(move |_| status.with(|s| s.is_loaded()) && resources.with(|r| r.user.is_loaded()));
    UseOrganizationListReturn {
        is_loaded: is_loaded.into(),
        user_memberships: Memo::new(move |_| {
            resources.with(|r| {
                r.user
                    .get()
                    .map(|user| user.organization_memberships.clone())
                    .unwrap_or_default()
            })
        })
        .into(),
        set_active: SetActive::new(),
        create_organization: CreateOrganizationAction::new(),
    }
}
