//! [`OrganizationSnapshot`] and [`MembershipSnapshot`]: the parts of clerk-js'
//! `Organization` and `OrganizationMembership` a page renders.

use super::problem::Problems;
use super::raw::{RawObject, RawValue};
use super::reader::Reader;

/// A plain copy of a Clerk organization, taken at one emit.
///
/// ```
/// use leptos_clerk::model::OrganizationSnapshot;
/// let acme = OrganizationSnapshot { id: "org_1".into(), name: "Acme".into(), ..Default::default() };
/// assert_eq!(acme.name, "Acme");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrganizationSnapshot {
    /// Clerk's organization id (`org_…`).
    pub id: String,
    /// The organization's name.
    pub name: String,
    /// Its slug, where the instance uses them.
    pub slug: Option<String>,
    /// Logo URL. Render it as an `src` attribute only, never as markup.
    pub image_url: Option<String>,
    /// Whether `image_url` is an uploaded logo rather than Clerk's generated default.
    pub has_image: bool,
    /// How many members it has, when clerk-js says.
    pub members_count: Option<u64>,
    /// How many invitations are pending, when clerk-js says.
    pub pending_invitations_count: Option<u64>,
}

/// The signed-in user's membership of one organization: role, permissions, organization.
///
/// ```
/// use leptos_clerk::model::{MembershipSnapshot, OrganizationSnapshot};
/// let membership = MembershipSnapshot {
///     role: "org:admin".into(),
///     organization: OrganizationSnapshot { id: "org_1".into(), name: "Acme".into(), ..Default::default() },
///     ..Default::default()
/// };
/// assert!(membership.is_admin());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MembershipSnapshot {
    /// The membership's id (`orgmem_…`).
    pub id: String,
    /// The member's role key (`org:admin`).
    pub role: String,
    /// The role's display name (`Admin`), when clerk-js says.
    pub role_name: Option<String>,
    /// The member's permissions (`org:<feature>:<permission>`).
    pub permissions: Vec<String>,
    /// The organization.
    pub organization: OrganizationSnapshot,
    /// The member, as the organization's member list shows them (`publicUserData`); `None`
    /// in the user's own list of memberships.
    pub member: Option<MemberSnapshot>,
}

/// A member of an organization as its member list shows them (Clerk's `publicUserData`).
///
/// ```
/// use leptos_clerk::model::MemberSnapshot;
/// let grace = MemberSnapshot { user_id: "user_grace".into(), identifier: Some("grace@example.test".into()), ..Default::default() };
/// assert_eq!(grace.display_name(), "grace@example.test");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemberSnapshot {
    /// The member's user id.
    pub user_id: String,
    /// Given name.
    pub first_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
    /// The identifier they sign in with (email, phone, username).
    pub identifier: Option<String>,
    /// Avatar URL. Render it as an `src` attribute only.
    pub image_url: Option<String>,
}

impl MemberSnapshot {
    /// "First Last", else the identifier, else the user id.
    pub fn display_name(&self) -> String {
        let name: Vec<&str> = [&self.first_name, &self.last_name]
            .into_iter()
            .filter_map(|part| part.as_deref().map(str::trim))
            .filter(|part| !part.is_empty())
            .collect();
        if name.is_empty() {
            self.identifier.clone().unwrap_or_else(|| self.user_id.clone())
        } else {
            name.join(" ")
        }
    }

    fn read<O: RawObject>(data: &O, path: &str, problems: &mut Problems) -> Option<Self> {
        let mut r = Reader::new(data, path, problems);
        Some(Self {
            user_id: r.required_text("userId")?,
            first_name: r.text("firstName"),
            last_name: r.text("lastName"),
            identifier: r.text("identifier"),
            image_url: r.text("imageUrl"),
        })
    }
}

impl MembershipSnapshot {
    /// Whether the role is Clerk's built-in `org:admin`.
    pub fn is_admin(&self) -> bool {
        self.role == "org:admin"
    }

    /// Reads a clerk-js `OrganizationMembership` of an organization's member list; `None`
    /// (with a problem recorded) without an id or an organization with one.
    pub(crate) fn read<O: RawObject>(membership: &O, path: &str, problems: &mut Problems) -> Option<Self> {
        Self::read_as(membership, path, true, problems)
    }

    /// Reads one of the signed-in user's own memberships: the member is the user, so
    /// `publicUserData` is not read (every emit reads every user's memberships).
    pub(crate) fn read_own<O: RawObject>(
        membership: &O,
        path: &str,
        problems: &mut Problems,
    ) -> Option<Self> {
        Self::read_as(membership, path, false, problems)
    }

    fn read_as<O: RawObject>(
        membership: &O,
        path: &str,
        with_member: bool,
        problems: &mut Problems,
    ) -> Option<Self> {
        let mut r = Reader::new(membership, path, problems);
        let id = r.required_text("id")?;
        let organization_path = r.path_of("organization");
        let organization = r.object("organization");
        let member = match with_member {
            true => r
                .object("publicUserData")
                .map(|member| (member, r.path_of("publicUserData"))),
            false => None,
        };
        let permissions = r
            .list("permissions")
            .into_iter()
            .filter_map(|permission| match permission {
                RawValue::Text(permission) => Some(permission),
                _ => None,
            })
            .collect();
        let role = r.text("role").unwrap_or_default();
        let role_name = r.text("roleName");
        let organization = OrganizationSnapshot::read(&organization?, &organization_path, r.problems())?;
        let member = member.and_then(|(member, path)| MemberSnapshot::read(&member, &path, r.problems()));
        Some(Self {
            id,
            role,
            role_name,
            permissions,
            organization,
            member,
        })
    }
}

impl OrganizationSnapshot {
    /// Reads a clerk-js `Organization`; `None` (with a problem recorded) when it has no id.
    pub(crate) fn read<O: RawObject>(organization: &O, path: &str, problems: &mut Problems) -> Option<Self> {
        let mut r = Reader::new(organization, path, problems);
        let id = r.required_text("id")?;
        Some(Self {
            id,
            name: r.text("name").unwrap_or_default(),
            slug: r.text("slug"),
            image_url: r.text("imageUrl"),
            has_image: r.flag("hasImage"),
            members_count: r.count("membersCount"),
            pending_invitations_count: r.count("pendingInvitationsCount"),
        })
    }
}

/// An invitation to the active organization, as its admins see it.
///
/// ```
/// use leptos_clerk::model::InvitationSnapshot;
/// let invitation = InvitationSnapshot { email_address: "alan@example.test".into(), status: "pending".into(), ..Default::default() };
/// assert!(invitation.is_pending());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InvitationSnapshot {
    /// The invitation's id (`orginv_…`).
    pub id: String,
    /// Who was invited.
    pub email_address: String,
    /// The role they will have (`org:member`).
    pub role: String,
    /// `pending`, `accepted` or `revoked`.
    pub status: String,
}

impl InvitationSnapshot {
    /// Whether it still waits for an answer.
    pub fn is_pending(&self) -> bool {
        self.status == "pending"
    }

    /// Reads a clerk-js `OrganizationInvitation`; `None` (with a problem recorded) without an
    /// id.
    pub(crate) fn read<O: RawObject>(invitation: &O, path: &str, problems: &mut Problems) -> Option<Self> {
        let mut r = Reader::new(invitation, path, problems);
        Some(Self {
            id: r.required_text("id")?,
            email_address: r.text("emailAddress").unwrap_or_default(),
            role: r.text("role").unwrap_or_default(),
            status: r.text("status").unwrap_or_default(),
        })
    }
}
