//! `use_session_list`: every session of the browser's client, and switching between them.

use leptos::prelude::*;

use crate::model::SessionSnapshot;
use crate::runtime::context::context;
use crate::ui::actions::SetActive;

/// What [`use_session_list`] returns.
#[derive(Clone, Copy, Debug)]
pub struct UseSessionListReturn {
    /// clerk-js has loaded a client.
    pub is_loaded: Signal<bool>,
    /// Every session of the client, in any status (use
    /// [`SessionStatus::is_signed_in`](crate::SessionStatus::is_signed_in) to tell signed-in
    /// ones from ended ones).
    pub sessions: Signal<Vec<SessionSnapshot>>,
    /// Switches this tab to another session.
    pub set_active: SetActive,
}

/// Clerk's `useSessionList()` for Leptos.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::use_session_list;
///
/// #[component]
/// fn SignedInCount() -> impl IntoView {
///     let sessions = use_session_list().sessions;
///     move || sessions.with(|all| all.iter().filter(|s| s.status.is_signed_in()).count())
/// }
/// ```
#[track_caller]
pub fn use_session_list() -> UseSessionListReturn {
    let clerk = context("use_session_list");
    let (status, resources) = (clerk.status(), clerk.resources());
    let client_loaded =
        Memo::new(move |_| status.with(|s| s.is_loaded()) && resources.with(|r| r.client.is_some()));
    let sessions = Memo::new(move |_| {
        resources.with(|r| {
            r.client
                .as_ref()
                .map(|client| client.sessions.clone())
                .unwrap_or_default()
        })
    });
    UseSessionListReturn {
        is_loaded: client_loaded.into(),
        sessions: sessions.into(),
        set_active: SetActive::new(),
    }
}
