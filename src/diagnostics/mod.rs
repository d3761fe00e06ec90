//! Session diagnostics: the checks a developer runs when "my session keeps expiring", as a
//! function returning a report and as the `<SessionDiagnostics>` panel.
//!
//! The verdicts are pure ([`evaluate`] judges facts it is given); gathering the facts in the
//! browser is [`run_diagnostics`](crate::run_diagnostics)'s job.

pub(crate) mod evaluate;
mod report;

#[cfg(feature = "browser")]
pub use crate::ui::diagnostics::{DiagnosticsOptions, run_diagnostics};
pub use evaluate::CookieFacts;
pub use report::{Check, CheckStatus, DiagnosticsReport};
