//! The emulator binary's command line: what it refuses, and what it says when it starts.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

fn emulator() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_clerk-emulator"));
    command.env_remove("CLERK_EMULATOR_ADMIN_TOKEN");
    command
}

/// Starts the emulator with `args` on a free port; returns it and what it printed up to
/// and including its "listening on" line.
fn start(command: &mut Command) -> (Child, Vec<String>) {
    let mut child = command
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the emulator binary runs");
    let mut lines = Vec::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        let done = line.contains("listening on");
        lines.push(line);
        if done {
            break;
        }
    }
    (child, lines)
}

/// The address in the "listening on http://…" line.
fn address(lines: &[String]) -> String {
    let line = lines.last().unwrap();
    let rest = line.split("http://").nth(1).unwrap();
    rest.split_whitespace().next().unwrap().to_owned()
}

/// `GET path` over a real connection, with `headers`; the status code.
fn status_of(address: &str, path: &str, headers: &[(&str, &str)]) -> u16 {
    let mut stream = TcpStream::connect(address).unwrap();
    let mut request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    stream.write_all(format!("{request}\r\n").as_bytes()).unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    reply.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// It holds sessions and mints tokens for anyone who asks, so it must not end up on a
/// network by accident.
#[test]
fn refuses_a_non_loopback_address_unless_told() {
    let output = emulator()
        .args(["--host", "0.0.0.0", "--port", "0"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("refusing to listen on 0.0.0.0") && stderr.contains("--allow-non-loopback"),
        "{stderr}"
    );
}

#[test]
fn says_it_is_not_for_production_and_prints_the_admin_token_it_made_up() {
    let (mut child, lines) = start(&mut emulator());
    let address = address(&lines);
    let banner = lines.join("\n");
    assert!(banner.contains("NOT FOR PRODUCTION"), "{banner}");
    let token = lines
        .iter()
        .find_map(|line| line.split("x-emulator-admin-token: ").nth(1))
        .expect("the banner names the token")
        .to_owned();
    assert_eq!(token.len(), 64, "256 random bits: {token}");
    assert_eq!(status_of(&address, "/__emulator/health", &[]), 401);
    assert_eq!(
        status_of(
            &address,
            "/__emulator/health",
            &[("x-emulator-admin-token", &token)]
        ),
        200
    );
    assert_eq!(
        status_of(&address, "/v1/environment", &[("Origin", "https://evil.example")]),
        403
    );
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn takes_its_admin_token_from_the_environment_without_echoing_it() {
    let token = "a-token-the-test-harness-chose";
    let (mut child, lines) = start(emulator().env("CLERK_EMULATOR_ADMIN_TOKEN", token));
    let address = address(&lines);
    assert!(lines.iter().all(|line| !line.contains(token)), "{lines:?}");
    assert_eq!(
        status_of(
            &address,
            "/__emulator/health",
            &[("x-emulator-admin-token", token)]
        ),
        200
    );
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn refuses_the_published_test_key() {
    let key = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/test-key.pem");
    let output = emulator().args(["--port", "0", "--key", key]).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("refusing the test fixture key"), "{stderr}");
}

#[test]
fn plays_a_production_instance_only_when_told_and_then_says_so_loudly() {
    let config = std::env::temp_dir().join(format!("clerk-emulator-live-{}.toml", std::process::id()));
    std::fs::write(&config, "[instance]\nfrontend_api = \"clerk.example.com\"\n").unwrap();
    let refused = emulator()
        .args(["--port", "0", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("pk_live_") && stderr.contains("--allow-live-key"),
        "{stderr}"
    );

    let (mut child, lines) = start(emulator().arg("--config").arg(&config).arg("--allow-live-key"));
    let banner = lines.join("\n");
    assert!(banner.contains(&"*".repeat(78)), "{banner}");
    assert!(
        banner.contains("\"clerk.example.com\" is not a development host"),
        "{banner}"
    );
    assert!(banner.contains("publishable key pk_live_"), "{banner}");
    child.kill().unwrap();
    child.wait().unwrap();
    std::fs::remove_file(config).unwrap();
}
