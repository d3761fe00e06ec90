//! Components: render by load status and by sign-in state.

mod control;
mod show;

pub use control::{ClerkDegraded, ClerkFailed, ClerkLoaded, ClerkLoading};
pub use show::{Show, ShowWhen, SignedIn, SignedOut};
