//! `examples/ssr`, built the way cargo-leptos builds a Leptos app, step by step: the server
//! binary (feature `ssr`), the browser half (feature `hydrate`, wasm32, release) through the
//! pinned wasm-bindgen CLI, and the site folder the server serves. Then, for `serve-ssr`,
//! the server and clerk-emulator side by side.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::emulator;
use crate::process::{self, Background, run};
use crate::setup::Tools;

/// The crate, and the name its wasm and JS glue get (what `HydrationScripts` loads).
const PACKAGE: &str = "leptos-clerk-example-ssr";
const OUTPUT_NAME: &str = "leptos_clerk_example_ssr";
/// Where `serve-ssr` serves the example.
const ADDRESS: &str = "127.0.0.1:3000";

/// What a build produced: the server binary and the site folder it serves.
pub struct Built {
    pub server: PathBuf,
    pub site: PathBuf,
}

/// Builds the server and the site (with the pinned clerk-js 6 in `clerk-js/`).
pub fn build(root: &Path, tools: &Tools) -> Result<Built, String> {
    let target = emulator::target_dir(root);
    run(process::cargo(root).args(["build", "--quiet", "-p", PACKAGE, "--features", "ssr"]))?;
    run(process::cargo(root).args([
        "build",
        "--quiet",
        "-p",
        PACKAGE,
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
        "--release",
        "--features",
        "hydrate",
    ]))?;
    let site = target.join("example-ssr");
    if site.exists() {
        std::fs::remove_dir_all(&site).map_err(|e| format!("cannot clear {}: {e}", site.display()))?;
    }
    let wasm = target.join(format!("wasm32-unknown-unknown/release/{OUTPUT_NAME}.wasm"));
    run(process::command("wasm-bindgen", &tools.env)
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            OUTPUT_NAME,
            "--out-dir",
        ])
        .arg(site.join("pkg"))
        .arg(&wasm))?;
    crate::copy_dir(
        &root.join("node_modules/@clerk/clerk-js/dist"),
        &site.join("clerk-js"),
        &|_| false,
    )?;
    std::fs::copy(root.join("style/switcher.css"), site.join("switcher.css"))
        .map_err(|e| format!("cannot copy the stylesheet: {e}"))?;
    Ok(Built {
        server: target.join(format!("debug/{PACKAGE}")),
        site,
    })
}

/// `cargo xtask serve-ssr`: the example on [`ADDRESS`], against clerk-emulator (or, with
/// `CLERK_PUBLISHABLE_KEY` set, against that Clerk instance).
pub fn serve(root: &Path, tools: &Tools) -> Result<(), String> {
    let built = build(root, tools)?;
    process::termination::catch();
    let real_key = std::env::var("CLERK_PUBLISHABLE_KEY").is_ok_and(|key| !key.trim().is_empty());
    let mut children = Vec::new();
    let mut server = Command::new(&built.server);
    server.env("SITE_DIR", &built.site).env("ADDRESS", ADDRESS);
    if real_key {
        println!("xtask: CLERK_PUBLISHABLE_KEY is set: the example talks to that Clerk instance.");
        // The server reads the key itself, and hands it to the browser with each page.
    } else {
        children.push(emulator::start(root)?);
        server.env(
            "CLERK_FRONTEND_API",
            format!("http://127.0.0.1:{}", emulator::PORT),
        );
    }
    println!("xtask: the server-rendered example is at http://{ADDRESS}");
    children.push(Background::start(PACKAGE, &mut server)?);
    process::supervise(children)
}
