//! Components: render by load status and by sign-in state.

mod control;
mod diagnostics;
mod expiry_warning;
mod session_switcher;
mod show;
mod timeline;

pub use control::{ClerkDegraded, ClerkFailed, ClerkLoaded, ClerkLoading};
pub use diagnostics::SessionDiagnostics;
pub use expiry_warning::SessionExpiryWarning;
pub use session_switcher::SessionSwitcher;
pub use show::{Show, ShowWhen, SignedIn, SignedOut};
pub use timeline::SessionTimeline;

/// The components' stylesheet (`style/leptos-clerk.css`), for apps that would rather
/// inline it than copy or link the file: `view! { <style>{STYLESHEET}</style> }`.
///
/// ```
/// assert!(leptos_clerk::STYLESHEET.contains("--lc-switcher-accent"));
/// assert!(leptos_clerk::STYLESHEET.contains(".lc-expiry"));
/// ```
pub const STYLESHEET: &str = include_str!("../../style/leptos-clerk.css");
