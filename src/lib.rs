//! Clerk authentication for Leptos 0.8, over Clerk's own browser SDK.
//!
//! `leptos-clerk` loads `@clerk/clerk-js` (major 6; 5 keeps working), listens to it once,
//! and hands your components plain Rust snapshots as signals, shaped like Clerk's React
//! SDK: [`use_auth`], [`use_session`], [`use_session_list`], [`use_user`], [`use_clerk`],
//! [`use_sign_in`], [`Show`], [`ClerkLoaded`]…, and a [`SessionSwitcher`] for apps where
//! several accounts are signed in at once.
//!
//! ```no_run
//! use leptos::prelude::*;
//! use leptos_clerk::{ClerkOptions, ClerkProvider, ClerkLoaded, use_session};
//!
//! #[component]
//! fn App() -> impl IntoView {
//!     view! {
//!         <ClerkProvider options=ClerkOptions::new("pk_test_…")>
//!             <ClerkLoaded><Who/></ClerkLoaded>
//!         </ClerkProvider>
//!     }
//! }
//!
//! #[component]
//! fn Who() -> impl IntoView {
//!     let session = use_session().session;
//!     move || match session.get() {
//!         Some(session) => format!("Session {} until {:?}", session.id, session.expire_at),
//!         None => "Signed out".to_string(),
//!     }
//! }
//! ```
//!
//! How it is built: [`bindings`] is the only code that touches JS; [`model`] holds the
//! snapshots and every decision about untrusted input, in pure Rust; the provider copies
//! each clerk-js emit into a snapshot and sets one signal only when it changed; hooks are
//! memos over that signal.

mod actions;
pub mod bindings;
pub mod claims;
mod components;
mod context;
pub mod diagnostics;
mod encoding;
mod error;
mod hooks;
mod loader;
pub mod model;
pub mod refresh;

pub use actions::{
    GetToken, GetTokenOptions, SetActive, SetActiveOptions, SignInWithPassword, SignOut, SignOutOptions,
};
pub use components::{
    ClerkDegraded, ClerkFailed, ClerkLoaded, ClerkLoading, STYLESHEET, SessionDiagnostics,
    SessionExpiryWarning, SessionSwitcher, SessionTimeline, Show, ShowWhen, SignedIn, SignedOut,
};
pub use context::{ClerkContext, ClerkProvider, provide_clerk};
pub use diagnostics::{DiagnosticsOptions, run_diagnostics};
pub use error::ClerkError;
pub use hooks::{
    UseAuthOptions, UseAuthReturn, UseSessionListReturn, UseSessionRefreshOptions, UseSessionRefreshReturn,
    UseSessionReturn, UseSignInReturn, UseUserReturn, try_use_clerk, use_auth, use_auth_with_options,
    use_clerk, use_session, use_session_claims, use_session_list, use_session_refresh,
    use_session_refresh_with_options, use_sign_in, use_user,
};
pub use loader::ClerkOptions;
pub use model::{
    AuthValue, ClerkResources, LoadError, LoadStatus, SessionSnapshot, SessionStatus, UserSnapshot,
};
pub use refresh::{LastTouch, RefreshPolicy, RefreshStatus};

/// README's examples compile and run as doctests, so README stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;
