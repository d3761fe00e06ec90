//! What one clerk-js emit means for the page: [`ClerkResources`] and [`AuthValue`].

use super::client::ClientSnapshot;
use super::organization::OrganizationSnapshot;
use super::problem::{ConvertProblem, FieldProblem, Problems};
use super::raw::{RawObject, RawValue};
use super::session::SessionSnapshot;
use super::user::UserSnapshot;

/// A value that exists only for a signed-in user, with clerk-js' three states.
///
/// clerk-js uses `undefined` for "still loading, or switching" and `null` for "signed out";
/// this enum keeps the two apart so a page never flashes "signed out" while it loads.
///
/// ```
/// use leptos_clerk::model::AuthValue;
/// let name: AuthValue<&str> = AuthValue::SignedIn("Ada");
/// assert_eq!(name.get(), Some(&"Ada"));
/// assert!(AuthValue::<()>::SignedOut.is_loaded());
/// assert!(!AuthValue::<()>::Loading.is_loaded());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum AuthValue<T> {
    /// clerk-js has not loaded yet, or is between two sessions.
    #[default]
    Loading,
    /// Loaded, and there is no such value: nobody is signed in in this tab.
    SignedOut,
    /// Loaded, and here it is.
    SignedIn(T),
}

impl<T> AuthValue<T> {
    /// False only while loading or switching.
    pub fn is_loaded(&self) -> bool {
        !matches!(self, AuthValue::Loading)
    }

    /// The value, when signed in.
    pub fn get(&self) -> Option<&T> {
        match self {
            AuthValue::SignedIn(value) => Some(value),
            _ => None,
        }
    }

    /// Maps the signed-in value, keeping the state.
    pub fn map<U>(&self, f: impl FnOnce(&T) -> U) -> AuthValue<U> {
        match self {
            AuthValue::Loading => AuthValue::Loading,
            AuthValue::SignedOut => AuthValue::SignedOut,
            AuthValue::SignedIn(value) => AuthValue::SignedIn(f(value)),
        }
    }
}

/// Everything one clerk-js emit (`addListener`'s payload) tells the page, as plain data.
///
/// The provider builds one per emit and sets its signal only when it differs from the last,
/// so the token refreshes clerk-js emits every minute do not re-render anything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClerkResources {
    /// The client with all its sessions; `None` before clerk-js loaded one.
    pub client: Option<ClientSnapshot>,
    /// This tab's current session.
    pub session: AuthValue<SessionSnapshot>,
    /// The current session's user.
    pub user: AuthValue<UserSnapshot>,
    /// The session's active organization: `None` for the personal account (and while
    /// loading or signed out).
    pub organization: Option<OrganizationSnapshot>,
    /// Fields that could not be read as they were, with where and why.
    pub problems: Vec<ConvertProblem>,
}

impl ClerkResources {
    /// Converts an emit payload `{client, session, user, organization}`.
    ///
    /// ```
    /// use leptos_clerk::model::{ClerkResources, RawObject, RawValue, AuthValue};
    /// struct Empty;
    /// impl RawObject for Empty {
    ///     fn get(&self, _: &str) -> RawValue<Self> { RawValue::Missing }
    /// }
    /// // An emit with nothing in it is the loading state, not "signed out".
    /// assert_eq!(ClerkResources::read(&Empty).session, AuthValue::Loading);
    /// ```
    pub fn read<O: RawObject>(payload: &O) -> Self {
        let mut problems = Problems::default();
        // `session` is one of `client.sessions` and `user` is `session.user`, the same
        // objects: each is read once, the session first, so that a problem with it is
        // reported where a page reads it (`session.expireAt`). A switch emits twice, and
        // reading each object three times was most of its cost (docs/performance.md).
        let (session, session_object) = match payload.get("session") {
            RawValue::Missing => (AuthValue::Loading, None),
            RawValue::Null => (AuthValue::SignedOut, None),
            // A session without an id is unusable; the recorded problem says why the tab
            // looks signed out.
            RawValue::Object(object) => match SessionSnapshot::read(&object, "session", &mut problems) {
                Some(session) => (AuthValue::SignedIn(session), Some(object)),
                None => (AuthValue::SignedOut, None),
            },
            other => {
                problems.push("session", wrong("a Session", &other));
                (AuthValue::SignedOut, None)
            }
        };
        let known = session_object.as_ref().zip(session.get());
        let client = match payload.get("client") {
            RawValue::Object(client) => Some(ClientSnapshot::read(&client, "client", known, &mut problems)),
            value if value.is_absent() => None,
            other => {
                problems.push("client", wrong("a Client", &other));
                None
            }
        };
        let user = match &session {
            AuthValue::Loading => AuthValue::Loading,
            AuthValue::SignedOut => AuthValue::SignedOut,
            AuthValue::SignedIn(snapshot) => {
                let emitted = match payload.get("user") {
                    RawValue::Object(user) if is_user_of(&user, session_object.as_ref()) => None,
                    RawValue::Object(user) => UserSnapshot::read(&user, "user", &mut problems),
                    _ => None,
                };
                // clerk-js' `user` is `session.user`: the session's copy, already read.
                match emitted.or_else(|| snapshot.user.clone()) {
                    Some(user) => AuthValue::SignedIn(user),
                    None => AuthValue::SignedOut,
                }
            }
        };
        let organization = match (&session, payload.get("organization")) {
            (AuthValue::SignedIn(_), RawValue::Object(organization)) => {
                OrganizationSnapshot::read(&organization, "organization", &mut problems)
            }
            (_, value) if value.is_absent() => None,
            (AuthValue::SignedIn(_), other) => {
                problems.push("organization", wrong("an Organization", &other));
                None
            }
            _ => None,
        };
        Self {
            client,
            session,
            user,
            organization,
            problems: problems.into_vec(),
        }
    }
}

/// Whether `user` is the very object at `session.user`.
fn is_user_of<O: RawObject>(user: &O, session: Option<&O>) -> bool {
    session.is_some_and(|session| matches!(session.get("user"), RawValue::Object(own) if own.is(user)))
}

fn wrong<O>(expected: &'static str, found: &RawValue<O>) -> FieldProblem {
    FieldProblem::WrongType {
        expected,
        found: found.type_name(),
    }
}
