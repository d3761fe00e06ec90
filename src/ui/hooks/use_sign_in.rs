//! `use_sign_in`: custom sign-in flows.

use leptos::prelude::*;

use crate::model::{FlowError, SignInStep};
use crate::runtime::context::context;
use crate::ui::actions::{FlowState, SignInWithEmailCode, SignInWithPassword, SignInWithRedirect};

/// What [`use_sign_in`] returns.
#[derive(Clone, Copy, Debug)]
pub struct UseSignInReturn {
    /// clerk-js loaded: a sign-in can start.
    pub is_loaded: Signal<bool>,
    /// Identifier + password sign-in that makes the new session active.
    pub with_password: SignInWithPassword,
    /// Where the email-code sign-in stands: which fields the form shows.
    pub step: Signal<SignInStep>,
    /// An email-code call to Clerk is under way.
    pub pending: Signal<bool>,
    /// Why the last email-code call failed, until the next one starts.
    pub error: Signal<Option<FlowError>>,
    /// Sign-in by a code Clerk emails (`start`, `verify`, `resend`, `reset`); moves `step`,
    /// `pending` and `error`.
    pub with_email_code: SignInWithEmailCode,
    /// OAuth sign-in ("Continue with Google"): leaves for the provider, who sends the
    /// browser back through Clerk (see [`SignInWithRedirect`]).
    pub with_redirect: SignInWithRedirect,
}

/// Sign-in for custom forms (Clerk's `useSignIn()` covers the same ground in React): by
/// password in one call, or by a code Clerk emails, whose steps are the signals `step`,
/// `pending` and `error` (see [`SignInWithEmailCode`]).
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
        with_password: SignInWithPassword::new(),
        step: state.step.into(),
        pending: state.pending.into(),
        error: state.error.into(),
        with_email_code: SignInWithEmailCode::new(state),
        with_redirect: SignInWithRedirect::new(),
    }
}
