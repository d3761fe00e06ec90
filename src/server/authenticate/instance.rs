//! [`ClerkInstance`]: what request authentication needs to know of the Clerk instance.

use sha1::{Digest, Sha1};

use crate::model::{InstanceType, InvalidKey, PublishableKey};

/// The instance a server authenticates for, from its publishable key: development or
/// production, its Frontend API host, and the suffix clerk-js gives its cookies.
///
/// ```
/// use leptos_clerk::server::authenticate::ClerkInstance;
/// let instance = ClerkInstance::new("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k").unwrap();
/// assert_eq!(instance.frontend_api(), "clerk.example.com");
/// assert_eq!(instance.cookie_suffix().len(), 8);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClerkInstance {
    key: PublishableKey,
    cookie_suffix: String,
}

impl ClerkInstance {
    /// The instance of `publishable_key`.
    pub fn new(publishable_key: &str) -> Result<Self, InvalidKey> {
        let key = PublishableKey::parse(publishable_key)?;
        Ok(Self {
            cookie_suffix: cookie_suffix(publishable_key.trim()),
            key,
        })
    }

    /// Development (`pk_test_`) or production (`pk_live_`).
    pub fn instance_type(&self) -> InstanceType {
        self.key.instance_type
    }

    /// The Frontend API host, e.g. `clerk.example.com`.
    pub fn frontend_api(&self) -> &str {
        &self.key.frontend_api
    }

    /// What clerk-js appends to its cookies' names (`__session_<suffix>`): the first eight
    /// characters of the base64url SHA-1 of the publishable key, so that apps of several
    /// instances on one host (cookies ignore ports) keep apart.
    pub fn cookie_suffix(&self) -> &str {
        &self.cookie_suffix
    }

    pub(super) fn is_development(&self) -> bool {
        self.key.instance_type == InstanceType::Development
    }

    /// Whether a token's `iss` names this instance, compared as Clerk does: every
    /// `http://` and `https://` removed (in any case, anywhere), then equal to the host.
    pub(super) fn issued_loosely(&self, issuer: &str) -> bool {
        let mut rest = issuer;
        let mut stripped = String::with_capacity(issuer.len());
        while !rest.is_empty() {
            let lower = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
            if lower.starts_with("https://") {
                rest = &rest[8..];
            } else if lower.starts_with("http://") {
                rest = &rest[7..];
            } else {
                let next = rest.chars().next().map_or(1, char::len_utf8);
                stripped.push_str(&rest[..next]);
                rest = &rest[next..];
            }
        }
        stripped == self.key.frontend_api
    }
}

/// `@clerk/shared`'s `getCookieSuffix`: base64 of the SHA-1, `+` and `/` made URL-safe,
/// eight characters.
fn cookie_suffix(publishable_key: &str) -> String {
    let digest = Sha1::digest(publishable_key.as_bytes());
    crate::encoding::encode_url(&digest).chars().take(8).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_suffix_is_clerks() {
        // `await getCookieSuffix("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k")` in @clerk/shared.
        let instance = ClerkInstance::new("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k").unwrap();
        assert_eq!(instance.cookie_suffix(), SUFFIX_FROM_CLERK);
    }

    const SUFFIX_FROM_CLERK: &str = "naoXFJnI";
}
