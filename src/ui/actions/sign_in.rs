//! [`SignInWithPassword`]: a custom password sign-in, without Clerk's prebuilt UI.

use super::set_active::{SetActive, SetActiveOptions};
use crate::ClerkError;
use crate::js::{Clerk, JsOptions, SignIn};

/// Signs in with an identifier (email) and password through `client.signIn.create`, then
/// makes the new session active, the way Clerk's custom-flow guide does. In a multi-session
/// app this adds an account; the other sessions stay signed in.
///
/// ```no_run
/// use leptos_clerk::use_sign_in;
///
/// # async fn run() {
/// let sign_in = use_sign_in().with_password;
/// match sign_in.call("ada@example.test", "secret").await {
///     Ok(session_id) => leptos::logging::log!("signed in: {session_id}"),
///     // e.g. "Password is incorrect. Try again, or use another method."
///     Err(error) => leptos::logging::warn!("{error}"),
/// }
/// # }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct SignInWithPassword {
    _private: (),
}

impl SignInWithPassword {
    pub(crate) fn new() -> Self {
        Self { _private: () }
    }

    /// Returns the new session's id once it is active.
    pub async fn call(&self, identifier: &str, password: &str) -> Result<String, ClerkError> {
        let sign_in = current_sign_in()?;
        let params = JsOptions::new()
            .text("strategy", "password")
            .text("identifier", identifier)
            .text("password", password);
        let progress = sign_in.create(params).await?;
        match (progress.status.as_deref(), progress.created_session_id) {
            (Some("complete"), Some(session_id)) => {
                SetActive::new()
                    .call(SetActiveOptions::session(session_id.clone()))
                    .await?;
                Ok(session_id)
            }
            (status, _) => Err(ClerkError::Clerk {
                code: Some("sign_in_incomplete".into()),
                message: format!(
                    "Sign-in needs another step ({}), which a password alone cannot complete.",
                    status.unwrap_or("no status")
                ),
            }),
        }
    }
}

/// `window.Clerk.client.signIn`, read fresh: clerk-js replaces it as the client changes.
pub(super) fn current_sign_in() -> Result<SignIn, ClerkError> {
    Clerk::loaded_from_window()?
        .client()
        .and_then(|client| client.sign_in())
        .ok_or(ClerkError::NotLoaded)
}
