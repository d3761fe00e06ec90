//! A small email + password form: how a visitor adds a second and third account. An account
//! with multi-factor authentication continues into its second factor in the same card.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_clerk::{SignInStep, use_sign_in};

use crate::second_factor_form::SecondFactorFields;

/// The id of the email field, so "Add account" in the switcher can focus it.
pub const EMAIL_FIELD_ID: &str = "sign-in-email";

#[component]
pub fn SignInForm(
    /// Shown under the form (the emulator's seeded credentials in the offline demo).
    #[prop(default = None)]
    hint: Option<&'static str>,
    /// The form's heading.
    #[prop(default = "Add an account")]
    title: &'static str,
) -> impl IntoView {
    let sign_in = use_sign_in();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if sign_in.pending.get_untracked() {
            return;
        }
        leptos::task::spawn_local(async move {
            let outcome = match sign_in.step.get_untracked() {
                SignInStep::VerifyingSecondFactor(_) => {
                    sign_in.second_factor.verify(&code.get_untracked()).await
                }
                _ => {
                    let (identifier, secret) = (email.get_untracked(), password.get_untracked());
                    sign_in.with_password.call(&identifier, &secret).await
                }
            };
            match outcome {
                // Signed in: the form is ready for the next account.
                Ok(SignInStep::Complete { .. }) => {
                    email.try_set(String::new());
                    password.try_set(String::new());
                    code.try_set(String::new());
                    sign_in.second_factor.reset();
                }
                Ok(_) => {
                    code.try_set(String::new());
                }
                Err(_) => {}
            }
        });
    };
    let disabled = move || sign_in.pending.get() || !sign_in.is_loaded.get();

    view! {
        <form class="card sign-in" on:submit=submit data-testid="sign-in-form">
            {move || match sign_in.step.get() {
                SignInStep::VerifyingSecondFactor(step) => view! {
                    <SecondFactorFields sign_in step code/>
                }.into_any(),
                _ => view! {
                    <h2>{title}</h2>
                    <label>
                        "Email"
                        <input type="email" id=EMAIL_FIELD_ID name="email" autocomplete="username" required bind:value=email/>
                    </label>
                    <label>
                        "Password"
                        <input type="password" name="password" autocomplete="current-password" required bind:value=password/>
                    </label>
                    {move || sign_in.error.get().map(|error| view! {
                        <p class="form-error" role="alert" data-testid="sign-in-error">{error.to_string()}</p>
                    })}
                    <button type="submit" class="primary" disabled=disabled>
                        {move || if sign_in.pending.get() { "Signing in…" } else { "Sign in" }}
                    </button>
                }.into_any(),
            }}
            // Offline: the seeded accounts, then (on the second factor) the emulator's code.
            {hint.map(|hint| view! {
                <p class="hint">
                    {move || if sign_in.step.with(|step| step.second_factor().is_some()) { "Offline, the code is 424242." } else { hint }}
                </p>
            })}
        </form>
    }
}

/// Brings the form's email field into view and focus.
pub fn focus_sign_in_form() {
    let field = document().get_element_by_id(EMAIL_FIELD_ID);
    if let Some(field) = field.and_then(|f| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(f).ok()) {
        field.scroll_into_view();
        let _ = field.focus();
    }
}
