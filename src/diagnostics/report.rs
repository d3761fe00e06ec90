//! What a diagnostics run produces: one [`Check`] per question, in a [`DiagnosticsReport`].

use std::fmt;

/// How a check came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CheckStatus {
    /// All is as it should be.
    Pass,
    /// Works, but something deserves a look.
    Warn,
    /// Broken: the fix says what to do.
    Fail,
    /// Nothing to judge (not configured, not applicable).
    Info,
}

impl fmt::Display for CheckStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CheckStatus::Pass => "pass",
            CheckStatus::Warn => "warn",
            CheckStatus::Fail => "fail",
            CheckStatus::Info => "info",
        })
    }
}

/// One check's result. Its `Debug` leaves the raw token out.
#[derive(Clone, PartialEq, Eq)]
pub struct Check {
    /// Stable id: `basic`, `jwt-verify`, `custom-claims`, `multi-session`, `refresh`,
    /// `expiration`, `storage`, `cookie`.
    pub id: &'static str,
    /// The question it answers, for people.
    pub title: &'static str,
    /// The outcome.
    pub status: CheckStatus,
    /// One line saying what was found.
    pub detail: String,
    /// What to do about it, when there is something to do.
    pub fix: Option<String>,
    /// A raw token the check looked at, to show only when the user asks.
    pub token: Option<String>,
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Check")
            .field("id", &self.id)
            .field("status", &self.status)
            .field("detail", &self.detail)
            .field("fix", &self.fix)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .finish_non_exhaustive()
    }
}

impl Check {
    pub(crate) fn new(
        id: &'static str,
        title: &'static str,
        status: CheckStatus,
        detail: impl Into<String>,
    ) -> Self {
        Self {
            id,
            title,
            status,
            detail: detail.into(),
            fix: None,
            token: None,
        }
    }

    pub(crate) fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }

    pub(crate) fn token(mut self, token: Option<String>) -> Self {
        self.token = token;
        self
    }
}

/// Every check of one run, in a fixed order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DiagnosticsReport {
    /// The checks.
    pub checks: Vec<Check>,
    /// When the run finished, epoch ms.
    pub finished_at: i64,
}

impl DiagnosticsReport {
    /// The check with this id.
    pub fn check(&self, id: &str) -> Option<&Check> {
        self.checks.iter().find(|check| check.id == id)
    }

    /// The worst status of the run.
    pub fn overall(&self) -> CheckStatus {
        let worst = |status| self.checks.iter().any(|check| check.status == status);
        if worst(CheckStatus::Fail) {
            CheckStatus::Fail
        } else if worst(CheckStatus::Warn) {
            CheckStatus::Warn
        } else {
            CheckStatus::Pass
        }
    }
}
