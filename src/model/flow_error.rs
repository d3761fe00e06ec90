//! [`FlowError`]: why a step of a custom sign-up or sign-in flow did not go through, sorted
//! by the Clerk API error code, so a form can put the message beside the right field.

use std::fmt;

use crate::ClerkError;

/// The field of a custom flow's form an error belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FlowField {
    /// The email address (Clerk's `identifier` / `email_address`).
    Email,
    /// The password.
    Password,
    /// The emailed verification code.
    Code,
}

/// A failed step of a custom flow ([`use_sign_up`](crate::use_sign_up),
/// [`use_sign_in`](crate::use_sign_in)'s email code), one variant per reason.
///
/// The message is Clerk's own (`longMessage`, else `message`), which Clerk writes for
/// people and localizes; [`FlowError::field`] says where a form should show it.
///
/// ```
/// use leptos_clerk::{ClerkError, FlowError, FlowField};
/// let error = FlowError::from(ClerkError::Clerk {
///     code: Some("form_code_incorrect".into()),
///     message: "Incorrect code".into(),
/// });
/// assert!(matches!(error, FlowError::CodeIncorrect { .. }));
/// assert_eq!(error.field(), Some(FlowField::Code));
/// assert_eq!(error.to_string(), "Incorrect code");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FlowError {
    /// `form_identifier_exists`: an account already uses this email address.
    EmailTaken {
        /// Clerk's message.
        message: String,
    },
    /// `form_identifier_not_found`: no account uses this email address.
    EmailNotFound {
        /// Clerk's message.
        message: String,
    },
    /// `form_param_format_invalid`: Clerk refused the address's format.
    EmailInvalid {
        /// Clerk's message.
        message: String,
    },
    /// `form_password_incorrect`.
    PasswordIncorrect {
        /// Clerk's message.
        message: String,
    },
    /// Any other `form_password_…` code: too short, too long, found in a breach
    /// (`form_password_pwned`), not strong enough.
    PasswordRejected {
        /// Clerk's code, e.g. `form_password_length_too_short`.
        code: String,
        /// Clerk's message.
        message: String,
    },
    /// `form_code_incorrect`.
    CodeIncorrect {
        /// Clerk's message.
        message: String,
    },
    /// `verification_expired`: ask for a new code.
    CodeExpired {
        /// Clerk's message.
        message: String,
    },
    /// `too_many_requests`: Clerk is rate limiting this client.
    TooManyAttempts {
        /// Clerk's message.
        message: String,
    },
    /// `session_exists` (single-session instances) or `identifier_already_signed_in`.
    AlreadySignedIn {
        /// Clerk's message.
        message: String,
    },
    /// A step was called out of order (a code before the flow started).
    NotStarted,
    /// Clerk needs a step this flow does not offer (a phone number, a second factor…).
    UnsupportedStep {
        /// Clerk's status (`missing_requirements`, `needs_second_factor`…) or what is missing.
        status: String,
    },
    /// Anything else: clerk-js not loaded, offline, the network, another Clerk code.
    Clerk(ClerkError),
}

impl FlowError {
    /// The form field this error is about, if it is about one.
    pub fn field(&self) -> Option<FlowField> {
        match self {
            FlowError::EmailTaken { .. }
            | FlowError::EmailNotFound { .. }
            | FlowError::EmailInvalid { .. } => Some(FlowField::Email),
            FlowError::PasswordIncorrect { .. } | FlowError::PasswordRejected { .. } => {
                Some(FlowField::Password)
            }
            FlowError::CodeIncorrect { .. } | FlowError::CodeExpired { .. } => Some(FlowField::Code),
            _ => None,
        }
    }

    /// Clerk's error code, when the error came from Clerk's API.
    pub fn code(&self) -> Option<&str> {
        match self {
            FlowError::EmailTaken { .. } => Some("form_identifier_exists"),
            FlowError::EmailNotFound { .. } => Some("form_identifier_not_found"),
            FlowError::EmailInvalid { .. } => Some("form_param_format_invalid"),
            FlowError::PasswordIncorrect { .. } => Some("form_password_incorrect"),
            FlowError::PasswordRejected { code, .. } => Some(code),
            FlowError::CodeIncorrect { .. } => Some("form_code_incorrect"),
            FlowError::CodeExpired { .. } => Some("verification_expired"),
            FlowError::TooManyAttempts { .. } => Some("too_many_requests"),
            FlowError::AlreadySignedIn { .. } | FlowError::NotStarted | FlowError::UnsupportedStep { .. } => {
                None
            }
            FlowError::Clerk(error) => error.code(),
        }
    }
}

impl From<ClerkError> for FlowError {
    fn from(error: ClerkError) -> Self {
        let ClerkError::Clerk {
            code: Some(code),
            message,
        } = &error
        else {
            return FlowError::Clerk(error);
        };
        let message = message.clone();
        match code.as_str() {
            "form_identifier_exists" => FlowError::EmailTaken { message },
            "form_identifier_not_found" => FlowError::EmailNotFound { message },
            "form_param_format_invalid" => FlowError::EmailInvalid { message },
            "form_password_incorrect" => FlowError::PasswordIncorrect { message },
            other if other.starts_with("form_password_") => FlowError::PasswordRejected {
                code: other.to_owned(),
                message,
            },
            "form_code_incorrect" => FlowError::CodeIncorrect { message },
            "verification_expired" => FlowError::CodeExpired { message },
            "too_many_requests" => FlowError::TooManyAttempts { message },
            "session_exists" | "identifier_already_signed_in" => FlowError::AlreadySignedIn { message },
            _ => FlowError::Clerk(error),
        }
    }
}

impl fmt::Display for FlowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlowError::EmailTaken { message }
            | FlowError::EmailNotFound { message }
            | FlowError::EmailInvalid { message }
            | FlowError::PasswordIncorrect { message }
            | FlowError::PasswordRejected { message, .. }
            | FlowError::CodeIncorrect { message }
            | FlowError::CodeExpired { message }
            | FlowError::TooManyAttempts { message }
            | FlowError::AlreadySignedIn { message } => f.write_str(message),
            FlowError::NotStarted => f.write_str("Start again: this step needs the earlier one first."),
            FlowError::UnsupportedStep { status } => {
                write!(f, "Clerk asks for a step this form does not offer ({status}).")
            }
            FlowError::Clerk(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for FlowError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn clerk(code: &str) -> ClerkError {
        ClerkError::Clerk {
            code: Some(code.into()),
            message: format!("message of {code}"),
        }
    }

    #[test]
    fn each_known_code_lands_on_its_field() {
        let cases = [
            ("form_identifier_exists", Some(FlowField::Email)),
            ("form_identifier_not_found", Some(FlowField::Email)),
            ("form_param_format_invalid", Some(FlowField::Email)),
            ("form_password_incorrect", Some(FlowField::Password)),
            ("form_password_pwned", Some(FlowField::Password)),
            ("form_password_length_too_short", Some(FlowField::Password)),
            ("form_code_incorrect", Some(FlowField::Code)),
            ("verification_expired", Some(FlowField::Code)),
            ("too_many_requests", None),
            ("session_exists", None),
        ];
        for (code, field) in cases {
            let error = FlowError::from(clerk(code));
            assert_eq!(error.field(), field, "{code}");
            assert_eq!(error.to_string(), format!("message of {code}"));
            if code != "session_exists" {
                assert_eq!(error.code(), Some(code));
            }
            assert!(!matches!(error, FlowError::Clerk(_)), "{code}");
        }
    }

    #[test]
    fn unknown_codes_and_transport_errors_stay_clerk_errors() {
        for error in [clerk("something_new"), ClerkError::Offline, ClerkError::NotLoaded] {
            assert_eq!(FlowError::from(error.clone()), FlowError::Clerk(error));
        }
        let no_code = ClerkError::Clerk {
            code: None,
            message: "thrown".into(),
        };
        assert_eq!(FlowError::from(no_code.clone()), FlowError::Clerk(no_code));
    }
}
