//! `cargo xtask size` and the size gate: what the benchmark app downloads before the session
//! shows, per capability, from release builds.

use std::path::{Path, PathBuf};

use crate::process::{self, run};
use crate::setup::Tools;

/// The benchmark app (`cargo xtask bench` runs it; the gate holds it to its budget): its
/// name in target/size and its features, the default ones.
const BENCHMARK_APP: &str = "refresh";
const BENCHMARK_FEATURES: &str = "switcher,refresh";

/// The rows of README's size table: each builds `bench/leptos-app` with these features.
const VARIANTS: [(&str, &str, &str); 7] = [
    (
        "leptos-only",
        "leptos-only",
        "Leptos alone (a counter, no Clerk): the floor",
    ),
    (
        "provider",
        "",
        "`<ClerkProvider>` + a card from `use_session()`, `use_user()`",
    ),
    (
        "switcher",
        "switcher",
        "+ `<SessionSwitcher>`: what the React peer does",
    ),
    (
        BENCHMARK_APP,
        BENCHMARK_FEATURES,
        "+ the auto-refresh timer (`session-refresh`): the benchmark app",
    ),
    (
        "claims",
        "switcher,refresh,claims",
        "+ `use_auth().has()` and `use_session_claims()`",
    ),
    (
        "diagnostics",
        "switcher,refresh,claims,diagnostics",
        "+ `<SessionDiagnostics>`",
    ),
    (
        "prebuilt",
        "switcher,refresh,claims,diagnostics,prebuilt",
        "+ `<UserButton>` (Clerk's UI itself loads on demand)",
    ),
];

/// Gzipped bytes of one build.
#[derive(Clone, Copy)]
struct Bytes {
    wasm: u64,
    js: u64,
    css: u64,
    /// A split build's parts fetched after the first download.
    later: u64,
}

impl Bytes {
    fn total(self) -> u64 {
        self.wasm + self.js + self.css
    }
}

/// Builds every variant and prints the table README carries.
pub fn table(root: &Path, tools: &Tools) -> Result<(), String> {
    let mut rows = vec![
        "| build | wasm | JS glue | CSS | total, gzip -9 | added |".to_owned(),
        "| --- | ---: | ---: | ---: | ---: | ---: |".to_owned(),
    ];
    let mut previous: Option<u64> = None;
    for (name, features, label) in VARIANTS {
        let bytes = measure(root, &build(root, tools, name, features)?, tools)?;
        let added = previous.map_or_else(String::new, |before| signed(bytes.total() as i64 - before as i64));
        rows.push(format!(
            "| {label} | {} | {} | {} | **{}** | {added} |",
            group(bytes.wasm),
            group(bytes.js),
            group(bytes.css),
            group(bytes.total()),
        ));
        // Every row after the floor adds to the one before it.
        previous = Some(bytes.total());
    }
    let split = measure(root, &crate::split::build(root, tools)?, tools)?;
    rows.push(format!(
        "| the benchmark app, code-split (`split`): before the session shows | {} | {} | {} | **{}** | |",
        group(split.wasm),
        group(split.js),
        group(split.css),
        group(split.total()),
    ));
    rows.push(format!(
        "| the benchmark app, code-split: fetched once clerk-js has loaded | {} | | | {} | |",
        group(split.later),
        group(split.later),
    ));
    let table = rows.join("\n");
    let out = root.join("target/size/report.md");
    std::fs::write(&out, format!("{table}\n")).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("{table}\n\nxtask: written to {}", out.display());
    Ok(())
}

/// Fails when the benchmark app's gzipped bytes exceed `bench/size-budget.txt`, built as
/// Trunk builds it and with code splitting (the first download only).
pub fn gate(root: &Path, tools: &Tools) -> Result<(), String> {
    let unsplit = budget(root, "bench/size-budget.txt")?;
    let bytes = measure(
        root,
        &build(root, tools, BENCHMARK_APP, BENCHMARK_FEATURES)?,
        tools,
    )?;
    check("the benchmark app", bytes, unsplit, "bench/size-budget.txt")?;
    let split = budget(root, "bench/size-budget-split.txt")?;
    let bytes = measure(root, &crate::split::build(root, tools)?, tools)?;
    println!(
        "xtask: the split benchmark app fetches {} B more once clerk-js has loaded",
        bytes.later
    );
    check(
        "the split benchmark app",
        bytes,
        split,
        "bench/size-budget-split.txt",
    )
}

fn check(what: &str, bytes: Bytes, budget: u64, file: &str) -> Result<(), String> {
    let total = bytes.total();
    println!(
        "xtask: {what} downloads {} B before the session shows (wasm {}, JS {}, CSS {}; budget {budget} B)",
        total, bytes.wasm, bytes.js, bytes.css
    );
    if total > budget {
        return Err(format!(
            "{what} grew to {total} B, over its budget of {budget} B ({file}); \
             `cargo xtask size` shows what each capability costs"
        ));
    }
    Ok(())
}

fn budget(root: &Path, file: &str) -> Result<u64, String> {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with('#'))
        .and_then(|line| line.parse().ok())
        .ok_or_else(|| format!("{} holds no number of bytes", path.display()))
}

/// The app in release (size profile, wasm-opt) with `features`, in target/size/`name`.
fn build(root: &Path, tools: &Tools, name: &str, features: &str) -> Result<PathBuf, String> {
    let dist = root.join("target/size").join(name);
    let mut trunk = crate::trunk(root, tools);
    trunk.args([
        "build",
        "bench/leptos-app/index.html",
        "--release",
        "true",
        "--no-default-features",
        "true",
    ]);
    if !features.is_empty() {
        trunk.args(["--features", features]);
    }
    println!("xtask: building the benchmark app: {name}");
    run(trunk.arg("--dist").arg(&dist))?;
    Ok(dist)
}

fn measure(root: &Path, dist: &Path, tools: &Tools) -> Result<Bytes, String> {
    let output = process::command("node", &tools.env)
        .arg(root.join("bench/size.mjs"))
        .arg(dist)
        .output()
        .map_err(|e| format!("cannot run node bench/size.mjs: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    let field = |kind: &str| {
        text.split_whitespace()
            .find_map(|pair| pair.strip_prefix(kind)?.strip_prefix('=')?.parse().ok())
            .ok_or_else(|| format!("bench/size.mjs said {text:?}, with no {kind}"))
    };
    Ok(Bytes {
        wasm: field("wasm")?,
        js: field("js")?,
        css: field("css")?,
        later: field("later")?,
    })
}

/// 140630 → "140,630".
fn group(bytes: u64) -> String {
    let digits = bytes.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn signed(delta: i64) -> String {
    let sign = if delta < 0 { "−" } else { "+" };
    format!("{sign}{}", group(delta.unsigned_abs()))
}

#[cfg(test)]
mod tests {
    use super::{group, signed};

    #[test]
    fn bytes_are_grouped_by_thousands() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(140_630), "140,630");
        assert_eq!(signed(-2048), "−2,048");
        assert_eq!(signed(55_000), "+55,000");
    }
}
