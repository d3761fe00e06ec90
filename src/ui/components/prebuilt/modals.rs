//! Clerk's modals and pages from anywhere below the provider: `use_clerk().open_sign_in(…)`,
//! `.close_sign_in()`, `.redirect_to_user_profile()` and the rest, as on `useClerk()` in
//! Clerk's React SDK.

use super::mount::ui_ready;
use super::{Appearance, Props};
use crate::ClerkError;
use crate::js::{Clerk, JsOptions, Modal, Page};
use crate::runtime::ClerkContext;
use crate::runtime::prebuilt_ui::PrebuiltError;

/// What a sign-in or sign-up modal does when the user is done, and how it looks.
///
/// ```
/// use leptos_clerk::ModalOptions;
/// let options = ModalOptions::new().fallback_redirect_url("/dashboard");
/// assert_ne!(options, ModalOptions::new());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ModalOptions {
    fallback_redirect_url: Option<String>,
    force_redirect_url: Option<String>,
    appearance: Option<Appearance>,
}

impl ModalOptions {
    /// clerk-js' defaults: stay on the current page once signed in.
    pub fn new() -> Self {
        Self::default()
    }

    /// Where to go when done, unless the URL names a `redirect_url`.
    pub fn fallback_redirect_url(mut self, url: impl Into<String>) -> Self {
        self.fallback_redirect_url = Some(url.into());
        self
    }

    /// Where to go when done, always.
    pub fn force_redirect_url(mut self, url: impl Into<String>) -> Self {
        self.force_redirect_url = Some(url.into());
        self
    }

    /// How the modal looks (on top of the provider's appearance).
    pub fn appearance(mut self, appearance: Appearance) -> Self {
        self.appearance = Some(appearance);
        self
    }

    fn to_json(&self) -> serde_json::Value {
        Props::default()
            .set("fallbackRedirectUrl", self.fallback_redirect_url.as_ref())
            .set("forceRedirectUrl", self.force_redirect_url.as_ref())
            .appearance(self.appearance.as_ref())
            .build()
    }
}

/// Clerk's modals and redirects. Each opens once clerk-js (and, with clerk-js 6, Clerk's UI,
/// fetched on first use) is ready; the error says why not.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{ModalOptions, use_clerk};
///
/// #[component]
/// fn SignInLink() -> impl IntoView {
///     let clerk = use_clerk();
///     let open = move |_| {
///         leptos::task::spawn_local(async move {
///             if let Err(error) = clerk.open_sign_in(ModalOptions::new()).await {
///                 leptos::logging::warn!("{error}");
///             }
///         })
///     };
///     view! { <button on:click=open>"Sign in"</button> }
/// }
/// ```
impl ClerkContext {
    /// Opens the sign-in modal.
    pub async fn open_sign_in(&self, options: ModalOptions) -> Result<(), PrebuiltError> {
        self.open(Modal::SignIn, options.to_json()).await
    }

    /// Opens the sign-up modal.
    pub async fn open_sign_up(&self, options: ModalOptions) -> Result<(), PrebuiltError> {
        self.open(Modal::SignUp, options.to_json()).await
    }

    /// Opens the user's profile in a modal.
    pub async fn open_user_profile(&self) -> Result<(), PrebuiltError> {
        self.open(Modal::UserProfile, serde_json::json!({})).await
    }

    /// Opens the active organization's profile in a modal.
    pub async fn open_organization_profile(&self) -> Result<(), PrebuiltError> {
        self.open(Modal::OrganizationProfile, serde_json::json!({})).await
    }

    /// Opens the create-organization form in a modal.
    pub async fn open_create_organization(&self) -> Result<(), PrebuiltError> {
        self.open(Modal::CreateOrganization, serde_json::json!({})).await
    }

    /// Closes the sign-in modal, if it is open.
    pub fn close_sign_in(&self) -> Result<(), ClerkError> {
        Clerk::loaded_from_window()?.close(Modal::SignIn)
    }

    /// Closes the sign-up modal, if it is open.
    pub fn close_sign_up(&self) -> Result<(), ClerkError> {
        Clerk::loaded_from_window()?.close(Modal::SignUp)
    }

    /// Closes the user-profile modal, if it is open.
    pub fn close_user_profile(&self) -> Result<(), ClerkError> {
        Clerk::loaded_from_window()?.close(Modal::UserProfile)
    }

    /// Closes the organization-profile modal, if it is open.
    pub fn close_organization_profile(&self) -> Result<(), ClerkError> {
        Clerk::loaded_from_window()?.close(Modal::OrganizationProfile)
    }

    /// Closes the create-organization modal, if it is open.
    pub fn close_create_organization(&self) -> Result<(), ClerkError> {
        Clerk::loaded_from_window()?.close(Modal::CreateOrganization)
    }

    /// Navigates to the sign-in page, with where to return.
    pub async fn redirect_to_sign_in(&self, options: crate::RedirectOptions) -> Result<(), ClerkError> {
        crate::redirect_to_sign_in(options).await
    }

    /// Navigates to the sign-up page, with where to return.
    pub async fn redirect_to_sign_up(&self, options: crate::RedirectOptions) -> Result<(), ClerkError> {
        crate::redirect_to_sign_up(options).await
    }

    /// Navigates to the user-profile page.
    pub async fn redirect_to_user_profile(&self) -> Result<(), ClerkError> {
        crate::redirect_to_user_profile().await
    }

    /// Navigates to the organization-profile page.
    pub async fn redirect_to_organization_profile(&self) -> Result<(), ClerkError> {
        redirect(Page::OrganizationProfile).await
    }

    /// Navigates to the create-organization page.
    pub async fn redirect_to_create_organization(&self) -> Result<(), ClerkError> {
        redirect(Page::CreateOrganization).await
    }

    /// Navigates to the organization-list page.
    pub async fn redirect_to_organization_list(&self) -> Result<(), ClerkError> {
        redirect(Page::OrganizationList).await
    }

    /// Navigates to where a sign-in ends (the options' or the instance's URL).
    pub async fn redirect_to_after_sign_in(&self) -> Result<(), ClerkError> {
        redirect(Page::AfterSignIn).await
    }

    /// Navigates to where a sign-up ends.
    pub async fn redirect_to_after_sign_up(&self) -> Result<(), ClerkError> {
        redirect(Page::AfterSignUp).await
    }

    /// Navigates to where a sign-out ends.
    pub async fn redirect_to_after_sign_out(&self) -> Result<(), ClerkError> {
        crate::redirect_to_after_sign_out().await
    }

    /// Navigates to the waitlist page.
    pub async fn redirect_to_waitlist(&self) -> Result<(), ClerkError> {
        redirect(Page::Waitlist).await
    }

    async fn open(&self, modal: Modal, props: serde_json::Value) -> Result<(), PrebuiltError> {
        let clerk = Clerk::loaded_from_window().map_err(|_| PrebuiltError::NotLoaded)?;
        ui_ready(&clerk, self.ui_script()).await?;
        clerk
            .open(modal, &JsOptions::from_json(&props))
            .map_err(|error| PrebuiltError::MountRejected(error.to_string()))
    }
}

async fn redirect(page: Page) -> Result<(), ClerkError> {
    Clerk::loaded_from_window()?.redirect_to(page, None).await
}
