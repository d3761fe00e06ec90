//! The `[organizations]` part of the config: roles with their permissions, and the
//! organizations (with their members) that exist from the start.

use serde::Deserialize;

/// The instance's organizations: whether they are on, the roles, and the seeded ones.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationsConfig {
    /// Whether the instance has organizations at all (`organization_settings.enabled`).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The role a user gets in an organization they create.
    #[serde(default = "admin")]
    pub creator_role: String,
    /// Members an organization may have; 0 for no limit.
    #[serde(default)]
    pub max_allowed_memberships: u32,
    /// The roles, each with its permissions.
    #[serde(default)]
    pub roles: Vec<RoleConfig>,
    /// Organizations that exist from the start.
    #[serde(default)]
    pub seed: Vec<SeedOrganization>,
}

/// One `[[organizations.roles]]` entry.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleConfig {
    /// `org:<name>`, as Clerk keys roles (`org:admin`).
    pub key: String,
    /// What Clerk's UI shows (`Admin`).
    pub name: String,
    /// A sentence about the role, for the UI's role picker.
    #[serde(default)]
    pub description: String,
    /// Permission keys, `org:<feature>:<action>`. Those of the `sys_` features (such as
    /// `org:sys_memberships:manage`) are Clerk's system permissions: Clerk's UI reads them
    /// from the membership, and they never go into the session token.
    #[serde(default)]
    pub permissions: Vec<String>,
}

/// One `[[organizations.seed]]` entry.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedOrganization {
    /// Clerk organization id (`org_…`).
    pub id: String,
    /// Shown by Clerk's UI and the demo.
    pub name: String,
    /// Unique across the instance.
    pub slug: String,
    /// The members, in the order the organization lists them.
    #[serde(default)]
    pub members: Vec<SeedMember>,
}

/// A seeded membership: which user, with which role.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedMember {
    /// A user id of the config's `[[users]]`.
    pub user: String,
    /// A role key of `[[organizations.roles]]`.
    pub role: String,
}

impl Default for OrganizationsConfig {
    /// A config without `[organizations]`: organizations off, as on a new Clerk instance.
    fn default() -> Self {
        Self {
            enabled: false,
            creator_role: admin(),
            max_allowed_memberships: 0,
            roles: Vec::new(),
            seed: Vec::new(),
        }
    }
}

fn yes() -> bool {
    true
}

fn admin() -> String {
    "org:admin".into()
}

/// The feature and action of a permission key (`org:docs:read` → `docs`, `read`).
pub fn split_permission(key: &str) -> Option<(&str, &str)> {
    let rest = key.strip_prefix("org:")?;
    let (feature, action) = rest.split_once(':')?;
    let plain = |part: &str| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    };
    (plain(feature) && plain(action)).then_some((feature, action))
}

/// Whether a permission is one of Clerk's system permissions (`org:sys_…`).
pub fn is_system_permission(key: &str) -> bool {
    split_permission(key).is_some_and(|(feature, _)| feature.starts_with("sys_"))
}

impl OrganizationsConfig {
    /// The organization features: those the roles' permissions name (`org:docs:read` is
    /// feature `docs`), system ones aside, in the order first named. Session tokens list
    /// them in this order in `fea`.
    pub fn features(&self) -> Vec<String> {
        let mut features: Vec<String> = Vec::new();
        for key in self.roles.iter().flat_map(|role| &role.permissions) {
            if let Some((feature, _)) = split_permission(key).filter(|_| !is_system_permission(key))
                && !features.iter().any(|known| known == feature)
            {
                features.push(feature.to_owned());
            }
        }
        features
    }

    /// Checks that every name points at something: roles are `org:` keys with well-formed
    /// permissions, the creator role exists, ids and slugs are unique, members are known
    /// users with known roles, each at most once per organization.
    pub fn check(&self, user_ids: &[&str]) -> Result<(), String> {
        let mut keys: Vec<&str> = Vec::new();
        for role in &self.roles {
            if !role.key.starts_with("org:") || role.key.len() == 4 {
                return Err(format!("role {:?}: keys look like org:<name>", role.key));
            }
            if keys.contains(&role.key.as_str()) {
                return Err(format!("two roles share the key {:?}", role.key));
            }
            keys.push(&role.key);
            if let Some(bad) = role.permissions.iter().find(|p| split_permission(p).is_none()) {
                return Err(format!(
                    "role {:?}: permission {bad:?} is not org:<feature>:<action>",
                    role.key
                ));
            }
        }
        if self.enabled && !keys.contains(&self.creator_role.as_str()) {
            return Err(format!(
                "organizations.creator_role {:?} is not one of the roles",
                self.creator_role
            ));
        }
        let mut ids = Vec::new();
        let mut slugs = Vec::new();
        for org in &self.seed {
            if ids.contains(&org.id.as_str()) || slugs.contains(&org.slug.as_str()) {
                return Err(format!("organization {:?}: its id or slug is taken", org.id));
            }
            ids.push(&org.id);
            slugs.push(&org.slug);
            let mut members = Vec::new();
            for member in &org.members {
                if !user_ids.contains(&member.user.as_str()) {
                    return Err(format!("organization {:?}: no user {:?}", org.id, member.user));
                }
                if !keys.contains(&member.role.as_str()) {
                    return Err(format!("organization {:?}: no role {:?}", org.id, member.role));
                }
                if members.contains(&member.user.as_str()) {
                    return Err(format!(
                        "organization {:?}: {:?} is a member twice",
                        org.id, member.user
                    ));
                }
                members.push(&member.user);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_keys_split_into_feature_and_action() {
        assert_eq!(split_permission("org:docs:read"), Some(("docs", "read")));
        assert_eq!(
            split_permission("org:sys_memberships:manage"),
            Some(("sys_memberships", "manage"))
        );
        for bad in [
            "docs:read",
            "org:docs",
            "org::read",
            "org:docs:",
            "org:a b:read",
            "org:docs:read:x",
        ] {
            assert_eq!(split_permission(bad), None, "{bad}");
        }
        assert!(is_system_permission("org:sys_profile:delete"));
        assert!(!is_system_permission("org:docs:read"));
    }
}
