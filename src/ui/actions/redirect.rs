//! Navigation through clerk-js: to sign in, to sign up, to the user profile, and away after
//! a sign-out. Each goes where the instance (or [`ClerkOptions`](crate::ClerkOptions)) says
//! those pages are.

use crate::ClerkError;
use crate::js::{Clerk, JsOptions, Page};

/// Where the user comes back to after signing in or up from a redirect.
///
/// A *fallback* URL is used when the sign-in page has no `redirect_url` of its own (by
/// default clerk-js passes the current page); a *force* URL always wins.
///
/// ```
/// use leptos_clerk::RedirectOptions;
/// let options = RedirectOptions::new().fallback_redirect_url("/dashboard");
/// assert_ne!(options, RedirectOptions::new(), "a return URL was set");
/// assert_ne!(options, RedirectOptions::new().force_redirect_url("/dashboard"), "as a fallback, not forced");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RedirectOptions {
    fallback_redirect_url: Option<String>,
    force_redirect_url: Option<String>,
}

impl RedirectOptions {
    /// No return URL: clerk-js brings the user back to the current page.
    pub fn new() -> Self {
        Self::default()
    }

    /// Both URLs at once, each optional (what the redirect components take as props).
    pub(crate) fn from_urls(
        fallback_redirect_url: Option<String>,
        force_redirect_url: Option<String>,
    ) -> Self {
        Self {
            fallback_redirect_url,
            force_redirect_url,
        }
    }

    /// Where to return when the sign-in or sign-up page has no `redirect_url`.
    pub fn fallback_redirect_url(mut self, url: impl Into<String>) -> Self {
        self.fallback_redirect_url = Some(url.into());
        self
    }

    /// Where to return, always.
    pub fn force_redirect_url(mut self, url: impl Into<String>) -> Self {
        self.force_redirect_url = Some(url.into());
        self
    }

    /// clerk-js' options object. The same URLs serve both pages, because a user sent to
    /// sign in may go on to sign up from there.
    fn to_js(&self) -> JsOptions {
        let (fallback, force) = (
            self.fallback_redirect_url.as_deref(),
            self.force_redirect_url.as_deref(),
        );
        JsOptions::new()
            .text_if("signInFallbackRedirectUrl", fallback)
            .text_if("signUpFallbackRedirectUrl", fallback)
            .text_if("signInForceRedirectUrl", force)
            .text_if("signUpForceRedirectUrl", force)
    }
}

/// Navigates to the sign-in page (the app's `sign_in_url`, else the instance's Account
/// Portal), with the return URLs of `options`. An error means clerk-js could not: it is
/// not loaded, or refused.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{RedirectOptions, redirect_to_sign_in};
///
/// #[component]
/// fn SignInLink() -> impl IntoView {
///     let go = move |_| {
///         leptos::task::spawn_local(async {
///             let _ = redirect_to_sign_in(RedirectOptions::new().fallback_redirect_url("/account")).await;
///         })
///     };
///     view! { <button on:click=go>"Sign in"</button> }
/// }
/// ```
pub async fn redirect_to_sign_in(options: RedirectOptions) -> Result<(), ClerkError> {
    let clerk = Clerk::loaded_from_window()?;
    clerk.redirect_to(Page::SignIn, Some(options.to_js())).await
}

/// Navigates to the sign-up page, with the return URLs of `options`. See
/// [`redirect_to_sign_in`].
///
/// ```no_run
/// # async fn run() {
/// use leptos_clerk::{RedirectOptions, redirect_to_sign_up};
/// if let Err(error) = redirect_to_sign_up(RedirectOptions::new().force_redirect_url("/welcome")).await {
///     leptos::logging::warn!("cannot go to sign-up: {error}");
/// }
/// # }
/// ```
pub async fn redirect_to_sign_up(options: RedirectOptions) -> Result<(), ClerkError> {
    let clerk = Clerk::loaded_from_window()?;
    clerk.redirect_to(Page::SignUp, Some(options.to_js())).await
}

/// Navigates to the user profile page (the instance's, or the Account Portal's).
///
/// ```no_run
/// # async fn run() {
/// let _ = leptos_clerk::redirect_to_user_profile().await;
/// # }
/// ```
pub async fn redirect_to_user_profile() -> Result<(), ClerkError> {
    let clerk = Clerk::loaded_from_window()?;
    clerk.redirect_to(Page::UserProfile, None).await
}

/// Navigates to the after-sign-out URL, as Clerk's components do when this tab lost its
/// session while other accounts remain signed in.
///
/// ```no_run
/// # async fn run() {
/// let _ = leptos_clerk::redirect_to_after_sign_out().await;
/// # }
/// ```
pub async fn redirect_to_after_sign_out() -> Result<(), ClerkError> {
    let clerk = Clerk::loaded_from_window()?;
    clerk.redirect_to(Page::AfterSignOut, None).await
}
