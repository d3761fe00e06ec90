//! What the emulator says when it starts: that it is not for production, louder when it is
//! reachable beyond this machine or plays a production instance, and how to call its admin
//! routes.

use std::net::SocketAddr;

use clerk_emulator::ADMIN_TOKEN_HEADER;

/// What the banner must warn about.
pub struct Risks<'a> {
    /// The listening address, when it is not loopback (`--allow-non-loopback`).
    pub beyond_loopback: Option<SocketAddr>,
    /// The Frontend API host, when it is not a development host (`--allow-live-key`).
    pub production_host: Option<&'a str>,
}

impl Risks<'_> {
    /// Whether there is anything to warn about beyond the usual.
    pub fn any(&self) -> bool {
        self.beyond_loopback.is_some() || self.production_host.is_some()
    }
}

/// Where the admin token came from.
pub enum AdminToken<'a> {
    /// Made up at start: printed, since nobody else knows it.
    Generated(&'a str),
    /// Given by flag or environment: not echoed.
    Given,
}

/// The banner, one line per entry. With any risk, it starts with a framed warning.
pub fn lines(risks: &Risks<'_>, admin: &AdminToken<'_>) -> Vec<String> {
    let mut lines = Vec::new();
    if risks.any() {
        let rule = "*".repeat(78);
        lines.push(rule.clone());
        lines.push("*  NOT FOR PRODUCTION: clerk-emulator signs in anyone who asks.".into());
        if let Some(address) = risks.beyond_loopback {
            lines.push(format!(
                "*  It listens beyond loopback ({address}): anyone who can reach it can sign in as \
                 any seeded user and mint tokens."
            ));
        }
        if let Some(host) = risks.production_host {
            lines.push(format!(
                "*  frontend_api {host:?} is not a development host: its publishable key is \
                 pk_live_ and its tokens claim iss https://{host}, like a production \
                 instance's. Never let a production backend trust this emulator's keys."
            ));
        }
        lines.push(rule);
    } else {
        lines.push(
            "NOT FOR PRODUCTION: a local stand-in for Clerk that signs in anyone who asks, \
             for development and tests."
                .into(),
        );
    }
    lines.push(match admin {
        AdminToken::Generated(token) => {
            format!("admin routes (/__emulator/...) need the header {ADMIN_TOKEN_HEADER}: {token}")
        }
        AdminToken::Given => {
            format!(
                "admin routes (/__emulator/...) need the header {ADMIN_TOKEN_HEADER} with the token given"
            )
        }
    });
    lines
        .into_iter()
        .map(|line| format!("clerk-emulator: {line}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAFE: Risks<'static> = Risks {
        beyond_loopback: None,
        production_host: None,
    };

    #[test]
    fn a_loopback_development_emulator_says_so_once_and_shows_a_made_up_token() {
        let lines = lines(&SAFE, &AdminToken::Generated("abc123"));
        assert_eq!(lines.len(), 2);
        assert!(lines[0].contains("NOT FOR PRODUCTION"));
        assert!(lines[1].ends_with("x-emulator-admin-token: abc123"));
    }

    #[test]
    fn a_given_token_is_not_echoed() {
        let lines = lines(&SAFE, &AdminToken::Given);
        assert!(lines.iter().all(|line| !line.contains(": abc")));
    }

    #[test]
    fn each_risk_gets_its_own_line_inside_the_frame() {
        let risks = Risks {
            beyond_loopback: Some(SocketAddr::from(([0, 0, 0, 0], 8787))),
            production_host: Some("clerk.example.com"),
        };
        let lines = lines(&risks, &AdminToken::Given);
        let text = lines.join("\n");
        assert!(lines[0].ends_with(&"*".repeat(78)));
        assert!(text.contains("beyond loopback (0.0.0.0:8787)"));
        assert!(text.contains("pk_live_") && text.contains("https://clerk.example.com"));
    }
}
