//! `use_session`: the current session as a signal.

use leptos::prelude::*;

use crate::model::{AuthValue, SessionSnapshot};
use crate::runtime::context::context;

/// What [`use_session`] returns.
#[derive(Clone, Copy, Debug)]
pub struct UseSessionReturn {
    /// clerk-js loaded and the tab is not between two sessions.
    pub is_loaded: Signal<bool>,
    /// `None` while loading, then whether this tab has an active session.
    pub is_signed_in: Signal<Option<bool>>,
    /// The current session, when there is one.
    pub session: Signal<Option<SessionSnapshot>>,
    /// All three states at once: loading, signed out, or the session.
    pub state: Signal<AuthValue<SessionSnapshot>>,
}

/// Clerk's `useSession()` for Leptos: the current session, updated on every change
/// clerk-js reports (sign-in, switch, touch, sign-out) and on nothing else.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::use_session;
///
/// #[component]
/// fn SessionId() -> impl IntoView {
///     let session = use_session().session;
///     move || session.get().map(|s| s.id).unwrap_or_else(|| "no session".into())
/// }
/// ```
#[track_caller]
pub fn use_session() -> UseSessionReturn {
    let clerk = context("use_session");
    let (status, resources) = (clerk.status(), clerk.resources());
    let state = Memo::new(move |_| {
        if status.with(|s| s.is_loaded()) {
            resources.with(|r| r.session.clone())
        } else {
            AuthValue::Loading
        }
    });
    UseSessionReturn {
        is_loaded: Memo::new(move |_| state.with(AuthValue::is_loaded)).into(),
        is_signed_in: Memo::new(move |_| {
            state.with(|s| {
                s.is_loaded()
                    .then(|| s.get().is_some_and(|s| s.status.is_signed_in()))
            })
        })
        .into(),
        session: Memo::new(move |_| state.with(|s| s.get().cloned())).into(),
        state: state.into(),
    }
}
