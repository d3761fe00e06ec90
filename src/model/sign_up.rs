//! [`SignUpStep`]: where a custom email + password sign-up stands, decided from what
//! clerk-js' `SignUp` resource says after each call.

use super::flow_error::FlowError;
use super::raw::{RawObject, RawValue, non_empty_text};

/// Where a custom sign-up ([`use_sign_up`](crate::use_sign_up)) stands.
///
/// ```
/// use leptos_clerk::SignUpStep;
/// let step = SignUpStep::VerifyingEmail { email: "ada@example.test".into() };
/// assert_eq!(step.email(), Some("ada@example.test"));
/// assert!(!step.is_complete());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SignUpStep {
    /// Nothing sent yet: show the email and password fields.
    #[default]
    CollectingDetails,
    /// Clerk emailed a code to `email`: show the code field.
    VerifyingEmail {
        /// The address the code went to.
        email: String,
    },
    /// The account exists and its session is active.
    Complete {
        /// The new session's id.
        session_id: String,
    },
}

impl SignUpStep {
    /// The address being verified, while a code is awaited.
    pub fn email(&self) -> Option<&str> {
        match self {
            SignUpStep::VerifyingEmail { email } => Some(email),
            _ => None,
        }
    }

    /// Whether the sign-up finished and its session is active.
    pub fn is_complete(&self) -> bool {
        matches!(self, SignUpStep::Complete { .. })
    }
}

/// What a clerk-js `SignUp` says after a call: the parts the flow decides on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignUpProgress {
    /// `status`: `missing_requirements`, `complete` or `abandoned`.
    pub status: Option<String>,
    /// `createdSessionId`, once `complete`.
    pub created_session_id: Option<String>,
    /// `emailAddress`.
    pub email_address: Option<String>,
    /// `missingFields`: fields Clerk requires that were not given.
    pub missing_fields: Vec<String>,
    /// `unverifiedFields`: fields given but not yet verified.
    pub unverified_fields: Vec<String>,
}

/// What the flow does next after a `SignUp` call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignUpNext {
    /// Ask Clerk to email the code (`prepareEmailAddressVerification`).
    SendCode {
        /// The address on the sign-up.
        email: String,
    },
    /// Make this session active: the sign-up is complete.
    Activate {
        /// `createdSessionId`.
        session_id: String,
    },
}

impl SignUpProgress {
    /// Reads a clerk-js `SignUp`; a missing or mistyped field reads as absent.
    pub(crate) fn read<O: RawObject>(sign_up: &O) -> Self {
        let text = |key: &str| non_empty_text(sign_up, key);
        let texts = |key: &str| match sign_up.get(key) {
            RawValue::List(items) => items
                .into_iter()
                .filter_map(|item| match item {
                    RawValue::Text(text) => Some(text),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        Self {
            status: text("status"),
            created_session_id: text("createdSessionId"),
            email_address: text("emailAddress"),
            missing_fields: texts("missingFields"),
            unverified_fields: texts("unverifiedFields"),
        }
    }

    /// The next call, or why this flow cannot go on: Clerk may require fields an email and
    /// password form does not collect (a username, a phone number, accepting legal terms).
    pub fn next(&self) -> Result<SignUpNext, FlowError> {
        let unsupported = |status: String| Err(FlowError::UnsupportedStep { status });
        match (self.status.as_deref(), &self.created_session_id) {
            (Some("complete"), Some(session_id)) => Ok(SignUpNext::Activate {
                session_id: session_id.clone(),
            }),
            (Some("missing_requirements"), _) if !self.missing_fields.is_empty() => {
                unsupported(format!("missing {}", self.missing_fields.join(", ")))
            }
            (Some("missing_requirements"), _) => {
                let email_unverified = self
                    .unverified_fields
                    .iter()
                    .any(|field| field == "email_address");
                let others: Vec<&str> = self
                    .unverified_fields
                    .iter()
                    .map(String::as_str)
                    .filter(|field| *field != "email_address")
                    .collect();
                match (&self.email_address, email_unverified, others.is_empty()) {
                    (Some(email), true, true) => Ok(SignUpNext::SendCode { email: email.clone() }),
                    _ if !others.is_empty() => unsupported(format!("unverified {}", others.join(", "))),
                    _ => unsupported("missing_requirements".into()),
                }
            }
            (status, _) => unsupported(status.unwrap_or("no status").to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress(status: &str) -> SignUpProgress {
        SignUpProgress {
            status: Some(status.into()),
            email_address: Some("ada@example.test".into()),
            ..Default::default()
        }
    }

    #[test]
    fn an_unverified_address_asks_for_the_code() {
        let created = SignUpProgress {
            unverified_fields: vec!["email_address".into()],
            ..progress("missing_requirements")
        };
        assert_eq!(
            created.next(),
            Ok(SignUpNext::SendCode {
                email: "ada@example.test".into()
            })
        );
    }

    #[test]
    fn complete_with_a_session_activates_it() {
        let done = SignUpProgress {
            created_session_id: Some("sess_1".into()),
            ..progress("complete")
        };
        assert_eq!(
            done.next(),
            Ok(SignUpNext::Activate {
                session_id: "sess_1".into()
            })
        );
    }

    #[test]
    fn requirements_this_flow_cannot_meet_are_named() {
        let username = SignUpProgress {
            missing_fields: vec!["username".into()],
            unverified_fields: vec!["email_address".into()],
            ..progress("missing_requirements")
        };
        assert_eq!(
            username.next(),
            Err(FlowError::UnsupportedStep {
                status: "missing username".into()
            })
        );
        let phone = SignUpProgress {
            unverified_fields: vec!["email_address".into(), "phone_number".into()],
            ..progress("missing_requirements")
        };
        assert_eq!(
            phone.next(),
            Err(FlowError::UnsupportedStep {
                status: "unverified phone_number".into()
            })
        );
        // `complete` without a session (Clerk's "sign-up complete, sign in now" setups),
        // `abandoned`, and a resource with no status at all.
        for (status, expected) in [("complete", "complete"), ("abandoned", "abandoned")] {
            assert_eq!(
                progress(status).next(),
                Err(FlowError::UnsupportedStep {
                    status: expected.into()
                })
            );
        }
        assert_eq!(
            SignUpProgress::default().next(),
            Err(FlowError::UnsupportedStep {
                status: "no status".into()
            })
        );
    }
}
