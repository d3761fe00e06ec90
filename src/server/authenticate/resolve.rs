//! A handshake coming back: the cookies Clerk's Frontend API sends for this app, carried in
//! the verified `__clerk_handshake` token, replayed on the response.

use super::handshake::url_without;
use super::instance::ClerkInstance;
use super::request::RequestFacts;

/// What a handshake brought back: the `Set-Cookie` directives to replay, where a
/// development instance sends the browser next (the same URL without the handshake's
/// parameters), and the new session token among the directives, to verify.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolution {
    /// Every directive, verbatim, as a `Set-Cookie` header.
    pub set_cookies: Vec<String>,
    /// Development only: a redirect to the clean URL (`Cache-Control: no-store`).
    pub location: Option<String>,
    /// The new session among the directives.
    pub session: HandshakeSession,
}

/// The new session a handshake brought back, read as `@clerk/backend`'s `resolveHandshake`
/// reads it: from the last `__session…` directive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HandshakeSession {
    /// No `__session…` directive, or an empty one: the handshake signed out.
    SignedOut,
    /// The last `__session…` directive's value, to verify.
    Token(String),
    /// The last `__session…` directive has no `=`: Clerk's backend reads its value as
    /// `undefined`, fails to verify it and ignores the whole handshake.
    Unreadable,
}

/// `resolveHandshake`'s reading of `directives` (from
/// [`Verifier::verify_handshake`](crate::server::Verifier::verify_handshake)).
///
/// ```
/// use leptos_clerk::server::authenticate::{resolve_handshake, ClerkInstance, HandshakeSession, RequestFacts};
/// let instance = ClerkInstance::new("pk_test_Y2xlcmsuZXhhbXBsZS5jb20k").unwrap();
/// let request = RequestFacts::new("GET", "https://example.com/a?__clerk_handshake=x&b=1");
/// let resolution = resolve_handshake(&request, &instance, vec![
///     "__client_uat=1700000000; Path=/".into(),
///     "__session=eyJ.a.b; Path=/".into(),
/// ]);
/// assert_eq!(resolution.session, HandshakeSession::Token("eyJ.a.b".into()));
/// assert_eq!(resolution.location.as_deref(), Some("https://example.com/a?b=1"));
/// ```
pub fn resolve_handshake(
    request: &RequestFacts,
    instance: &ClerkInstance,
    directives: Vec<String>,
) -> Resolution {
    let session = match directives
        .iter()
        .filter(|directive| cookie_name(directive).starts_with("__session"))
        .map(|directive| cookie_value(directive))
        .next_back()
    {
        None | Some(Some("")) => HandshakeSession::SignedOut,
        Some(Some(token)) => HandshakeSession::Token(token.to_owned()),
        Some(None) => HandshakeSession::Unreadable,
    };
    let location = instance.is_development().then(|| {
        url_without(
            request.url(),
            &[
                "__clerk_handshake",
                "__clerk_help",
                "__clerk_db_jwt",
                "__clerk_handshake_nonce",
            ],
        )
    });
    Resolution {
        set_cookies: directives,
        location,
        session,
    }
}

/// `getCookieName`: up to the first `=` of the first `;`-part.
fn cookie_name(directive: &str) -> &str {
    let first = directive.split(';').next().unwrap_or_default();
    first.split('=').next().unwrap_or_default()
}

/// `getCookieValue`: between the first and the second `=` of the first `;`-part; `None`
/// (JavaScript's `undefined`) when that part has no `=`.
fn cookie_value(directive: &str) -> Option<&str> {
    let first = directive.split(';').next().unwrap_or_default();
    first.split('=').nth(1)
}
