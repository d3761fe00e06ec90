//! The server half: verify Clerk session tokens in a Rust backend, with the same claim
//! types the browser half reads. Behind the `server` feature; the axum integration is in
//! [`crate::axum`] (feature `axum`).

pub mod authenticate;
mod keys;
mod verifier;

pub use keys::{HttpJwks, JwksSource};
pub use verifier::{ConfigError, Verified, Verifier, VerifierBuilder};

#[cfg(test)]
mod tests;
