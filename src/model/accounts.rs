//! [`SignedInAccounts`]: what a session switcher lists.

use super::session::SessionSnapshot;
use super::state::{AuthValue, ClerkResources};

/// This tab's current session and the browser's other signed-in sessions.
///
/// ```
/// use leptos_clerk::model::{AuthValue, ClerkResources, ClientSnapshot, SessionSnapshot, SessionStatus, SignedInAccounts};
/// let session = |id: &str| SessionSnapshot { id: id.into(), status: SessionStatus::Active, ..Default::default() };
/// let resources = ClerkResources {
///     client: Some(ClientSnapshot { sessions: vec![session("a"), session("b")], ..Default::default() }),
///     session: AuthValue::SignedOut, // clerk-js left this tab without a session
///     ..Default::default()
/// };
/// let accounts = SignedInAccounts::derive(&resources);
/// assert!(accounts.lost_current());
/// assert_eq!(accounts.others.len(), 2);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignedInAccounts {
    /// This tab's session, when it has a signed-in one.
    pub current: Option<SessionSnapshot>,
    /// The other active or pending sessions, in clerk-js' order.
    pub others: Vec<SessionSnapshot>,
}

impl SignedInAccounts {
    /// Derives the accounts from the last emit.
    pub fn derive(resources: &ClerkResources) -> Self {
        let current = match &resources.session {
            AuthValue::SignedIn(session) if session.status.is_signed_in() => Some(session.clone()),
            _ => None,
        };
        let current_id = current.as_ref().map(|session| session.id.as_str());
        let others = resources
            .client
            .iter()
            .flat_map(|client| client.signed_in_sessions())
            .filter(|session| Some(session.id.as_str()) != current_id)
            .cloned()
            .collect();
        Self { current, others }
    }

    /// The tab lost its session (signed out of it, or it expired) while others remain
    /// signed in: clerk-js does not switch by itself, so the user has to choose.
    pub fn lost_current(&self) -> bool {
        self.current.is_none() && !self.others.is_empty()
    }

    /// How many signed-in sessions there are in all.
    pub fn count(&self) -> usize {
        self.others.len() + usize::from(self.current.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClientSnapshot, SessionStatus};

    fn session(id: &str, status: SessionStatus) -> SessionSnapshot {
        SessionSnapshot {
            id: id.into(),
            status,
            ..Default::default()
        }
    }

    fn resources(current: AuthValue<SessionSnapshot>, sessions: Vec<SessionSnapshot>) -> ClerkResources {
        ClerkResources {
            client: Some(ClientSnapshot {
                sessions,
                ..Default::default()
            }),
            session: current,
            ..Default::default()
        }
    }

    #[test]
    fn the_current_session_is_not_listed_twice_and_ended_ones_not_at_all() {
        let all = vec![
            session("a", SessionStatus::Active),
            session("b", SessionStatus::Ended),
            session("c", SessionStatus::Pending),
        ];
        let accounts = SignedInAccounts::derive(&resources(AuthValue::SignedIn(all[0].clone()), all));
        assert_eq!(accounts.current.map(|s| s.id).as_deref(), Some("a"));
        let others: Vec<&str> = accounts.others.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(others, ["c"]);
    }

    #[test]
    fn nobody_signed_in_is_not_a_lost_session() {
        let accounts = SignedInAccounts::derive(&resources(AuthValue::SignedOut, vec![]));
        assert!(!accounts.lost_current());
        assert_eq!(accounts.count(), 0);
    }

    #[test]
    fn a_current_session_that_ended_counts_as_lost() {
        let gone = session("a", SessionStatus::Removed);
        let other = session("b", SessionStatus::Active);
        let accounts =
            SignedInAccounts::derive(&resources(AuthValue::SignedIn(gone.clone()), vec![gone, other]));
        assert!(accounts.lost_current());
    }
}
