//! Clerk's React hooks in Rust form. Each returns a `Copy` bundle of signals that change
//! only when their value does.

mod actions;
mod use_auth;
mod use_clerk;
mod use_session;
mod use_user;

pub use actions::{GetToken, GetTokenOptions, SignOut, SignOutOptions};
pub use use_auth::{UseAuthOptions, UseAuthReturn, use_auth, use_auth_with_options};
pub use use_clerk::{try_use_clerk, use_clerk};
pub use use_session::{UseSessionReturn, use_session};
pub use use_user::{UseUserReturn, use_user};
