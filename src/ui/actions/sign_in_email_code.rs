//! [`SignInWithEmailCode`]: a custom sign-in by a code Clerk emails, without a password and
//! without Clerk's prebuilt UI.

use super::flow_state::FlowState;
use super::sign_in::current_sign_in;
use super::sign_in_second_factor::{activate, enter};
use crate::js::{JsOptions, SignIn};
use crate::model::{FlowError, SignInNext, SignInProgress, SignInStep};

/// Drives Clerk's email-code first factor: `client.signIn.create({identifier})`,
/// `prepareFirstFactor({strategy: "email_code", emailAddressId})`,
/// `attemptFirstFactor({strategy: "email_code", code})`, then `setActive({session})`.
///
/// A `Copy` handle on the state [`use_sign_in`](crate::use_sign_in) owns (`step`,
/// `pending`, `error`); each call moves it and also returns the outcome. An account that
/// also needs a second factor goes on to [`SignInStep::VerifyingSecondFactor`], which
/// `use_sign_in`'s `second_factor` finishes.
///
/// ```no_run
/// use leptos_clerk::{SignInStep, use_sign_in};
///
/// # async fn run() {
/// let sign_in = use_sign_in();
/// // Step 1: Clerk emails a code to the account's address.
/// let _ = sign_in.with_email_code.start("ada@example.test").await;
/// // Step 2: the code the user typed; the session becomes active.
/// match sign_in.with_email_code.verify("424242").await {
///     Ok(SignInStep::Complete { session_id }) => leptos::logging::log!("signed in: {session_id}"),
///     Ok(_) => {}
///     Err(error) => leptos::logging::warn!("{error}"), // e.g. "Incorrect code"
/// }
/// # }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct SignInWithEmailCode {
    state: FlowState<SignInStep>,
}

impl SignInWithEmailCode {
    pub(crate) fn new(state: FlowState<SignInStep>) -> Self {
        Self { state }
    }

    /// Names the account and has Clerk email it a code: `VerifyingEmailCode` on success.
    pub async fn start(&self, email: &str) -> Result<SignInStep, FlowError> {
        let params = JsOptions::new().text("identifier", email.trim());
        self.state
            .run(async move {
                // clerk-js' `create` fills in this very object; the next step goes through it,
                // not through `client.signIn` read again, which an emit may have swapped for
                // a copy of the previous attempt meanwhile.
                let sign_in = current_sign_in()?;
                let progress = sign_in.create(params).await?;
                advance(&sign_in, progress).await
            })
            .await
    }

    /// Checks the emailed code; on success the session becomes active (`Complete`).
    pub async fn verify(&self, code: &str) -> Result<SignInStep, FlowError> {
        if !self.state.step_is(|step| step.email().is_some()) {
            return self.state.settle(Err(FlowError::NotStarted));
        }
        let code = code.trim().to_owned();
        self.state
            .run(async move {
                let sign_in = current_sign_in()?;
                let progress = sign_in.attempt_email_code(&code).await?;
                advance(&sign_in, progress).await
            })
            .await
    }

    /// Asks Clerk to email a new code.
    pub async fn resend(&self) -> Result<SignInStep, FlowError> {
        if !self.state.step_is(|step| step.email().is_some()) {
            return self.state.settle(Err(FlowError::NotStarted));
        }
        self.state
            .run(async move {
                // The factor is read from the sign-in as it stands now.
                let sign_in = current_sign_in()?;
                match sign_in.progress().next_for_email_code()? {
                    SignInNext::SendCode(factor) => send_code(&sign_in, &factor.email_address_id).await,
                    SignInNext::Activate { .. } | SignInNext::SecondFactor(_) => {
                        Err(FlowError::UnsupportedStep {
                            status: "the emailed code was already accepted".into(),
                        })
                    }
                }
            })
            .await
    }

    /// Back to `CollectingIdentifier`, clearing any error. Calls nothing.
    pub fn reset(&self) {
        self.state.reset();
    }
}

/// After `create` or a code attempt on `sign_in`: send the code, make the new session
/// active, or go on to the second factor.
async fn advance(sign_in: &SignIn, progress: SignInProgress) -> Result<SignInStep, FlowError> {
    match progress.next_for_email_code()? {
        SignInNext::SendCode(factor) => send_code(sign_in, &factor.email_address_id).await,
        SignInNext::Activate { session_id } => activate(session_id).await,
        SignInNext::SecondFactor(step) => enter(sign_in, step).await,
    }
}

/// `prepareFirstFactor`: the code is on its way to the factor's address.
async fn send_code(sign_in: &SignIn, email_address_id: &str) -> Result<SignInStep, FlowError> {
    let prepared = sign_in.prepare_email_code(email_address_id).await?;
    let email = prepared
        .email_code
        .map(|factor| factor.safe_identifier)
        .unwrap_or_default();
    Ok(SignInStep::VerifyingEmailCode { email })
}
