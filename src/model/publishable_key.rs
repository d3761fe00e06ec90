//! Parsing a Clerk publishable key: `pk_test_`/`pk_live_` + base64(frontend API host + `$`).

use std::fmt;

/// Whether a key belongs to a development or a production instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InstanceType {
    /// `pk_test_…`
    Development,
    /// `pk_live_…`
    Production,
}

/// A decoded publishable key.
///
/// ```
/// use leptos_clerk::model::{InstanceType, PublishableKey};
/// // base64("clerk.example.com$")
/// let key = PublishableKey::parse("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k").unwrap();
/// assert_eq!(key.frontend_api, "clerk.example.com");
/// assert_eq!(key.instance_type, InstanceType::Production);
/// assert!(PublishableKey::parse("sk_live_nope").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishableKey {
    /// Development or production.
    pub instance_type: InstanceType,
    /// The Frontend API host the key names, e.g. `clerk.example.com`.
    pub frontend_api: String,
}

/// Why a string is not a publishable key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidKey(&'static str);

impl fmt::Display for InvalidKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for InvalidKey {}

impl PublishableKey {
    /// Parses and validates a key the way clerk-js does (the host must end in `$` and contain
    /// a dot).
    pub fn parse(key: &str) -> Result<Self, InvalidKey> {
        let key = key.trim();
        let (instance_type, encoded) = if let Some(rest) = key.strip_prefix("pk_test_") {
            (InstanceType::Development, rest)
        } else if let Some(rest) = key.strip_prefix("pk_live_") {
            (InstanceType::Production, rest)
        } else {
            return Err(InvalidKey("it must start with pk_test_ or pk_live_"));
        };
        let decoded =
            crate::encoding::decode_standard(encoded).ok_or(InvalidKey("its body is not base64"))?;
        let decoded = String::from_utf8(decoded).map_err(|_| InvalidKey("its body is not text"))?;
        let host = decoded
            .strip_suffix('$')
            .filter(|host| !host.contains('$') && host.contains('.'))
            .ok_or(InvalidKey("it does not name a Frontend API host"))?;
        Ok(Self {
            instance_type,
            frontend_api: host.to_owned(),
        })
    }

    /// Builds the key for a host (what the emulator and tests hand out).
    ///
    /// ```
    /// use leptos_clerk::model::{InstanceType, PublishableKey};
    /// let key = PublishableKey::encode(InstanceType::Production, "clerk.example.com");
    /// assert_eq!(key, "pk_live_Y2xlcmsuZXhhbXBsZS5jb20k");
    /// ```
    pub fn encode(instance_type: InstanceType, host: &str) -> String {
        let prefix = match instance_type {
            InstanceType::Development => "pk_test_",
            InstanceType::Production => "pk_live_",
        };
        format!(
            "{prefix}{}",
            crate::encoding::encode_standard(format!("{host}$").as_bytes())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_padding_length() {
        for host in ["a.b", "ab.cd", "abc.def", "leptos-clerk.emulator.test"] {
            for kind in [InstanceType::Development, InstanceType::Production] {
                let key = PublishableKey::encode(kind, host);
                let parsed = PublishableKey::parse(&key).unwrap();
                assert_eq!((parsed.instance_type, parsed.frontend_api.as_str()), (kind, host));
            }
        }
    }

    #[test]
    fn rejects_what_clerk_js_rejects() {
        let no_dot = PublishableKey::encode(InstanceType::Development, "localhost");
        assert!(PublishableKey::parse(&no_dot).is_err());
        assert!(PublishableKey::parse("pk_test_!!!").is_err());
        assert!(PublishableKey::parse("pk_test_").is_err());
        assert!(PublishableKey::parse("").is_err());
    }
}
