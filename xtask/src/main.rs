//! `cargo xtask setup | serve | test | bench | size | load | emulator`: the two commands README
//! promises, the set-up both share, and the tools behind them. Each step checks before it
//! installs, so a second run is quick.

mod browser;
mod emulator;
mod process;
mod setup;
mod size;
mod split;
mod ssr_example;
mod system;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use process::{Background, run};

const USAGE: &str = "\
usage: cargo xtask <command> [--install-system-deps]

  setup            install what is missing (wasm32 target, trunk, wasm-bindgen-cli,
                   npm packages with wasm-opt and clerk-js, Chromium and ChromeDriver)
  serve [--release]
                   serve the demo on http://127.0.0.1:8080 against clerk-emulator
                   (or, with CLERK_PUBLISHABLE_KEY set, against that Clerk instance)
  serve-ssr        build examples/ssr (server rendering) and serve it on
                   http://127.0.0.1:3000 against clerk-emulator (or the Clerk instance
                   of CLERK_PUBLISHABLE_KEY)
  test             check formatting and lints, then run every test: native, in headless
                   Chromium, and end to end
  bench [--runs N] compare the benchmark app, unsplit and code-split, with the same app
                   in React + @clerk/react (release builds, N alternating runs, default
                   20); writes target/bench/report.json and report.md
  size [--gate]    build the benchmark app per capability (release) and print the bytes
                   each adds, and its code-split build (feature `split`); writes
                   target/size/report.md. With --gate, only the check `test` makes: the
                   benchmark app within bench/size-budget.txt, and its split build's
                   first download within bench/size-budget-split.txt
  load [--seconds S]
                   200 clients load, get tokens, touch and switch against one emulator
                   for S seconds (default 60); writes target/reliability/load.json
  emulator [--detach]
                   run clerk-emulator on port 8787; with --detach (Trunk.toml's hook) start
                   it in the background unless the port is taken, until trunk serve stops

  --install-system-deps
                   not as root on Debian or Ubuntu, install missing Node.js, npm, Chromium
                   and ChromeDriver with sudo apt-get (as root xtask does so anyway; on other
                   systems it says what to install)

  CHROMIUM, CHROMEDRIVER
                   the browser and driver to test with (default: found on PATH or in the
                   usual places)";

/// Options every command accepts.
#[derive(Clone, Copy)]
struct Options {
    install_system_deps: bool,
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let options = Options {
        install_system_deps: take_flag(&mut args, "--install-system-deps"),
    };
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["setup"] => setup::all(&root(), true, options.install_system_deps).map(drop),
        ["serve"] => serve(false, options),
        ["serve", "--release"] => serve(true, options),
        ["serve-ssr"] => setup::all(&root(), false, options.install_system_deps)
            .and_then(|tools| ssr_example::serve(&root(), &tools)),
        ["test"] => test(options),
        ["bench"] => bench(20, options),
        ["bench", "--runs", runs] => match runs.parse() {
            Ok(runs) => bench(runs, options),
            Err(_) => Err(format!("--runs takes a number, not {runs:?}")),
        },
        ["size"] => setup::all(&root(), false, options.install_system_deps)
            .and_then(|tools| size::table(&root(), &tools)),
        ["size", "--gate"] => setup::all(&root(), false, options.install_system_deps)
            .and_then(|tools| size::gate(&root(), &tools)),
        ["load"] => load(60, options),
        ["load", "--seconds", seconds] => match seconds.parse() {
            Ok(seconds) => load(seconds, options),
            Err(_) => Err(format!("--seconds takes a number, not {seconds:?}")),
        },
        ["emulator"] => {
            process::termination::catch();
            emulator::start(&root()).and_then(|emulator| process::supervise(vec![emulator]))
        }
        ["emulator", "--detach"] => emulator::detach(&root()),
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

/// Removes `flag` from `args` wherever it is; whether it was there.
fn take_flag(args: &mut Vec<String>, flag: &str) -> bool {
    let before = args.len();
    args.retain(|arg| arg != flag);
    args.len() != before
}

/// The workspace root (this crate's parent folder).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// `trunk`, with the pinned tools on PATH, run from the workspace root. Trunk.toml's
/// emulator hook is switched off: xtask starts the emulator itself when it needs one.
fn trunk(root: &Path, tools: &setup::Tools) -> std::process::Command {
    let mut trunk = process::command("trunk", &tools.env);
    trunk
        .current_dir(root)
        .env(emulator::HOOK_OFF.0, emulator::HOOK_OFF.1);
    trunk
}

/// The demo with Trunk, and the emulator unless a real Clerk instance is named. Both are
/// stopped, with what they started, when either ends or xtask gets SIGINT or SIGTERM.
fn serve(release: bool, options: Options) -> Result<(), String> {
    let root = root();
    let tools = setup::all(&root, false, options.install_system_deps)?;
    let real_key = std::env::var("CLERK_PUBLISHABLE_KEY").is_ok_and(|key| !key.trim().is_empty());
    // From here on a signal only sets a flag, so no child can be left behind by xtask
    // ending halfway; `supervise` acts on it.
    process::termination::catch();
    let mut children = Vec::new();
    if real_key {
        println!("xtask: CLERK_PUBLISHABLE_KEY is set: the demo talks to that Clerk instance.");
    } else {
        children.push(emulator::start(&root)?);
    }
    let mut trunk = trunk(&root, &tools);
    trunk.arg("serve");
    if release {
        trunk.arg("--release");
    }
    println!("xtask: the demo will be at http://127.0.0.1:8080 once Trunk has built it.");
    children.push(Background::start("trunk", &mut trunk)?);
    process::supervise(children)
}

/// `cargo fmt --check` and clippy with warnings as errors, for the host and for wasm32.
fn lint(root: &Path) -> Result<(), String> {
    setup::wasm_target().map(drop)?;
    run(process::cargo(root).args(["fmt", "--all", "--", "--check"]))?;
    let clippy = |args: &[&str]| {
        run(process::cargo(root)
            .arg("clippy")
            .args(args)
            .args(["--", "-D", "warnings"]))
    };
    const WASM32: &str = "wasm32-unknown-unknown";
    // The host: the library with both halves (and the runtime of its split points, whose
    // tests run on the host), the emulator, xtask, tests and benches. In a
    // profile of its own: clippy's check-only builds of the dependencies, left beside the
    // test builds in target/debug, make rustdoc pick an .rmeta where a doctest needs the
    // .rlib ("crate `ring` required to be available in rlib format").
    clippy(&[
        "--profile",
        "lint",
        "--all-targets",
        "--features",
        "leptos-clerk/server,leptos-clerk/axum,leptos-clerk/ssr,leptos-clerk/split",
    ])?;
    // A server-rendered app (examples/ssr): its server, then its browser half as it hydrates,
    // with the library's `ssr` and `hydrate` features.
    clippy(&[
        "--profile",
        "lint",
        "-p",
        "leptos-clerk-example-ssr",
        "--features",
        "ssr",
    ])?;
    clippy(&[
        "--target",
        WASM32,
        "-p",
        "leptos-clerk-example-ssr",
        "--lib",
        "--features",
        "hydrate",
    ])?;
    // The browser: the library with its browser tests, the demo and the benchmark app.
    clippy(&[
        "--target",
        WASM32,
        "--all-targets",
        "-p",
        "leptos-clerk",
        "-p",
        "leptos-clerk-demo",
        "-p",
        "leptos-clerk-bench-app",
        "-p",
        "leptos-clerk-example-csr",
    ])?;
    // The library alone in the feature sets an app may pick beside the default: without the
    // auto-refresh timer (`session-refresh`), with code splitting (`split`) as the benchmark
    // app's split build has it, and both (the timer's split point is then not compiled).
    for features in [
        &["--no-default-features", "--features", "browser"][..],
        &["--features", "split"],
        &["--no-default-features", "--features", "browser,split"],
    ] {
        clippy(&[&["--target", WASM32, "-p", "leptos-clerk", "--lib"][..], features].concat())?;
    }
    Ok(())
}

fn test(options: Options) -> Result<(), String> {
    let root = root();
    // 0. Formatting and lints: the quickest to fail, so first.
    lint(&root)?;
    let tools = setup::all(&root, true, options.install_system_deps)?;
    let browser = tools.browser.as_ref().ok_or("setup found no browser")?;

    // 1. Pure logic on the host: the converter, the emulator, server rendering, and the
    //    differential tests against Clerk's own packages in Node (required here, never
    //    skipped).
    run(process::cargo(&root)
        .args(["test", "--features", "leptos-clerk/ssr,leptos-clerk/split"])
        .envs(tools.env.iter().cloned())
        .env("LEPTOS_CLERK_DIFFERENTIAL", "required"))?;

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
        .envs(tools.env.iter().cloned())
        .env("CHROMEDRIVER", &browser.chromedriver)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    write_webdriver_json(&root, &browser.chromium)?;
    run(&mut browser_tests)?;

    // 3. Bytes are deterministic, so they are a test: the benchmark app, built in release,
    //    within the budget committed in bench/size-budget.txt.
    size::gate(&root, &tools)?;

    // 4. End to end: the Trunk-built demo and the emulator in Chromium, with the pinned
    //    clerk-js 6, then with the same build serving clerk-js 5 (major 5 keeps working).
    run(trunk(&root, &tools).args(["build", "--dist", "target/e2e-dist"]))?;
    // The example a user copies builds with Trunk as an outside app would.
    run(trunk(&root, &tools).args(["build", "examples/csr/index.html", "--dist", "target/example-csr"]))?;
    let emulator = emulator::build(&root)?;
    // The server-rendered example, built as cargo-leptos would, served by its own server.
    let ssr = ssr_example::build(&root, &tools)?;
    let ssr_v5_site = ssr.site.with_file_name("example-ssr-clerk-js-5");
    with_clerk_js(
        &ssr.site,
        &root.join("node_modules/clerk-js-5/dist"),
        &ssr_v5_site,
    )?;
    // The benchmark app's split build, which the size gate made: its first download and the
    // part fetched after it, working, with either clerk-js.
    let split_dist = root.join("target/size/split");
    let split_v5_dist = root.join("target/size/split-clerk-js-5");
    with_clerk_js(
        &split_dist,
        &root.join("node_modules/clerk-js-5/dist"),
        &split_v5_dist,
    )?;
    let v5_dist = root.join("target/e2e-dist-clerk-js-5");
    with_clerk_js(
        &root.join("target/e2e-dist"),
        &root.join("node_modules/clerk-js-5/dist"),
        &v5_dist,
    )?;
    for (major, dist, ssr_site, split_site) in [
        ("6", root.join("target/e2e-dist"), ssr.site.clone(), split_dist),
        ("5", v5_dist, ssr_v5_site, split_v5_dist),
    ] {
        println!("xtask: end-to-end tests with clerk-js {major}");
        let mut e2e = process::command("node", &tools.env);
        e2e.args(["--test", "--test-concurrency=1", "tests/e2e/"])
            .current_dir(&root)
            .env("EMULATOR_BIN", &emulator)
            .env("DEMO_DIST", dist)
            .env("SSR_SERVER_BIN", &ssr.server)
            .env("SSR_SITE", ssr_site)
            .env("SPLIT_DIST", split_site)
            .env("CLERK_JS_MAJOR", major)
            .env("CHROMIUM", &browser.chromium)
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

    // 5. The emulator under load: no error, no crash, flat memory (a shorter run than
    //    `cargo xtask load`, which the reliability table quotes).
    run_load(&root, &tools.env, &emulator, 20, "load-20s.json")
}

/// Writes the capabilities wasm-bindgen-test-runner reads from `webdriver.json` in the
/// workspace root: headless, and the browser setup found (ChromeDriver does not look for
/// Chromium where every system puts it).
fn write_webdriver_json(root: &Path, chromium: &Path) -> Result<(), String> {
    let binary = chromium
        .to_string_lossy()
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    let flags = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    .map(|flag| format!("\"{flag}\""))
    .join(", ");
    let json = format!("{{\"goog:chromeOptions\": {{\"binary\": \"{binary}\", \"args\": [{flags}]}}}}\n");
    std::fs::write(root.join("webdriver.json"), json).map_err(|e| format!("cannot write webdriver.json: {e}"))
}

fn load(seconds: u32, options: Options) -> Result<(), String> {
    let root = root();
    let tools = setup::all(&root, false, options.install_system_deps)?;
    let emulator = emulator::build(&root)?;
    run_load(&root, &tools.env, &emulator, seconds, "load.json")
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

pub(crate) fn copy_dir(from: &Path, to: &Path, skip: &dyn Fn(&Path) -> bool) -> Result<(), String> {
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

fn bench(runs: u32, options: Options) -> Result<(), String> {
    let root = root();
    let tools = setup::all(&root, true, options.install_system_deps)?;
    let browser = tools.browser.as_ref().ok_or("setup found no browser")?;
    let site = root.join("target/bench/site");
    // Both apps in release mode: ours with the size profile and wasm-opt, React with Vite.
    run(trunk(&root, &tools)
        .args([
            "build",
            "bench/leptos-app/index.html",
            "--release",
            "true",
            "--dist",
        ])
        .arg(&site))?;
    run(process::command("node_modules/.bin/vite", &tools.env)
        .args(["build", "--config", "bench/react-peer/vite.config.mjs"])
        .env("REACT_PEER_OUT", site.join("react"))
        .current_dir(&root))?;
    // The same app code-split, timed beside the other two.
    let split_site = split::build(&root, &tools)?;
    let emulator = emulator::build(&root)?;
    let mut bench = process::command("node", &tools.env);
    bench
        .arg("bench/run.mjs")
        .current_dir(&root)
        .env("SITE", &site)
        .env("SPLIT_SITE", &split_site)
        .env("EMULATOR_BIN", &emulator)
        .env("CHROMIUM", &browser.chromium)
        .env("RUNS", runs.to_string())
        .env("OUT", root.join("target/bench"))
        .env("SCREENSHOTS", root.join("target/screenshots"));
    run(&mut bench)
}
