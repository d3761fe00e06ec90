//! [`ClerkAuth`]: who made the request, from a verified session token.

use std::sync::Arc;

use crate::claims::{SessionClaims, VerifyError};

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
}

/// What a route may require.
///
/// ```
/// use leptos_clerk::axum::Require;
/// let admins = Require::role("org:admin");
/// let billing = Require::permission("org:billing:manage");
/// # let _ = (admins, billing);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Require {
    /// Any signed-in user.
    SignedIn,
    /// This organization role (`org:admin`; `admin` matches too).
    Role(String),
    /// This organization permission (`org:<feature>:<permission>`).
    Permission(String),
}

impl Require {
    /// An organization role.
    pub fn role(role: impl Into<String>) -> Self {
        Require::Role(role.into())
    }

    /// An organization permission.
    pub fn permission(permission: impl Into<String>) -> Self {
        Require::Permission(permission.into())
    }
}

impl std::fmt::Display for Require {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Require::SignedIn => f.write_str("a signed-in user"),
            Require::Role(role) => write!(f, "the role {role}"),
            Require::Permission(permission) => write!(f, "the permission {permission}"),
        }
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

    /// Whether the user meets `requirement`.
    pub fn has(&self, requirement: &Require) -> bool {
        match requirement {
            Require::SignedIn => true,
            Require::Role(role) => self.claims.has_role(role),
            Require::Permission(permission) => self.claims.has_permission(permission),
        }
    }
}
