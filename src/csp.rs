//! The Content-Security-Policy a page with clerk-js needs, as a header value.
//!
//! Clerk's list ("Configure Clerk Content-Security-Policy headers" in Clerk's docs): the
//! Frontend API for scripts and fetches, Cloudflare's bot protection for scripts and frames,
//! `img.clerk.com` for avatars, `blob:` workers, and inline styles (clerk-js' CSS-in-JS) unless
//! a nonce covers them. A Leptos app adds `'wasm-unsafe-eval'`, without which the browser
//! refuses to compile its WebAssembly. Plain strings: build it where the response is made
//! (an axum handler, a middleware, a static server).

use crate::model::PublishableKey;

/// Cloudflare's bot protection (Turnstile), which Clerk's sign-up may load.
const CLOUDFLARE_CHALLENGES: &str = "https://challenges.cloudflare.com";
/// Where Clerk serves user and organization images.
const CLERK_IMAGES: &str = "https://img.clerk.com";

/// A Content-Security-Policy for a page that runs clerk-js, with room for the app's own sources.
///
/// ```
/// use leptos_clerk::csp::ClerkCsp;
/// // A production instance, with a fresh nonce per response (here a fixed one).
/// let policy = ClerkCsp::for_publishable_key("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k")
///     .unwrap()
///     .nonce("rAnd0m")
///     .allow("connect-src", "https://api.example.com");
/// let header = policy.header_value();
/// assert!(header.contains("script-src 'self' 'wasm-unsafe-eval' https://clerk.example.com https://challenges.cloudflare.com 'nonce-rAnd0m' 'strict-dynamic'"));
/// assert!(header.contains("connect-src 'self' https://clerk.example.com https://api.example.com"));
/// assert!(header.contains("style-src 'self' 'nonce-rAnd0m'"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClerkCsp {
    frontend_api: Option<String>,
    nonce: Option<String>,
    extra: Vec<(String, String)>,
}

impl ClerkCsp {
    /// The policy for a Frontend API reached through a same-origin proxy (`proxy_url("/__clerk")`),
    /// where `'self'` covers Clerk's scripts and calls.
    pub fn same_origin() -> Self {
        Self {
            frontend_api: None,
            nonce: None,
            extra: Vec::new(),
        }
    }

    /// The policy for the Frontend API at `origin` (`https://clerk.example.com`, or an
    /// absolute proxy URL's origin).
    pub fn for_frontend_api(origin: impl Into<String>) -> Self {
        Self {
            frontend_api: Some(origin.into()),
            ..Self::same_origin()
        }
    }

    /// The policy for the instance a publishable key names, or why it is not a key.
    pub fn for_publishable_key(key: &str) -> Result<Self, crate::model::InvalidKey> {
        let key = PublishableKey::parse(key)?;
        Ok(Self::for_frontend_api(format!("https://{}", key.frontend_api)))
    }

    /// Scripts and styles must carry this nonce (`'nonce-…'`), and scripts they add are trusted
    /// (`'strict-dynamic'`): no `'unsafe-inline'` anywhere. Give the same nonce to
    /// [`ClerkOptions::nonce`](crate::ClerkOptions::nonce), and generate a fresh one per response.
    pub fn nonce(mut self, nonce: impl Into<String>) -> Self {
        self.nonce = Some(nonce.into());
        self
    }

    /// Adds `source` to `directive` (which is created when the policy has none of that name).
    pub fn allow(mut self, directive: impl Into<String>, source: impl Into<String>) -> Self {
        self.extra.push((directive.into(), source.into()));
        self
    }

    /// Every directive with its sources, in a stable order.
    ///
    /// ```
    /// use leptos_clerk::csp::ClerkCsp;
    /// let directives = ClerkCsp::same_origin().directives();
    /// assert_eq!(directives[0], ("default-src".to_string(), vec!["'self'".to_string()]));
    /// ```
    pub fn directives(&self) -> Vec<(String, Vec<String>)> {
        let api = self.frontend_api.as_deref();
        let nonce = self.nonce.as_ref().map(|nonce| format!("'nonce-{nonce}'"));
        let mut script = sources(&["'self'", "'wasm-unsafe-eval'"], api);
        script.push(CLOUDFLARE_CHALLENGES.into());
        let mut style = vec!["'self'".to_string()];
        match nonce {
            Some(nonce) => {
                script.extend([nonce.clone(), "'strict-dynamic'".into()]);
                style.push(nonce);
            }
            None => style.push("'unsafe-inline'".into()),
        }
        let mut directives = vec![
            ("default-src".to_string(), vec!["'self'".to_string()]),
            ("script-src".into(), script),
            ("style-src".into(), style),
            ("connect-src".into(), sources(&["'self'"], api)),
            (
                "img-src".into(),
                sources(&["'self'", CLERK_IMAGES, "data:"], None),
            ),
            ("worker-src".into(), sources(&["'self'", "blob:"], None)),
            (
                "frame-src".into(),
                sources(&["'self'", CLOUDFLARE_CHALLENGES], None),
            ),
            ("form-action".into(), sources(&["'self'"], None)),
        ];
        for (name, source) in &self.extra {
            match directives.iter_mut().find(|(existing, _)| existing == name) {
                Some((_, sources)) if !sources.contains(source) => sources.push(source.clone()),
                Some(_) => {}
                None => directives.push((name.clone(), vec![source.clone()])),
            }
        }
        directives
    }

    /// The `Content-Security-Policy` header value: `directive source…; …`.
    pub fn header_value(&self) -> String {
        self.directives()
            .iter()
            .map(|(name, sources)| format!("{name} {}", sources.join(" ")))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

fn sources(fixed: &[&str], frontend_api: Option<&str>) -> Vec<String> {
    fixed
        .iter()
        .copied()
        .chain(frontend_api)
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_nonce_styles_are_inline_and_scripts_are_not() {
        let header = ClerkCsp::same_origin().header_value();
        assert_eq!(
            header,
            "default-src 'self'; \
             script-src 'self' 'wasm-unsafe-eval' https://challenges.cloudflare.com; \
             style-src 'self' 'unsafe-inline'; \
             connect-src 'self'; \
             img-src 'self' https://img.clerk.com data:; \
             worker-src 'self' blob:; \
             frame-src 'self' https://challenges.cloudflare.com; \
             form-action 'self'"
        );
    }

    #[test]
    fn a_nonce_replaces_unsafe_inline_and_trusts_what_nonced_scripts_add() {
        let header = ClerkCsp::same_origin().nonce("abc").header_value();
        assert!(header.contains("script-src 'self' 'wasm-unsafe-eval' https://challenges.cloudflare.com 'nonce-abc' 'strict-dynamic';"));
        assert!(header.contains("style-src 'self' 'nonce-abc';"));
        assert!(!header.contains("unsafe-inline"));
    }

    #[test]
    fn extra_sources_join_their_directive_once_or_make_a_new_one() {
        let directives = ClerkCsp::for_frontend_api("https://clerk.example.com")
            .allow("img-src", "https://img.clerk.com")
            .allow("font-src", "https://fonts.example.com")
            .directives();
        let img = &directives.iter().find(|(name, _)| name == "img-src").unwrap().1;
        assert_eq!(
            img.iter()
                .filter(|source| *source == "https://img.clerk.com")
                .count(),
            1
        );
        assert_eq!(
            directives.last().unwrap(),
            &(
                "font-src".to_string(),
                vec!["https://fonts.example.com".to_string()]
            )
        );
    }

    #[test]
    fn a_publishable_key_names_the_frontend_api() {
        let policy = ClerkCsp::for_publishable_key("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k").unwrap();
        assert!(
            policy
                .header_value()
                .contains("connect-src 'self' https://clerk.example.com;")
        );
        assert!(ClerkCsp::for_publishable_key("nope").is_err());
    }
}
