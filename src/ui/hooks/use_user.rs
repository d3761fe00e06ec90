//! `use_user`: the current user as a signal.

use leptos::prelude::*;

use crate::model::{AuthValue, UserSnapshot};
use crate::runtime::context::context;

/// What [`use_user`] returns.
#[derive(Clone, Copy, Debug)]
pub struct UseUserReturn {
    /// clerk-js loaded and the tab is not between two sessions.
    pub is_loaded: Signal<bool>,
    /// `None` while loading, then whether there is a user.
    pub is_signed_in: Signal<Option<bool>>,
    /// The current user, when signed in.
    pub user: Signal<Option<UserSnapshot>>,
}

/// Clerk's `useUser()` for Leptos.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::use_user;
///
/// #[component]
/// fn Name() -> impl IntoView {
///     let user = use_user().user;
///     move || user.get().map(|u| u.display_name())
/// }
/// ```
#[track_caller]
pub fn use_user() -> UseUserReturn {
    let clerk = context("use_user");
    let (status, resources) = (clerk.status(), clerk.resources());
    let state = Memo::new(move |_| {
        if status.with(|s| s.is_loaded()) {
            resources.with(|r| r.user.clone())
        } else {
            AuthValue::Loading
        }
    });
    UseUserReturn {
        is_loaded: Memo::new(move |_| state.with(AuthValue::is_loaded)).into(),
        is_signed_in: Memo::new(move |_| state.with(|s| s.is_loaded().then(|| s.get().is_some()))).into(),
        user: Memo::new(move |_| state.with(|s| s.get().cloned())).into(),
    }
}
