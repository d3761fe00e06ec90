//! Server functions: who is calling, and whether they may.
//!
//! `leptos_axum` puts the request's parts in context while a server function runs, and
//! [`ClerkLayer`](super::ClerkLayer) has left the request's [`Authentication`] in them; these
//! read it and, when they refuse, set the response's status (401 or 403) through
//! `leptos_axum`'s `ResponseOptions`, as Clerk's `auth.protect()` answers a server action.

use std::fmt;

use http::{HeaderValue, StatusCode, header};
use leptos::prelude::*;

use super::auth::{Authentication, ClerkAuth};
use crate::claims::Require;

/// Why a server function refused its caller. The response's status already says so (401 or
/// 403); it is an `Error`, so `?` turns it into a `ServerFnError` in a server function.
///
/// ```
/// use leptos::prelude::ServerFnError;
/// use leptos_clerk::axum::ServerAuthError;
/// let error: ServerFnError = ServerAuthError::SignedOut.into();
/// assert_eq!(error.to_string(), "error running server function: signed out");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ServerAuthError {
    /// No signed-in session on the request (401). A pending session counts as signed out
    /// unless the layer was built with `treat_pending_as_signed_out(false)`.
    SignedOut,
    /// Signed in, without the role, permission, feature or plan asked for (403).
    Forbidden,
}

impl ServerAuthError {
    /// The HTTP status that says the same.
    pub fn status(self) -> StatusCode {
        match self {
            ServerAuthError::SignedOut => StatusCode::UNAUTHORIZED,
            ServerAuthError::Forbidden => StatusCode::FORBIDDEN,
        }
    }
}

impl fmt::Display for ServerAuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ServerAuthError::SignedOut => "signed out",
            ServerAuthError::Forbidden => "forbidden",
        })
    }
}

impl std::error::Error for ServerAuthError {}

/// The signed-in caller of the running server function, or [`ServerAuthError::SignedOut`]
/// with the response set to 401.
///
/// A fetch is never redirected through Clerk's handshake, so a server function called with
/// a stale cookie is signed out here: call it through
/// [`ClerkServerFnClient`](crate::ClerkServerFnClient), which sends the current token as a
/// Bearer header.
///
/// ```ignore
/// use leptos::prelude::*;
/// use leptos_clerk::axum::server_auth;
///
/// #[server(client = leptos_clerk::ClerkServerFnClient)]
/// async fn my_orders() -> Result<Vec<String>, ServerFnError> {
///     let auth = server_auth()?;
///     Ok(vec![format!("the orders of {}", auth.user_id())])
/// }
/// ```
pub fn server_auth() -> Result<ClerkAuth, ServerAuthError> {
    let authentication = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Authentication>().cloned());
    match authentication {
        Some(Authentication::SignedIn(auth)) => Ok(auth),
        _ => Err(refuse(ServerAuthError::SignedOut)),
    }
}

/// The caller of the running server function when it meets `require` (a role, permission,
/// feature, plan or recent verification, by Clerk's `has()`); otherwise 401 signed out, or
/// 403 signed in without it.
///
/// ```ignore
/// use leptos::prelude::*;
/// use leptos_clerk::axum::{server_protect, Require};
///
/// #[server(client = leptos_clerk::ClerkServerFnClient)]
/// async fn invite(email: String) -> Result<(), ServerFnError> {
///     let auth = server_protect(&Require::permission("org:sys_memberships:manage"))?;
///     let _ = (auth.org_id(), email);
///     Ok(())
/// }
/// ```
pub fn server_protect(require: &Require) -> Result<ClerkAuth, ServerAuthError> {
    let auth = server_auth()?;
    if auth.has(require) {
        Ok(auth)
    } else {
        Err(refuse(ServerAuthError::Forbidden))
    }
}

/// Sets the response's status (and, for 401, the scheme to authenticate with) when
/// `leptos_axum` is serving the call.
fn refuse(error: ServerAuthError) -> ServerAuthError {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status());
        if error == ServerAuthError::SignedOut {
            response.insert_header(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
    }
    error
}
