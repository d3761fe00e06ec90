//! What the differential tests share: a seedable generator, the Node runner, the report.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

/// The seed every run uses, so a regression shows on every run.
const FIXED_SEED: u64 = 0x1eaf_c1e4_2026;

/// A small, fast, seedable generator (SplitMix64): the cases must replay from a seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The fixed seed and a fresh one, or the one `DIFFERENTIAL_SEED` names.
pub fn seeds() -> Vec<u64> {
    match std::env::var("DIFFERENTIAL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        Some(seed) => vec![seed],
        None => {
            let random = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64);
            vec![FIXED_SEED, random]
        }
    }
}

/// Clerk's verdicts: `script` (beside this file) run by Node with one JSON input per line;
/// `None` when Node or the packages are missing and the run does not require them.
pub fn clerks_verdicts(script: &str, inputs: &[Value], env: &[(&str, &str)]) -> Option<Vec<Value>> {
    let root = env!("CARGO_MANIFEST_DIR");
    let installed = std::path::Path::new(root)
        .join("node_modules/@clerk/backend/package.json")
        .exists();
    let child = Command::new("node")
        .arg(format!("{root}/tests/differential/{script}"))
        .current_dir(root)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn();
    let (true, Ok(mut child)) = (installed, child) else {
        let required = std::env::var("LEPTOS_CLERK_DIFFERENTIAL").is_ok_and(|v| v == "required");
        assert!(
            !required,
            "the differential tests need node and `npm ci` (run `cargo xtask test`)"
        );
        eprintln!("differential test skipped: no node or no node_modules (`cargo xtask test` runs it)");
        return None;
    };
    let mut input = String::new();
    for case in inputs {
        input.push_str(&case.to_string());
        input.push('\n');
    }
    let mut stdin = child.stdin.take().expect("piped stdin");
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("node ran");
    writer.join().expect("writer thread").expect("cases sent");
    assert!(output.status.success(), "the Node side failed: {output:?}");
    let verdicts: Vec<Value> = String::from_utf8(output.stdout)
        .expect("UTF-8 from Node")
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON verdict"))
        .collect();
    assert_eq!(verdicts.len(), inputs.len(), "one verdict per case");
    Some(verdicts)
}

/// Prints the run's count (straight to stderr, past the harness' capture, so every run
/// shows it) and fails with the first disagreements.
pub fn report(
    what: &str,
    detail: &str,
    cases: usize,
    seeds: &[u64],
    disagreements: &[String],
    allowed: &[(&str, usize)],
) {
    let allowed_text = allowed
        .iter()
        .map(|(tag, count)| format!("{tag}: {count}"))
        .collect::<Vec<_>>()
        .join(", ");
    let _ = writeln!(
        std::io::stderr(),
        "differential ({what}): {cases} cases{detail}, seeds {seeds:?}, {} disagreements, allowed [{allowed_text}]",
        disagreements.len(),
    );
    assert!(
        disagreements.is_empty(),
        "{} of {cases} cases disagree with Clerk (first 5 shown):\n{}",
        disagreements.len(),
        disagreements
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
