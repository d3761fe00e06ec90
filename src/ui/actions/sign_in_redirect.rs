//! [`SignInWithRedirect`]: a custom "Continue with Google" button, Clerk's
//! `signIn.authenticateWithRedirect`.

use super::sign_in::current_sign_in;
use crate::js::JsOptions;
use crate::model::{FlowError, OAuthStrategy};

/// Starts an OAuth sign-in: `client.signIn.authenticateWithRedirect({strategy, redirectUrl,
/// redirectUrlComplete})`. Clerk creates the sign-in, then clerk-js sends the window to the
/// provider. The provider returns to Clerk, and Clerk sends the browser on:
///
/// - to `redirect_url_complete` when that finished the sign-in (the new session is then
///   the client's active one);
/// - else to `redirect_url`, a route that renders
///   [`<AuthenticateWithRedirectCallback>`](crate::AuthenticateWithRedirectCallback), which
///   finishes what is left (an account already signed in here, a sign-up to complete, a
///   refusal).
///
/// Both are paths or absolute URLs. The future resolves once the page starts to leave, or
/// fails with Clerk's reason (the strategy is not enabled, clerk-js not loaded…).
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{OAuthStrategy, use_sign_in};
///
/// #[component]
/// fn GoogleButton() -> impl IntoView {
///     let sign_in = use_sign_in();
///     let error = RwSignal::new(None::<String>);
///     let go = move |_| leptos::task::spawn_local(async move {
///         let started = sign_in
///             .with_redirect
///             .call(OAuthStrategy::Google, "/sso-callback", "/")
///             .await;
///         if let Err(e) = started {
///             error.set(Some(e.to_string()));
///         }
///     });
///     view! {
///         <button on:click=go disabled=move || !sign_in.is_loaded.get()>"Continue with Google"</button>
///         <p role="alert">{error}</p>
///     }
/// }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct SignInWithRedirect {
    _private: (),
}

impl SignInWithRedirect {
    pub(crate) fn new() -> Self {
        Self { _private: () }
    }

    /// Leaves for the provider of `strategy`; see the type's docs for where the browser
    /// comes back.
    pub async fn call(
        &self,
        strategy: OAuthStrategy,
        redirect_url: &str,
        redirect_url_complete: &str,
    ) -> Result<(), FlowError> {
        let params = JsOptions::new()
            .text("strategy", strategy.as_str())
            .text("redirectUrl", redirect_url)
            .text("redirectUrlComplete", redirect_url_complete);
        current_sign_in()?.authenticate_with_redirect(params).await?;
        Ok(())
    }
}
