//! clerk-js' organization calls: create one, and page through an organization's members
//! and invitations. Results are read with [`JsObject`] and converted by
//! [`model`](crate::model), like every other resource.

use js_sys::{Function, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::clerk::{Clerk, settled};
use super::options::JsOptions;
use super::read::{JsObject, classify, object_at};
use crate::ClerkError;
use crate::model::{InvitationSnapshot, MembershipSnapshot, OrganizationSnapshot, Page, RawValue};

impl Clerk {
    /// `clerk.organization`: the session's active organization, if any.
    pub fn organization(&self) -> Option<JsValue> {
        object_at(self, "organization")
    }

    /// `await clerk.createOrganization({name, slug})`: the new organization.
    pub async fn create_organization(&self, params: JsOptions) -> Result<OrganizationSnapshot, ClerkError> {
        let created = call(self, "createOrganization", params).await?;
        read_one(created, "organization", OrganizationSnapshot::read)
    }
}

/// `await organization.getMemberships({initialPage, pageSize})` on the active organization:
/// one page of its members, with their roles.
pub async fn organization_memberships(
    clerk: &Clerk,
    page: u32,
    page_size: u32,
) -> Result<Page<MembershipSnapshot>, ClerkError> {
    let organization = clerk.organization().ok_or(ClerkError::NoOrganization)?;
    let params = JsOptions::new()
        .number("initialPage", f64::from(page))
        .number("pageSize", f64::from(page_size));
    let result = call(&organization, "getMemberships", params).await?;
    let object = JsObject::new(result).ok_or_else(|| unexpected("getMemberships"))?;
    Ok(Page::read(&object, "memberships", MembershipSnapshot::read))
}

/// `await organization.getInvitations({initialPage, pageSize, status})` on the active
/// organization: one page of its invitations with these statuses (all when empty).
pub async fn organization_invitations(
    clerk: &Clerk,
    page: u32,
    page_size: u32,
    statuses: &[&str],
) -> Result<Page<InvitationSnapshot>, ClerkError> {
    let organization = clerk.organization().ok_or(ClerkError::NoOrganization)?;
    let status = js_sys::Array::new();
    for wanted in statuses {
        status.push(&JsValue::from_str(wanted));
    }
    let params = JsOptions::new()
        .number("initialPage", f64::from(page))
        .number("pageSize", f64::from(page_size))
        .when(!statuses.is_empty(), |params| params.value("status", &status));
    let result = call(&organization, "getInvitations", params).await?;
    let object = JsObject::new(result).ok_or_else(|| unexpected("getInvitations"))?;
    Ok(Page::read(&object, "invitations", InvitationSnapshot::read))
}

/// `organization[method](params)`, awaited; a missing method is a [`ClerkError::Clerk`].
pub(super) async fn call(owner: &JsValue, method: &str, params: JsOptions) -> Result<JsValue, ClerkError> {
    let function = Reflect::get(owner, &JsValue::from_str(method))
        .ok()
        .and_then(|function| function.dyn_into::<Function>().ok())
        .ok_or_else(|| ClerkError::Clerk {
            code: None,
            message: format!("clerk-js has no {method}()"),
        })?;
    settled(function.call1(owner, &params.into_js())).await
}

/// One resource from a call's result, converted.
fn read_one<T>(
    value: JsValue,
    path: &str,
    read: fn(&JsObject, &str, &mut crate::model::Problems) -> Option<T>,
) -> Result<T, ClerkError> {
    match classify(value) {
        RawValue::Object(object) => read(&object, path, &mut Default::default()),
        _ => None,
    }
    .ok_or_else(|| unexpected(path))
}

fn unexpected(what: &str) -> ClerkError {
    ClerkError::Clerk {
        code: None,
        message: format!("clerk-js answered {what} with something unreadable"),
    }
}
