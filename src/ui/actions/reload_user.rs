//! [`ReloadUser`]: fetch the signed-in user again, e.g. after a backend changed its metadata.

use crate::ClerkError;
use crate::js::Clerk;

/// Reloads the current user from Clerk (clerk-js' `user.reload()`, a `GET /v1/me`).
/// `Copy`, so it can go into any event handler.
///
/// Use it after your backend changed something clerk-js cannot know about, such as the
/// user's `public_metadata`. clerk-js emits the fresh user before the call returns, so
/// [`use_user`](crate::use_user) and [`use_user_metadata`](crate::use_user_metadata)
/// already show it.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::use_user;
///
/// #[component]
/// fn RefreshButton() -> impl IntoView {
///     let reload = use_user().reload;
///     let on_click = move |_| leptos::task::spawn_local(async move {
///         if let Err(error) = reload.call().await {
///             leptos::logging::warn!("could not reload the user: {error}");
///         }
///     });
///     view! { <button on:click=on_click>"Refresh my account"</button> }
/// }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ReloadUser {
    _private: (),
}

impl ReloadUser {
    pub(crate) fn new() -> Self {
        Self { _private: () }
    }

    /// Reloads the user; [`ClerkError::SignedOut`] when this tab has none.
    pub async fn call(&self) -> Result<(), ClerkError> {
        Clerk::loaded_from_window()?.reload_user().await
    }
}
