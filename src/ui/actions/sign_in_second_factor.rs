//! [`SignInSecondFactor`]: the second factor of a custom sign-in, after the password or the
//! emailed code: `prepareSecondFactor` (texted or emailed codes), `attemptSecondFactor`,
//! then `setActive`.

use leptos::prelude::WithUntracked;

use super::flow_state::FlowState;
use super::set_active::{SetActive, SetActiveOptions};
use super::sign_in::current_sign_in;
use crate::js::SignIn;
use crate::model::{
    FlowError, SecondFactorStep, SecondFactorStrategy, SignInNext, SignInProgress, SignInStep,
};

/// Completes a sign-in that stopped at [`SignInStep::VerifyingSecondFactor`]: Clerk's
/// `needs_second_factor` (the user turned on multi-factor authentication) or
/// `needs_client_trust` (a password sign-in from a new device).
///
/// `with_password` and `with_email_code` lead here on their own. The step starts on the
/// factor Clerk's `<SignIn>` would (an authenticator app, else a texted code, else the first
/// offered), and a texted or emailed code is sent at once. [`choose`](Self::choose) moves
/// to another offered factor, [`resend`](Self::resend) sends its code again and
/// [`verify`](Self::verify) checks the code, then makes the session active.
///
/// ```no_run
/// use leptos_clerk::{SecondFactorStrategy, SignInStep, use_sign_in};
///
/// # async fn run() {
/// let sign_in = use_sign_in();
/// if let Ok(SignInStep::VerifyingSecondFactor(step)) =
///     sign_in.with_password.call("katherine@example.test", "orbital-mechanics").await
/// {
///     // Prefer a texted code when the account has one.
///     if step.current.strategy != SecondFactorStrategy::PhoneCode
///         && step.offered.iter().any(|f| f.strategy == SecondFactorStrategy::PhoneCode)
///     {
///         let _ = sign_in.second_factor.choose(SecondFactorStrategy::PhoneCode).await;
///     }
///     match sign_in.second_factor.verify("424242").await {
///         Ok(SignInStep::Complete { session_id }) => leptos::logging::log!("signed in: {session_id}"),
///         Ok(_) => {}
///         Err(error) => leptos::logging::warn!("{error}"), // e.g. "Incorrect code"
///     }
/// }
/// # }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct SignInSecondFactor {
    state: FlowState<SignInStep>,
}

impl SignInSecondFactor {
    pub(crate) fn new(state: FlowState<SignInStep>) -> Self {
        Self { state }
    }

    /// Switches to another factor the sign-in offers, sending its code if it is texted or
    /// emailed. Choosing one that is not offered is [`FlowError::UnsupportedStep`].
    pub async fn choose(&self, strategy: SecondFactorStrategy) -> Result<SignInStep, FlowError> {
        let Some(step) = self.current() else {
            return self.state.settle(Err(FlowError::NotStarted));
        };
        let Some(chosen) = step.choose(strategy) else {
            return self.state.settle(Err(FlowError::UnsupportedStep {
                status: format!("{} is not offered for this sign-in", strategy.as_str()),
            }));
        };
        self.state
            .run(async move { enter(&current_sign_in()?, chosen).await })
            .await
    }

    /// Has Clerk send the current factor's code again (texted or emailed codes; for the
    /// others there is nothing to send, and the step stays as it is).
    pub async fn resend(&self) -> Result<SignInStep, FlowError> {
        let Some(mut step) = self.current() else {
            return self.state.settle(Err(FlowError::NotStarted));
        };
        step.code_sent = false;
        self.state
            .run(async move { enter(&current_sign_in()?, step).await })
            .await
    }

    /// Checks the code of the current factor; on success the session becomes active
    /// (`Complete`).
    pub async fn verify(&self, code: &str) -> Result<SignInStep, FlowError> {
        let Some(step) = self.current() else {
            return self.state.settle(Err(FlowError::NotStarted));
        };
        let code = code.trim().to_owned();
        self.state
            .run(async move {
                let sign_in = current_sign_in()?;
                let progress = sign_in
                    .attempt_second_factor(step.current.strategy, &code)
                    .await?;
                follow(&sign_in, progress).await
            })
            .await
    }

    /// Back to `CollectingIdentifier` (sign in as someone else), clearing any error. Calls
    /// nothing: the next sign-in replaces Clerk's pending one.
    pub fn reset(&self) {
        self.state.reset();
    }

    fn current(&self) -> Option<SecondFactorStep> {
        self.state
            .step
            .try_with_untracked(|step| step.second_factor().cloned())
            .flatten()
    }
}

/// After a call that should have passed a factor on `sign_in`: make the new session active,
/// or go on to the second factor. The email-code flow handles its own `SendCode`.
pub(super) async fn follow(sign_in: &SignIn, progress: SignInProgress) -> Result<SignInStep, FlowError> {
    match progress.next_step()? {
        SignInNext::Activate { session_id } => activate(session_id).await,
        SignInNext::SecondFactor(step) => enter(sign_in, step).await,
        SignInNext::SendCode(_) => Err(FlowError::UnsupportedStep {
            status: "needs_first_factor".into(),
        }),
    }
}

/// `setActive({session})`: the sign-in is complete.
pub(super) async fn activate(session_id: String) -> Result<SignInStep, FlowError> {
    SetActive::new()
        .call(SetActiveOptions::session(session_id.clone()))
        .await?;
    Ok(SignInStep::Complete { session_id })
}

/// Shows the second-factor step, having Clerk send its code first when it is texted or
/// emailed and not yet sent (`prepareSecondFactor`).
pub(super) async fn enter(sign_in: &SignIn, mut step: SecondFactorStep) -> Result<SignInStep, FlowError> {
    if step.current.strategy.sends_code() && !step.code_sent {
        sign_in.prepare_second_factor(&step.current).await?;
        step.code_sent = true;
    }
    Ok(SignInStep::VerifyingSecondFactor(step))
}
