//! The cookies the Frontend API hands an app, named and scoped as clerk-js writes its own
//! copies, so that a server replaying them (the handshake) or a browser taking them from a
//! production Frontend API overwrites clerk-js' cookies instead of adding a second one.
//!
//! - `__client_uat[_<suffix>]`: when the client last changed, in seconds, or `0` when it has
//!   no active session. `Domain` is the registrable domain (clerk-js' `getCookieDomain`,
//!   which for every host the emulator serves, loopback names and addresses, is the host
//!   itself), one year; `SameSite=Strict` in development (as clerk-js writes it) and `Lax`
//!   in production (as Clerk's production Frontend API sets it).
//! - `__session[_<suffix>]` and, in development, `__clerk_db_jwt[_<suffix>]`: host-only,
//!   `Path=/`, `SameSite=Lax`, one year, as clerk-js writes them.
//!
//! None is `HttpOnly` (clerk-js reads and rewrites them); `Secure` only for an https page.

use axum::http::{HeaderValue, header};
use axum::response::Response;
use leptos_clerk::server::authenticate::ClerkInstance;

use super::Request;
use crate::config::Config;
use crate::emulator::Emulator;
use crate::store::Client;

/// One year, in seconds: how long clerk-js keeps its cookies.
const ONE_YEAR_SECS: u64 = 365 * 24 * 3600;

/// `__client_uat`'s value, as clerk-js computes it: when the client last changed (seconds)
/// if it has an active session, else `0` (signed out). The same rule for the handshake and
/// for production's `Set-Cookie`; a `__session` minted in the same call has `iat` ≥ this,
/// as `@clerk/backend` requires.
pub(crate) fn client_uat(client: &Client) -> i64 {
    if client.signed_in().next().is_some() {
        client.updated_at.div_euclid(1000)
    } else {
        0
    }
}

/// The suffix clerk-js appends to its cookies' names for this instance (`__session_<suffix>`):
/// leptos-clerk's port of `@clerk/shared`'s `getCookieSuffix`.
pub(crate) fn suffix(config: &Config) -> String {
    ClerkInstance::new(&config.publishable_key())
        .map(|instance| instance.cookie_suffix().to_owned())
        .unwrap_or_default()
}

/// The `Domain` clerk-js gives `__client_uat` on `host` (with or without a port): the host
/// for an IPv4 address or a name of one or two labels (what its probe of the broadest
/// settable domain finds for `localhost`, `127.0.0.1`, `app.localhost`, a LAN address), the
/// last two labels of a longer name (the emulator has no public-suffix list), none (a
/// host-only cookie) for an IPv6 address, which no `Domain` attribute can name.
pub(crate) fn cookie_domain(host: &str) -> Option<String> {
    let host = host.trim();
    if host.starts_with('[') {
        return None;
    }
    let name = host.rsplit_once(':').map_or(host, |(name, _)| name);
    if name.is_empty() {
        return None;
    }
    if name.parse::<std::net::Ipv4Addr>().is_ok() {
        return Some(name.to_owned());
    }
    let labels: Vec<&str> = name.split('.').collect();
    let from = labels.len().saturating_sub(2);
    Some(labels[from..].join(".").to_ascii_lowercase())
}

/// Where and how the cookies are set: the names' suffix (when the app reads suffixed copies
/// too), the `Domain` of `__client_uat`, and whether the page is https.
pub(crate) struct Jar<'a> {
    /// `Some` to write each cookie under its suffixed name as well.
    pub suffix: Option<&'a str>,
    pub domain: Option<String>,
    pub secure: bool,
    pub development: bool,
}

impl Jar<'_> {
    /// `__client_uat` (and its suffixed copy) set to `value`.
    pub fn client_uat(&self, value: i64) -> Vec<String> {
        let same_site = if self.development { "Strict" } else { "Lax" };
        let domain = self
            .domain
            .as_deref()
            .map(|domain| format!("; Domain={domain}"))
            .unwrap_or_default();
        let attributes = format!("Path=/{domain}; Max-Age={ONE_YEAR_SECS}; SameSite={same_site}");
        self.both("__client_uat", &value.to_string(), &attributes)
    }

    /// `__session` (and its suffixed copy) holding `token`, or cleared when `None`.
    pub fn session(&self, token: Option<&str>) -> Vec<String> {
        match token {
            Some(token) => self.host_only("__session", token),
            None => self.both("__session", "", "Path=/; Max-Age=0; SameSite=Lax"),
        }
    }

    /// `__clerk_db_jwt` (and its suffixed copy): the dev browser that names the client.
    pub fn dev_browser(&self, token: &str) -> Vec<String> {
        self.host_only("__clerk_db_jwt", token)
    }

    fn host_only(&self, name: &str, value: &str) -> Vec<String> {
        self.both(
            name,
            value,
            &format!("Path=/; Max-Age={ONE_YEAR_SECS}; SameSite=Lax"),
        )
    }

    /// `name=value; attributes` and the same under `name_<suffix>`.
    fn both(&self, name: &str, value: &str, attributes: &str) -> Vec<String> {
        let secure = if self.secure { "; Secure" } else { "" };
        let mut names = vec![name.to_owned()];
        names.extend(self.suffix.map(|suffix| format!("{name}_{suffix}")));
        names
            .into_iter()
            .map(|name| format!("{name}={value}; {attributes}{secure}"))
            .collect()
    }
}

/// Production only: `__client_uat` (and its suffixed copy) for the Frontend API's host, when
/// the browser's copy no longer says what `client` does (it signed in or out, switched
/// sessions, or the cookie is missing). In development clerk-js writes it, not the server.
pub(crate) fn production_client_uat(emulator: &Emulator, request: &Request, client: &Client) -> Vec<String> {
    let config = &emulator.config;
    if config.is_development() {
        return Vec::new();
    }
    let uat = client_uat(client);
    let suffix = suffix(config);
    let current = uat.to_string();
    let suffixed = format!("__client_uat_{suffix}");
    if [request.cookie("__client_uat"), request.cookie(&suffixed)]
        .iter()
        .all(|copy| *copy == Some(current.as_str()))
    {
        return Vec::new();
    }
    let jar = Jar {
        suffix: Some(&suffix),
        domain: request.host.as_deref().and_then(cookie_domain),
        // The emulator serves plain http.
        secure: false,
        development: false,
    };
    jar.client_uat(uat)
}

/// Adds each of `cookies` to `response` as its own `Set-Cookie` header.
pub(crate) fn append(response: &mut Response, cookies: Vec<String>) {
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_domain_is_what_clerk_js_finds_for_the_hosts_the_emulator_serves() {
        assert_eq!(cookie_domain("127.0.0.1:8080").as_deref(), Some("127.0.0.1"));
        assert_eq!(cookie_domain("localhost").as_deref(), Some("localhost"));
        assert_eq!(
            cookie_domain("App.localhost:3000").as_deref(),
            Some("app.localhost")
        );
        assert_eq!(cookie_domain("192.168.1.20").as_deref(), Some("192.168.1.20"));
        assert_eq!(cookie_domain("a.b.example.test").as_deref(), Some("example.test"));
        assert_eq!(cookie_domain("[::1]:8787"), None);
        assert_eq!(cookie_domain(""), None);
    }

    #[test]
    fn directives_come_in_pairs_when_suffixed() {
        let jar = Jar {
            suffix: Some("abcdEFGH"),
            domain: Some("127.0.0.1".into()),
            secure: false,
            development: true,
        };
        assert_eq!(
            jar.client_uat(0),
            [
                "__client_uat=0; Path=/; Domain=127.0.0.1; Max-Age=31536000; SameSite=Strict",
                "__client_uat_abcdEFGH=0; Path=/; Domain=127.0.0.1; Max-Age=31536000; SameSite=Strict",
            ]
        );
        assert_eq!(
            jar.session(None),
            [
                "__session=; Path=/; Max-Age=0; SameSite=Lax",
                "__session_abcdEFGH=; Path=/; Max-Age=0; SameSite=Lax",
            ]
        );
        let https = Jar {
            suffix: None,
            domain: None,
            secure: true,
            development: false,
        };
        assert_eq!(
            https.session(Some("a.b.c")),
            ["__session=a.b.c; Path=/; Max-Age=31536000; SameSite=Lax; Secure"]
        );
        assert_eq!(
            https.client_uat(17),
            ["__client_uat=17; Path=/; Max-Age=31536000; SameSite=Lax; Secure"]
        );
    }
}
