//! [`SignInStep`]: where a custom sign-in stands, decided from what clerk-js' `SignIn`
//! resource says after each call.

use super::flow_error::FlowError;
use super::raw::{RawObject, RawValue, non_empty_text};
use super::second_factor::{SecondFactorOffer, SecondFactorStep, needs_second_factor};

/// Where a custom sign-in ([`use_sign_in`](crate::use_sign_in)'s `with_password`,
/// `with_email_code` and `second_factor`) stands.
///
/// ```
/// use leptos_clerk::SignInStep;
/// let step = SignInStep::VerifyingEmailCode { email: "ada@example.test".into() };
/// assert_eq!(step.email(), Some("ada@example.test"));
/// assert!(!step.is_complete());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SignInStep {
    /// Nothing sent yet: show the email field.
    #[default]
    CollectingIdentifier,
    /// Clerk emailed a code to `email`: show the code field.
    VerifyingEmailCode {
        /// Where the code went, as Clerk shows it (`safeIdentifier`).
        email: String,
    },
    /// The first factor passed; Clerk wants a second one (`needs_second_factor`, or
    /// `needs_client_trust` on a new device): show the code field for `current`, and a
    /// choice when several factors are `offered`.
    VerifyingSecondFactor(SecondFactorStep),
    /// Signed in; the session is active.
    Complete {
        /// The new session's id.
        session_id: String,
    },
}

impl SignInStep {
    /// The address the code went to, while a code is awaited.
    pub fn email(&self) -> Option<&str> {
        match self {
            SignInStep::VerifyingEmailCode { email } => Some(email),
            _ => None,
        }
    }

    /// The second factor awaited, if the sign-in waits for one.
    ///
    /// ```
    /// # use leptos_clerk::SignInStep;
    /// assert!(SignInStep::CollectingIdentifier.second_factor().is_none());
    /// ```
    pub fn second_factor(&self) -> Option<&SecondFactorStep> {
        match self {
            SignInStep::VerifyingSecondFactor(step) => Some(step),
            _ => None,
        }
    }

    /// Whether the sign-in finished and its session is active.
    pub fn is_complete(&self) -> bool {
        matches!(self, SignInStep::Complete { .. })
    }
}

/// The `email_code` entry of a sign-in's `supportedFirstFactors`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailCodeFactor {
    /// `emailAddressId`, which `prepareFirstFactor` needs.
    pub email_address_id: String,
    /// `safeIdentifier`: the address, as Clerk lets a page show it.
    pub safe_identifier: String,
}

/// What a clerk-js `SignIn` says after a call: the parts a flow decides on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignInProgress {
    /// Clerk's status: `complete`, `needs_first_factor`, `needs_second_factor`…
    pub status: Option<String>,
    /// The new session, once `complete`.
    pub created_session_id: Option<String>,
    /// The `email_code` first factor, when Clerk offers one for this account.
    pub email_code: Option<EmailCodeFactor>,
    /// `supportedSecondFactors`: filled in once the first factor passed.
    pub second_factors: SecondFactorOffer,
}

/// What an email-code sign-in does next after a `SignIn` call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInNext {
    /// Ask Clerk to email the code (`prepareFirstFactor`).
    SendCode(EmailCodeFactor),
    /// Make this session active: the sign-in is complete.
    Activate {
        /// `createdSessionId`.
        session_id: String,
    },
    /// Ask for a second factor (sending its code first if it is texted or emailed).
    SecondFactor(SecondFactorStep),
}

impl SignInProgress {
    /// Reads a clerk-js `SignIn`; a missing or mistyped field reads as absent.
    pub(crate) fn read<O: RawObject>(sign_in: &O) -> Self {
        let email_code = match sign_in.get("supportedFirstFactors") {
            RawValue::List(factors) => factors.into_iter().find_map(|factor| match factor {
                RawValue::Object(factor) => {
                    let strategy = non_empty_text(&factor, "strategy");
                    (strategy.as_deref() == Some("email_code")).then_some(())?;
                    Some(EmailCodeFactor {
                        email_address_id: non_empty_text(&factor, "emailAddressId")?,
                        safe_identifier: non_empty_text(&factor, "safeIdentifier").unwrap_or_default(),
                    })
                }
                _ => None,
            }),
            _ => None,
        };
        Self {
            status: non_empty_text(sign_in, "status"),
            created_session_id: non_empty_text(sign_in, "createdSessionId"),
            email_code,
            second_factors: SecondFactorOffer::read(sign_in),
        }
    }

    /// The next call after a password, a second factor or any call that should have
    /// finished the first factor: make the session active, or ask for a second factor.
    pub fn next_step(&self) -> Result<SignInNext, FlowError> {
        match (self.status.as_deref(), &self.created_session_id) {
            (Some("complete"), Some(session_id)) => Ok(SignInNext::Activate {
                session_id: session_id.clone(),
            }),
            (status @ Some(name), _) if needs_second_factor(status) => {
                SecondFactorStep::from_offer(name, &self.second_factors).map(SignInNext::SecondFactor)
            }
            (status, _) => Err(FlowError::UnsupportedStep {
                status: status.unwrap_or("no status").to_owned(),
            }),
        }
    }

    /// The next call of an email-code sign-in (the code to send, then as [`Self::next_step`]),
    /// or why it cannot go on (an account without an email code).
    pub fn next_for_email_code(&self) -> Result<SignInNext, FlowError> {
        match (self.status.as_deref(), &self.email_code) {
            (Some("needs_first_factor"), Some(factor)) => Ok(SignInNext::SendCode(factor.clone())),
            (Some("needs_first_factor"), None) => Err(FlowError::UnsupportedStep {
                status: "no email_code first factor".into(),
            }),
            _ => self.next_step(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn factor() -> EmailCodeFactor {
        EmailCodeFactor {
            email_address_id: "idn_1".into(),
            safe_identifier: "ada@example.test".into(),
        }
    }

    #[test]
    fn a_named_account_with_an_email_code_factor_gets_a_code() {
        let progress = SignInProgress {
            status: Some("needs_first_factor".into()),
            created_session_id: None,
            email_code: Some(factor()),
            second_factors: SecondFactorOffer::default(),
        };
        assert_eq!(progress.next_for_email_code(), Ok(SignInNext::SendCode(factor())));
    }

    #[test]
    fn complete_activates_and_other_steps_are_named() {
        let done = SignInProgress {
            status: Some("complete".into()),
            created_session_id: Some("sess_1".into()),
            email_code: None,
            second_factors: SecondFactorOffer::default(),
        };
        assert_eq!(
            done.next_for_email_code(),
            Ok(SignInNext::Activate {
                session_id: "sess_1".into()
            })
        );
        for (status, factor, expected) in [
            (
                "needs_second_factor",
                Some(factor()),
                "needs_second_factor: no second factor this form can complete (none offered)",
            ),
            ("needs_first_factor", None, "no email_code first factor"),
            ("complete", None, "complete"),
            ("needs_new_password", None, "needs_new_password"),
        ] {
            let progress = SignInProgress {
                status: Some(status.into()),
                created_session_id: None,
                email_code: factor,
                second_factors: SecondFactorOffer::default(),
            };
            assert_eq!(
                progress.next_for_email_code(),
                Err(FlowError::UnsupportedStep {
                    status: expected.into()
                })
            );
        }
    }

    #[test]
    fn a_second_factor_follows_the_password_or_the_email_code() {
        use crate::model::{SecondFactor, SecondFactorStrategy};
        let phone = SecondFactor {
            strategy: SecondFactorStrategy::PhoneCode,
            safe_identifier: Some("+*******0100".into()),
            target_id: Some("idn_phone_1".into()),
        };
        let progress = SignInProgress {
            status: Some("needs_second_factor".into()),
            created_session_id: None,
            email_code: Some(factor()),
            second_factors: SecondFactorOffer {
                factors: vec![phone.clone()],
                others: vec!["email_link".into()],
            },
        };
        let expected = SignInNext::SecondFactor(SecondFactorStep {
            offered: vec![phone.clone()],
            current: phone,
            code_sent: false,
            new_device: false,
        });
        assert_eq!(progress.next_step(), Ok(expected.clone()));
        assert_eq!(progress.next_for_email_code(), Ok(expected));
        let trusted = SignInProgress {
            status: Some("needs_client_trust".into()),
            ..progress
        };
        assert!(matches!(trusted.next_step(), Ok(SignInNext::SecondFactor(step)) if step.new_device));
        // A password that lands on the first factor again has nothing to continue with.
        let back = SignInProgress {
            status: Some("needs_first_factor".into()),
            ..trusted
        };
        assert_eq!(
            back.next_step(),
            Err(FlowError::UnsupportedStep {
                status: "needs_first_factor".into()
            })
        );
    }
}
