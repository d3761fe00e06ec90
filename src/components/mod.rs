//! Components: render by load status and by sign-in state.

mod control;
mod session_switcher;
mod show;

pub use control::{ClerkDegraded, ClerkFailed, ClerkLoaded, ClerkLoading};
pub use session_switcher::{SESSION_SWITCHER_CSS, SessionSwitcher};
pub use show::{Show, ShowWhen, SignedIn, SignedOut};
