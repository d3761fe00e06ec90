//! [`ClerkError`]: why an action (sign out, get a token…) did not happen.

use std::fmt;

/// A failed call into clerk-js, as something a page can render.
///
/// ```
/// use leptos_clerk::ClerkError;
/// let error = ClerkError::Clerk { code: Some("form_password_incorrect".into()), message: "Password is incorrect.".into() };
/// assert_eq!(error.code(), Some("form_password_incorrect"));
/// assert_eq!(error.to_string(), "Password is incorrect.");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClerkError {
    /// clerk-js has not finished loading (or failed to).
    NotLoaded,
    /// The action needs a session and this tab has none.
    SignedOut,
    /// The action needs an active organization and the session acts for the personal
    /// account.
    NoOrganization,
    /// The browser is offline (clerk-js' `clerk_offline`).
    Offline,
    /// The request did not get through (clerk-js' `network_error`, a failed fetch).
    Network(String),
    /// clerk-js threw or rejected. `code` is Clerk's error code (`errors[0].code`) when the
    /// error came from Clerk's API.
    Clerk {
        /// Clerk's machine-readable code, e.g. `form_password_incorrect`.
        code: Option<String>,
        /// The message to show: Clerk's `longMessage`, else `message`.
        message: String,
    },
}

impl ClerkError {
    /// Clerk's error code, when there is one.
    pub fn code(&self) -> Option<&str> {
        match self {
            ClerkError::Clerk { code, .. } => code.as_deref(),
            _ => None,
        }
    }
}

impl fmt::Display for ClerkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClerkError::NotLoaded => f.write_str("Clerk has not loaded yet"),
            ClerkError::SignedOut => f.write_str("nobody is signed in in this tab"),
            ClerkError::NoOrganization => f.write_str("no organization is active in this session"),
            ClerkError::Offline => f.write_str("the browser is offline"),
            ClerkError::Network(message) => write!(f, "network error: {message}"),
            ClerkError::Clerk { message, .. } => f.write_str(message),
        }
    }
}

impl std::error::Error for ClerkError {}
