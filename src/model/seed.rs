//! [`AuthSeed`]: what the server knew of the request's user when it rendered the page.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::auth::AuthSummary;
use crate::claims::SessionClaims;

/// What the server knew of the request's user when it rendered the page, handed to the
/// browser through Leptos' hydration data so that `use_auth()` and `<Show>` render the same
/// on both sides until clerk-js has loaded (Clerk's `initialState` in its SSR SDKs).
///
/// It carries a verified session token's claims, never the token itself: claims without a
/// signature prove nothing, so nothing can replay them.
///
/// With the `ssr` feature, [`ClerkLayer`](crate::axum::ClerkLayer) puts one in every
/// request's extensions, where the provider finds it through `leptos_axum`'s request parts.
///
/// ```
/// use leptos_clerk::model::AuthSeed;
/// let seed: AuthSeed = serde_json::from_str(r#"{"state":"signed_out"}"#).unwrap();
/// assert_eq!(seed, AuthSeed::SignedOut);
/// assert_eq!(seed.summary(true).unwrap().is_signed_in, Some(false));
/// assert_eq!(AuthSeed::Unknown.summary(true), None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum AuthSeed {
    /// The server did not authenticate the request (no layer, or a token it could not
    /// verify): render as loading, as a client-rendered app does.
    #[default]
    Unknown,
    /// No one is signed in.
    SignedOut,
    /// A verified session token's claims (its payload; no header, no signature).
    SignedIn {
        /// The token's payload.
        claims: Map<String, Value>,
    },
}

impl AuthSeed {
    /// The seed of a verified token's claims.
    pub fn signed_in(claims: &SessionClaims) -> Self {
        Self::SignedIn {
            claims: claims.all.clone(),
        }
    }

    /// The claims, when signed in and readable. Claims that no longer read (a payload
    /// edited in the page) give `None`: the seed then counts as unknown.
    pub fn claims(&self) -> Option<SessionClaims> {
        match self {
            Self::SignedIn { claims } => SessionClaims::from_payload(claims).ok(),
            Self::Unknown | Self::SignedOut => None,
        }
    }

    /// `use_auth()`'s answer from the seed; `None` when it says nothing.
    pub fn summary(&self, treat_pending_as_signed_out: bool) -> Option<AuthSummary> {
        match self {
            Self::Unknown => None,
            Self::SignedOut => Some(AuthSummary::signed_out()),
            Self::SignedIn { .. } => self
                .claims()
                .map(|claims| AuthSummary::from_claims(&claims, treat_pending_as_signed_out)),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn payload(extra: Value) -> Map<String, Value> {
        let mut claims = json!({
            "iss": "https://clerk.example.com", "sub": "user_1", "sid": "sess_1",
            "exp": 2_000_000_000, "iat": 1_999_999_940, "v": 2,
            "o": { "id": "org_1", "slg": "acme", "rol": "admin" }
        });
        claims
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        claims.as_object().unwrap().clone()
    }

    #[test]
    fn signed_in_seed_names_the_user_session_and_organization() {
        let seed = AuthSeed::SignedIn {
            claims: payload(json!({})),
        };
        let summary = seed.summary(true).unwrap();
        assert!(summary.is_loaded);
        assert_eq!(summary.is_signed_in, Some(true));
        assert_eq!(summary.user_id.as_deref(), Some("user_1"));
        assert_eq!(summary.session_id.as_deref(), Some("sess_1"));
        assert_eq!(summary.org_id.as_deref(), Some("org_1"));
    }

    #[test]
    fn a_pending_session_is_signed_out_unless_asked_otherwise() {
        let seed = AuthSeed::SignedIn {
            claims: payload(json!({ "sts": "pending" })),
        };
        assert_eq!(seed.summary(true).unwrap().is_signed_in, Some(false));
        assert_eq!(seed.summary(false).unwrap().is_signed_in, Some(true));
    }

    #[test]
    fn unreadable_claims_say_nothing() {
        let seed = AuthSeed::SignedIn {
            claims: payload(json!({ "sub": 7 })),
        };
        assert_eq!(seed.summary(true), None);
    }

    #[test]
    fn the_wire_form_round_trips() {
        for seed in [
            AuthSeed::Unknown,
            AuthSeed::SignedOut,
            AuthSeed::SignedIn {
                claims: payload(json!({})),
            },
        ] {
            let text = serde_json::to_string(&seed).unwrap();
            assert_eq!(serde_json::from_str::<AuthSeed>(&text).unwrap(), seed);
        }
    }
}
