//! A small email + password form: how a visitor adds a second and third account.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_clerk::use_sign_in;

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
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        let (identifier, secret) = (email.get_untracked(), password.get_untracked());
        leptos::task::spawn_local(async move {
            match sign_in.with_password.call(&identifier, &secret).await {
                Ok(_) => {
                    email.try_set(String::new());
                    password.try_set(String::new());
                }
                Err(failure) => {
                    error.try_set(Some(failure.to_string()));
                }
            }
            pending.try_set(false);
        });
    };

    view! {
        <form class="card sign-in" on:submit=submit data-testid="sign-in-form">
            <h2>{title}</h2>
            <label>
                "Email"
                <input type="email" id=EMAIL_FIELD_ID name="email" autocomplete="username" required bind:value=email/>
            </label>
            <label>
                "Password"
                <input type="password" name="password" autocomplete="current-password" required bind:value=password/>
            </label>
            {move || error.get().map(|message| view! {
                <p class="form-error" role="alert" data-testid="sign-in-error">{message}</p>
            })}
            <button type="submit" class="primary" disabled=move || pending.get() || !sign_in.is_loaded.get()>
                {move || if pending.get() { "Signing in…" } else { "Sign in" }}
            </button>
            {hint.map(|hint| view! { <p class="hint">{hint}</p> })}
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
