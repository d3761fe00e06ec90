//! [`AuthSummary`]: `useAuth`'s answer, derived from the status and the last emit.

use super::session::SessionStatus;
use super::state::{AuthValue, ClerkResources};
use super::status::LoadStatus;
use crate::claims::SessionClaims;

/// Who is signed in, in the shape of Clerk's `useAuth()`: while loading every field is
/// `None` (`is_loaded` false); signed out, `is_signed_in` is `Some(false)` and the ids `None`.
///
/// ```
/// use leptos_clerk::model::{AuthSummary, ClerkResources, LoadStatus};
/// let loading = AuthSummary::derive(&LoadStatus::Loading, &ClerkResources::default(), true);
/// assert_eq!(loading, AuthSummary::default());
/// assert_eq!(loading.is_signed_in, None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuthSummary {
    /// clerk-js loaded and the tab is not between two sessions.
    pub is_loaded: bool,
    /// `None` while loading.
    pub is_signed_in: Option<bool>,
    /// The signed-in user's id.
    pub user_id: Option<String>,
    /// The current session's id.
    pub session_id: Option<String>,
    /// The session's active organization.
    pub org_id: Option<String>,
}

impl AuthSummary {
    /// Derives the summary. A `pending` session (one with a task left, such as choosing an
    /// organization) counts as signed out when `treat_pending_as_signed_out`, as in Clerk's
    /// React SDK, where that is the default.
    pub fn derive(
        status: &LoadStatus,
        resources: &ClerkResources,
        treat_pending_as_signed_out: bool,
    ) -> Self {
        if !status.is_loaded() {
            return Self::default();
        }
        match &resources.session {
            AuthValue::Loading => Self::default(),
            AuthValue::SignedIn(session)
                if !(treat_pending_as_signed_out && session.status == SessionStatus::Pending) =>
            {
                Self {
                    is_loaded: true,
                    is_signed_in: Some(true),
                    user_id: session.user.as_ref().map(|user| user.id.clone()),
                    session_id: Some(session.id.clone()),
                    org_id: session.last_active_organization_id.clone(),
                }
            }
            AuthValue::SignedIn(_) | AuthValue::SignedOut => Self::signed_out(),
        }
    }

    /// Loaded, and no one signed in.
    pub fn signed_out() -> Self {
        Self {
            is_loaded: true,
            is_signed_in: Some(false),
            ..Self::default()
        }
    }

    /// The summary of a session token's claims (what a server-rendered page knew), by the
    /// same rule as [`derive`](Self::derive): a `pending` session (`sts`) counts as signed
    /// out when `treat_pending_as_signed_out`.
    pub fn from_claims(claims: &SessionClaims, treat_pending_as_signed_out: bool) -> Self {
        if treat_pending_as_signed_out && claims.session_status.as_deref() == Some("pending") {
            return Self::signed_out();
        }
        Self {
            is_loaded: true,
            is_signed_in: Some(true),
            user_id: Some(claims.user_id.clone()),
            session_id: claims.session_id.clone(),
            org_id: claims.organization.as_ref().map(|org| org.id.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SessionSnapshot, UserSnapshot};

    fn signed_in(status: SessionStatus) -> ClerkResources {
        let user = UserSnapshot {
            id: "user_1".into(),
            ..Default::default()
        };
        ClerkResources {
            session: AuthValue::SignedIn(SessionSnapshot {
                id: "sess_1".into(),
                status,
                user: Some(user),
                last_active_organization_id: Some("org_1".into()),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn signed_in_reports_ids() {
        let summary = AuthSummary::derive(&LoadStatus::Ready, &signed_in(SessionStatus::Active), true);
        assert_eq!(summary.is_signed_in, Some(true));
        assert_eq!(summary.user_id.as_deref(), Some("user_1"));
        assert_eq!(summary.session_id.as_deref(), Some("sess_1"));
        assert_eq!(summary.org_id.as_deref(), Some("org_1"));
    }

    #[test]
    fn pending_is_signed_out_unless_asked_otherwise() {
        let pending = signed_in(SessionStatus::Pending);
        assert_eq!(
            AuthSummary::derive(&LoadStatus::Ready, &pending, true).is_signed_in,
            Some(false)
        );
        assert_eq!(
            AuthSummary::derive(&LoadStatus::Ready, &pending, false).is_signed_in,
            Some(true)
        );
    }

    #[test]
    fn nothing_is_known_before_load_or_while_switching() {
        let active = signed_in(SessionStatus::Active);
        assert_eq!(
            AuthSummary::derive(&LoadStatus::Loading, &active, true),
            AuthSummary::default()
        );
        let switching = ClerkResources::default();
        assert_eq!(
            AuthSummary::derive(&LoadStatus::Ready, &switching, true),
            AuthSummary::default()
        );
    }

    #[test]
    fn degraded_still_counts_as_loaded() {
        let summary = AuthSummary::derive(&LoadStatus::Degraded, &signed_in(SessionStatus::Active), true);
        assert!(summary.is_loaded);
    }
}
