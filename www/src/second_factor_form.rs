//! The second-factor step both sign-in forms continue into: the code field for the factor
//! Clerk asks for, where the code went, and the other factors the account offers.

use leptos::prelude::*;
use leptos_clerk::{FlowField, SecondFactorStep, SecondFactorStrategy, UseSignInReturn};

/// The fields of [`leptos_clerk::SignInStep::VerifyingSecondFactor`], inside the sign-in
/// form whose submit calls `second_factor.verify` with `code`.
#[component]
pub fn SecondFactorFields(
    sign_in: UseSignInReturn,
    step: SecondFactorStep,
    /// The code field's value, which the form submits.
    code: RwSignal<String>,
) -> impl IntoView {
    let flow = sign_in.second_factor;
    let strategy = step.current.strategy;
    let disabled = move || sign_in.pending.get();
    let resend = move |_| {
        leptos::task::spawn_local(async move {
            let _ = flow.resend().await;
        })
    };
    let others: Vec<SecondFactorStrategy> = step
        .offered
        .iter()
        .map(|factor| factor.strategy)
        .filter(|other| *other != strategy)
        .collect();
    let choose = move |other: SecondFactorStrategy| {
        code.set(String::new());
        leptos::task::spawn_local(async move {
            let _ = flow.choose(other).await;
        })
    };
    let error = move |field: Option<FlowField>| {
        move || {
            sign_in
                .error
                .get()
                .filter(|error| error.field() == field)
                .map(|error| view! { <p class="form-error" role="alert" data-testid="second-factor-error">{error.to_string()}</p> })
        }
    };
    let title = if step.new_device {
        "Verify it's you"
    } else {
        "Two-step verification"
    };
    let why = step.new_device.then_some("You are signing in from a new device.");
    let sent_to = step.sent_to().map(str::to_owned);

    view! {
        <div class="second-factor" data-testid="second-factor">
            <h2>{title}</h2>
            {why.map(|why| view! { <p class="hint">{why}</p> })}
            <p class="hint" data-testid="second-factor-prompt">{prompt(strategy, sent_to)}</p>
            <label>
                {if strategy == SecondFactorStrategy::BackupCode { "Backup code" } else { "Verification code" }}
                <input type="text" name="code" autocomplete="one-time-code" required bind:value=code
                    inputmode=(strategy != SecondFactorStrategy::BackupCode).then_some("numeric")/>
            </label>
            {error(Some(FlowField::Code))}
            {error(None)}
            <div class="form-actions">
                <button type="submit" class="primary" disabled=disabled>
                    {move || if sign_in.pending.get() { "Verifying…" } else { "Verify" }}
                </button>
                {strategy.sends_code().then(|| view! {
                    <button type="button" class="secondary" on:click=resend disabled=disabled>"Send a new code"</button>
                })}
                <button type="button" class="secondary" on:click=move |_| flow.reset() disabled=disabled>"Use another account"</button>
            </div>
            {(!others.is_empty()).then(|| view! {
                <div class="other-factors" data-testid="second-factor-others">
                    <p class="hint">"Or verify another way:"</p>
                    <div class="button-row">
                        {others.into_iter().map(|other| view! {
                            <button type="button" class="secondary" on:click=move |_| choose(other) disabled=disabled>
                                {choice_label(other)}
                            </button>
                        }).collect_view()}
                    </div>
                </div>
            })}
        </div>
    }
}

/// What the user is asked for.
fn prompt(strategy: SecondFactorStrategy, sent_to: Option<String>) -> String {
    let to = sent_to.unwrap_or_else(|| "you".into());
    match strategy {
        SecondFactorStrategy::PhoneCode => format!("We texted a code to {to}."),
        SecondFactorStrategy::EmailCode => format!("We emailed a code to {to}."),
        SecondFactorStrategy::Totp => "Enter the code from your authenticator app.".into(),
        SecondFactorStrategy::BackupCode => "Enter one of the backup codes you saved.".into(),
    }
}

/// The button that switches to `strategy`.
fn choice_label(strategy: SecondFactorStrategy) -> &'static str {
    match strategy {
        SecondFactorStrategy::PhoneCode => "Text me a code",
        SecondFactorStrategy::EmailCode => "Email me a code",
        SecondFactorStrategy::Totp => "Use my authenticator app",
        SecondFactorStrategy::BackupCode => "Use a backup code",
    }
}
