//! `use_sign_up`: a custom email + password sign-up, verified by an emailed code.

use leptos::prelude::*;

use crate::model::{FlowError, SignUpStep};
use crate::runtime::context::context;
use crate::ui::actions::{FlowState, SignUpWithPassword};

/// What [`use_sign_up`] returns.
#[derive(Clone, Copy, Debug)]
pub struct UseSignUpReturn {
    /// clerk-js loaded: a sign-up can start.
    pub is_loaded: Signal<bool>,
    /// Where the sign-up stands: which fields the form shows.
    pub step: Signal<SignUpStep>,
    /// A call to Clerk is under way (disable the submit button).
    pub pending: Signal<bool>,
    /// Why the last call failed, until the next one starts; [`FlowError::field`] says which
    /// field to show it beside.
    pub error: Signal<Option<FlowError>>,
    /// The calls that move the flow: `start`, `verify`, `resend`, `reset`.
    pub with_password: SignUpWithPassword,
}

/// A sign-up for custom forms (Clerk's `useSignUp()` covers the same ground in React):
/// email and password, then the code Clerk emails, then the new session is active.
///
/// Each call of the hook owns one flow; its state lives as long as the component.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{SignUpStep, use_sign_up};
///
/// #[component]
/// fn QuickSignUp() -> impl IntoView {
///     let sign_up = use_sign_up();
///     let flow = sign_up.with_password;
///     let (email, password, code) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
///     let send = move |_| leptos::task::spawn_local(async move {
///         // Errors also land in `sign_up.error`.
///         let _ = flow.start(&email.get_untracked(), &password.get_untracked()).await;
///     });
///     let check = move |_| leptos::task::spawn_local(async move {
///         let _ = flow.verify(&code.get_untracked()).await;
///     });
///     view! {
///         {move || match sign_up.step.get() {
///             SignUpStep::CollectingDetails => view! {
///                 <input type="email" bind:value=email/>
///                 <input type="password" bind:value=password/>
///                 <button on:click=send disabled=move || sign_up.pending.get()>"Continue"</button>
///             }.into_any(),
///             SignUpStep::VerifyingEmail { email } => view! {
///                 <p>"Code sent to " {email}</p>
///                 <input autocomplete="one-time-code" bind:value=code/>
///                 <button on:click=check disabled=move || sign_up.pending.get()>"Verify"</button>
///             }.into_any(),
///             SignUpStep::Complete { .. } => view! { <p>"Welcome!"</p> }.into_any(),
///         }}
///         <p role="alert">{move || sign_up.error.get().map(|e| e.to_string())}</p>
///     }
/// }
/// ```
#[track_caller]
pub fn use_sign_up() -> UseSignUpReturn {
    let status = context("use_sign_up").status();
    let state = FlowState::<SignUpStep>::new();
    UseSignUpReturn {
        is_loaded: Memo::new(move |_| status.with(|s| s.is_loaded())).into(),
        step: state.step.into(),
        pending: state.pending.into(),
        error: state.error.into(),
        with_password: SignUpWithPassword::new(state),
    }
}
