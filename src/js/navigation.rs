//! clerk-js' modals and redirects, by name: `open<Modal>(props)`, `close<Modal>()` and
//! `redirectTo<Page>()`.

use js_sys::Function;
use wasm_bindgen::JsValue;

use super::clerk::{Clerk, settled};
use super::options::JsOptions;
use super::read::clerk_error;
use crate::ClerkError;

/// The modals Clerk's UI can open over the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modal {
    /// `openSignIn` / `closeSignIn`.
    SignIn,
    /// `openSignUp` / `closeSignUp`.
    SignUp,
    /// `openUserProfile` / `closeUserProfile`.
    UserProfile,
    /// `openOrganizationProfile` / `closeOrganizationProfile`.
    OrganizationProfile,
    /// `openCreateOrganization` / `closeCreateOrganization`.
    CreateOrganization,
}

impl Modal {
    /// The modal's name, as in clerk-js' `open<Name>`.
    pub fn name(self) -> &'static str {
        match self {
            Modal::SignIn => "SignIn",
            Modal::SignUp => "SignUp",
            Modal::UserProfile => "UserProfile",
            Modal::OrganizationProfile => "OrganizationProfile",
            Modal::CreateOrganization => "CreateOrganization",
        }
    }
}

/// The pages clerk-js can navigate to (`redirectTo<Page>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// `redirectToSignIn(options)`.
    SignIn,
    /// `redirectToSignUp(options)`.
    SignUp,
    /// `redirectToUserProfile()`.
    UserProfile,
    /// `redirectToOrganizationProfile()`.
    OrganizationProfile,
    /// `redirectToCreateOrganization()`.
    CreateOrganization,
    /// `redirectToOrganizationList()`.
    OrganizationList,
    /// `redirectToAfterSignIn()`.
    AfterSignIn,
    /// `redirectToAfterSignUp()`.
    AfterSignUp,
    /// `redirectToAfterSignOut()`.
    AfterSignOut,
    /// `redirectToWaitlist()`.
    Waitlist,
}

impl Page {
    /// clerk-js' method for the page, `redirectTo<Name>`.
    pub fn method(self) -> &'static str {
        match self {
            Page::SignIn => "redirectToSignIn",
            Page::SignUp => "redirectToSignUp",
            Page::UserProfile => "redirectToUserProfile",
            Page::OrganizationProfile => "redirectToOrganizationProfile",
            Page::CreateOrganization => "redirectToCreateOrganization",
            Page::OrganizationList => "redirectToOrganizationList",
            Page::AfterSignIn => "redirectToAfterSignIn",
            Page::AfterSignUp => "redirectToAfterSignUp",
            Page::AfterSignOut => "redirectToAfterSignOut",
            Page::Waitlist => "redirectToWaitlist",
        }
    }
}

impl Clerk {
    /// `clerk.open<Modal>(props)`. clerk-js opens it once its UI is ready; an error here
    /// means it refused outright (no UI given to `load()`, a modal this version lacks).
    pub fn open(&self, modal: Modal, props: &JsValue) -> Result<(), ClerkError> {
        self.method(&format!("open{}", modal.name()))?
            .call1(self, props)
            .map_err(clerk_error)
            .map(drop)
    }

    /// `clerk.close<Modal>()`; closing a modal that is not open does nothing.
    pub fn close(&self, modal: Modal) -> Result<(), ClerkError> {
        self.method(&format!("close{}", modal.name()))?
            .call0(self)
            .map_err(clerk_error)
            .map(drop)
    }

    /// `await clerk.redirectTo<Page>(options)`, or with no argument when `options` is
    /// `None`: navigates (the promise settles as the page goes, or with the app's router).
    pub async fn redirect_to(&self, page: Page, options: Option<JsOptions>) -> Result<(), ClerkError> {
        let redirect: Function = self.method(page.method())?;
        let called = match options {
            Some(options) => redirect.call1(self, &options.into_js()),
            None => redirect.call0(self),
        };
        settled(called).await.map(drop)
    }
}
