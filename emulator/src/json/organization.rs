//! `OrganizationJSON`, `OrganizationMembershipJSON`, `RoleJSON` and the environment's
//! `organization_settings`: what clerk-js and Clerk's organization components parse.

use serde_json::{Value, json};

use crate::config::User;
use crate::organizations::{
    MembershipEntry, Organization, OrganizationsConfig, RoleConfig, is_system_permission,
};

/// `organization_settings`. Domains, creation defaults and deletion by admins are off; the
/// UI hides what they would show.
pub fn settings(config: &OrganizationsConfig) -> Value {
    json!({
        "object": "organization_settings",
        "enabled": config.enabled,
        "max_allowed_memberships": config.max_allowed_memberships,
        "force_organization_selection": false,
        "creator_role": config.creator_role,
        "actions": {"admin_delete": false},
        "domains": {"enabled": false, "enrollment_modes": [], "default_role": null},
        "slug": {"disabled": false},
        "organization_creation_defaults": {"enabled": false},
    })
}

/// `OrganizationJSON`. No image (the UI shows initials, and nothing is fetched from Clerk's
/// CDN), no invitations pending.
pub fn organization(
    organization: &Organization,
    members_count: usize,
    config: &OrganizationsConfig,
) -> Value {
    json!({
        "object": "organization",
        "id": organization.id,
        "name": organization.name,
        "slug": organization.slug,
        "image_url": "",
        "has_image": false,
        "members_count": members_count,
        "pending_invitations_count": 0,
        "max_allowed_memberships": config.max_allowed_memberships,
        "admin_delete_enabled": false,
        "self_serve_sso_enabled": false,
        "public_metadata": {},
        "created_at": organization.created_at,
        "updated_at": organization.updated_at,
    })
}

/// `OrganizationMembershipJSON`: the organization, the role (its key, name and every
/// permission, system ones included: the UI checks those) and the member. `member` is
/// `None` for a user the directory no longer knows.
pub fn membership(
    entry: &MembershipEntry,
    role: Option<&RoleConfig>,
    member: Option<&User>,
    config: &OrganizationsConfig,
) -> Value {
    let membership = &entry.membership;
    json!({
        "object": "organization_membership",
        "id": membership.id,
        "role": membership.role,
        "role_name": role.map_or(membership.role.as_str(), |role| role.name.as_str()),
        "permissions": role.map_or(&[][..], |role| role.permissions.as_slice()),
        "public_metadata": {},
        "organization": organization(&entry.organization, entry.members_count, config),
        "public_user_data": member.map(public_user_data),
        "created_at": membership.created_at,
        "updated_at": membership.updated_at,
    })
}

/// `PublicUserData`: how the member list shows a member.
fn public_user_data(user: &User) -> Value {
    json!({
        "first_name": user.first_name,
        "last_name": user.last_name,
        "image_url": "",
        "has_image": false,
        "identifier": user.email,
        "user_id": user.id,
        "username": null,
    })
}

/// `RoleJSON`, with its permissions as `PermissionJSON`.
pub fn role(role: &RoleConfig, config: &OrganizationsConfig) -> Value {
    json!({
        "object": "role",
        "id": format!("role_{}", id_part(&role.key)),
        "key": role.key,
        "name": role.name,
        "description": role.description,
        "is_creator_eligible": role.key == config.creator_role,
        "permissions": role.permissions.iter().map(|key| permission(key)).collect::<Vec<_>>(),
        "created_at": 0,
        "updated_at": 0,
    })
}

fn permission(key: &str) -> Value {
    json!({
        "object": "permission",
        "id": format!("perm_{}", id_part(key)),
        "key": key,
        "name": key,
        "description": "",
        "type": if is_system_permission(key) { "system" } else { "user" },
        "created_at": 0,
        "updated_at": 0,
    })
}

/// `{data, total_count}`: one page of a paginated list.
pub fn page(data: Vec<Value>, total_count: usize) -> Value {
    json!({"data": data, "total_count": total_count})
}

/// A key as an id's tail: `org:billing_manager` → `billing_manager`.
fn id_part(key: &str) -> String {
    key.trim_start_matches("org:").replace(':', "_")
}
