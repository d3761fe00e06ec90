//! [`AuthReason`]: why a request is signed out or handshakes, in Clerk's words.

use std::fmt;

/// Why a request was not simply signed in. [`Display`](fmt::Display) gives `@clerk/backend`'s
/// string (its `AuthErrorReason`, or for a refused token its `TokenVerificationErrorReason`),
/// which is also what Clerk's `x-clerk-auth-reason` debug header carries.
///
/// ```
/// use leptos_clerk::server::authenticate::AuthReason;
/// assert_eq!(AuthReason::ClientUatWithoutSessionToken.to_string(), "client-uat-but-no-session-token");
/// use leptos_clerk::server::authenticate::NoRefresh;
/// assert_eq!(
///     AuthReason::SessionTokenExpired(NoRefresh::NoRefreshCookie).to_string(),
///     "session-token-expired-refresh-non-eligible-no-refresh-cookie"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthReason {
    /// `__client_uat` says signed in, but there is no `__session`.
    ClientUatWithoutSessionToken,
    /// Development: the request has no dev browser token yet (every first visit).
    DevBrowserMissing,
    /// Development: the URL carries a dev browser token to take into cookies.
    DevBrowserSync,
    /// A document navigation arrived from another site (a satellite, say).
    PrimaryDomainCrossOriginSync,
    /// Neither `__client_uat` nor `__session`: signed out, nothing to ask.
    SessionTokenAndUatMissing,
    /// `__session` is past `exp`, and it was not refreshed on the server (why not, in
    /// Clerk's suffix).
    SessionTokenExpired(NoRefresh),
    /// `__session` was minted before the client last changed (a sign-out, a switch).
    SessionTokenIatBeforeClientUat,
    /// `__session` is not valid yet (`nbf`).
    SessionTokenNotBefore,
    /// `__session`'s `iat` is in the future: a skewed clock.
    SessionTokenIatInTheFuture,
    /// `__session` without `__client_uat` (or with `0`).
    SessionTokenWithoutClientUat,
    /// A handshake came back without a session: signed out at Clerk.
    SessionTokenMissing,
    /// An OAuth access token, a machine's token, or a JWT template's (`cat`) where a session
    /// token belongs.
    TokenTypeMismatch,
    /// Something this port did not expect (Clerk's catch-all).
    UnexpectedError,
    /// The token failed verification otherwise; Clerk's reason (`token-invalid-signature`…).
    TokenRefused(&'static str),
}

/// Why an expired `__session` was not refreshed on the server. Clerk refreshes a GET's
/// expired token through its Backend API when the request has a `__refresh` cookie; that
/// takes the secret key, which this crate never has, so such a request ends as Clerk's does
/// without one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoRefresh {
    /// Not a GET.
    NotGet,
    /// No `__refresh` cookie.
    NoRefreshCookie,
    /// A `__refresh` cookie, but no Backend API client (no secret key).
    NoBackendApi,
}

impl fmt::Display for AuthReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AuthReason::ClientUatWithoutSessionToken => "client-uat-but-no-session-token",
            AuthReason::DevBrowserMissing => "dev-browser-missing",
            AuthReason::DevBrowserSync => "dev-browser-sync",
            AuthReason::PrimaryDomainCrossOriginSync => "primary-domain-cross-origin-sync",
            AuthReason::SessionTokenAndUatMissing => "session-token-and-uat-missing",
            AuthReason::SessionTokenExpired(NoRefresh::NotGet) => {
                "session-token-expired-refresh-non-eligible-non-get"
            }
            AuthReason::SessionTokenExpired(NoRefresh::NoRefreshCookie) => {
                "session-token-expired-refresh-non-eligible-no-refresh-cookie"
            }
            AuthReason::SessionTokenExpired(NoRefresh::NoBackendApi) => {
                "session-token-expired-refresh-missing-api-client"
            }
            AuthReason::SessionTokenIatBeforeClientUat => "session-token-iat-before-client-uat",
            AuthReason::SessionTokenNotBefore => "session-token-nbf",
            AuthReason::SessionTokenIatInTheFuture => "session-token-iat-in-the-future",
            AuthReason::SessionTokenWithoutClientUat => "session-token-but-no-client-uat",
            AuthReason::SessionTokenMissing => "session-token-missing",
            AuthReason::TokenTypeMismatch => "token-type-mismatch",
            AuthReason::UnexpectedError => "unexpected-error",
            AuthReason::TokenRefused(reason) => reason,
        })
    }
}
