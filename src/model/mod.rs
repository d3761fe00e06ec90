//! Plain Rust snapshots of Clerk's state, and the pure half of the converter.
//!
//! Nothing here touches JS. The `js` layer reads each property of a clerk-js
//! object into a [`RawValue`]; the functions here decide what it means: defaults, validation
//! and typed errors. Every type is `Clone + PartialEq`, so the provider can compare two
//! emits and skip the ones that changed nothing.

mod accounts;
mod auth;
mod backoff;
mod client;
mod duration;
mod flow_error;
mod metadata;
mod navigation;
mod oauth;
mod organization;
mod page;
mod peer_touch;
mod problem;
mod publishable_key;
mod raw;
mod reader;
mod script;
mod second_factor;
mod seed;
mod session;
mod sign_in;
mod sign_up;
mod state;
mod status;
mod time;
mod user;

pub use accounts::SignedInAccounts;
pub use auth::AuthSummary;
pub use backoff::Backoff;
pub use client::ClientSnapshot;
pub use duration::{Millis, human_duration};
pub use flow_error::{FlowError, FlowField};
pub use metadata::{METADATA_MAX_DEPTH, METADATA_MAX_VALUES, UserMetadata};
pub use navigation::in_app_path;
pub use oauth::OAuthStrategy;
pub use organization::{InvitationSnapshot, MemberSnapshot, MembershipSnapshot, OrganizationSnapshot};
pub use page::Page;
pub use peer_touch::PeerTouch;
pub(crate) use problem::Problems;
pub use problem::{ConvertProblem, FieldProblem};
pub use publishable_key::{InstanceType, InvalidKey, PublishableKey};
pub use raw::{RawObject, RawValue};
pub use script::ScriptFailure;
pub use second_factor::{SecondFactor, SecondFactorOffer, SecondFactorStep, SecondFactorStrategy};
pub use seed::AuthSeed;
pub use session::{SessionSnapshot, SessionStatus};
pub use sign_in::{EmailCodeFactor, SignInNext, SignInProgress, SignInStep};
pub use sign_up::{SignUpNext, SignUpProgress, SignUpStep};
pub use state::{AuthValue, ClerkResources};
pub use status::{LoadError, LoadStatus, load_retry_delay};
pub use time::time_ms;
pub use user::UserSnapshot;

#[cfg(test)]
mod tests;
