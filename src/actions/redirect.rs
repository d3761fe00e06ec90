//! [`RedirectToSignIn`]: send the user to the instance's sign-in page.

use crate::ClerkError;
use crate::bindings::{Clerk, clerk_error};

/// Navigates to the sign-in page through clerk-js' `redirectToSignIn()` (the instance's
/// configured sign-in URL, or Clerk's Account Portal). `Copy`.
#[derive(Clone, Copy, Debug)]
pub struct RedirectToSignIn {
    _private: (),
}

impl RedirectToSignIn {
    pub(crate) fn new() -> Self {
        Self { _private: () }
    }

    /// Starts the navigation; an error means clerk-js could not (not loaded, no URL).
    pub async fn call(&self) -> Result<(), ClerkError> {
        let clerk = Clerk::loaded_from_window()?;
        clerk.redirect_to_sign_in().await.map_err(clerk_error)
    }
}
