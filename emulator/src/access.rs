//! Who may talk to the emulator: callers on this machine, the hosts and origins it is told
//! to allow, and, for its own `/__emulator/` routes, only whoever holds the admin token.
//!
//! The emulator signs in anyone who asks, so a web page must not be able to use it through
//! the visitor's browser. Three doors are shut:
//!
//! - **Host.** A page on `evil.example` whose DNS name is re-pointed at 127.0.0.1 (DNS
//!   rebinding) is same-origin with the emulator as far as the browser knows, but its
//!   requests still carry `Host: evil.example`. Only loopback names and allowed hosts pass.
//! - **Origin.** Browsers send `Origin` on every cross-origin request and on every POST.
//!   Clerk-js sends its writes as "simple" form POSTs (`?_method=DELETE` for sign-out of
//!   all), which a foreign page can send too and no preflight stops; so a request from a
//!   foreign origin is refused before it is handled, not merely left unreadable by CORS.
//! - **Admin token.** `/__emulator/` moves the clock, queues faults and revokes sessions.
//!   Those routes need the per-run token in [`ADMIN_TOKEN_HEADER`]; a custom header also
//!   makes any cross-origin call a preflighted one.
//!
//! The token guards against web pages, not against other users of this machine: it is
//! printed in the banner and may sit in a log file.

use std::fmt;
use std::net::IpAddr;

use crate::random;

/// The header that carries the admin token on calls to `/__emulator/…`.
pub const ADMIN_TOKEN_HEADER: &str = "x-emulator-admin-token";

/// The emulator's access rules. Start from [`Access::loopback`].
///
/// ```
/// use clerk_emulator::Access;
/// let access = Access::loopback().allow_origin("http://192.168.1.20:8080");
/// assert!(access.allows_origin("http://localhost:8080"));
/// assert!(access.allows_origin("http://192.168.1.20:8080"));
/// assert!(!access.allows_origin("https://evil.example"));
/// assert!(!access.allows_host("evil.example"));
/// ```
#[derive(Clone)]
pub struct Access {
    admin_token: String,
    /// Extra `Host` names, lower-case, without a port.
    hosts: Vec<String>,
    /// Extra origins, lower-case, as browsers serialise them (`http://host:port`).
    origins: Vec<String>,
}

impl Access {
    /// Loopback callers only (`localhost`, `*.localhost`, `127.0.0.0/8`, `[::1]`, any port),
    /// with a fresh random admin token.
    pub fn loopback() -> Self {
        Self {
            admin_token: random::hex(32),
            hosts: Vec::new(),
            origins: Vec::new(),
        }
    }

    /// Uses `token` as the admin token instead of a random one (a test harness that
    /// starts the emulator picks its own and hands it over).
    pub fn with_admin_token(mut self, token: impl Into<String>) -> Self {
        self.admin_token = token.into();
        self
    }

    /// Also accepts requests whose `Host` names `host` (any port): a LAN address the
    /// emulator is reached at with `--allow-non-loopback`.
    pub fn allow_host(mut self, host: &str) -> Self {
        self.hosts.push(host_without_port(host).to_ascii_lowercase());
        self
    }

    /// Also accepts requests from pages of `origin` (`http://192.168.1.20:8080`), and lets
    /// them read the answers (CORS).
    pub fn allow_origin(mut self, origin: &str) -> Self {
        self.origins
            .push(origin.trim_end_matches('/').to_ascii_lowercase());
        self
    }

    /// The token `/__emulator/…` calls must carry in [`ADMIN_TOKEN_HEADER`].
    pub fn admin_token(&self) -> &str {
        &self.admin_token
    }

    /// Whether a request with this `Host` header may be answered.
    pub fn allows_host(&self, host: &str) -> bool {
        let name = host_without_port(host).to_ascii_lowercase();
        is_loopback_name(&name) || self.hosts.contains(&name)
    }

    /// Whether a request with this `Origin` header may be answered (and read, cross-origin).
    /// `null` (sandboxed frames, some redirects) never is.
    pub fn allows_origin(&self, origin: &str) -> bool {
        let origin = origin.to_ascii_lowercase();
        if self.origins.contains(&origin) {
            return true;
        }
        let authority = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"));
        authority.is_some_and(|authority| {
            !authority.contains('/') && is_loopback_name(host_without_port(authority))
        })
    }

    /// Whether `presented` is the admin token. Compares in constant time, so the time an
    /// answer takes tells nothing about how much of a guess was right.
    pub fn admits(&self, presented: Option<&str>) -> bool {
        let (Some(presented), expected) = (presented, self.admin_token.as_bytes()) else {
            return false;
        };
        let presented = presented.as_bytes();
        let differences = presented
            .iter()
            .zip(expected)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b));
        !expected.is_empty() && presented.len() == expected.len() && differences == 0
    }
}

/// Leaves the token out.
impl fmt::Debug for Access {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Access")
            .field("hosts", &self.hosts)
            .field("origins", &self.origins)
            .finish_non_exhaustive()
    }
}

/// `host`, `host:port`, `[v6]` or `[v6]:port` without the port (brackets kept off an IPv6
/// address, so it parses).
fn host_without_port(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split_once(']').map_or(rest, |(address, _)| address);
    }
    match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    }
}

/// Names that only ever reach this machine: browsers resolve `localhost` and `*.localhost`
/// themselves, and an IP literal cannot be re-pointed by DNS.
fn is_loopback_name(name: &str) -> bool {
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts_pass_with_or_without_a_port() {
        let access = Access::loopback();
        for host in [
            "localhost",
            "localhost:8080",
            "app.localhost:1",
            "127.0.0.1",
            "127.3.4.5:8787",
            "[::1]:8787",
            "[::1]",
            "LOCALHOST",
        ] {
            assert!(access.allows_host(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:8787",
            "localhost.evil.example",
            "192.168.1.20:8787",
            "0.0.0.0",
            "[::]:80",
            "",
        ] {
            assert!(!access.allows_host(host), "{host}");
        }
        assert!(
            Access::loopback()
                .allow_host("192.168.1.20")
                .allows_host("192.168.1.20:8787")
        );
    }

    #[test]
    fn only_loopback_and_allowed_origins_pass() {
        let access = Access::loopback().allow_origin("http://192.168.1.20:8080/");
        for origin in [
            "http://localhost:8080",
            "http://127.0.0.1:38211",
            "https://localhost",
            "http://[::1]:8080",
            "http://192.168.1.20:8080",
        ] {
            assert!(access.allows_origin(origin), "{origin}");
        }
        for origin in [
            "null",
            "https://evil.example",
            "http://localhost.evil.example",
            "file://",
            "http://192.168.1.20:8081",
            "ftp://localhost",
            "http://localhost/path",
        ] {
            assert!(!access.allows_origin(origin), "{origin}");
        }
    }

    #[test]
    fn only_the_exact_admin_token_is_admitted() {
        let access = Access::loopback().with_admin_token("s3cret");
        assert!(access.admits(Some("s3cret")));
        for wrong in [None, Some(""), Some("s3cre"), Some("s3cret!"), Some("S3cret")] {
            assert!(!access.admits(wrong), "{wrong:?}");
        }
        assert!(!Access::loopback().with_admin_token("").admits(Some("")));
        assert_ne!(Access::loopback().admin_token(), Access::loopback().admin_token());
        assert!(!format!("{access:?}").contains("s3cret"));
    }
}
