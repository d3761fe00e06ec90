//! The benchmark app with code splitting (leptos-clerk's feature `split`): the switcher and
//! the refresh timer in a module of their own, fetched after the first download.
//!
//! Trunk cannot split a wasm module, so this does what cargo-leptos `--split` does, around a
//! Trunk build (which keeps the page, the stylesheet and clerk-js as for every other build):
//! cargo links with relocations kept, `wasm-split-cli` cuts the module at the
//! `#[wasm_split]` points, wasm-bindgen binds the main part, and `bench/split.mjs` optimises
//! and minifies the parts into the build, in place of Trunk's unsplit ones.

use std::path::{Path, PathBuf};

use crate::process::{self, run};
use crate::setup::Tools;

/// The name cargo gives the benchmark app's wasm.
const APP: &str = "leptos-clerk-bench-app";

/// Builds the benchmark app (default features and `split`) into target/size/split.
pub fn build(root: &Path, tools: &Tools) -> Result<PathBuf, String> {
    // Cargo ignores the per-target flags below when either of these is set, and the splitter
    // would then fail on a module without relocations.
    for variable in ["RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS"] {
        if std::env::var_os(variable).is_some_and(|value| !value.is_empty()) {
            return Err(format!(
                "{variable} is set, so cargo would not link with --emit-relocs for the split build; unset it"
            ));
        }
    }
    let dist = root.join("target/size/split");
    println!("xtask: building the benchmark app: split");
    let mut trunk = crate::trunk(root, tools);
    trunk
        .args([
            "build",
            "bench/leptos-app/index.html",
            "--release",
            "true",
            "--features",
            "split",
        ])
        .arg("--dist")
        .arg(&dist)
        // The splitter reads the linker's relocations to tell what each part uses. For the
        // wasm target only: Trunk's pre-build hook builds xtask for the host with the same
        // environment, and the host's linker has no such flag.
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
            "-Clink-args=--emit-relocs",
        );
    run(&mut trunk)?;

    // Trunk's hashed names stay: its page refers to them.
    let glue = built_file(&dist, |name| {
        name.starts_with(&format!("{APP}-")) && name.ends_with(".js")
    })?;
    let wasm = built_file(&dist, |name| {
        name.starts_with(&format!("{APP}-")) && name.ends_with("_bg.wasm")
    })?;
    let stem = glue
        .file_stem()
        .and_then(|stem| stem.to_str())
        .ok_or("Trunk's JS glue has no name")?
        .to_owned();

    let work = root.join("target/split-work");
    let _ = std::fs::remove_dir_all(&work);
    let target_dir = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let input = target_dir.join(format!("wasm32-unknown-unknown/release/{APP}.wasm"));
    run(process::command("wasm-split-cli", &tools.env)
        .arg(&input)
        .arg(work.join("split"))
        .args(["--out-name", &stem]))?;
    run(process::command("wasm-bindgen", &tools.env)
        .arg(work.join("split").join(format!("{stem}.wasm")))
        .arg("--out-dir")
        .arg(work.join("bound"))
        .args([
            "--out-name",
            &stem,
            "--target",
            "web",
            "--weak-refs",
            "--no-typescript",
        ])
        // The split parts call the main one through its exports and function table.
        .args(["--keep-lld-exports", "--no-demangle"]))?;
    run(process::command("node", &tools.env)
        .arg(root.join("bench/split.mjs"))
        .arg(&work)
        .arg(&dist)
        .arg(&stem)
        .arg(wasm.file_name().ok_or("Trunk's wasm has no name")?)
        .current_dir(root))?;
    Ok(dist)
}

/// The one file of Trunk's build whose name matches.
fn built_file(dist: &Path, matches: impl Fn(&str) -> bool) -> Result<PathBuf, String> {
    let entries = std::fs::read_dir(dist).map_err(|e| format!("cannot read {}: {e}", dist.display()))?;
    let mut found = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(&matches)
        });
    match (found.next(), found.next()) {
        (Some(path), None) => Ok(path),
        _ => Err(format!("{} does not hold exactly one such file", dist.display())),
    }
}
