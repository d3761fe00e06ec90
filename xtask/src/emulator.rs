//! clerk-emulator for the demo: built on demand, and started on its own by Trunk's pre-build
//! hook (Trunk.toml) so that a plain `trunk serve` brings up the offline demo too.
//!
//! The hook must not block the build, so `cargo xtask emulator --detach` starts the emulator
//! and returns. Nothing then owns the emulator, so it watches Trunk's server instead
//! (`--exit-when-unreachable`): once that has answered and then stops answering, the
//! emulator exits. This works the same on Linux and macOS, and whether Trunk ends by Ctrl-C,
//! SIGTERM or a crash. Ctrl-C in the terminal also reaches the emulator directly, since it
//! stays in Trunk's process group.

use std::fs::File;
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::process::{self, Background, run};

/// The port `trunk serve` forwards `/__clerk` and `/api` to (Trunk.toml's `[[proxy]]`).
pub const PORT: u16 = 8787;
/// Trunk.toml's `[serve] port`, which `trunk serve --port` or `TRUNK_SERVE_PORT` override.
const TRUNK_PORT: u16 = 8080;
/// Set by xtask on the Trunk it runs itself: the hook then leaves the emulator to xtask.
pub const HOOK_OFF: (&str, &str) = ("CLERK_EMULATOR_HOOK", "off");

/// Builds clerk-emulator (debug, shared with the tests' other builds); returns its binary.
pub fn build(root: &Path) -> Result<PathBuf, String> {
    run(process::cargo(root).args(["build", "--quiet", "-p", "clerk-emulator"]))?;
    Ok(target_dir(root).join("debug/clerk-emulator"))
}

/// Cargo's target folder: `$CARGO_TARGET_DIR` (relative to the workspace) or `target/`.
pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .filter(|dir| !dir.is_empty())
        .map_or_else(|| root.join("target"), |dir| root.join(dir))
}

/// The emulator on [`PORT`] as xtask's child, stopped with xtask.
pub fn start(root: &Path) -> Result<Background, String> {
    if listening(PORT) {
        return Err(format!(
            "port {PORT} is taken (by the emulator of a plain `trunk serve`?): stop that first"
        ));
    }
    let binary = build(root)?;
    let mut command = Command::new(binary);
    command.args(["--port", &PORT.to_string()]).current_dir(root);
    let emulator = Background::start("clerk-emulator", &mut command)?;
    wait_until_listening(PORT, Duration::from_secs(30))?;
    Ok(emulator)
}

/// What Trunk's pre-build hook runs: starts the emulator, detached, unless it is running
/// already, xtask runs Trunk itself, or the build is a `trunk build`.
pub fn detach(root: &Path) -> Result<(), String> {
    if std::env::var(HOOK_OFF.0).is_ok_and(|value| value == HOOK_OFF.1) {
        return Ok(());
    }
    let trunk = trunk_ancestor();
    if trunk
        .as_ref()
        .is_some_and(|args| !args.iter().any(|arg| arg == "serve"))
    {
        return Ok(()); // `trunk build`: nothing will serve the page
    }
    if listening(PORT) {
        println!("xtask: clerk-emulator (or something else) already answers on port {PORT}");
        return Ok(());
    }
    let watched = SocketAddr::from(([127, 0, 0, 1], trunk_port(trunk.as_deref())));
    let binary = build(root)?;
    let log_path = target_dir(root).join("clerk-emulator.log");
    let log = File::create(&log_path).map_err(|e| format!("cannot create {}: {e}", log_path.display()))?;
    let log_err = log
        .try_clone()
        .map_err(|e| format!("cannot share the log file: {e}"))?;
    let child = Command::new(binary)
        .args([
            "--port",
            &PORT.to_string(),
            "--exit-when-unreachable",
            &watched.to_string(),
        ])
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(log_err)
        .spawn()
        .map_err(|e| format!("cannot start clerk-emulator: {e}"))?;
    wait_until_listening(PORT, Duration::from_secs(30))?;
    println!(
        "xtask: clerk-emulator started (pid {}) on port {PORT}, log in {}; it exits once \
         nothing answers on {watched}",
        child.id(),
        log_path.display()
    );
    Ok(())
}

/// Whether something accepts connections on 127.0.0.1:`port`.
fn listening(port: u16) -> bool {
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    TcpStream::connect_timeout(&address, Duration::from_millis(500)).is_ok()
}

fn wait_until_listening(port: u16, patience: Duration) -> Result<(), String> {
    let deadline = Instant::now() + patience;
    while !listening(port) {
        if Instant::now() > deadline {
            return Err(format!(
                "clerk-emulator did not answer on port {port} within {patience:?}"
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

/// The port Trunk serves on: its `--port`/`-p` argument, else `TRUNK_SERVE_PORT`, else
/// Trunk.toml's.
fn trunk_port(trunk_args: Option<&[String]>) -> u16 {
    let from_args = trunk_args.and_then(|args| {
        args.iter().enumerate().find_map(|(i, arg)| match arg.as_str() {
            "--port" | "-p" => args.get(i + 1)?.parse().ok(),
            _ => arg.strip_prefix("--port=")?.parse().ok(),
        })
    });
    from_args
        .or_else(|| std::env::var("TRUNK_SERVE_PORT").ok()?.parse().ok())
        .unwrap_or(TRUNK_PORT)
}

/// The arguments of the `trunk` process this one runs under, if any: a few generations up
/// (cargo may or may not replace itself with xtask).
fn trunk_ancestor() -> Option<Vec<String>> {
    let mut pid = parent_of(std::process::id())?;
    for _ in 0..4 {
        let args = arguments_of(pid)?;
        let program = args.first().map(|first| Path::new(first).file_name());
        if program.flatten().is_some_and(|name| name == "trunk") {
            return Some(args);
        }
        pid = parent_of(pid)?;
    }
    None
}

/// `pid`'s parent, from /proc on Linux and from `ps` elsewhere.
fn parent_of(pid: u32) -> Option<u32> {
    if let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // "pid (command name) state ppid …": the name may hold spaces and parentheses.
        return stat.rsplit_once(')')?.1.split_whitespace().nth(1)?.parse().ok();
    }
    let ppid = process::output(Command::new("ps").args(["-o", "ppid=", "-p", &pid.to_string()]))?;
    ppid.trim().parse().ok().filter(|&ppid| ppid != 0)
}

/// `pid`'s command line, split into arguments (by `ps` on a space outside Linux).
fn arguments_of(pid: u32) -> Option<Vec<String>> {
    if let Ok(cmdline) = std::fs::read(format!("/proc/{pid}/cmdline")) {
        let args = cmdline.split(|&byte| byte == 0).filter(|arg| !arg.is_empty());
        return Some(
            args.map(|arg| String::from_utf8_lossy(arg).into_owned())
                .collect(),
        );
    }
    let args = process::output(Command::new("ps").args(["-o", "args=", "-p", &pid.to_string()]))?;
    Some(args.split_whitespace().map(str::to_owned).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn watches_the_port_trunk_serves_on() {
        assert_eq!(trunk_port(Some(&args("trunk serve --port 8090"))), 8090);
        assert_eq!(trunk_port(Some(&args("trunk serve -p 8091 --release"))), 8091);
        assert_eq!(trunk_port(Some(&args("trunk serve --port=8092"))), 8092);
    }

    #[cfg(unix)]
    #[test]
    fn finds_its_own_parent() {
        let parent = parent_of(std::process::id());
        assert_eq!(parent, Some(std::os::unix::process::parent_id()));
    }
}
