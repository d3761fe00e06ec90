//! Session diagnostics: the checks a developer runs when "my session keeps expiring", as a
//! function returning a report and as the `<SessionDiagnostics>` panel.

mod evaluate;
mod report;
mod run;

pub use evaluate::CookieFacts;
pub use report::{Check, CheckStatus, DiagnosticsReport};
pub use run::{DiagnosticsOptions, run_diagnostics};
