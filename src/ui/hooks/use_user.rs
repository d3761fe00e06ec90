//! `use_user`: the current user as a signal.

use leptos::prelude::*;

use crate::model::{AuthValue, UserSnapshot};
use crate::runtime::context::context;
use crate::ui::actions::ReloadUser;

use super::use_user_metadata::{UseUserMetadataReturn, use_user_metadata};

/// What [`use_user`] returns.
#[derive(Clone, Copy, Debug)]
pub struct UseUserReturn {
    /// clerk-js loaded and the tab is not between two sessions.
    pub is_loaded: Signal<bool>,
    /// `None` while loading, then whether there is a user.
    pub is_signed_in: Signal<Option<bool>>,
    /// The current user, when signed in.
    pub user: Signal<Option<UserSnapshot>>,
    /// Fetches the user again (clerk-js' `user.reload()`), e.g. after your backend
    /// changed its metadata.
    pub reload: ReloadUser,
}

impl UseUserReturn {
    /// The user's public and unsafe metadata as JSON signals: the same as
    /// [`use_user_metadata`]. Not part of [`UseUserReturn`]'s signals because copying
    /// JSON on every emit would cost every app that never shows it; call this where you do.
    ///
    /// ```no_run
    /// use leptos::prelude::*;
    /// use leptos_clerk::use_user;
    ///
    /// #[component]
    /// fn Role() -> impl IntoView {
    ///     let public = use_user().metadata().public_metadata;
    ///     move || public.with(|m| m.get("role").map(ToString::to_string))
    /// }
    /// ```
    #[track_caller]
    pub fn metadata(&self) -> UseUserMetadataReturn {
        use_user_metadata()
    }
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
        reload: ReloadUser::new(),
    }
}
