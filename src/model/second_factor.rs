//! [`SecondFactorStep`]: a sign-in that passed its first factor and waits for a second
//! (Clerk's `needs_second_factor`, or `needs_client_trust` on a new device), decided from
//! the `supportedSecondFactors` clerk-js' `SignIn` lists.

use super::flow_error::FlowError;
use super::raw::{RawObject, RawValue, non_empty_text};

/// A second-factor strategy this library can complete (Clerk's `SignInSecondFactor`
/// strategies, less `email_link`, which needs a link the user opens elsewhere).
///
/// ```
/// use leptos_clerk::SecondFactorStrategy;
/// assert_eq!(SecondFactorStrategy::PhoneCode.as_str(), "phone_code");
/// assert!(SecondFactorStrategy::PhoneCode.sends_code());
/// assert!(!SecondFactorStrategy::Totp.sends_code());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SecondFactorStrategy {
    /// A code Clerk texts to the user's phone (`phone_code`).
    PhoneCode,
    /// A code from the user's authenticator app (`totp`).
    Totp,
    /// One of the user's backup codes (`backup_code`).
    BackupCode,
    /// A code Clerk emails (`email_code`): what Clerk asks for on a new device
    /// (`needs_client_trust`) and what some instances offer as a second factor.
    EmailCode,
}

impl SecondFactorStrategy {
    /// Clerk's name for the strategy.
    ///
    /// ```
    /// # use leptos_clerk::SecondFactorStrategy;
    /// assert_eq!(SecondFactorStrategy::BackupCode.as_str(), "backup_code");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            SecondFactorStrategy::PhoneCode => "phone_code",
            SecondFactorStrategy::Totp => "totp",
            SecondFactorStrategy::BackupCode => "backup_code",
            SecondFactorStrategy::EmailCode => "email_code",
        }
    }

    /// The strategy Clerk calls `name`; `None` for one this library cannot complete.
    ///
    /// ```
    /// # use leptos_clerk::SecondFactorStrategy;
    /// assert_eq!(SecondFactorStrategy::from_clerk("totp"), Some(SecondFactorStrategy::Totp));
    /// assert_eq!(SecondFactorStrategy::from_clerk("email_link"), None);
    /// ```
    pub fn from_clerk(name: &str) -> Option<Self> {
        match name {
            "phone_code" => Some(SecondFactorStrategy::PhoneCode),
            "totp" => Some(SecondFactorStrategy::Totp),
            "backup_code" => Some(SecondFactorStrategy::BackupCode),
            "email_code" => Some(SecondFactorStrategy::EmailCode),
            _ => None,
        }
    }

    /// Whether Clerk must send the code first (`prepareSecondFactor`): texted and emailed
    /// codes; an authenticator app's code and backup codes need no preparation.
    pub fn sends_code(self) -> bool {
        matches!(
            self,
            SecondFactorStrategy::PhoneCode | SecondFactorStrategy::EmailCode
        )
    }
}

/// One entry of a sign-in's `supportedSecondFactors`.
///
/// ```
/// use leptos_clerk::{SecondFactor, SecondFactorStrategy};
/// let factor = SecondFactor {
///     strategy: SecondFactorStrategy::PhoneCode,
///     safe_identifier: Some("+*******0100".into()),
///     target_id: Some("idn_phone_1".into()),
/// };
/// assert_eq!(factor.safe_identifier.as_deref(), Some("+*******0100"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecondFactor {
    /// How the user proves it.
    pub strategy: SecondFactorStrategy,
    /// Where a code goes, masked as Clerk lets a page show it (`safeIdentifier`, e.g.
    /// `+*******0100`); `None` for strategies that send nothing.
    pub safe_identifier: Option<String>,
    /// The phone number's (`phoneNumberId`) or email address's (`emailAddressId`) id, which
    /// `prepareSecondFactor` needs.
    pub target_id: Option<String>,
}

impl SecondFactor {
    /// Reads one `supportedSecondFactors` entry; `None` for a strategy this library cannot
    /// complete, or a code strategy without the id Clerk needs to send the code.
    fn read<O: RawObject>(factor: &O) -> Option<Self> {
        let strategy = SecondFactorStrategy::from_clerk(&non_empty_text(factor, "strategy")?)?;
        let target_id = match strategy {
            SecondFactorStrategy::PhoneCode => Some(non_empty_text(factor, "phoneNumberId")?),
            SecondFactorStrategy::EmailCode => Some(non_empty_text(factor, "emailAddressId")?),
            _ => None,
        };
        Some(Self {
            strategy,
            safe_identifier: non_empty_text(factor, "safeIdentifier"),
            target_id,
        })
    }
}

/// What a sign-in waiting for its second factor offers, read from clerk-js' `SignIn`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SecondFactorOffer {
    /// The factors this library can complete, in Clerk's order.
    pub factors: Vec<SecondFactor>,
    /// The strategies Clerk offered that this library cannot complete (`email_link`…), so
    /// an error can name them.
    pub others: Vec<String>,
}

impl SecondFactorOffer {
    /// Reads `supportedSecondFactors`; anything that is not a list of objects offers nothing.
    pub(crate) fn read<O: RawObject>(sign_in: &O) -> Self {
        let mut offer = Self::default();
        if let RawValue::List(entries) = sign_in.get("supportedSecondFactors") {
            for entry in entries {
                let RawValue::Object(entry) = entry else { continue };
                match SecondFactor::read(&entry) {
                    Some(factor) => offer.factors.push(factor),
                    None => offer
                        .others
                        .push(non_empty_text(&entry, "strategy").unwrap_or_else(|| "unreadable".into())),
                }
            }
        }
        offer
    }
}

/// A sign-in waiting for its second factor: what is offered, which one the code is asked
/// for, and whether that code was sent.
///
/// ```
/// use leptos_clerk::{SecondFactor, SecondFactorStep, SecondFactorStrategy};
/// let totp = SecondFactor { strategy: SecondFactorStrategy::Totp, safe_identifier: None, target_id: None };
/// let step = SecondFactorStep::first_of(vec![totp], false).unwrap();
/// assert_eq!(step.current.strategy, SecondFactorStrategy::Totp);
/// assert_eq!(step.sent_to(), None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecondFactorStep {
    /// Every factor the user may use, in Clerk's order (offer a choice when there are several).
    pub offered: Vec<SecondFactor>,
    /// The factor the code is asked for.
    pub current: SecondFactor,
    /// Whether Clerk sent the current factor's code (texted or emailed).
    pub code_sent: bool,
    /// Clerk asks because the user signs in from a new device (`needs_client_trust`, Clerk's
    /// Device Trust), not because they turned on multi-factor authentication.
    pub new_device: bool,
}

impl SecondFactorStep {
    /// The step at its starting factor, chosen as Clerk's `<SignIn>` does: an authenticator
    /// app first, then a texted code, else the first offered. `None` when nothing is offered.
    pub fn first_of(offered: Vec<SecondFactor>, new_device: bool) -> Option<Self> {
        let pick = |strategy| offered.iter().find(|f| f.strategy == strategy);
        let current = pick(SecondFactorStrategy::Totp)
            .or_else(|| pick(SecondFactorStrategy::PhoneCode))
            .or_else(|| offered.first())?
            .clone();
        Some(Self {
            offered,
            current,
            code_sent: false,
            new_device,
        })
    }

    /// The same step on another offered factor (its code not yet sent); `None` if the
    /// sign-in does not offer `strategy`.
    pub fn choose(&self, strategy: SecondFactorStrategy) -> Option<Self> {
        let current = self.offered.iter().find(|f| f.strategy == strategy)?.clone();
        Some(Self {
            current,
            code_sent: false,
            ..self.clone()
        })
    }

    /// Where the current factor's code went (masked), once it was sent.
    pub fn sent_to(&self) -> Option<&str> {
        self.code_sent
            .then_some(self.current.safe_identifier.as_deref())
            .flatten()
    }

    /// Decides the step a status of `needs_second_factor` or `needs_client_trust` leads to.
    pub(crate) fn from_offer(status: &str, offer: &SecondFactorOffer) -> Result<Self, FlowError> {
        Self::first_of(offer.factors.clone(), status == "needs_client_trust").ok_or_else(|| {
            let others = if offer.others.is_empty() {
                "none offered".to_owned()
            } else {
                offer.others.join(", ")
            };
            FlowError::UnsupportedStep {
                status: format!("{status}: no second factor this form can complete ({others})"),
            }
        })
    }
}

/// Whether `status` asks for a second factor.
pub(crate) fn needs_second_factor(status: Option<&str>) -> bool {
    matches!(status, Some("needs_second_factor" | "needs_client_trust"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn factor(strategy: SecondFactorStrategy) -> SecondFactor {
        let sends = strategy.sends_code();
        SecondFactor {
            strategy,
            safe_identifier: sends.then(|| "+*******0100".into()),
            target_id: sends.then(|| "idn_1".into()),
        }
    }

    #[test]
    fn the_starting_factor_is_clerks_totp_then_phone_then_the_first() {
        use SecondFactorStrategy::*;
        for (offered, expected) in [
            (vec![BackupCode, PhoneCode, Totp], Totp),
            (vec![BackupCode, PhoneCode], PhoneCode),
            (vec![BackupCode, EmailCode], BackupCode),
            (vec![EmailCode], EmailCode),
        ] {
            let step = SecondFactorStep::first_of(offered.into_iter().map(factor).collect(), false).unwrap();
            assert_eq!(step.current.strategy, expected);
            assert!(!step.code_sent);
        }
        assert_eq!(SecondFactorStep::first_of(vec![], false), None);
    }

    #[test]
    fn choosing_moves_to_an_offered_factor_only_and_forgets_the_sent_code() {
        use SecondFactorStrategy::*;
        let mut step =
            SecondFactorStep::first_of(vec![factor(PhoneCode), factor(BackupCode)], false).unwrap();
        step.code_sent = true;
        assert_eq!(step.sent_to(), Some("+*******0100"));
        let backup = step.choose(BackupCode).unwrap();
        assert_eq!((backup.current.strategy, backup.code_sent), (BackupCode, false));
        assert_eq!(backup.sent_to(), None);
        assert_eq!(backup.offered.len(), 2);
        assert_eq!(step.choose(Totp), None);
    }

    #[test]
    fn an_offer_of_nothing_completable_is_a_named_error() {
        let offer = SecondFactorOffer {
            factors: vec![],
            others: vec!["email_link".into()],
        };
        assert_eq!(
            SecondFactorStep::from_offer("needs_second_factor", &offer),
            Err(FlowError::UnsupportedStep {
                status: "needs_second_factor: no second factor this form can complete (email_link)".into()
            })
        );
        let trust = SecondFactorOffer {
            factors: vec![factor(SecondFactorStrategy::EmailCode)],
            others: vec![],
        };
        let step = SecondFactorStep::from_offer("needs_client_trust", &trust).unwrap();
        assert!(step.new_device);
        assert!(needs_second_factor(Some("needs_client_trust")));
        assert!(!needs_second_factor(Some("needs_first_factor")));
    }

    /// A stand-in for a clerk-js object: a map of property names to classified values.
    #[derive(Clone, Debug, PartialEq)]
    struct Obj(Vec<(&'static str, RawValue<Obj>)>);

    impl RawObject for Obj {
        fn get(&self, key: &str) -> RawValue<Self> {
            let found = self.0.iter().find(|(name, _)| *name == key);
            found.map_or(RawValue::Missing, |(_, value)| value.clone())
        }

        fn keys(&self) -> Vec<String> {
            self.0.iter().map(|(name, _)| (*name).to_owned()).collect()
        }
    }

    fn text(value: &str) -> RawValue<Obj> {
        RawValue::Text(value.to_owned())
    }

    #[test]
    fn hostile_second_factor_lists_read_as_what_can_be_completed() {
        let not_a_list = Obj(vec![("supportedSecondFactors", text("totp"))]);
        assert_eq!(SecondFactorOffer::read(&not_a_list), SecondFactorOffer::default());
        let entries = RawValue::List(vec![
            RawValue::Number(f64::NAN),
            RawValue::Null,
            // A texted code without the phone number's id cannot be sent.
            RawValue::Object(Obj(vec![("strategy", text("phone_code"))])),
            RawValue::Object(Obj(vec![("strategy", RawValue::Bool(true))])),
            RawValue::Object(Obj(vec![("strategy", text("email_link"))])),
            RawValue::Object(Obj(vec![
                ("strategy", text("totp")),
                ("safeIdentifier", RawValue::Number(1.0)),
            ])),
        ]);
        let offer = SecondFactorOffer::read(&Obj(vec![("supportedSecondFactors", entries)]));
        assert_eq!(offer.factors, [factor(SecondFactorStrategy::Totp)]);
        assert_eq!(offer.others, ["phone_code", "unreadable", "email_link"]);
    }
}
