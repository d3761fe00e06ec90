//! Installs what the demo and the tests need, each piece only when it is missing or at the
//! wrong version: rustup's wasm target, trunk, wasm-bindgen-cli and wasm-split-cli from crates.io, the npm
//! packages of package-lock.json (clerk-js, playwright-core, binaryen's wasm-opt), and the
//! system's Node.js and Chromium with ChromeDriver (see `system`).
//!
//! On a fresh machine this takes minutes, so the two kinds of work overlap: system packages
//! then `npm ci` (mostly downloads) run on a thread while cargo compiles trunk and
//! wasm-bindgen-cli (mostly CPU).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::browser::{self, Browser};
use crate::process::{cargo, command, output, run};
use crate::system::{self, Missing};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Trunk 0.22.1 declares rust-version 1.96.1 but builds with 1.95, the toolchain
/// rust-toolchain.toml asks for (hence `--ignore-rust-version`).
const TRUNK_VERSION: &str = "0.22.1";
/// The wasm splitter cargo-leptos `--split` runs, as a command, for the benchmark app's split
/// build (`split`); it must know the names wasm-bindgen gives its descriptors, so it is pinned.
const WASM_SPLIT_VERSION: &str = "0.2.4";

/// Environment variables to run the installed tools with.
pub type ToolEnv = Vec<(OsString, OsString)>;

/// What setup found or installed.
pub struct Tools {
    pub env: ToolEnv,
    /// Present when asked for (tests need it, serving does not).
    pub browser: Option<Browser>,
}

/// Everything; the browser only when `browser`. System packages are installed with sudo only
/// when `install_system_deps` (see `system::plan`).
pub fn all(root: &Path, browser: bool, install_system_deps: bool) -> Result<Tools, String> {
    let started = Instant::now();
    let env = tool_env(root);
    let missing = Missing {
        node: output(command("npm", &env).arg("--version")).is_none(),
        browser: browser && !browser_present()?,
    };
    let plan = system::plan(missing, install_system_deps)?;
    let mut timings = Timings::default();

    let (system_side, cargo_side) = std::thread::scope(|scope| {
        let system_side = scope.spawn(|| {
            let mut timings = Timings::default();
            if let Some(plan) = &plan {
                timings.step("apt-get", || plan.run().map(|()| true))?;
            }
            timings.step("npm ci", || npm_packages(root, &env))?;
            Ok::<_, String>(timings)
        });
        let cargo_side = (|| {
            let mut timings = Timings::default();
            timings.step("wasm32 target", wasm_target)?;
            timings.step("trunk", || trunk(root, &env))?;
            timings.step("wasm-bindgen-cli", || wasm_bindgen_cli(root, &env))?;
            timings.step("wasm-split-cli", || wasm_split_cli(root))?;
            Ok::<_, String>(timings)
        })();
        let system_side = system_side
            .join()
            .unwrap_or_else(|_| Err("the system package thread panicked".to_owned()));
        (system_side, cargo_side)
    });
    timings.0.extend(system_side?.0);
    timings.0.extend(cargo_side?.0);
    timings.report(started.elapsed());

    let browser = if browser { Some(found_browser()?) } else { None };
    Ok(Tools { env, browser })
}

/// How long each step that installed something took.
#[derive(Default)]
struct Timings(Vec<(&'static str, Duration)>);

impl Timings {
    /// Runs `step`, which returns whether it installed anything, and notes its time if so.
    fn step(
        &mut self,
        name: &'static str,
        step: impl FnOnce() -> Result<bool, String>,
    ) -> Result<(), String> {
        let started = Instant::now();
        if step()? {
            self.0.push((name, started.elapsed()));
        }
        Ok(())
    }

    /// One line, only when something was installed: "setup took 4m 2s (npm ci 3m 1s, …)".
    fn report(&self, total: Duration) {
        if self.0.is_empty() {
            return;
        }
        let steps: Vec<String> = self
            .0
            .iter()
            .map(|(name, took)| format!("{name} {}", minutes(*took)))
            .collect();
        println!("xtask: setup took {} ({})", minutes(total), steps.join(", "));
    }
}

fn minutes(duration: Duration) -> String {
    let seconds = duration.as_secs();
    if seconds < 60 {
        format!("{seconds}s")
    } else {
        format!("{}m {}s", seconds / 60, seconds % 60)
    }
}

/// Whether both the browser and the driver are found (an invalid `CHROMIUM` is an error).
fn browser_present() -> Result<bool, String> {
    Ok(browser::find_chromium()?.is_some() && browser::find_chromedriver()?.is_some())
}

/// The browser and driver after installing, checked to be a matching pair.
fn found_browser() -> Result<Browser, String> {
    let not_found =
        |what: &str, variable: &str| format!("{what} not found after installing; set {variable} to its path");
    let browser = Browser {
        chromium: browser::find_chromium()?.ok_or_else(|| not_found("Chromium", "CHROMIUM"))?,
        chromedriver: browser::find_chromedriver()?
            .ok_or_else(|| not_found("ChromeDriver", "CHROMEDRIVER"))?,
    };
    browser::check_versions(&browser)?;
    Ok(browser)
}

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

/// Adds the wasm32 target unless rustup has it; whether it did.
pub fn wasm_target() -> Result<bool, String> {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(false);
    }
    run(Command::new("rustup").args(["target", "add", WASM_TARGET])).map(|()| true)
}

/// `npm ci` when `node_modules` is missing or older than `package-lock.json`.
///
/// `--ignore-scripts`: no package here needs its install script. The scripts in the lock file
/// print banners or telemetry notices (core-js, browser-tabs-lock, @clerk/shared) or look for
/// a prebuilt native add-on that `ws` can do without (bufferutil, utf-8-validate); binaryen's
/// wasm-opt and playwright-core have none.
fn npm_packages(root: &Path, env: &[(OsString, OsString)]) -> Result<bool, String> {
    let modified = |path: PathBuf| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let lock = modified(root.join("package-lock.json"));
    let installed = modified(root.join("node_modules/.package-lock.json"));
    if matches!((lock, installed), (Some(lock), Some(installed)) if installed >= lock) {
        return Ok(false);
    }
    run(command("npm", env)
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        .current_dir(root))
    .map(|()| true)
}

fn trunk(root: &Path, env: &[(OsString, OsString)]) -> Result<bool, String> {
    if installed_version("trunk", env).as_deref() == Some(TRUNK_VERSION) {
        return Ok(false);
    }
    run(cargo(root).args([
        "install",
        "trunk",
        "--version",
        TRUNK_VERSION,
        "--locked",
        "--ignore-rust-version",
    ]))
    .map(|()| true)
}

/// wasm-bindgen-cli at exactly the `wasm-bindgen` version in Cargo.lock (the two must match).
fn wasm_bindgen_cli(root: &Path, env: &[(OsString, OsString)]) -> Result<bool, String> {
    let wanted = locked_version(root, "wasm-bindgen")?;
    if installed_version("wasm-bindgen", env).as_deref() == Some(wanted.as_str()) {
        return Ok(false);
    }
    // Not `--locked`: the CLI's lock file pins webpki-roots 1.0.11, which `--locked` fails to
    // resolve ("failed to select a version", the index offering releases up to 1.0.10);
    // resolving afresh picks a release the index has.
    run(cargo(root).args(["install", "wasm-bindgen-cli", "--version", &wanted])).map(|()| true)
}

/// wasm-split-cli (crate `wasm_split_cli_support`), which prints no version: cargo's list of
/// installed packages says which one is there.
fn wasm_split_cli(root: &Path) -> Result<bool, String> {
    let crate_name = "wasm_split_cli_support";
    let installed = output(cargo(root).args(["install", "--list"])).unwrap_or_default();
    if installed
        .lines()
        .any(|line| line == format!("{crate_name} v{WASM_SPLIT_VERSION}:"))
    {
        return Ok(false);
    }
    run(cargo(root).args([
        "install",
        crate_name,
        "--version",
        WASM_SPLIT_VERSION,
        "--locked",
        "--features",
        "build-binary",
    ]))
    .map(|()| true)
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
