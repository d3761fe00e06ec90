//! [`SignUpWithPassword`]: a custom email + password sign-up, verified by an emailed code,
//! without Clerk's prebuilt UI.

use super::flow_state::FlowState;
use super::set_active::{SetActive, SetActiveOptions};
use crate::ClerkError;
use crate::js::{Clerk, JsOptions, SignUp};
use crate::model::{FlowError, SignUpNext, SignUpProgress, SignUpStep};

/// Drives Clerk's custom sign-up flow: `client.signUp.create({emailAddress, password})`,
/// `prepareEmailAddressVerification({strategy: "email_code"})`,
/// `attemptEmailAddressVerification({code})`, then `setActive({session})`.
///
/// It is a `Copy` handle on the state [`use_sign_up`](crate::use_sign_up) owns: each call
/// moves its `step`, `pending` and `error` signals, and also returns the outcome.
///
/// ```no_run
/// use leptos_clerk::{SignUpStep, use_sign_up};
///
/// # async fn run() {
/// let sign_up = use_sign_up();
/// // Step 1: Clerk emails a code to the address.
/// if let Ok(SignUpStep::VerifyingEmail { email }) =
///     sign_up.with_password.start("ada@example.test", "analytical-engine").await
/// {
///     leptos::logging::log!("code sent to {email}");
/// }
/// // Step 2: the code the user typed; the new session becomes active.
/// match sign_up.with_password.verify("424242").await {
///     Ok(SignUpStep::Complete { session_id }) => leptos::logging::log!("welcome: {session_id}"),
///     Ok(_) => {}
///     Err(error) => leptos::logging::warn!("{error}"), // e.g. "Incorrect code"
/// }
/// # }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct SignUpWithPassword {
    state: FlowState<SignUpStep>,
}

impl SignUpWithPassword {
    pub(crate) fn new(state: FlowState<SignUpStep>) -> Self {
        Self { state }
    }

    /// Creates the sign-up and has Clerk email the code: `VerifyingEmail` on success (or
    /// `Complete`, when the instance does not verify addresses).
    pub async fn start(&self, email: &str, password: &str) -> Result<SignUpStep, FlowError> {
        let params = JsOptions::new()
            .text("emailAddress", email)
            .text("password", password);
        self.state
            .run(async move {
                // clerk-js' `create` fills in this very object; the next step goes through it,
                // not through `client.signUp` read again, which an emit may have swapped for
                // a copy of an earlier state meanwhile.
                let sign_up = current_sign_up()?;
                let progress = sign_up.create(params).await?;
                advance(&sign_up, progress).await
            })
            .await
    }

    /// Checks the emailed code; on success the new session becomes active (`Complete`).
    pub async fn verify(&self, code: &str) -> Result<SignUpStep, FlowError> {
        if !self.state.step_is(|step| step.email().is_some()) {
            return self.state.settle(Err(FlowError::NotStarted));
        }
        let code = code.trim().to_owned();
        self.state
            .run(async move {
                let sign_up = current_sign_up()?;
                let progress = sign_up.attempt_email_code(&code).await?;
                advance(&sign_up, progress).await
            })
            .await
    }

    /// Asks Clerk to email a new code to the same address.
    pub async fn resend(&self) -> Result<SignUpStep, FlowError> {
        if !self.state.step_is(|step| step.email().is_some()) {
            return self.state.settle(Err(FlowError::NotStarted));
        }
        self.state
            .run(async move {
                let progress = current_sign_up()?.prepare_email_code().await?;
                advance_after_prepare(progress)
            })
            .await
    }

    /// Back to `CollectingDetails` (a different address), clearing any error. Calls nothing.
    pub fn reset(&self) {
        self.state.reset();
    }
}

/// `window.Clerk.client.signUp`, read fresh: clerk-js replaces it as the client changes.
fn current_sign_up() -> Result<SignUp, ClerkError> {
    Clerk::loaded_from_window()?
        .client()
        .and_then(|client| client.sign_up())
        .ok_or(ClerkError::NotLoaded)
}

/// After `create` or a code attempt on `sign_up`: send the code, or make the new session
/// active.
async fn advance(sign_up: &SignUp, progress: SignUpProgress) -> Result<SignUpStep, FlowError> {
    match progress.next()? {
        SignUpNext::SendCode { .. } => {
            let prepared = sign_up.prepare_email_code().await?;
            advance_after_prepare(prepared)
        }
        SignUpNext::Activate { session_id } => {
            SetActive::new()
                .call(SetActiveOptions::session(session_id.clone()))
                .await?;
            Ok(SignUpStep::Complete { session_id })
        }
    }
}

/// After `prepare`: the code is on its way to the sign-up's address.
fn advance_after_prepare(progress: SignUpProgress) -> Result<SignUpStep, FlowError> {
    match progress.next()? {
        SignUpNext::SendCode { email } => Ok(SignUpStep::VerifyingEmail { email }),
        // Clerk would not complete on prepare; if it did, the session still needs selecting.
        SignUpNext::Activate { .. } => Err(FlowError::UnsupportedStep {
            status: "complete before the code".into(),
        }),
    }
}
