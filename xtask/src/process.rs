//! Running commands: loudly, with their exit status checked.

use std::ffi::OsString;
use std::path::Path;
use std::process::{Child, Command};

/// Runs `command` to completion; a non-zero exit is an error naming the command.
pub fn run(command: &mut Command) -> Result<(), String> {
    let shown = describe(command);
    println!("xtask: $ {shown}");
    let status = command
        .status()
        .map_err(|e| format!("cannot start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Runs `command` and returns its trimmed stdout, or `None` if it cannot run or fails.
pub fn output(command: &mut Command) -> Option<String> {
    let output = command.output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// `program` with the tool environment (PATH with the pinned tools first).
pub fn command(program: &str, env: &[(OsString, OsString)]) -> Command {
    let mut command = Command::new(program);
    command.envs(env.iter().cloned());
    command
}

/// `cargo`, run from the workspace root.
pub fn cargo(root: &Path) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root);
    command
}

fn describe(command: &Command) -> String {
    let mut parts = vec![command.get_program().to_string_lossy().into_owned()];
    parts.extend(command.get_args().map(|arg| arg.to_string_lossy().into_owned()));
    parts.join(" ")
}

/// A child process that is killed when this value is dropped.
pub struct Background {
    name: &'static str,
    child: Child,
}

impl Background {
    pub fn start(name: &'static str, command: &mut Command) -> Result<Self, String> {
        println!("xtask: starting {name}: {}", describe(command));
        let child = command.spawn().map_err(|e| format!("cannot start {name}: {e}"))?;
        Ok(Self { name, child })
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Err(error) = self.child.kill() {
            eprintln!("xtask: could not stop {}: {error}", self.name);
        }
        let _ = self.child.wait();
    }
}
