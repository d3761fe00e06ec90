//! `use_sign_in`: custom sign-in flows.

use leptos::prelude::*;

use crate::model::{FlowError, SignInStep};
use crate::runtime::context::context;
use crate::ui::actions::{
    FlowState, SignInSecondFactor, SignInWithEmailCode, SignInWithPassword, SignInWithRedirect,
};

/// What [`use_sign_in`] returns.
#[derive(Clone, Copy, Debug)]
pub struct UseSignInReturn {
    /// clerk-js loaded: a sign-in can start.
    pub is_loaded: Signal<bool>,
    /// Identifier + password sign-in that makes the new session active, or stops at the
    /// second factor; moves `step`, `pending` and `error`.
    pub with_password: SignInWithPassword,
    /// Where the sign-in stands: which fields the form shows.
    pub step: Signal<SignInStep>,
    /// A sign-in call to Clerk is under way.
    pub pending: Signal<bool>,
    /// Why the last sign-in call failed, until the next one starts.
    pub error: Signal<Option<FlowError>>,
    /// Sign-in by a code Clerk emails (`start`, `verify`, `resend`, `reset`); moves `step`,
    /// `pending` and `error`.
    pub with_email_code: SignInWithEmailCode,
    /// The second factor either flow may stop at (`choose`, `resend`, `verify`).
    pub second_factor: SignInSecondFactor,
    /// OAuth sign-in ("Continue with Google"): leaves for the provider, who sends the
    /// browser back through Clerk (see [`SignInWithRedirect`]).
    pub with_redirect: SignInWithRedirect,
}

/// Sign-in for custom forms (Clerk's `useSignIn()` covers the same ground in React): by
/// password, or by a code Clerk emails, then a second factor when the account has one
/// (see [`SignInWithEmailCode`], [`SignInSecondFactor`]). Where it stands is the signals
/// `step`, `pending` and `error`.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::use_sign_in;
///
/// #[component]
/// fn QuickSignIn() -> impl IntoView {
///     let sign_in = use_sign_in();
///     let error = RwSignal::new(None::<String>);
///     let submit = move |_| leptos::task::spawn_local(async move {
///         if let Err(e) = sign_in.with_password.call("ada@example.test", "secret").await {
///             error.set(Some(e.to_string()));
///         }
///     });
///     view! {
///         <button on:click=submit disabled=move || !sign_in.is_loaded.get()>"Sign in"</button>
///         <p role="alert">{error}</p>
///     }
/// }
/// ```
#[track_caller]
pub fn use_sign_in() -> UseSignInReturn {
    let status = context("use_sign_in").status();
    let state = FlowState::<SignInStep>::new();
    UseSignInReturn {
        is_loaded: Memo::new(move |_| status.with(|s| s.is_loaded())).into(),
        with_password: SignInWithPassword::new(state),
        step: state.step.into(),
        pending: state.pending.into(),
        error: state.error.into(),
        with_email_code: SignInWithEmailCode::new(state),
        second_factor: SignInSecondFactor::new(state),
        with_redirect: SignInWithRedirect::new(),
    }
}
