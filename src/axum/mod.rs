//! axum integration (feature `axum`): [`ClerkLayer`] authenticates, [`ClerkAuth`] extracts
//! the user (401 when there is none), [`protect`] guards a path prefix by role or
//! permission (401 / 403). Error bodies are JSON; why a token was refused goes to the log
//! (`tracing`), never to the client.

mod auth;
mod carried_token;
mod guard;
mod layer;
mod path;
mod rejection;
#[cfg(feature = "ssr")]
mod server_fn;

pub use crate::claims::{FactorLevel, Require, Reverification};
pub use auth::{Authentication, ClerkAuth, RequestRefusal};
pub use guard::{Protect, ProtectLayer, protect};
pub use layer::{ClerkLayer, ClerkService};
pub use rejection::AuthRejection;
#[cfg(feature = "ssr")]
pub use server_fn::{ServerAuthError, server_auth, server_protect};

#[cfg(test)]
mod tests;
