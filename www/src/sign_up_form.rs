//! A Leptos sign-up form on `use_sign_up()`: email and password, then the emailed code.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_clerk::{FlowError, FlowField, SignUpStep, use_sign_up};

#[component]
pub fn SignUpForm() -> impl IntoView {
    let sign_up = use_sign_up();
    let flow = sign_up.with_password;
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if sign_up.pending.get_untracked() {
            return;
        }
        leptos::task::spawn_local(async move {
            let outcome = match sign_up.step.get_untracked() {
                SignUpStep::CollectingDetails => {
                    flow.start(&email.get_untracked(), &password.get_untracked())
                        .await
                }
                SignUpStep::VerifyingEmail { .. } => flow.verify(&code.get_untracked()).await,
                SignUpStep::Complete { .. } => return,
            };
            // The password is not kept once Clerk has it; a new code is typed afresh.
            if outcome.is_ok() {
                password.try_set(String::new());
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
            sign_up
                .error
                .get()
                .filter(|error: &FlowError| error.field() == field)
                .map(|error| view! { <p class="form-error" role="alert" data-testid="sign-up-error">{error.to_string()}</p> })
        }
    };
    let disabled = move || sign_up.pending.get() || !sign_up.is_loaded.get();

    view! {
        <form class="card sign-in" on:submit=submit data-testid="sign-up-form">
            {move || match sign_up.step.get() {
                SignUpStep::CollectingDetails => view! {
                    <h2>"Email and password"</h2>
                    <label>
                        "Email"
                        <input type="email" name="email" autocomplete="email" required bind:value=email/>
                    </label>
                    {error_for(Some(FlowField::Email))}
                    <label>
                        "Password"
                        <input type="password" name="password" autocomplete="new-password" required bind:value=password/>
                    </label>
                    {error_for(Some(FlowField::Password))}
                    {error_for(None)}
                    <button type="submit" class="primary" disabled=disabled>
                        {move || if sign_up.pending.get() { "Sending a code…" } else { "Create account" }}
                    </button>
                }.into_any(),
                SignUpStep::VerifyingEmail { email: sent_to } => view! {
                    <h2>"Check your email"</h2>
                    <p class="hint" data-testid="sign-up-sent-to">"We sent a code to "<strong>{sent_to}</strong>"."</p>
                    <label>
                        "Verification code"
                        <input type="text" name="code" inputmode="numeric" autocomplete="one-time-code" required bind:value=code/>
                    </label>
                    {error_for(Some(FlowField::Code))}
                    {error_for(None)}
                    <div class="form-actions">
                        <button type="submit" class="primary" disabled=disabled>
                            {move || if sign_up.pending.get() { "Verifying…" } else { "Verify" }}
                        </button>
                        <button type="button" class="secondary" on:click=resend disabled=disabled>"Send a new code"</button>
                        <button type="button" class="secondary" on:click=start_over disabled=disabled>"Use another address"</button>
                    </div>
                }.into_any(),
                SignUpStep::Complete { .. } => view! {
                    <h2>"Account created"</h2>
                    <p class="hint" data-testid="sign-up-complete">"You are signed in. "<a href="/">"Go to your session"</a>"."</p>
                }.into_any(),
            }}
        </form>
    }
}
