//! A Leptos sign-in form on `use_sign_in().with_email_code`: the email, then the code Clerk
//! emails; no password.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_clerk::{FlowError, FlowField, SignInStep, use_sign_in};

use crate::second_factor_form::SecondFactorFields;

#[component]
pub fn SignInCodeForm(
    /// Shown under the form (the emulator's code in the offline demo).
    #[prop(default = None)]
    hint: Option<&'static str>,
) -> impl IntoView {
    let sign_in = use_sign_in();
    let flow = sign_in.with_email_code;
    let email = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if sign_in.pending.get_untracked() {
            return;
        }
        leptos::task::spawn_local(async move {
            let outcome = match sign_in.step.get_untracked() {
                SignInStep::CollectingIdentifier => flow.start(&email.get_untracked()).await,
                SignInStep::VerifyingEmailCode { .. } => flow.verify(&code.get_untracked()).await,
                SignInStep::VerifyingSecondFactor(_) => {
                    sign_in.second_factor.verify(&code.get_untracked()).await
                }
                SignInStep::Complete { .. } => return,
            };
            if outcome.is_ok() {
                code.try_set(String::new());
            }
        });
    };
    let resend = move |_| {
        leptos::task::spawn_local(async move {
            let _ = flow.resend().await;
        })
    };
    let start_over = move |_| flow.reset();
    // The message sits beside the field it is about; the rest go above the button.
    let error_for = move |field: Option<FlowField>| {
        move || {
            sign_in
                .error
                .get()
                .filter(|error: &FlowError| error.field() == field)
                .map(|error| view! { <p class="form-error" role="alert" data-testid="sign-in-code-error">{error.to_string()}</p> })
        }
    };
    let disabled = move || sign_in.pending.get() || !sign_in.is_loaded.get();

    view! {
        <form class="card sign-in" on:submit=submit data-testid="sign-in-code-form">
            {move || match sign_in.step.get() {
                SignInStep::CollectingIdentifier => view! {
                    <h2>"Email code"</h2>
                    <label>
                        "Email"
                        <input type="email" name="email" autocomplete="username" required bind:value=email/>
                    </label>
                    {error_for(Some(FlowField::Email))}
                    {error_for(None)}
                    <button type="submit" class="primary" disabled=disabled>
                        {move || if sign_in.pending.get() { "Sending a code…" } else { "Email me a code" }}
                    </button>
                }.into_any(),
                SignInStep::VerifyingEmailCode { email: sent_to } => view! {
                    <h2>"Check your email"</h2>
                    <p class="hint" data-testid="sign-in-code-sent-to">"We sent a code to "<strong>{sent_to}</strong>"."</p>
                    <label>
                        "Verification code"
                        <input type="text" name="code" inputmode="numeric" autocomplete="one-time-code" required bind:value=code/>
                    </label>
                    {error_for(Some(FlowField::Code))}
                    {error_for(None)}
                    <div class="form-actions">
                        <button type="submit" class="primary" disabled=disabled>
                            {move || if sign_in.pending.get() { "Verifying…" } else { "Sign in" }}
                        </button>
                        <button type="button" class="secondary" on:click=resend disabled=disabled>"Send a new code"</button>
                        <button type="button" class="secondary" on:click=start_over disabled=disabled>"Use another address"</button>
                    </div>
                }.into_any(),
                SignInStep::VerifyingSecondFactor(step) => view! {
                    <SecondFactorFields sign_in step code/>
                }.into_any(),
                SignInStep::Complete { .. } => view! {
                    <h2>"Signed in"</h2>
                    <p class="hint" data-testid="sign-in-code-complete">"You are signed in. "<a href="/">"Go to your session"</a>"."</p>
                }.into_any(),
            }}
            {hint.map(|hint| view! { <p class="hint">{hint}</p> })}
        </form>
    }
}
