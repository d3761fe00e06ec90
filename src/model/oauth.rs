//! [`OAuthStrategy`]: which social provider an OAuth sign-in goes through.

use std::fmt;

/// A social sign-in provider, as Clerk names its strategy (`oauth_google`…). The common
/// ones are variants; any other (`oauth_custom_…`, a provider added later) is
/// [`OAuthStrategy::Other`] with Clerk's full strategy name.
///
/// ```
/// use leptos_clerk::OAuthStrategy;
/// assert_eq!(OAuthStrategy::Google.as_str(), "oauth_google");
/// assert_eq!(OAuthStrategy::Other("oauth_custom_acme".into()).as_str(), "oauth_custom_acme");
/// assert_eq!(OAuthStrategy::from("oauth_github"), OAuthStrategy::GitHub);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OAuthStrategy {
    /// `oauth_google`.
    Google,
    /// `oauth_github`.
    GitHub,
    /// `oauth_microsoft`.
    Microsoft,
    /// `oauth_apple`.
    Apple,
    /// `oauth_facebook`.
    Facebook,
    /// `oauth_discord`.
    Discord,
    /// `oauth_gitlab`.
    GitLab,
    /// `oauth_linkedin_oidc`.
    LinkedIn,
    /// Any other strategy, by Clerk's full name (`oauth_custom_acme`).
    Other(String),
}

/// The named variants and their Clerk strategy, one table for both directions.
const NAMED: [(OAuthStrategy, &str); 8] = [
    (OAuthStrategy::Google, "oauth_google"),
    (OAuthStrategy::GitHub, "oauth_github"),
    (OAuthStrategy::Microsoft, "oauth_microsoft"),
    (OAuthStrategy::Apple, "oauth_apple"),
    (OAuthStrategy::Facebook, "oauth_facebook"),
    (OAuthStrategy::Discord, "oauth_discord"),
    (OAuthStrategy::GitLab, "oauth_gitlab"),
    (OAuthStrategy::LinkedIn, "oauth_linkedin_oidc"),
];

impl OAuthStrategy {
    /// Clerk's name for the strategy, as `authenticateWithRedirect` takes it.
    pub fn as_str(&self) -> &str {
        match self {
            OAuthStrategy::Other(name) => name,
            named => NAMED
                .iter()
                .find(|(strategy, _)| strategy == named)
                .map_or("", |(_, name)| name),
        }
    }
}

impl From<&str> for OAuthStrategy {
    fn from(name: &str) -> Self {
        NAMED.iter().find(|(_, known)| *known == name).map_or_else(
            || OAuthStrategy::Other(name.to_owned()),
            |(strategy, _)| strategy.clone(),
        )
    }
}

impl fmt::Display for OAuthStrategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_strategy_round_trips() {
        for (strategy, name) in NAMED {
            assert_eq!(strategy.as_str(), name);
            assert_eq!(OAuthStrategy::from(name), strategy);
        }
        assert_eq!(
            OAuthStrategy::from("oauth_x"),
            OAuthStrategy::Other("oauth_x".into())
        );
    }
}
