//! [`Require`] and [`SessionClaims::has`]: Clerk's `has()`, one rule for the browser and the
//! server, answered from a session token's claims as `@clerk/shared`'s
//! `createCheckAuthorization` answers it.

use serde_json::Value;

use super::session_claims::SessionClaims;

/// What a page or a route asks of the signed-in user: Clerk's `has()` parameters. Each
/// part that is set must hold (they combine with AND); a requirement with none set asks only
/// that someone is signed in.
///
/// ```
/// use leptos_clerk::claims::{Require, Reverification};
/// let admins = Require::role("org:admin");
/// let billing_admins = Require::role("admin").and_permission("org:billing:manage");
/// let pro = Require::plan("pro").and_reverification(Reverification::Strict);
/// let anyone = Require::signed_in();
/// assert!(anyone.is_signed_in_only() && !admins.is_signed_in_only());
/// # let _ = (billing_admins, pro);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Require {
    role: Option<String>,
    permission: Option<String>,
    feature: Option<String>,
    plan: Option<String>,
    reverification: Option<Reverification>,
}

/// How recently the user must have proven who they are (Clerk's `reverification`).
///
/// ```
/// use leptos_clerk::claims::{FactorLevel, Require, Reverification};
/// let recent = Require::reverification(Reverification::Custom {
///     level: FactorLevel::SecondFactor,
///     after_minutes: 30,
/// });
/// # let _ = recent;
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reverification {
    /// Both factors (when the user has a second) within 10 minutes.
    StrictMfa,
    /// The second factor (else the first) within 10 minutes.
    Strict,
    /// The second factor (else the first) within an hour.
    Moderate,
    /// The second factor (else the first) within a day.
    Lax,
    /// A level within `after_minutes` (which must be above 0).
    Custom {
        /// Which factors count.
        level: FactorLevel,
        /// How many minutes ago at most.
        after_minutes: u32,
    },
}

/// Which factors a [`Reverification`] counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactorLevel {
    /// The first factor (password, code, passkey…).
    FirstFactor,
    /// The second factor when the user has one, else the first.
    SecondFactor,
    /// Both factors when the user has a second, else the first.
    MultiFactor,
}

impl Reverification {
    /// The level and the minutes, as Clerk expands the named presets.
    pub fn level_and_minutes(self) -> (FactorLevel, u32) {
        match self {
            Reverification::StrictMfa => (FactorLevel::MultiFactor, 10),
            Reverification::Strict => (FactorLevel::SecondFactor, 10),
            Reverification::Moderate => (FactorLevel::SecondFactor, 60),
            Reverification::Lax => (FactorLevel::SecondFactor, 1440),
            Reverification::Custom { level, after_minutes } => (level, after_minutes),
        }
    }
}

impl Require {
    /// Only that someone is signed in.
    pub fn signed_in() -> Self {
        Self::default()
    }

    /// An organization role: `org:admin`, or `admin` (Clerk adds the `org:`).
    pub fn role(role: impl Into<String>) -> Self {
        Self::default().and_role(role)
    }

    /// An organization permission: `org:<feature>:<permission>` (the `org:` may be left out).
    pub fn permission(permission: impl Into<String>) -> Self {
        Self::default().and_permission(permission)
    }

    /// A feature of the user's or the organization's plan: `name`, `user:name` or `org:name`.
    pub fn feature(feature: impl Into<String>) -> Self {
        Self::default().and_feature(feature)
    }

    /// A billing plan: `name`, `user:name` or `org:name`.
    pub fn plan(plan: impl Into<String>) -> Self {
        Self::default().and_plan(plan)
    }

    /// A recent enough verification.
    pub fn reverification(reverification: Reverification) -> Self {
        Self::default().and_reverification(reverification)
    }

    /// This, and the role.
    pub fn and_role(mut self, role: impl Into<String>) -> Self {
        self.role = Some(role.into());
        self
    }

    /// This, and the permission.
    pub fn and_permission(mut self, permission: impl Into<String>) -> Self {
        self.permission = Some(permission.into());
        self
    }

    /// This, and the feature.
    pub fn and_feature(mut self, feature: impl Into<String>) -> Self {
        self.feature = Some(feature.into());
        self
    }

    /// This, and the plan.
    pub fn and_plan(mut self, plan: impl Into<String>) -> Self {
        self.plan = Some(plan.into());
        self
    }

    /// This, and the reverification.
    pub fn and_reverification(mut self, reverification: Reverification) -> Self {
        self.reverification = Some(reverification);
        self
    }

    /// The reverification this asks for, if any.
    pub fn reverification_asked(&self) -> Option<Reverification> {
        self.reverification
    }

    /// This without its reverification: what a request must meet before asking the user to
    /// verify again makes sense.
    pub fn without_reverification(&self) -> Self {
        Self {
            reverification: None,
            ..self.clone()
        }
    }

    /// Whether this asks nothing beyond being signed in.
    pub fn is_signed_in_only(&self) -> bool {
        *self == Self::default()
    }
}

impl std::fmt::Display for Require {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        if let Some(role) = &self.role {
            parts.push(format!("the role {role}"));
        }
        if let Some(permission) = &self.permission {
            parts.push(format!("the permission {permission}"));
        }
        if let Some(feature) = &self.feature {
            parts.push(format!("the feature {feature}"));
        }
        if let Some(plan) = &self.plan {
            parts.push(format!("the plan {plan}"));
        }
        if let Some(reverification) = self.reverification {
            let (level, minutes) = reverification.level_and_minutes();
            parts.push(format!("{level:?} verified within {minutes} min"));
        }
        if parts.is_empty() {
            f.write_str("a signed-in user")
        } else {
            f.write_str(&parts.join(" and "))
        }
    }
}

/// One dimension's answer, as Clerk combines them: all asked must pass, and at least one
/// must be asked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Answer {
    Skip,
    Pass,
    Fail,
}

impl From<bool> for Answer {
    fn from(pass: bool) -> Self {
        if pass { Answer::Pass } else { Answer::Fail }
    }
}

impl SessionClaims {
    /// Clerk's `has()`: whether these claims meet `require`. Every part asked must hold;
    /// the organization's id, role and permissions, the `fea` and `pla` claims and the
    /// factor ages (`fva`) answer it, exactly as `@clerk/shared`'s
    /// `createCheckAuthorization` does (a differential test holds this). A requirement with
    /// nothing set ([`Require::signed_in`]) holds for every signed-in user.
    ///
    /// ```
    /// use leptos_clerk::claims::{Require, SessionClaims};
    /// let claims = SessionClaims::from_payload(serde_json::json!({
    ///     "iss": "https://clerk.example.com", "sub": "user_1", "sid": "sess_1", "exp": 2000000000,
    ///     "v": 2, "o": {"id": "org_1", "rol": "admin", "per": "read,manage", "fpm": "2"},
    ///     "fea": "o:billing,u:reports", "pla": "u:pro",
    /// }).as_object().unwrap()).unwrap();
    /// assert!(claims.has(&Require::role("admin").and_permission("billing:manage")));
    /// assert!(!claims.has(&Require::permission("org:billing:read")));
    /// assert!(claims.has(&Require::feature("user:reports")) && !claims.has(&Require::feature("org:reports")));
    /// assert!(claims.has(&Require::plan("pro")));
    /// ```
    pub fn has(&self, require: &Require) -> bool {
        if self.user_id.is_empty() {
            return false;
        }
        if require.is_signed_in_only() {
            return true;
        }
        let answers = [
            self.organization_answer(require),
            billing_answer(self.claim_text("fea"), require.feature.as_deref())
                .and(billing_answer(self.claim_text("pla"), require.plan.as_deref())),
            self.reverification_answer(require.reverification),
        ];
        answers.contains(&Answer::Pass) && !answers.contains(&Answer::Fail)
    }

    /// Whether the member has this organization role; `admin` and `org:admin` both match.
    /// Short for [`has`](Self::has)`(&Require::role(role))`.
    pub fn has_role(&self, role: &str) -> bool {
        self.has(&Require::role(role))
    }

    /// Whether the member has this organization permission (`org:<feature>:<permission>`).
    /// Short for [`has`](Self::has)`(&Require::permission(permission))`.
    pub fn has_permission(&self, permission: &str) -> bool {
        self.has(&Require::permission(permission))
    }

    fn organization_answer(&self, require: &Require) -> Answer {
        if require.role.is_none() && require.permission.is_none() {
            return Answer::Skip;
        }
        let Some(org) = self.organization.as_ref().filter(|org| !org.id.is_empty()) else {
            return Answer::Fail;
        };
        let role_holds = require.role.as_deref().is_none_or(|asked| {
            org.role
                .as_deref()
                .filter(|own| !own.is_empty())
                .is_some_and(|own| prefixed_with_org(own) == prefixed_with_org(asked))
        });
        let permission_holds = require.permission.as_deref().is_none_or(|asked| {
            let asked = prefixed_with_org(asked);
            org.permissions.contains(&asked)
        });
        Answer::from(role_holds && permission_holds)
    }

    fn reverification_answer(&self, asked: Option<Reverification>) -> Answer {
        let Some(asked) = asked else {
            return Answer::Skip;
        };
        let Some((first, second)) = self.factor_verification_age else {
            return Answer::Fail;
        };
        let (level, minutes) = asked.level_and_minutes();
        if minutes == 0 || (first == -1 && second == -1) {
            return Answer::Fail;
        }
        let minutes = i64::from(minutes);
        let first_fresh = first != -1 && minutes > first;
        let second_fresh = second != -1 && minutes > second;
        Answer::from(match level {
            FactorLevel::FirstFactor => first_fresh,
            FactorLevel::SecondFactor if second == -1 => first_fresh,
            FactorLevel::SecondFactor => second_fresh,
            FactorLevel::MultiFactor if second == -1 => first_fresh,
            FactorLevel::MultiFactor => first != -1 && first_fresh && second_fresh,
        })
    }

    /// `fea` or `pla`, when it is a string: Clerk's billing check fails on anything else.
    fn claim_text(&self, name: &str) -> Option<&str> {
        self.all.get(name).and_then(Value::as_str)
    }
}

impl Answer {
    /// Both of two answers of one dimension (feature and plan are checked together).
    fn and(self, other: Answer) -> Answer {
        match (self, other) {
            (Answer::Fail, _) | (_, Answer::Fail) => Answer::Fail,
            (Answer::Skip, Answer::Skip) => Answer::Skip,
            _ => Answer::Pass,
        }
    }
}

/// Clerk's `prefixWithOrg`: every leading `org:` replaced by one.
fn prefixed_with_org(value: &str) -> String {
    let mut bare = value;
    while let Some(rest) = bare.strip_prefix("org:") {
        bare = rest;
    }
    format!("org:{bare}")
}

/// A feature or plan asked of `claim` (`fea` or `pla`): `name` in either scope, or `org:`/
/// `o:`/`organization:`, `user:`/`u:` for one. A malformed claim or an unknown scope fails.
fn billing_answer(claim: Option<&str>, asked: Option<&str>) -> Answer {
    let Some(asked) = asked else {
        return Answer::Skip;
    };
    let Some(claim) = claim.filter(|claim| !claim.is_empty()) else {
        return Answer::Fail;
    };
    let Some((org, user)) = split_by_scope(claim) else {
        return Answer::Fail;
    };
    // Clerk reads only what comes before a second colon, and an empty name after an
    // explicit scope falls back to the scope itself.
    let mut parts = asked.split(':');
    let scope = parts.next().unwrap_or_default();
    let Some(name) = parts.next() else {
        return Answer::from(org.contains(&scope) || user.contains(&scope));
    };
    let name = if name.is_empty() { scope } else { name };
    Answer::from(match scope {
        "o" | "org" | "organization" => org.contains(&name),
        "u" | "user" => user.contains(&name),
        _ => false,
    })
}

/// `fea`/`pla` entries split by scope (`o`, `u`, or both for `ou`/`uo`; other scopes are
/// ignored); `None` when an entry has no `scope:`.
fn split_by_scope(claim: &str) -> Option<(Vec<&str>, Vec<&str>)> {
    let (mut org, mut user) = (Vec::new(), Vec::new());
    for entry in claim.split(',').map(str::trim) {
        let (scope, name) = entry.split_once(':')?;
        match scope {
            "o" => org.push(name),
            "u" => user.push(name),
            "ou" | "uo" => {
                org.push(name);
                user.push(name);
            }
            _ => {}
        }
    }
    Some((org, user))
}
