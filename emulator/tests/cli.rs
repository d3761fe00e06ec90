//! The emulator binary's command line.

use std::process::Command;

/// It holds sessions and mints tokens for anyone who asks, so it must not end up on a
/// network by accident.
#[test]
fn refuses_a_non_loopback_address_unless_told() {
    let output = Command::new(env!("CARGO_BIN_EXE_clerk-emulator"))
        .args(["--host", "0.0.0.0", "--port", "0"])
        .output()
        .expect("the emulator binary runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("refusing to listen on 0.0.0.0") && stderr.contains("--allow-non-loopback"),
        "{stderr}"
    );
}
