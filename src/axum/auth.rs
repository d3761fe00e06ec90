//! [`ClerkAuth`]: who made the request, from a verified session token.

use std::sync::Arc;

use super::rejection::AuthRejection;
use crate::claims::{Require, SessionClaims, VerifyError};

/// What the layer found on a request. Put in the request's extensions by
/// [`ClerkLayer`](super::ClerkLayer).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Authentication {
    /// A valid session token.
    SignedIn(ClerkAuth),
    /// No token at all.
    SignedOut,
    /// A valid token of a session with a task still to do (`sts: pending`: choose an
    /// organization, reset a password…). Signed out for every route, as in Clerk's SDKs,
    /// unless the layer was built with `treat_pending_as_signed_out(false)`.
    Pending(ClerkAuth),
    /// A token that did not verify, and why (logged, never sent to the client).
    Invalid(VerifyError),
    /// A request the layer would not authenticate whatever its token: signed out.
    Refused(RequestRefusal),
}

/// Why [`ClerkLayer`](super::ClerkLayer) treated a request as signed out without verifying
/// its token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestRefusal {
    /// The session cookie came with a state-changing request (not GET, HEAD or OPTIONS)
    /// from a page of another site, or from a client that did not say where it came from:
    /// a cross-site request forgery, unless that origin is allowed
    /// ([`ClerkLayer::allowed_origins`](super::ClerkLayer::allowed_origins)).
    CrossSiteCookie,
    /// Several different `__session` cookies: one may have been planted by a sibling
    /// subdomain, and there is no telling which is the user's.
    ConflictingCookies,
}

impl std::fmt::Display for RequestRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RequestRefusal::CrossSiteCookie => {
                "a session cookie on a state-changing request from another origin (CSRF?)"
            }
            RequestRefusal::ConflictingCookies => "several different __session cookies",
        })
    }
}

/// The signed-in user of a request: an axum extractor that answers 401 by itself when there
/// is none.
///
/// ```no_run
/// use axum::Json;
/// use leptos_clerk::axum::ClerkAuth;
///
/// async fn me(auth: ClerkAuth) -> Json<serde_json::Value> {
///     Json(serde_json::json!({ "user_id": auth.user_id(), "org_id": auth.org_id() }))
/// }
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ClerkAuth {
    claims: Arc<SessionClaims>,
}

impl ClerkAuth {
    pub(crate) fn new(claims: SessionClaims) -> Self {
        Self {
            claims: Arc::new(claims),
        }
    }

    /// The user's id (`sub`).
    pub fn user_id(&self) -> &str {
        &self.claims.user_id
    }

    /// The session's id (`sid`).
    pub fn session_id(&self) -> Option<&str> {
        self.claims.session_id.as_deref()
    }

    /// The active organization's id.
    pub fn org_id(&self) -> Option<&str> {
        self.claims.organization.as_ref().map(|org| org.id.as_str())
    }

    /// The member's role in the active organization.
    pub fn org_role(&self) -> Option<&str> {
        self.claims
            .organization
            .as_ref()
            .and_then(|org| org.role.as_deref())
    }

    /// The member's permissions in the active organization.
    pub fn org_permissions(&self) -> &[String] {
        self.claims
            .organization
            .as_ref()
            .map_or(&[], |org| org.permissions.as_slice())
    }

    /// Every claim, typed.
    pub fn claims(&self) -> &SessionClaims {
        &self.claims
    }

    /// Whether the user meets `requirement`: Clerk's `has()` ([`SessionClaims::has`]).
    ///
    /// ```no_run
    /// use leptos_clerk::axum::{ClerkAuth, Require};
    ///
    /// async fn export(auth: ClerkAuth) -> &'static str {
    ///     if auth.has(&Require::permission("org:reports:export")) { "here it is" } else { "ask an admin" }
    /// }
    /// ```
    pub fn has(&self, requirement: &Require) -> bool {
        self.claims.has(requirement)
    }

    /// `Ok` when the user meets `requirement`; else the answer to send: Clerk's
    /// reverification body when only a recent verification is missing (the user can fix
    /// that, and Clerk's SDKs know how), a plain 403 otherwise.
    ///
    /// ```no_run
    /// use leptos_clerk::axum::{AuthRejection, ClerkAuth, Require, Reverification};
    ///
    /// async fn delete_account(auth: ClerkAuth) -> Result<&'static str, AuthRejection> {
    ///     auth.require(&Require::reverification(Reverification::Strict))?;
    ///     Ok("deleted")
    /// }
    /// ```
    pub fn require(&self, requirement: &Require) -> Result<(), AuthRejection> {
        match requirement.reverification_asked() {
            _ if self.has(requirement) => Ok(()),
            Some(reverification) if self.has(&requirement.without_reverification()) => {
                Err(AuthRejection::ReverificationRequired(reverification))
            }
            _ => Err(AuthRejection::Forbidden(requirement.to_string())),
        }
    }
}
