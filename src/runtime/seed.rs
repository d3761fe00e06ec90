//! The server's [`AuthSeed`], carried to the browser in Leptos' hydration data.
//!
//! Only server-rendered apps pay for it: without the `ssr` or `hydrate` feature the slot is
//! empty, its answers are constant `None`, and the code reading a seed is not compiled in.

#[cfg(any(feature = "ssr", feature = "hydrate"))]
use leptos::prelude::*;

use crate::claims::SessionClaims;
#[cfg(any(feature = "ssr", feature = "hydrate"))]
use crate::model::AuthSeed;
use crate::model::AuthSummary;

/// Where the provider keeps the seed of the page being rendered.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SeedSlot {
    #[cfg(any(feature = "ssr", feature = "hydrate"))]
    seed: StoredValue<AuthSeed>,
}

impl SeedSlot {
    /// The seed of this render. On the server (feature `ssr`) it is read from the request
    /// and written into the hydration data; in the browser (feature `hydrate`) the same value
    /// is read back from there, so both sides render the same first view.
    ///
    /// A `SharedValue` takes the next hydration id, so the provider makes the slot first,
    /// before anything below it can take one, on both sides alike.
    pub(crate) fn new() -> Self {
        Self {
            #[cfg(any(feature = "ssr", feature = "hydrate"))]
            seed: StoredValue::new(SharedValue::new(request_seed).into_inner()),
        }
    }

    /// `use_auth()`'s answer from the seed, if it says anything.
    pub(crate) fn summary(&self, treat_pending_as_signed_out: bool) -> Option<AuthSummary> {
        #[cfg(any(feature = "ssr", feature = "hydrate"))]
        return self
            .seed
            .with_value(|seed| seed.summary(treat_pending_as_signed_out));
        #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
        {
            let _ = treat_pending_as_signed_out;
            None
        }
    }

    /// The seed's claims, when it has readable ones.
    pub(crate) fn claims(&self) -> Option<SessionClaims> {
        #[cfg(any(feature = "ssr", feature = "hydrate"))]
        return self.seed.with_value(AuthSeed::claims);
        #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
        None
    }
}

/// What the request's authentication left in its extensions (`ClerkLayer` puts an
/// [`AuthSeed`] there); unknown when there is no request or no layer.
#[cfg(feature = "ssr")]
fn request_seed() -> AuthSeed {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<AuthSeed>().cloned())
        .unwrap_or_default()
}

/// In the browser, a value missing from the hydration data (a page rendered without a
/// server) is unknown.
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn request_seed() -> AuthSeed {
    AuthSeed::Unknown
}
