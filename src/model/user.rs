//! [`UserSnapshot`]: the parts of a clerk-js `User` a page renders.

use super::organization::MembershipSnapshot;
use super::problem::Problems;
use super::raw::{RawObject, RawValue};
use super::reader::Reader;

/// A plain copy of a Clerk user, taken at one emit.
///
/// ```
/// use leptos_clerk::model::UserSnapshot;
/// let ada = UserSnapshot { id: "user_1".into(), first_name: Some("Ada".into()), ..Default::default() };
/// assert_eq!(ada.display_name(), "Ada");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserSnapshot {
    /// Clerk's user id (`user_…`).
    pub id: String,
    /// Given name, if the user set one.
    pub first_name: Option<String>,
    /// Family name, if the user set one.
    pub last_name: Option<String>,
    /// Username, where the instance uses them.
    pub username: Option<String>,
    /// The primary email address.
    pub primary_email_address: Option<String>,
    /// Avatar URL. Render it as an `src` attribute only, never as markup.
    pub image_url: Option<String>,
    /// Whether `image_url` is an uploaded image rather than Clerk's generated default.
    pub has_image: bool,
    /// The organizations the user belongs to, with their role in each.
    pub organization_memberships: Vec<MembershipSnapshot>,
}

impl UserSnapshot {
    /// "First Last", either part alone, or `None` when the user has no name.
    pub fn full_name(&self) -> Option<String> {
        let parts: Vec<&str> = [&self.first_name, &self.last_name]
            .into_iter()
            .filter_map(|part| part.as_deref().map(str::trim))
            .filter(|part| !part.is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// The best label for the user: full name, else username, else email, else the id.
    pub fn display_name(&self) -> String {
        self.full_name()
            .or_else(|| self.username.clone())
            .or_else(|| self.primary_email_address.clone())
            .unwrap_or_else(|| self.id.clone())
    }

    /// Up to two initials for an avatar: "AL" for Ada Lovelace, "?" with nothing to go on.
    ///
    /// ASCII letters are uppercased here; other letters are kept as written ("éL" for
    /// "élodie Lovelace"), for the page to uppercase with CSS `text-transform: uppercase`
    /// (the crate's stylesheet does, for the switcher's avatars). Unicode's case tables
    /// would otherwise add about 12 KiB to every app's wasm.
    ///
    /// ```
    /// use leptos_clerk::model::UserSnapshot;
    /// let user = UserSnapshot { first_name: Some("ada".into()), last_name: Some("Lovelace".into()), ..Default::default() };
    /// assert_eq!(user.initials(), "AL");
    /// ```
    pub fn initials(&self) -> String {
        let source = self
            .full_name()
            .or_else(|| self.username.clone())
            .or_else(|| self.primary_email_address.clone());
        let letters: String = source
            .iter()
            .flat_map(|name| name.split_whitespace())
            .filter_map(|word| word.chars().find(|c| c.is_ascii_alphanumeric() || !c.is_ascii()))
            .take(2)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if letters.is_empty() { "?".into() } else { letters }
    }

    /// The avatar URL if it is an uploaded image over http(s). Anything else (Clerk's
    /// generated default, an odd scheme) is left to the initials.
    pub fn avatar_url(&self) -> Option<&str> {
        let url = self.image_url.as_deref().filter(|_| self.has_image)?;
        (url.starts_with("https://") || url.starts_with("http://")).then_some(url)
    }

    /// Reads a clerk-js `User`; `None` (with a problem recorded) when it has no id.
    pub(crate) fn read<O: RawObject>(user: &O, path: &str, problems: &mut Problems) -> Option<Self> {
        let mut r = Reader::new(user, path, problems);
        let id = r.required_text("id")?;
        let primary_email_address = primary_email(&mut r);
        let memberships_path = r.path_of("organizationMemberships");
        let organization_memberships = r
            .list("organizationMemberships")
            .into_iter()
            .filter_map(|membership| match membership {
                RawValue::Object(membership) => {
                    MembershipSnapshot::read_own(&membership, &memberships_path, r.problems())
                }
                _ => None,
            })
            .collect();
        Some(Self {
            id,
            first_name: r.text("firstName"),
            last_name: r.text("lastName"),
            username: r.text("username"),
            primary_email_address,
            image_url: r.text("imageUrl"),
            has_image: r.flag("hasImage"),
            organization_memberships,
        })
    }

    /// Reads a session's `publicUserData`, the summary clerk-js keeps even when the full
    /// `user` is absent (e.g. for other sessions on some instances).
    pub(crate) fn read_public<O: RawObject>(data: &O, path: &str, problems: &mut Problems) -> Option<Self> {
        let mut r = Reader::new(data, path, problems);
        let id = r.required_text("userId")?;
        Some(Self {
            id,
            first_name: r.text("firstName"),
            last_name: r.text("lastName"),
            username: None,
            primary_email_address: r.text("identifier"),
            image_url: r.text("imageUrl"),
            has_image: r.flag("hasImage"),
            organization_memberships: Vec::new(),
        })
    }
}

/// `primaryEmailAddress.emailAddress` (a clerk-js getter), else the entry of
/// `emailAddresses` whose id is `primaryEmailAddressId`.
fn primary_email<O: RawObject>(r: &mut Reader<'_, O>) -> Option<String> {
    if let Some(primary) = r.object("primaryEmailAddress") {
        let path = r.path_of("primaryEmailAddress");
        if let Some(email) = Reader::new(&primary, &path, r.problems()).text("emailAddress") {
            return Some(email);
        }
    }
    let wanted = r.text("primaryEmailAddressId")?;
    let path = r.path_of("emailAddresses");
    r.list("emailAddresses")
        .into_iter()
        .find_map(|entry| match entry {
            RawValue::Object(address) => {
                let mut a = Reader::new(&address, &path, r.problems());
                (a.text("id").as_deref() == Some(wanted.as_str()))
                    .then(|| a.text("emailAddress"))
                    .flatten()
            }
            _ => None,
        })
}
