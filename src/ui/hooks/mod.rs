//! Clerk's React hooks in Rust form. Each returns a `Copy` bundle of signals that change
//! only when their value does.

mod use_auth;
mod use_clerk;
mod use_organization;
mod use_organization_list;
mod use_reverification;
mod use_session;
mod use_session_claims;
mod use_session_list;
mod use_session_refresh;
mod use_sign_in;
mod use_sign_up;
mod use_user;
mod use_user_metadata;

pub use use_auth::{UseAuthOptions, UseAuthReturn, use_auth, use_auth_with_options};
pub use use_clerk::{try_use_clerk, use_clerk};
pub use use_organization::{UseOrganizationReturn, use_organization};
pub use use_organization_list::{UseOrganizationListReturn, use_organization_list};
pub use use_reverification::{ReverificationError, Reverify, UseReverificationReturn, use_reverification};
pub use use_session::{UseSessionReturn, use_session};
pub use use_session_claims::use_session_claims;
pub use use_session_list::{UseSessionListReturn, use_session_list};
pub use use_session_refresh::{use_session_refresh, use_session_refresh_with_options};
pub use use_sign_in::{UseSignInReturn, use_sign_in};
pub use use_sign_up::{UseSignUpReturn, use_sign_up};
pub use use_user::{UseUserReturn, use_user};
pub use use_user_metadata::{UseUserMetadataReturn, use_user_metadata};
