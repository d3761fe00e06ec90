//! Tokens and claims: decode a JWT, read Clerk's session claims (or your template's), and
//! verify a token in the browser with WebCrypto.
//!
//! The decoder, the claim types and the checks are plain Rust, shared by the browser and
//! the server halves; only `verify` needs a browser (the server's verifier is
//! `leptos_clerk::server::Verifier`).

mod authorization;
mod checks;
mod jwks;
mod jwt;
mod reverification;
mod session_claims;

#[cfg(feature = "browser")]
pub use crate::runtime::verify;
pub use authorization::{FactorLevel, Require, Reverification};
#[cfg(feature = "server")]
pub(crate) use checks::is_session_category;
pub use checks::{
    TokenClass, VerifyError, VerifyOptions, check_algorithm, check_claims, check_session_token,
};
pub use jwks::{Jwk, Jwks};
pub use jwt::{Jwt, JwtError, JwtHeader, MAX_TOKEN_LEN};
pub use reverification::{ReverificationHint, reverification_error};
pub use session_claims::{ActorClaims, OrganizationClaims, SessionClaims};

#[cfg(test)]
mod tests;
