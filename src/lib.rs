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
//! How it is built, from the bottom up (imports only point down; `tests/layers.rs` checks
//! it):
//!
//! - [`js`] is the only code that touches JS: extern types for clerk-js, the reading half
//!   of the converter, one builder for options objects, owned listeners, timers and locks;
//! - [`model`], [`claims`], [`refresh`] and [`diagnostics`] are pure Rust: snapshots and
//!   every decision about untrusted input, tokens and claims, when to touch a session,
//!   what a diagnostic observation means;
//! - [`runtime`] is the provider and what it runs: it copies each clerk-js emit into a
//!   snapshot and sets one signal only when it changed;
//! - the UI layer (hooks, actions, components, re-exported at the crate root) builds on
//!   those signals: hooks are memos over them.

#![warn(missing_docs)]

// Both halves: plain data, the claim types and the pure decisions.
pub mod claims;
pub mod csp;
pub mod diagnostics;
mod encoding;
mod error;
pub mod model;
pub mod refresh;

// The browser half, bottom to top.
#[cfg(feature = "browser")]
pub mod js;
#[cfg(feature = "browser")]
pub mod runtime;
#[cfg(feature = "browser")]
mod ui;

// The server half.
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "server")]
pub mod server;

pub use error::ClerkError;
pub use model::{
    AuthValue, ClerkResources, FlowError, FlowField, InvitationSnapshot, LoadError, LoadStatus,
    MemberSnapshot, MembershipSnapshot, OAuthStrategy, OrganizationSnapshot, Page, SecondFactor,
    SecondFactorStep, SecondFactorStrategy, SessionSnapshot, SessionStatus, SignInStep, SignUpStep,
    UserMetadata, UserSnapshot,
};
pub use refresh::{LastTouch, RefreshPolicy, RefreshStatus, UseSessionRefreshOptions};

#[cfg(feature = "browser")]
pub use runtime::{
    Appearance, AppearanceLayout, AppearanceVariables, ClerkContext, ClerkOptions, ClerkProvider,
    PANIC_ALERT_ID, PrebuiltError, UseSessionRefreshReturn, install_panic_hook, provide_clerk,
};
#[cfg(feature = "browser")]
pub use ui::actions::{
    ApiReply, ApiRequest, AuthenticatedFetch, ClerkServerFnClient, CreateOrganizationAction, FetchError,
    GetToken, GetTokenOptions, ListInvitations, ListMemberships, RedirectCallbackOptions, RedirectOptions,
    ReloadUser, SetActive, SetActiveOptions, SignInSecondFactor, SignInWithEmailCode, SignInWithPassword,
    SignInWithRedirect, SignOut, SignOutOptions, SignUpWithPassword, handle_redirect_callback,
    redirect_to_after_sign_out, redirect_to_sign_in, redirect_to_sign_up, redirect_to_user_profile,
};
#[cfg(feature = "browser")]
pub use ui::components::{
    AuthenticateWithRedirectCallback, ButtonMode, ClerkDegraded, ClerkFailed, ClerkLoaded, ClerkLoading,
    CreateOrganization, MenuItem, ModalOptions, OrganizationList, OrganizationProfile, OrganizationSwitcher,
    ProfilePage, RedirectToSignIn, RedirectToSignUp, Routing, STYLESHEET, SessionDiagnostics,
    SessionExpiryWarning, SessionSwitcher, SessionTimeline, Show, ShowCondition, ShowWhen, SignIn,
    SignInButton, SignOutButton, SignUp, SignUpButton, SignedIn, SignedOut, UserAvatar, UserButton,
    UserProfile, UserProfileMode,
};
#[cfg(feature = "browser")]
pub use ui::diagnostics::{DiagnosticsOptions, run_diagnostics};
#[cfg(feature = "browser")]
pub use ui::hooks::{
    ReverificationError, Reverify, UseAuthOptions, UseAuthReturn, UseOrganizationListReturn,
    UseOrganizationReturn, UseReverificationReturn, UseSessionListReturn, UseSessionReturn, UseSignInReturn,
    UseSignUpReturn, UseUserMetadataReturn, UseUserReturn, try_use_clerk, use_auth, use_auth_with_options,
    use_clerk, use_organization, use_organization_list, use_reverification, use_session, use_session_claims,
    use_session_list, use_session_refresh, use_session_refresh_with_options, use_sign_in, use_sign_up,
    use_user, use_user_metadata,
};

/// README's examples compile and run as doctests, so README stays true (with the default
/// features, which they use).
#[cfg(all(doctest, feature = "browser", feature = "session-refresh"))]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;
