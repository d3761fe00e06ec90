//! [`SignOut`]: sign out of one session or all of them.

use crate::ClerkError;
use crate::js::{Clerk, JsOptions};

/// Options for [`SignOut::call`].
///
/// ```
/// use leptos_clerk::SignOutOptions;
/// let one = SignOutOptions::default().session_id("sess_2");
/// let away = SignOutOptions::default().redirect_url("/goodbye");
/// # let _ = (one, away);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignOutOptions {
    session_id: Option<String>,
    redirect_url: Option<String>,
}

impl SignOutOptions {
    /// Sign out of this session only (multi-session apps). Default: all sessions.
    pub fn session_id(mut self, id: impl Into<String>) -> Self {
        self.session_id = Some(id.into());
        self
    }

    /// Navigate here afterwards. Default: stay on the page (the state updates in place).
    pub fn redirect_url(mut self, url: impl Into<String>) -> Self {
        self.redirect_url = Some(url.into());
        self
    }
}

/// Signs out through clerk-js. `Copy`, so it can go into any event handler.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{use_auth, SignOutOptions};
///
/// #[component]
/// fn SignOutButton() -> impl IntoView {
///     let sign_out = use_auth().sign_out;
///     let on_click = move |_| leptos::task::spawn_local(async move {
///         if let Err(error) = sign_out.call(SignOutOptions::default()).await {
///             leptos::logging::warn!("sign-out failed: {error}");
///         }
///     });
///     view! { <button on:click=on_click>"Sign out"</button> }
/// }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct SignOut {
    _private: (),
}

impl SignOut {
    pub(crate) fn new() -> Self {
        Self { _private: () }
    }

    /// Signs out (all sessions, or the one in `options`). The provider's signals follow
    /// through clerk-js' emit.
    pub async fn call(&self, options: SignOutOptions) -> Result<(), ClerkError> {
        let clerk = Clerk::loaded_from_window()?;
        let js_options = JsOptions::new()
            .text_if("sessionId", options.session_id.as_deref())
            .text_if("redirectUrl", options.redirect_url.as_deref());
        // Without a redirect, clerk-js is told to stay on the page.
        let navigate = options.redirect_url.is_some();
        clerk.sign_out(js_options, navigate).await
    }
}
