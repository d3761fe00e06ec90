//! Request authentication as `@clerk/backend`'s `authenticateRequest` decides it, ported as
//! a pure function: no I/O, no clock of its own, no secret key.
//!
//! A request is authenticated in two steps. [`authenticate`] reads what the request carries
//! (its `Authorization` header, Clerk's cookies, the dev browser, whether it is a document
//! navigation) and either settles it at once ([`RequestState`]) or names the session token to
//! verify ([`Step::Verify`]). The caller verifies that token (with
//! [`Verifier`](crate::server::Verifier)) and hands the outcome to [`after_verification`],
//! which settles it. A state is signed in, signed out, or a *handshake*: a redirect through
//! Clerk's Frontend API that refreshes the short-lived `__session` cookie, offered only to a
//! `GET` for a document (a `fetch` is signed out instead, never redirected).
//!
//! Every reason is Clerk's own string (`session-token-and-uat-missing`…), and
//! `tests/differential/authenticate.rs` gives the same requests to Clerk's function and to
//! this one. [`authenticate_request`] runs both steps with a verifier, and resolves a
//! handshake that comes back (`__clerk_handshake`, as a query parameter in development and
//! a cookie in production). Not ported: satellite domains, organization sync, the nonce form
//! of the handshake and refreshing through Clerk's Backend API (both need the secret key
//! this crate never has), and development's retry of a handshake's token with a day of
//! clock skew.
//!
//! ```
//! use leptos_clerk::server::authenticate::{
//!     authenticate, ClerkInstance, RequestFacts, RequestState, Step,
//! };
//!
//! let instance = ClerkInstance::new("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k").unwrap();
//! // A first visit: no cookie at all.
//! let request = RequestFacts::new("GET", "https://example.com/").header("accept", "text/html");
//! let now = 1_900_000_000;
//! match authenticate(&request, &instance, now) {
//!     Step::Done(RequestState::SignedOut { reason }) => {
//!         assert_eq!(reason.to_string(), "session-token-and-uat-missing")
//!     }
//!     other => panic!("{other:?}"),
//! }
//! ```

mod decide;
mod driver;
mod handshake;
mod instance;
mod reason;
mod request;
mod resolve;
mod suffixed;

pub use decide::{
    Carrier, RequestState, Step, TokenOutcome, after_verification, authenticate,
    authenticate_without_handshake,
};
pub use driver::{Authenticated, HandshakeRejected, authenticate_request};
pub use handshake::{handshake_headers, handshake_url};
pub use instance::ClerkInstance;
pub use reason::{AuthReason, NoRefresh};
pub use request::RequestFacts;
pub use resolve::{HandshakeSession, Resolution, resolve_handshake};
