//! Organizations: the config's roles and seeded organizations, plus those users create while
//! the emulator runs, with their memberships.
//!
//! A membership's permissions are its role's. Features are read off the roles' permissions
//! (`org:docs:read` is feature `docs`), in the order the config first names them; session
//! tokens list them in that order in `fea` (see [`ActiveOrganization`]).

mod claims;
mod config;

use std::sync::RwLock;

pub use claims::ActiveOrganization;
pub use config::is_system_permission;
pub use config::{OrganizationsConfig, RoleConfig};

use crate::locks;

/// An organization.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A user's membership of an organization, with a role key (`org:admin`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Membership {
    pub id: String,
    pub organization_id: String,
    pub user_id: String,
    pub role: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A membership with its organization and the organization's member count: what
/// `OrganizationMembershipJSON` is made from.
#[derive(Clone, Debug)]
pub struct MembershipEntry {
    pub membership: Membership,
    pub organization: Organization,
    pub members_count: usize,
}

/// Why a new organization was refused: the slug asked for is another's.
#[derive(Debug, PartialEq, Eq)]
pub struct SlugTaken;

/// Every organization of the instance, its roles and its memberships. Lookups hand out
/// copies; the lock is taken after the store's, never before it, and no other lock is
/// taken while it is held.
#[derive(Debug)]
pub struct Organizations {
    config: OrganizationsConfig,
    features: Vec<String>,
    state: RwLock<State>,
}

#[derive(Debug, Default)]
struct State {
    organizations: Vec<Organization>,
    memberships: Vec<Membership>,
}

impl Organizations {
    /// The config's organizations and memberships, made at `now`.
    pub fn new(config: &OrganizationsConfig, now: i64) -> Self {
        let mut state = State::default();
        for seed in &config.seed {
            state.organizations.push(Organization {
                id: seed.id.clone(),
                name: seed.name.clone(),
                slug: seed.slug.clone(),
                created_at: now,
                updated_at: now,
            });
            for member in &seed.members {
                state.memberships.push(Membership {
                    // Stable across restarts, like the seeded organizations' own ids.
                    id: format!(
                        "orgmem_{}_{}",
                        seed.id.trim_start_matches("org_"),
                        member.user.trim_start_matches("user_")
                    ),
                    organization_id: seed.id.clone(),
                    user_id: member.user.clone(),
                    role: member.role.clone(),
                    created_at: now,
                    updated_at: now,
                });
            }
        }
        Self {
            config: config.clone(),
            features: config.features(),
            state: RwLock::new(state),
        }
    }

    /// The settings and roles the instance was configured with.
    pub fn config(&self) -> &OrganizationsConfig {
        &self.config
    }

    /// The organization features, in `fea` order.
    pub fn features(&self) -> &[String] {
        &self.features
    }

    /// The role with this key.
    pub fn role(&self, key: &str) -> Option<&RoleConfig> {
        self.config.roles.iter().find(|role| role.key == key)
    }

    /// The permissions a role grants; none for a role the config does not know.
    pub fn permissions(&self, role: &str) -> &[String] {
        self.role(role).map_or(&[], |role| &role.permissions)
    }

    /// The user's memberships, oldest first.
    pub fn memberships_of(&self, user_id: &str) -> Vec<MembershipEntry> {
        let state = locks::read(&self.state);
        state
            .memberships
            .iter()
            .filter(|m| m.user_id == user_id)
            .filter_map(|m| state.entry(m))
            .collect()
    }

    /// The user's membership of the organization with this id or slug (Clerk accepts
    /// either wherever it takes an organization).
    pub fn membership(&self, user_id: &str, id_or_slug: &str) -> Option<MembershipEntry> {
        let state = locks::read(&self.state);
        let organization = state
            .organizations
            .iter()
            .find(|o| o.id == id_or_slug || o.slug == id_or_slug)?;
        let membership = state
            .memberships
            .iter()
            .find(|m| m.user_id == user_id && m.organization_id == organization.id)?;
        state.entry(membership)
    }

    /// An organization's memberships, in the order they were made.
    pub fn members(&self, organization_id: &str) -> Vec<Membership> {
        locks::read(&self.state)
            .memberships
            .iter()
            .filter(|m| m.organization_id == organization_id)
            .cloned()
            .collect()
    }

    /// Creates an organization with `creator` as its only member, in the creator role. A
    /// slug left out is made from the name, numbered when taken; one asked for must be free.
    /// `new_id` makes the organization's and the membership's ids from Clerk's prefixes
    /// (`org`, `orgmem`).
    pub fn create(
        &self,
        name: &str,
        slug: Option<&str>,
        creator: &str,
        new_id: impl Fn(&str) -> String,
        now: i64,
    ) -> Result<MembershipEntry, SlugTaken> {
        let mut state = locks::write(&self.state);
        let taken = |state: &State, slug: &str| state.organizations.iter().any(|o| o.slug == slug);
        let slug = match slug {
            Some(slug) if taken(&state, slug) => return Err(SlugTaken),
            Some(slug) => slug.to_owned(),
            None => {
                let base = slug_of(name);
                (1..)
                    .map(|n| {
                        if n == 1 {
                            base.clone()
                        } else {
                            format!("{base}-{n}")
                        }
                    })
                    .find(|candidate| !taken(&state, candidate))
                    .unwrap_or(base)
            }
        };
        let organization = Organization {
            id: new_id("org"),
            name: name.to_owned(),
            slug,
            created_at: now,
            updated_at: now,
        };
        let membership = Membership {
            id: new_id("orgmem"),
            organization_id: organization.id.clone(),
            user_id: creator.to_owned(),
            role: self.config.creator_role.clone(),
            created_at: now,
            updated_at: now,
        };
        state.organizations.push(organization.clone());
        state.memberships.push(membership.clone());
        Ok(MembershipEntry {
            membership,
            organization,
            members_count: 1,
        })
    }
}

impl State {
    fn entry(&self, membership: &Membership) -> Option<MembershipEntry> {
        let organization = self
            .organizations
            .iter()
            .find(|o| o.id == membership.organization_id)?;
        Some(MembershipEntry {
            membership: membership.clone(),
            organization: organization.clone(),
            members_count: self
                .memberships
                .iter()
                .filter(|m| m.organization_id == organization.id)
                .count(),
        })
    }
}

/// A slug made from a name, as Clerk's UI suggests one: lower case, runs of anything but
/// letters and digits as one `-`.
pub fn slug_of(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "organization".into()
    } else {
        slug.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, DEFAULT_CONFIG};

    fn seeded() -> Organizations {
        Organizations::new(&Config::parse(DEFAULT_CONFIG).unwrap().organizations, 1_000)
    }

    #[test]
    fn the_default_config_seeds_acme_and_globex() {
        let orgs = seeded();
        assert_eq!(orgs.features(), ["docs", "billing"]);
        let ada: Vec<(String, String)> = orgs
            .memberships_of("user_ada")
            .into_iter()
            .map(|e| (e.organization.slug, e.membership.role))
            .collect();
        assert_eq!(
            ada,
            [
                ("acme".into(), "org:admin".into()),
                ("globex".into(), "org:member".into())
            ]
        );
        let grace = orgs.membership("user_grace", "globex").unwrap();
        assert_eq!(grace.membership.role, "org:billing_manager");
        assert_eq!(grace.members_count, 2);
        assert!(orgs.membership("user_alan", "org_acme").is_none());
        assert!(
            orgs.permissions("org:member")
                .contains(&"org:docs:read".to_owned())
        );
    }

    #[test]
    fn a_new_organization_has_its_creator_as_admin_and_a_free_slug() {
        let orgs = seeded();
        let new_id = crate::random::id;
        let made = orgs.create("Acme", None, "user_alan", new_id, 5).unwrap();
        assert_eq!(made.organization.slug, "acme-2");
        assert_eq!(made.membership.role, "org:admin");
        assert_eq!(orgs.memberships_of("user_alan").len(), 1);
        assert_eq!(
            orgs.create("Other", Some("globex"), "user_alan", new_id, 5)
                .unwrap_err(),
            SlugTaken
        );
        assert_eq!(orgs.members(&made.organization.id).len(), 1);
    }

    #[test]
    fn slugs_are_made_from_names() {
        assert_eq!(slug_of("Initech"), "initech");
        assert_eq!(slug_of("  Wayne Enterprises, Inc. "), "wayne-enterprises-inc");
        assert_eq!(slug_of("!!!"), "organization");
    }
}
