//! OAuth sign-in in the demo: a "Continue with Google" button on
//! `use_sign_in().with_redirect`, and the `/sso-callback` route it comes back to.

use leptos::prelude::*;
use leptos_clerk::{AuthenticateWithRedirectCallback, OAuthStrategy, use_sign_in};

/// Leaves for Google (offline: the emulator's fake Google) and comes back signed in.
#[component]
pub fn GoogleSignInButton(
    /// Offline: the provider is the emulator's stand-in, and the label says so.
    #[prop(default = false)]
    emulated: bool,
) -> impl IntoView {
    let sign_in = use_sign_in();
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let go = move |_| {
        pending.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            // Back at /sso-callback if Clerk needs more, else straight at "/".
            let started = sign_in
                .with_redirect
                .call(OAuthStrategy::Google, "/sso-callback", "/")
                .await;
            if let Err(reason) = started {
                pending.try_set(false);
                error.try_set(Some(reason.to_string()));
            }
        });
    };
    let label = if emulated {
        "Continue with Google (emulated)"
    } else {
        "Continue with Google"
    };
    view! {
        <div class="card sign-in" data-testid="oauth-sign-in">
            <h2>"Social sign-in"</h2>
            <button type="button" class="oauth-button" on:click=go
                disabled=move || pending.get() || !sign_in.is_loaded.get()>
                <span class="oauth-mark" aria-hidden="true">"G"</span>
                {label}
            </button>
            {move || error.get().map(|reason| view! { <p class="form-error" role="alert" data-testid="oauth-error">{reason}</p> })}
        </div>
    }
}

/// `/sso-callback`: where an OAuth sign-in returns when Clerk still has something to do.
#[component]
pub fn SsoCallbackPage() -> impl IntoView {
    view! {
        <h1>"Signing in"</h1>
        <section class="card" data-testid="sso-callback">
            <AuthenticateWithRedirectCallback sign_in_url="/sign-in" sign_up_url="/sign-up"
                sign_in_fallback_redirect_url="/"/>
        </section>
    }
}
