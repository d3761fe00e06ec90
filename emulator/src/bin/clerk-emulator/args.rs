//! The command line: flags, their environment fallbacks, and the refusals that need
//! nothing but the flags.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

pub const USAGE: &str = "usage: clerk-emulator [--host 127.0.0.1] [--port 8787 | env CLERK_EMULATOR_PORT] \
[--config FILE] [--key PKCS8_PEM_FILE] [--serve-dir DIR [--strict-csp]] \
[--admin-token TOKEN | env CLERK_EMULATOR_ADMIN_TOKEN] [--allow-host NAME]... [--allow-origin ORIGIN]... \
[--allow-non-loopback] [--allow-live-key] [--exit-when-unreachable HOST:PORT]";

/// The environment variable that hands the emulator its admin token: unlike a flag, it does
/// not show in the process list.
pub const ADMIN_TOKEN_ENV: &str = "CLERK_EMULATOR_ADMIN_TOKEN";

/// What the command line asks for.
pub struct Args {
    pub host: IpAddr,
    pub port: u16,
    pub config: Option<PathBuf>,
    pub key: Option<PathBuf>,
    pub serve_dir: Option<PathBuf>,
    /// Whether the served pages get a strict, nonce-based Content-Security-Policy.
    pub strict_csp: bool,
    /// The admin token, when given; otherwise the emulator makes one up.
    pub admin_token: Option<String>,
    /// `Host` names to answer besides loopback ones.
    pub allow_hosts: Vec<String>,
    /// Page origins to answer besides loopback ones.
    pub allow_origins: Vec<String>,
    pub allow_non_loopback: bool,
    /// Whether a non-development `frontend_api` (a `pk_live_` key) is really meant.
    pub allow_live_key: bool,
    pub exit_when_unreachable: Option<SocketAddr>,
}

/// Reads `argv` (without the program name), with `env` for the environment fallbacks.
pub fn parse(
    argv: impl IntoIterator<Item = String>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Args, String> {
    let mut args = Args {
        host: IpAddr::from([127, 0, 0, 1]),
        port: env("CLERK_EMULATOR_PORT")
            .as_deref()
            .unwrap_or("8787")
            .parse()
            .map_err(|_| "CLERK_EMULATOR_PORT is not a port")?,
        config: None,
        key: None,
        serve_dir: None,
        strict_csp: false,
        admin_token: env(ADMIN_TOKEN_ENV),
        allow_hosts: Vec::new(),
        allow_origins: Vec::new(),
        allow_non_loopback: false,
        allow_live_key: false,
        exit_when_unreachable: None,
    };
    let mut argv = argv.into_iter();
    while let Some(flag) = argv.next() {
        let mut value = || argv.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--host" => args.host = value()?.parse().map_err(|_| "--host takes an IP address")?,
            "--port" => {
                args.port = value()?
                    .parse()
                    .map_err(|_| "--port takes a number (0: any free port)")?
            }
            "--config" => args.config = Some(value()?.into()),
            "--key" => args.key = Some(value()?.into()),
            "--serve-dir" => args.serve_dir = Some(value()?.into()),
            "--strict-csp" => args.strict_csp = true,
            "--admin-token" => args.admin_token = Some(value()?),
            "--allow-host" => args.allow_hosts.push(value()?),
            "--allow-origin" => args.allow_origins.push(value()?),
            "--allow-non-loopback" => args.allow_non_loopback = true,
            "--allow-live-key" => args.allow_live_key = true,
            "--exit-when-unreachable" => {
                let address = value()?;
                let parsed = address
                    .parse()
                    .map_err(|_| format!("--exit-when-unreachable takes HOST:PORT, not {address:?}"))?;
                args.exit_when_unreachable = Some(parsed);
            }
            "--help" | "-h" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    if args.strict_csp && args.serve_dir.is_none() {
        return Err("--strict-csp is about the pages --serve-dir serves: give a folder too".into());
    }
    if !args.host.is_loopback() && !args.allow_non_loopback {
        return Err(format!(
            "refusing to listen on {}: the emulator hands out sessions to anyone; \
             pass --allow-non-loopback if you really mean it",
            args.host
        ));
    }
    if args.admin_token.as_deref().is_some_and(str::is_empty) {
        return Err(format!(
            "the admin token (--admin-token or {ADMIN_TOKEN_ENV}) is empty; leave it out \
             and the emulator makes one up"
        ));
    }
    Ok(args)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_line(line: &str, env: &[(&str, &str)]) -> Result<Args, String> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        parse(line.split_whitespace().map(str::to_owned), move |name| {
            env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn the_admin_token_comes_from_the_flag_over_the_environment() {
        let env = [(ADMIN_TOKEN_ENV, "from-env")];
        assert_eq!(
            parse_line("", &env).unwrap().admin_token.as_deref(),
            Some("from-env")
        );
        let flag = parse_line("--admin-token from-flag", &env).unwrap();
        assert_eq!(flag.admin_token.as_deref(), Some("from-flag"));
        assert_eq!(parse_line("", &[]).unwrap().admin_token, None);
        assert!(parse_line("", &[(ADMIN_TOKEN_ENV, "")]).is_err());
    }

    #[test]
    fn allowed_hosts_and_origins_add_up() {
        let args = parse_line(
            "--allow-host a.test --allow-host b.test --allow-origin http://a.test:8080 --allow-live-key",
            &[],
        )
        .unwrap();
        assert_eq!(args.allow_hosts, ["a.test", "b.test"]);
        assert_eq!(args.allow_origins, ["http://a.test:8080"]);
        assert!(args.allow_live_key && !args.allow_non_loopback);
    }

    #[test]
    fn a_non_loopback_address_needs_its_flag() {
        assert!(parse_line("--host 0.0.0.0", &[]).is_err());
        assert!(parse_line("--host 0.0.0.0 --allow-non-loopback", &[]).is_ok());
    }
}
