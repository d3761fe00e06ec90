//! [`RedirectCallbackOptions`] and [`handle_redirect_callback`]: finishing an OAuth sign-in
//! on the route its `redirect_url` named (Clerk's `handleRedirectCallback`).

use crate::ClerkError;
use crate::js::{Clerk, JsOptions};

/// Where `handleRedirectCallback` sends the visitor next, as Clerk's
/// `HandleOAuthCallbackParams` (the props of React's `<AuthenticateWithRedirectCallback>`).
/// Every field is optional; left out, clerk-js uses the provider's options and the
/// instance's settings (its sign-in and sign-up URLs, `/` after sign-in).
///
/// ```
/// use leptos_clerk::RedirectCallbackOptions;
/// let options = RedirectCallbackOptions {
///     sign_in_url: Some("/sign-in".into()),
///     sign_in_fallback_redirect_url: Some("/account".into()),
///     ..Default::default()
/// };
/// # let _ = options;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RedirectCallbackOptions {
    /// Where the sign-in form is (a refused or failed sign-in goes back there).
    pub sign_in_url: Option<String>,
    /// Where the sign-up form is.
    pub sign_up_url: Option<String>,
    /// After sign-in, when the URL carries no `redirect_url`.
    pub sign_in_fallback_redirect_url: Option<String>,
    /// After sign-in, always.
    pub sign_in_force_redirect_url: Option<String>,
    /// After sign-up, when the URL carries no `redirect_url`.
    pub sign_up_fallback_redirect_url: Option<String>,
    /// After sign-up, always.
    pub sign_up_force_redirect_url: Option<String>,
    /// When a new account needs more information (Clerk: `<sign-up-url>#/continue`).
    pub continue_sign_up_url: Option<String>,
    /// When the sign-in needs a first factor (an unverified email).
    pub first_factor_url: Option<String>,
    /// When the sign-in needs a second factor.
    pub second_factor_url: Option<String>,
    /// When the account must set a new password.
    pub reset_password_url: Option<String>,
    /// When a new account must verify its email address.
    pub verify_email_address_url: Option<String>,
    /// When a new account must verify its phone number.
    pub verify_phone_number_url: Option<String>,
    /// `Some(false)`: an unknown account goes back to sign-in instead of becoming a sign-up.
    pub transferable: Option<bool>,
}

impl RedirectCallbackOptions {
    fn to_js(&self) -> JsOptions {
        let urls = [
            ("signInUrl", &self.sign_in_url),
            ("signUpUrl", &self.sign_up_url),
            ("signInFallbackRedirectUrl", &self.sign_in_fallback_redirect_url),
            ("signInForceRedirectUrl", &self.sign_in_force_redirect_url),
            ("signUpFallbackRedirectUrl", &self.sign_up_fallback_redirect_url),
            ("signUpForceRedirectUrl", &self.sign_up_force_redirect_url),
            ("continueSignUpUrl", &self.continue_sign_up_url),
            ("firstFactorUrl", &self.first_factor_url),
            ("secondFactorUrl", &self.second_factor_url),
            ("resetPasswordUrl", &self.reset_password_url),
            ("verifyEmailAddressUrl", &self.verify_email_address_url),
            ("verifyPhoneNumberUrl", &self.verify_phone_number_url),
        ];
        let options = urls.into_iter().fold(JsOptions::new(), |options, (key, url)| {
            options.text_if(key, url.as_deref())
        });
        match self.transferable {
            Some(transferable) => options.flag("transferable", transferable),
            None => options,
        }
    }
}

/// `await Clerk.handleRedirectCallback(options)`: activates the session the OAuth sign-in
/// made (or the account's existing one) and navigates on, or navigates to the step still
/// missing. What [`AuthenticateWithRedirectCallback`](crate::AuthenticateWithRedirectCallback)
/// runs; call it yourself for a callback page of your own.
///
/// ```no_run
/// # async fn run() {
/// use leptos_clerk::{RedirectCallbackOptions, handle_redirect_callback};
/// if let Err(error) = handle_redirect_callback(RedirectCallbackOptions::default()).await {
///     leptos::logging::warn!("{error}");
/// }
/// # }
/// ```
pub async fn handle_redirect_callback(options: RedirectCallbackOptions) -> Result<(), ClerkError> {
    Clerk::loaded_from_window()?
        .handle_redirect_callback(options.to_js())
        .await
}
