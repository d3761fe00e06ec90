//! [`ClientSnapshot`]: the browser's Clerk client and all its sessions.

use super::problem::{FieldProblem, Problems};
use super::raw::{RawObject, RawValue};
use super::reader::Reader;
use super::session::SessionSnapshot;

/// A plain copy of a clerk-js `Client`: every session this browser holds, in any status.
///
/// ```
/// use leptos_clerk::model::{ClientSnapshot, SessionSnapshot, SessionStatus};
/// let client = ClientSnapshot {
///     sessions: vec![
///         SessionSnapshot { id: "sess_1".into(), status: SessionStatus::Active, ..Default::default() },
///         SessionSnapshot { id: "sess_2".into(), status: SessionStatus::Ended, ..Default::default() },
///     ],
///     ..Default::default()
/// };
/// assert_eq!(client.signed_in_sessions().count(), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientSnapshot {
    /// Clerk's client id, if the client has been created.
    pub id: Option<String>,
    /// Every session with a readable id, in clerk-js' order.
    pub sessions: Vec<SessionSnapshot>,
    /// The session clerk-js selects on load.
    pub last_active_session_id: Option<String>,
}

impl ClientSnapshot {
    /// Sessions that are active or pending (clerk-js' `signedInSessions`).
    pub fn signed_in_sessions(&self) -> impl Iterator<Item = &SessionSnapshot> {
        self.sessions
            .iter()
            .filter(|session| session.status.is_signed_in())
    }

    /// The session with this id, if the client has it.
    pub fn session(&self, id: &str) -> Option<&SessionSnapshot> {
        self.sessions.iter().find(|session| session.id == id)
    }

    /// Reads a clerk-js `Client`. Unreadable entries of `sessions` (null, not an object, no
    /// id) are left out and recorded; the rest are kept. An entry that is the very object
    /// `known` was read from is not read again.
    pub(crate) fn read<O: RawObject>(
        client: &O,
        path: &str,
        known: Option<(&O, &SessionSnapshot)>,
        problems: &mut Problems,
    ) -> Self {
        let mut r = Reader::new(client, path, problems);
        let id = r.text("id");
        let last_active_session_id = r.text("lastActiveSessionId");
        let list_path = r.path_of("sessions");
        let sessions = r
            .list("sessions")
            .into_iter()
            .enumerate()
            .filter_map(|(index, entry)| {
                let path = format!("{list_path}[{index}]");
                match entry {
                    RawValue::Object(session) => match known {
                        Some((object, snapshot)) if session.is(object) => Some(snapshot.clone()),
                        _ => SessionSnapshot::read(&session, &path, r.problems()),
                    },
                    other => {
                        let problem = FieldProblem::WrongType {
                            expected: "a session object",
                            found: other.type_name(),
                        };
                        r.problems().push(path, problem);
                        None
                    }
                }
            })
            .collect();
        Self {
            id,
            sessions,
            last_active_session_id,
        }
    }
}
