//! [`SignInWithPassword`]: a custom password sign-in, without Clerk's prebuilt UI.

use super::flow_state::FlowState;
use super::sign_in_second_factor::follow;
use crate::ClerkError;
use crate::js::{Clerk, JsOptions, SignIn};
use crate::model::{FlowError, SignInStep};

/// Signs in with an identifier (email) and password through `client.signIn.create`, then
/// makes the new session active, the way Clerk's custom-flow guide does. In a multi-session
/// app this adds an account; the other sessions stay signed in.
///
/// When Clerk then asks for a second factor (`needs_second_factor`, or
/// `needs_client_trust` on a new device), the call ends at
/// [`SignInStep::VerifyingSecondFactor`], its code already sent if it is texted or emailed;
/// [`use_sign_in`](crate::use_sign_in)'s `second_factor` finishes it. Like the other flows
/// it moves `use_sign_in`'s `step`, `pending` and `error`.
///
/// ```no_run
/// use leptos_clerk::{SignInStep, use_sign_in};
///
/// # async fn run() {
/// let sign_in = use_sign_in().with_password;
/// match sign_in.call("ada@example.test", "secret").await {
///     Ok(SignInStep::Complete { session_id }) => leptos::logging::log!("signed in: {session_id}"),
///     Ok(SignInStep::VerifyingSecondFactor(step)) => {
///         leptos::logging::log!("second factor: {}", step.current.strategy.as_str())
///     }
///     Ok(_) => {}
///     // e.g. "Password is incorrect. Try again, or use another method."
///     Err(error) => leptos::logging::warn!("{error}"),
/// }
/// # }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct SignInWithPassword {
    state: FlowState<SignInStep>,
}

impl SignInWithPassword {
    pub(crate) fn new(state: FlowState<SignInStep>) -> Self {
        Self { state }
    }

    /// Signs in: `Complete` once the new session is active, or `VerifyingSecondFactor`.
    pub async fn call(&self, identifier: &str, password: &str) -> Result<SignInStep, FlowError> {
        let params = JsOptions::new()
            .text("strategy", "password")
            .text("identifier", identifier.trim())
            .text("password", password);
        self.state
            .run(async move {
                // The second factor goes through the very object `create` filled in.
                let sign_in = current_sign_in()?;
                let progress = sign_in.create(params).await?;
                follow(&sign_in, progress).await
            })
            .await
    }
}

/// `window.Clerk.client.signIn`, read fresh: clerk-js replaces it as the client changes.
pub(super) fn current_sign_in() -> Result<SignIn, ClerkError> {
    Clerk::loaded_from_window()?
        .client()
        .and_then(|client| client.sign_in())
        .ok_or(ClerkError::NotLoaded)
}
