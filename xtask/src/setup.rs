//! Installs what the demo and the tests need, each piece only when it is missing or at the
//! wrong version. Everything comes from the package registries this project may use:
//! rustup's target, crates.io (trunk, wasm-bindgen-cli), npm (clerk-js, playwright-core,
//! binaryen's wasm-opt) and Debian (Chromium, ChromeDriver).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::{cargo, command, output, run};

/// Debian's Chromium and its driver, where `apt-get install chromium chromium-driver` puts them.
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Trunk 0.22 declares rustc 1.96.1 but builds and works on 1.95 (hence
/// `--ignore-rust-version`).
const TRUNK_VERSION: &str = "0.22.1";

/// Everything; the browser only when `browser` (tests need it, serving does not).
pub fn all(root: &Path, browser: bool) -> Result<ToolEnv, String> {
    let env = tool_env(root);
    wasm_target()?;
    node(&env)?;
    npm_packages(root, &env)?;
    trunk(root, &env)?;
    wasm_bindgen_cli(root, &env)?;
    if browser {
        chromium()?;
    }
    Ok(env)
}

/// Environment variables to run the installed tools with.
pub type ToolEnv = Vec<(OsString, OsString)>;

/// The environment for tools: PATH with npm's binaries (wasm-opt from binaryen) and cargo's
/// install folder first, so a system copy of another version is never picked up.
fn tool_env(root: &Path) -> ToolEnv {
    let mut dirs = vec![root.join("node_modules/.bin"), cargo_bin()];
    dirs.extend(
        std::env::var_os("PATH")
            .map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
            .unwrap_or_default(),
    );
    let path = std::env::join_paths(dirs).unwrap_or_default();
    vec![("PATH".into(), path)]
}

fn cargo_bin() -> PathBuf {
    match std::env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home).join("bin"),
        None => PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo/bin"),
    }
}

fn wasm_target() -> Result<(), String> {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

fn node(env: &[(OsString, OsString)]) -> Result<(), String> {
    if output(command("npm", env).arg("--version")).is_some() {
        return Ok(());
    }
    apt_install(&["nodejs", "npm"])
}

/// `npm ci` when `node_modules` is missing or older than `package-lock.json`.
fn npm_packages(root: &Path, env: &[(OsString, OsString)]) -> Result<(), String> {
    let modified = |path: PathBuf| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let lock = modified(root.join("package-lock.json"));
    let installed = modified(root.join("node_modules/.package-lock.json"));
    if matches!((lock, installed), (Some(lock), Some(installed)) if installed >= lock) {
        return Ok(());
    }
    run(command("npm", env)
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(root))
}

fn trunk(root: &Path, env: &[(OsString, OsString)]) -> Result<(), String> {
    if installed_version("trunk", env).as_deref() == Some(TRUNK_VERSION) {
        return Ok(());
    }
    run(cargo(root).args([
        "install",
        "trunk",
        "--version",
        TRUNK_VERSION,
        "--locked",
        "--ignore-rust-version",
    ]))
}

/// wasm-bindgen-cli at exactly the `wasm-bindgen` version in Cargo.lock (the two must match).
fn wasm_bindgen_cli(root: &Path, env: &[(OsString, OsString)]) -> Result<(), String> {
    let wanted = locked_version(root, "wasm-bindgen")?;
    if installed_version("wasm-bindgen", env).as_deref() == Some(wanted.as_str()) {
        return Ok(());
    }
    // Not `--locked`: the CLI's own lock file names a webpki-roots release this registry
    // mirror lacks; resolving afresh picks one it has.
    run(cargo(root).args(["install", "wasm-bindgen-cli", "--version", &wanted]))
}

/// The version `tool --version` reports (its second word, as trunk and wasm-bindgen print
/// it), if the tool is installed.
fn installed_version(tool: &str, env: &[(OsString, OsString)]) -> Option<String> {
    let output = output(command(tool, env).arg("--version"))?;
    output.split_whitespace().nth(1).map(str::to_owned)
}

/// The version of `package` that Cargo.lock pins.
fn locked_version(root: &Path, package: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == name_line
            && let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_owned());
        }
    }
    Err(format!("Cargo.lock does not pin {package}"))
}

fn chromium() -> Result<(), String> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"])
}

fn apt_install(packages: &[&str]) -> Result<(), String> {
    let as_root = output(Command::new("id").arg("-u")).as_deref() == Some("0");
    let apt = |args: &[&str]| {
        let mut command = if as_root {
            Command::new("apt-get")
        } else {
            Command::new("sudo")
        };
        if !as_root {
            command.arg("apt-get");
        }
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    run(&mut apt(&["update", "-qq"]))?;
    let mut install = apt(&["install", "-y", "-qq"]);
    install.args(packages);
    run(&mut install)
}
