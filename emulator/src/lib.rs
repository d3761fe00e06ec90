//! clerk-emulator: a local server that speaks enough of Clerk's Frontend API (FAPI) for the
//! unmodified clerk-js bundle to load, keep sessions alive and mint tokens with no network.
//!
//! It is the demo's default backend and the end-to-end tests' Clerk. Everything about the
//! instance (its first users, lifetimes, single- or multi-session) comes from one TOML file;
//! see `emulator.toml`.
//!
//! Clerk's own UI components (`@clerk/ui`: SignIn, SignUp, UserButton, UserProfile) run
//! against it for email + password. Sign-up verifies the address with a code that is never
//! sent: type [`VERIFICATION_CODE`] (`424242`). Accounts made that way live until the
//! emulator stops.
//!
//! Not for production: it signs in anyone who asks. It answers only the callers its
//! [`Access`] allows (loopback hosts and origins unless told others), and its own routes
//! under `/__emulator/` need the admin token in [`ADMIN_TOKEN_HEADER`].
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! use clerk_emulator::{Config, DEFAULT_CONFIG, Emulator, router};
//! let emulator = Emulator::new(Config::parse(DEFAULT_CONFIG).unwrap()).unwrap();
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8787").await?;
//! axum::serve(listener, router(emulator, None)).await
//! # }
//! ```

mod access;
mod clock;
mod config;
mod demo_api;
mod emulator;
mod fapi;
mod faults;
mod form;
mod gate;
mod http;
mod json;
mod locks;
mod organizations;
mod random;
mod static_site;
mod store;
mod templates;
mod token;
mod users;

pub use access::{ADMIN_TOKEN_HEADER, Access};
pub use config::{Config, DEFAULT_CONFIG};
pub use emulator::{Emulator, TouchRecord};
pub use fapi::VERIFICATION_CODE;
pub use faults::FaultSpec;
pub use http::{PROXY_PREFIX, router};
pub use organizations::ActiveOrganization;
pub use static_site::StaticSite;
pub use token::{SESSION_TOKEN_CATEGORY, Signer, TEMPLATE_TOKEN_CATEGORY};
