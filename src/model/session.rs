//! [`SessionSnapshot`] and [`SessionStatus`]: one clerk-js `Session`, copied.

use std::fmt;

use super::problem::{FieldProblem, Problems};
use super::raw::RawObject;
use super::reader::Reader;
use super::user::UserSnapshot;

/// A session's lifecycle status, as Clerk reports it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SessionStatus {
    /// Signed in and usable.
    Active,
    /// Signed in, but with a task to finish first (e.g. choose an organization).
    Pending,
    /// Signed out by the user.
    Ended,
    /// Past its maximum lifetime.
    Expired,
    /// Signed out of this client (multi-session "sign out" of one account).
    Removed,
    /// Replaced by a newer session.
    Replaced,
    /// Revoked from the dashboard or backend.
    Revoked,
    /// Past its inactivity timeout.
    Abandoned,
    /// A status this version of the crate does not know; kept verbatim.
    Unknown(String),
}

impl SessionStatus {
    /// Parses Clerk's status string; unknown ones are kept, not rejected.
    pub fn parse(text: &str) -> Self {
        match text {
            "active" => Self::Active,
            "pending" => Self::Pending,
            "ended" => Self::Ended,
            "expired" => Self::Expired,
            "removed" => Self::Removed,
            "replaced" => Self::Replaced,
            "revoked" => Self::Revoked,
            "abandoned" => Self::Abandoned,
            other => Self::Unknown(other.to_owned()),
        }
    }

    /// Clerk's own name for the status.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Active => "active",
            Self::Pending => "pending",
            Self::Ended => "ended",
            Self::Expired => "expired",
            Self::Removed => "removed",
            Self::Replaced => "replaced",
            Self::Revoked => "revoked",
            Self::Abandoned => "abandoned",
            Self::Unknown(other) => other,
        }
    }

    /// Active or pending: what clerk-js calls a "signed-in session".
    pub fn is_signed_in(&self) -> bool {
        matches!(self, Self::Active | Self::Pending)
    }
}

impl fmt::Display for SessionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A plain copy of a clerk-js `Session`, taken at one emit. Times are epoch milliseconds.
///
/// ```
/// use leptos_clerk::model::{SessionSnapshot, SessionStatus};
/// let session = SessionSnapshot { id: "sess_1".into(), status: SessionStatus::Active, ..Default::default() };
/// assert!(session.status.is_signed_in());
/// assert_eq!(session.expires_in_ms(0), None); // no expiry known
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionSnapshot {
    /// Clerk's session id (`sess_…`).
    pub id: String,
    /// Lifecycle status.
    pub status: SessionStatus,
    /// The signed-in user (from `user`, else from `publicUserData`).
    pub user: Option<UserSnapshot>,
    /// When the server will end the session (`expireAt`).
    pub expire_at: Option<i64>,
    /// When the session is abandoned if unused (`abandonAt`).
    pub abandon_at: Option<i64>,
    /// The last activity the server recorded (`lastActiveAt`).
    pub last_active_at: Option<i64>,
    /// The organization this session acts for, if any.
    pub last_active_organization_id: Option<String>,
    /// When the session was created (`createdAt`): sign-in time.
    pub created_at: Option<i64>,
}

impl Default for SessionSnapshot {
    fn default() -> Self {
        Self {
            id: String::new(),
            status: SessionStatus::Unknown(String::new()),
            user: None,
            expire_at: None,
            abandon_at: None,
            last_active_at: None,
            last_active_organization_id: None,
            created_at: None,
        }
    }
}

impl SessionSnapshot {
    /// Milliseconds from `now_ms` until `expire_at` (negative once past), if known.
    pub fn expires_in_ms(&self, now_ms: i64) -> Option<i64> {
        self.expire_at.map(|at| at.saturating_sub(now_ms))
    }

    /// Reads a clerk-js `Session`. `None` (with a problem recorded) when it has no id: a
    /// session without an id cannot be switched to or signed out, so it is left out.
    pub(crate) fn read<O: RawObject>(session: &O, path: &str, problems: &mut Problems) -> Option<Self> {
        let mut r = Reader::new(session, path, problems);
        let id = r.required_text("id")?;
        let status = match r.text("status") {
            Some(text) => SessionStatus::parse(&text),
            None => {
                let path = r.path_of("status");
                r.problems().push(path, FieldProblem::Missing);
                SessionStatus::Unknown(String::new())
            }
        };
        let user = read_user(&mut r);
        Some(Self {
            id,
            status,
            user,
            expire_at: r.time("expireAt"),
            abandon_at: r.time("abandonAt"),
            last_active_at: r.time("lastActiveAt"),
            last_active_organization_id: r.text("lastActiveOrganizationId"),
            created_at: r.time("createdAt"),
        })
    }
}

fn read_user<O: RawObject>(r: &mut Reader<'_, O>) -> Option<UserSnapshot> {
    if let Some(user) = r.object("user") {
        let path = r.path_of("user");
        if let Some(user) = UserSnapshot::read(&user, &path, r.problems()) {
            return Some(user);
        }
    }
    let data = r.object("publicUserData")?;
    let path = r.path_of("publicUserData");
    UserSnapshot::read_public(&data, &path, r.problems())
}
