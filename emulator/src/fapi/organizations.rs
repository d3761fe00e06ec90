//! Organizations over FAPI: the user's memberships (`/v1/me/organization_…`), creating one
//! and reading one with its members and roles (`/v1/organizations…`), and what a session
//! carries of its active organization (the user's `organization_memberships`, the token's
//! `o` and `fea`).
//!
//! Like `/v1/me…`, these act for the session clerk-js names (`?_clerk_session_id=`), else
//! the client's last active one. Invitations, suggestions, membership requests and domains
//! are lists the emulator keeps empty.

use axum::http::StatusCode;
use serde_json::Value;

use super::{ApiError, Call};
use crate::config::User;
use crate::emulator::Emulator;
use crate::json::organization as json;
use crate::organizations::{ActiveOrganization, MembershipEntry};
use crate::store::{Client, Session};

/// The longest organization name accepted, in characters.
const NAME_MAX_LENGTH: usize = 256;

/// Whether `route` answers this path: `/v1/organizations…` and the user's organization
/// lists under `/v1/me/`.
pub fn serves(path: &[&str]) -> bool {
    matches!(
        path,
        ["v1", "organizations", ..]
            | [
                "v1",
                "me",
                "organization_memberships" | "organization_invitations" | "organization_suggestions"
            ]
    )
}

/// Answers a route under `/v1/organizations` or `/v1/me/organization_…`.
pub fn route(call: &Call<'_>, client: &mut Client) -> Result<Value, ApiError> {
    let segments: Vec<&str> = call.request.segments.iter().map(String::as_str).collect();
    let user = acting_user(call, client)?;
    let response = match (call.request.method.as_str(), &segments[1..]) {
        ("GET", ["me", "organization_memberships"]) => {
            let entries = call.emulator.organizations.memberships_of(&user.id);
            let items = entries.iter().map(|entry| membership(call, entry)).collect();
            page(call, items)?
        }
        ("GET", ["me", "organization_invitations" | "organization_suggestions"]) => page(call, Vec::new())?,
        ("POST", ["organizations"]) => create(call, &user)?,
        ("GET", ["organizations", id]) => {
            let entry = member_of(call, &user, id)?;
            json::organization(&entry.organization, entry.members_count, settings(call))
        }
        ("GET", ["organizations", id, "memberships"]) => {
            let entry = member_of(call, &user, id)?;
            require(call, &entry, "org:sys_memberships:read")?;
            let organizations = &call.emulator.organizations;
            let items = organizations
                .members(&entry.organization.id)
                .into_iter()
                .map(|other| {
                    let member = MembershipEntry {
                        membership: other,
                        ..entry.clone()
                    };
                    membership(call, &member)
                })
                .collect();
            page(call, items)?
        }
        ("GET", ["organizations", id, "roles"]) => {
            member_of(call, &user, id)?;
            let config = settings(call);
            page(
                call,
                config.roles.iter().map(|role| json::role(role, config)).collect(),
            )?
        }
        (
            "GET",
            [
                "organizations",
                id,
                "invitations" | "membership_requests" | "domains",
            ],
        ) => {
            member_of(call, &user, id)?;
            page(call, Vec::new())?
        }
        _ => return Err(ApiError::not_found()),
    };
    Ok(call.reply(client, response))
}

/// `POST /v1/organizations`: a new organization with the user as its creator-role member.
/// The client piggybacked on the reply already lists the membership; the session's active
/// organization stays as it was (clerk-js' UI then selects the new one with `setActive`).
fn create(call: &Call<'_>, user: &User) -> Result<Value, ApiError> {
    let config = settings(call);
    if !config.enabled {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "organizations_disabled",
            "Organizations are disabled",
            "This instance does not have organizations turned on.",
        ));
    }
    let name = call
        .text("name")
        .ok_or_else(|| ApiError::missing("name", "Enter a name for the organization."))?;
    if name.chars().count() > NAME_MAX_LENGTH {
        return Err(ApiError::form(
            "form_param_max_length_exceeded",
            "Name is too long.",
            format!("The organization name must be at most {NAME_MAX_LENGTH} characters."),
            "name",
        ));
    }
    let slug = call.text("slug");
    if let Some(slug) = slug
        && !slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(ApiError::form(
            "form_param_format_invalid",
            "Slug may contain lowercase letters, digits and dashes only.",
            "The slug may contain lowercase letters, digits and dashes only.",
            "slug",
        ));
    }
    let organizations = &call.emulator.organizations;
    let entry = organizations
        .create(name, slug, &user.id, crate::random::id, call.now)
        .map_err(|_| {
            ApiError::form(
                "form_identifier_exists",
                "This slug is taken. Try another.",
                "Another organization already has this slug.",
                "slug",
            )
        })?;
    Ok(json::organization(
        &entry.organization,
        entry.members_count,
        config,
    ))
}

/// The user's membership of the organization `id_or_slug` names: Clerk's 404 when there is
/// no such organization or the user is not a member (it tells the two apart to no one).
pub(super) fn member_of(call: &Call<'_>, user: &User, id_or_slug: &str) -> Result<MembershipEntry, ApiError> {
    call.emulator
        .organizations
        .membership(&user.id, id_or_slug)
        .ok_or_else(not_a_member)
}

/// The 403 for a member whose role lacks a system permission a route needs.
fn require(call: &Call<'_>, entry: &MembershipEntry, permission: &str) -> Result<(), ApiError> {
    let granted = call
        .emulator
        .organizations
        .permissions(&entry.membership.role)
        .iter()
        .any(|p| p == permission);
    granted.then_some(()).ok_or_else(|| {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "missing_permission",
            "Missing permission",
            format!("Your role in this organization does not grant {permission}."),
        )
    })
}

fn not_a_member() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "organization_not_found_or_unauthorized",
        "Organization not found",
        "No organization with this id or slug has the signed-in user as a member.",
    )
}

/// Resolves the organization a touch or a token asks for (`active_organization_id`,
/// `organization_id`: an id or a slug; blank for the personal account) to its id.
pub(super) fn requested(
    call: &Call<'_>,
    user_id: &str,
    field: &str,
) -> Result<Option<Option<String>>, ApiError> {
    let Some(value) = call.request.form.get(field) else {
        return Ok(None);
    };
    if value.trim().is_empty() {
        return Ok(Some(None));
    }
    let entry = call
        .emulator
        .organizations
        .membership(user_id, value.trim())
        .ok_or_else(not_a_member)?;
    Ok(Some(Some(entry.organization.id)))
}

/// Puts the user's memberships into their `UserJSON`, and lets them create organizations
/// when the instance has them.
pub(super) fn add_to_user(call: &Call<'_>, user_json: &mut Value) {
    let Some(user_id) = user_json["id"].as_str() else {
        return;
    };
    let entries = call.emulator.organizations.memberships_of(user_id);
    user_json["organization_memberships"] = entries.iter().map(|entry| membership(call, entry)).collect();
    user_json["create_organization_enabled"] = settings(call).enabled.into();
}

/// Adds the session's active organization (`organization_id`; `None` for the personal
/// account) to a session token's claims. An organization the user is no longer a member of
/// adds nothing.
pub(super) fn add_to_token(
    emulator: &Emulator,
    session: &Session,
    organization_id: Option<&str>,
    claims: &mut Value,
) {
    let organizations = &emulator.organizations;
    let Some(entry) = organization_id.and_then(|id| organizations.membership(&session.user_id, id)) else {
        return;
    };
    ActiveOrganization {
        id: &entry.organization.id,
        slug: &entry.organization.slug,
        role: &entry.membership.role,
        permissions: organizations.permissions(&entry.membership.role),
        features: organizations.features(),
    }
    .add_to(claims);
}

/// The user a `/v1/me…` or `/v1/organizations…` call acts for: the signed-in session's.
fn acting_user(call: &Call<'_>, client: &Client) -> Result<User, ApiError> {
    let acting = call
        .request
        .query
        .get("_clerk_session_id")
        .or(client.last_active_session_id.as_ref());
    let session = client
        .signed_in()
        .find(|session| Some(&session.id) == acting)
        .ok_or_else(ApiError::signed_out)?;
    call.user(&session.user_id)
}

/// `OrganizationMembershipJSON` with the member looked up in the user directory.
fn membership(call: &Call<'_>, entry: &MembershipEntry) -> Value {
    let member = call.emulator.users.get(&entry.membership.user_id);
    let role = call.emulator.organizations.role(&entry.membership.role);
    json::membership(entry, role, member.as_ref(), settings(call))
}

fn settings<'a>(call: &'a Call<'_>) -> &'a crate::organizations::OrganizationsConfig {
    call.emulator.organizations.config()
}

/// One page of `items`, as `?limit=&offset=` ask (Clerk's defaults: 10 from 0), with the
/// total: `{data, total_count}`. A limit or offset that is not a number is Clerk's 422.
fn page(call: &Call<'_>, items: Vec<Value>) -> Result<Value, ApiError> {
    let number = |name: &'static str, default: usize| -> Result<usize, ApiError> {
        match call.request.query.get(name) {
            None => Ok(default),
            Some(text) => text.trim().parse().map_err(|_| {
                ApiError::form(
                    "form_param_format_invalid",
                    "is invalid",
                    format!("{name} must be a whole number."),
                    name,
                )
            }),
        }
    };
    let limit = number("limit", 10)?.clamp(1, 500);
    let offset = number("offset", 0)?;
    let total = items.len();
    Ok(json::page(
        items.into_iter().skip(offset).take(limit).collect(),
        total,
    ))
}
