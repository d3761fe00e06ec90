//! `<AuthenticateWithRedirectCallback>`: the route an OAuth sign-in comes back to.

use leptos::prelude::*;

use crate::model::LoadStatus;
use crate::runtime::context::context;
use crate::ui::actions::{RedirectCallbackOptions, handle_redirect_callback};

/// Finishes an OAuth sign-in started by
/// [`use_sign_in().with_redirect`](crate::SignInWithRedirect) or by `<SignIn>`'s social
/// buttons: render it on the route named as their `redirect_url` (`/sso-callback`). Once
/// clerk-js has loaded it calls `Clerk.handleRedirectCallback` once, which makes the
/// session active and navigates on (or to the step still missing), as Clerk's React
/// component does. The props are React's (`HandleOAuthCallbackParams`); left out, clerk-js
/// decides from the provider's options and the instance.
///
/// While it works it shows a `role="status"` line ("Signing you in…"); if clerk-js
/// refuses (a bad callback, clerk-js failed to load), a `role="alert"` line with the reason
/// and, when `sign_in_url` is given, a link back to sign in.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::AuthenticateWithRedirectCallback;
///
/// #[component]
/// fn SsoCallback() -> impl IntoView {
///     view! { <AuthenticateWithRedirectCallback sign_in_url="/sign-in" sign_in_fallback_redirect_url="/"/> }
/// }
/// ```
#[component]
pub fn AuthenticateWithRedirectCallback(
    /// Where the sign-in form is.
    #[prop(optional, into)]
    sign_in_url: Option<String>,
    /// Where the sign-up form is.
    #[prop(optional, into)]
    sign_up_url: Option<String>,
    /// After sign-in, when the URL carries no `redirect_url`.
    #[prop(optional, into)]
    sign_in_fallback_redirect_url: Option<String>,
    /// After sign-in, always.
    #[prop(optional, into)]
    sign_in_force_redirect_url: Option<String>,
    /// After sign-up, when the URL carries no `redirect_url`.
    #[prop(optional, into)]
    sign_up_fallback_redirect_url: Option<String>,
    /// After sign-up, always.
    #[prop(optional, into)]
    sign_up_force_redirect_url: Option<String>,
    /// When a new account needs more information.
    #[prop(optional, into)]
    continue_sign_up_url: Option<String>,
    /// When the sign-in needs a first factor.
    #[prop(optional, into)]
    first_factor_url: Option<String>,
    /// When the sign-in needs a second factor.
    #[prop(optional, into)]
    second_factor_url: Option<String>,
    /// When the account must set a new password.
    #[prop(optional, into)]
    reset_password_url: Option<String>,
    /// When a new account must verify its email address.
    #[prop(optional, into)]
    verify_email_address_url: Option<String>,
    /// When a new account must verify its phone number.
    #[prop(optional, into)]
    verify_phone_number_url: Option<String>,
    /// `false`: an unknown account goes back to sign-in instead of becoming a sign-up.
    #[prop(optional, into)]
    transferable: Option<bool>,
) -> impl IntoView {
    let clerk = context("AuthenticateWithRedirectCallback");
    let back = sign_in_url.clone();
    let options = StoredValue::new(Some(RedirectCallbackOptions {
        sign_in_url,
        sign_up_url,
        sign_in_fallback_redirect_url,
        sign_in_force_redirect_url,
        sign_up_fallback_redirect_url,
        sign_up_force_redirect_url,
        continue_sign_up_url,
        first_factor_url,
        second_factor_url,
        reset_password_url,
        verify_email_address_url,
        verify_phone_number_url,
        transferable,
    }));
    let failure = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let failed = clerk.status().with(|status| match status {
            LoadStatus::Failed(error) => Some(error.to_string()),
            _ => None,
        });
        if let Some(reason) = failed {
            failure.set(Some(reason));
            return;
        }
        if !clerk.status().with(|status| status.is_loaded()) {
            return;
        }
        // Once: a later emit (the session it activates) must not run the callback again.
        if let Some(options) = options.try_update_value(Option::take).flatten() {
            leptos::task::spawn_local(async move {
                if let Err(error) = handle_redirect_callback(options).await {
                    failure.try_set(Some(error.to_string()));
                }
            });
        }
    });
    move || match failure.get() {
        None => view! {
            <p class="lc-sso-callback" role="status" data-testid="sso-callback-pending">"Signing you in…"</p>
        }
        .into_any(),
        Some(reason) => view! {
            <div class="lc-sso-callback lc-sso-callback-error" role="alert" data-testid="sso-callback-error">
                <p>"Could not finish signing in: " {reason}</p>
                {back.clone().map(|href| view! { <a href=href>"Back to sign in"</a> })}
            </div>
        }
        .into_any(),
    }
}
