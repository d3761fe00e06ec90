//! `cargo xtask setup | serve | test | bench | load`: the two commands README promises, and the set-up
//! both share. Each step checks before it installs, so a second run is quick.

mod process;
mod setup;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use process::{Background, run};

const USAGE: &str = "\
usage: cargo xtask <command>

  setup            install what is missing (wasm32 target, trunk, wasm-bindgen-cli,
                   npm packages with wasm-opt and clerk-js, Chromium and ChromeDriver)
  serve [--release]
                   serve the demo on http://127.0.0.1:8080 against clerk-emulator
                   (or, with CLERK_PUBLISHABLE_KEY set, against that Clerk instance)
  test             run every test: native, in headless Chromium, and end to end
  bench [--runs N] compare the benchmark app with the same app in React + @clerk/react
                   (release builds, one emulator, N alternating runs, default 10);
                   writes target/bench/report.json and report.md
  load [--seconds S]
                   200 clients load, get tokens, touch and switch against one emulator
                   for S seconds (default 60); writes target/reliability/load.json";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["setup"] => setup::all(&root(), true).map(drop),
        ["serve"] => serve(false),
        ["serve", "--release"] => serve(true),
        ["test"] => test(),
        ["bench"] => bench(10),
        ["bench", "--runs", runs] => match runs.parse() {
            Ok(runs) => bench(runs),
            Err(_) => Err(format!("--runs takes a number, not {runs:?}")),
        },
        ["load"] => load(60),
        ["load", "--seconds", seconds] => match seconds.parse() {
            Ok(seconds) => load(seconds),
            Err(_) => Err(format!("--seconds takes a number, not {seconds:?}")),
        },
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Builds clerk-emulator (debug, shared with the tests' other builds); returns its binary.
fn build_emulator(root: &Path) -> Result<PathBuf, String> {
    run(process::cargo(root).args(["build", "--quiet", "-p", "clerk-emulator"]))?;
    Ok(root.join("target/debug/clerk-emulator"))
}

/// The workspace root (this crate's parent folder).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The port `trunk serve` forwards `/__clerk` to (Trunk.toml's `[[proxy]]`).
const EMULATOR_PORT: &str = "8787";

fn serve(release: bool) -> Result<(), String> {
    let root = root();
    let tools = setup::all(&root, false)?;
    let real_key = std::env::var("CLERK_PUBLISHABLE_KEY").is_ok_and(|key| !key.trim().is_empty());
    let _emulator = if real_key {
        println!("xtask: CLERK_PUBLISHABLE_KEY is set: the demo talks to that Clerk instance.");
        None
    } else {
        let binary = build_emulator(&root)?;
        let mut command = std::process::Command::new(binary);
        command.args(["--port", EMULATOR_PORT]).current_dir(&root);
        Some(Background::start("clerk-emulator", &mut command)?)
    };
    let mut trunk = process::command("trunk", &tools);
    trunk.arg("serve").current_dir(&root);
    if release {
        trunk.arg("--release");
    }
    println!("xtask: the demo will be at http://127.0.0.1:8080 once Trunk has built it.");
    run(&mut trunk)
}

fn test() -> Result<(), String> {
    let root = root();
    let tools = setup::all(&root, true)?;

    // 1. Pure logic on the host: the converter, the emulator.
    run(process::cargo(&root).arg("test"))?;

    // 2. Hooks and components in headless Chromium against a fake window.Clerk.
    let mut browser_tests = process::cargo(&root);
    browser_tests
        .args([
            "test",
            "-p",
            "leptos-clerk",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "browser",
        ])
        .envs(tools.iter().cloned())
        .env("CHROMEDRIVER", setup::CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    run(&mut browser_tests)?;

    // 3. End to end: the Trunk-built demo and the emulator in Chromium, with the pinned
    //    clerk-js 6, then with the same build serving clerk-js 5 (major 5 keeps working).
    run(process::command("trunk", &tools)
        .args(["build", "--dist", "target/e2e-dist"])
        .current_dir(&root))?;
    let emulator = build_emulator(&root)?;
    let v5_dist = root.join("target/e2e-dist-clerk-js-5");
    with_clerk_js(
        &root.join("target/e2e-dist"),
        &root.join("node_modules/clerk-js-5/dist"),
        &v5_dist,
    )?;
    for (major, dist) in [("6", root.join("target/e2e-dist")), ("5", v5_dist)] {
        println!("xtask: end-to-end tests with clerk-js {major}");
        let mut e2e = process::command("node", &tools);
        e2e.args(["--test", "--test-concurrency=1", "tests/e2e/"])
            .current_dir(&root)
            .env("EMULATOR_BIN", &emulator)
            .env("DEMO_DIST", dist)
            .env("CLERK_JS_MAJOR", major)
            .env("CHROMIUM", setup::CHROMIUM)
            .env(
                "SCREENSHOTS",
                root.join("target/screenshots").join(format!("clerk-js-{major}")),
            )
            .env(
                "RELIABILITY",
                root.join("target/reliability").join(format!("clerk-js-{major}")),
            );
        run(&mut e2e)?;
    }

    // 4. The emulator under load: no error, no crash, flat memory (a shorter run than
    //    `cargo xtask load`, which the reliability table quotes).
    run_load(&root, &tools, &emulator, 20, "load-20s.json")
}

fn load(seconds: u32) -> Result<(), String> {
    let root = root();
    let tools = setup::all(&root, false)?;
    let emulator = build_emulator(&root)?;
    run_load(&root, &tools, &emulator, seconds, "load.json")
}

/// Runs the emulator load test for `seconds`; its figures go to target/reliability/`report`.
fn run_load(
    root: &Path,
    tools: &setup::ToolEnv,
    emulator: &Path,
    seconds: u32,
    report: &str,
) -> Result<(), String> {
    println!("xtask: clerk-emulator under load for {seconds} s");
    run(process::command("node", tools)
        .args(["tests/load/emulator-load.mjs", "--seconds", &seconds.to_string()])
        .current_dir(root)
        .env("EMULATOR_BIN", emulator)
        .env("OUT", root.join("target/reliability").join(report)))
}

/// A copy of the built demo at `to` whose `clerk-js/` is the dist folder `clerk_js`.
fn with_clerk_js(demo: &Path, clerk_js: &Path, to: &Path) -> Result<(), String> {
    if to.exists() {
        std::fs::remove_dir_all(to).map_err(|e| format!("cannot clear {}: {e}", to.display()))?;
    }
    copy_dir(demo, to, &|path| {
        path.file_name().is_some_and(|name| name == "clerk-js")
    })?;
    copy_dir(clerk_js, &to.join("clerk-js"), &|_| false)
}

fn copy_dir(from: &Path, to: &Path, skip: &dyn Fn(&Path) -> bool) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("cannot copy {} to {}: {e}", from.display(), to.display());
    std::fs::create_dir_all(to).map_err(fail)?;
    for entry in std::fs::read_dir(from).map_err(fail)? {
        let path = entry.map_err(fail)?.path();
        if skip(&path) {
            continue;
        }
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &target, &|_| false)?;
        } else {
            std::fs::copy(&path, &target).map_err(fail)?;
        }
    }
    Ok(())
}

fn bench(runs: u32) -> Result<(), String> {
    let root = root();
    let tools = setup::all(&root, true)?;
    let site = root.join("target/bench/site");
    // Both apps in release mode: ours with the size profile and wasm-opt, React with Vite.
    run(process::command("trunk", &tools)
        .args([
            "build",
            "bench/leptos-app/index.html",
            "--release",
            "true",
            "--dist",
        ])
        .arg(&site)
        .current_dir(&root))?;
    run(process::command("node_modules/.bin/vite", &tools)
        .args(["build", "--config", "bench/react-peer/vite.config.mjs"])
        .env("REACT_PEER_OUT", site.join("react"))
        .current_dir(&root))?;
    let emulator = build_emulator(&root)?;
    let mut bench = process::command("node", &tools);
    bench
        .arg("bench/run.mjs")
        .current_dir(&root)
        .env("SITE", &site)
        .env("EMULATOR_BIN", &emulator)
        .env("CHROMIUM", setup::CHROMIUM)
        .env("RUNS", runs.to_string())
        .env("OUT", root.join("target/bench"))
        .env("SCREENSHOTS", root.join("target/screenshots"));
    run(&mut bench)
}
