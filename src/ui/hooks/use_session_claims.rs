//! `use_session_claims`: the current session token's claims, decoded.

use leptos::prelude::*;

use crate::claims::{Jwt, JwtError, SessionClaims};
use crate::runtime::context::context;

/// The claims of the current session's token (`session.lastActiveToken`), decoded but
/// **not verified**: fine for showing who is signed in and what they may do; verify before
/// trusting (a backend should, with the server half of this crate). `None` without a session;
/// a malformed token is an `Err`, never a panic. Updates each time clerk-js refreshes the token.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::use_session_claims;
///
/// #[component]
/// fn OrgRole() -> impl IntoView {
///     let claims = use_session_claims();
///     move || match claims.get() {
///         Some(Ok(claims)) => claims.organization.and_then(|o| o.role).unwrap_or_else(|| "personal".into()),
///         Some(Err(error)) => format!("unreadable token: {error}"),
///         None => "signed out".into(),
///     }
/// }
/// ```
#[track_caller]
pub fn use_session_claims() -> Signal<Option<Result<SessionClaims, JwtError>>> {
    let token = context("use_session_claims").session_token();
    Memo::new(move |_| {
        token.with(|token| {
            token
                .as_deref()
                .map(|token| Jwt::decode(token).and_then(|jwt| SessionClaims::from_jwt(&jwt)))
        })
    })
    .into()
}
