//! The browser half is a stack of layers whose imports only point down:
//!
//! ```text
//! ui        hooks, actions, components        (src/ui/)
//! runtime   provider, loader, refresh driver  (src/runtime/)
//! js        the only code that touches JS     (src/js/)
//! pure      model, claims, refresh, diagnostics, encoding, error
//! ```
//!
//! The server half (`server/`, `axum/`) sits on the pure layer beside `js`. This test reads
//! `src/` and fails when JS is used outside `src/js/`, when a layer imports one above it,
//! or when modules import each other in a cycle. Re-exports (`pub use`) that only give an
//! item its public path are allowed anywhere; comments are not code.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Names that mean JS access.
const JS_NAMES: &[&str] = &[
    "js_sys",
    "web_sys",
    "wasm_bindgen",
    "gloo_timers",
    "Reflect",
    "Closure",
    "JsValue",
    "JsCast",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    Pure,
    Js,
    Server,
    Runtime,
    Ui,
}

impl Layer {
    /// The layer of top-level module `module`, if it is one of the layered ones.
    fn of_module(module: &str) -> Option<Layer> {
        Some(match module {
            "model" | "claims" | "refresh" | "diagnostics" | "encoding" | "error" => Layer::Pure,
            "js" => Layer::Js,
            "server" | "axum" => Layer::Server,
            "runtime" => Layer::Runtime,
            "ui" => Layer::Ui,
            _ => return None,
        })
    }

    /// Whether code in `self` may use code in `other`.
    fn may_use(self, other: Layer) -> bool {
        match (self, other) {
            (a, b) if a == b => true,
            (_, Layer::Pure) => true,
            (Layer::Server, _) | (Layer::Js, _) | (Layer::Pure, _) => false,
            (Layer::Runtime, Layer::Js) => true,
            (Layer::Ui, Layer::Js | Layer::Runtime) => true,
            _ => false,
        }
    }
}

struct Source {
    path: PathBuf,
    /// `js::clerk`, `ui::components::session_switcher`, `lib`…
    module: Vec<String>,
    /// Code lines (comments dropped), numbered from 1.
    lines: Vec<(usize, String)>,
}

fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&root, &mut files);
    files
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(&root).unwrap().with_extension("");
            let mut module: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if module.last().is_some_and(|last| last == "mod") {
                module.pop();
            }
            let text = fs::read_to_string(&path).unwrap();
            let lines = text
                .lines()
                .enumerate()
                .map(|(i, line)| (i + 1, line.trim().to_owned()))
                .filter(|(_, line)| !line.starts_with("//"))
                .collect();
            Source { path, module, lines }
        })
        .collect()
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// Whether `word` occurs in `line` as a whole identifier.
fn mentions(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + word.len()..].chars().next();
        let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !ident(before) && !ident(after)
    })
}

/// The crate-relative module paths a line refers to (`crate::a::b`, `super::x`), as
/// segments, resolved from the file's own module.
fn references(line: &str, module: &[String], is_mod_file: bool) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for (start, _) in line.match_indices("crate::") {
        if line[..start].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue; // `leptos_clerk::crate…` never happens; `mycrate::` is not ours
        }
        found.push(path_after(&line[start + "crate::".len()..]));
    }
    for (start, _) in line.match_indices("super::") {
        if line[..start].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
            continue; // `super::super::` is read from its first `super`
        }
        let mut base: Vec<String> = module.to_vec();
        // In `a/b.rs`, `super` is `a`; in `a/b/mod.rs` (module `a::b`) it is `a` too.
        let mut rest = &line[start..];
        while let Some(after) = rest.strip_prefix("super::") {
            base.pop();
            rest = after;
        }
        let _ = is_mod_file;
        base.extend(path_after(rest));
        found.push(base);
    }
    found
}

fn path_after(text: &str) -> Vec<String> {
    text.split("::")
        .map(|segment| {
            segment
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .take_while(|segment| !segment.is_empty())
        .collect()
}

/// Where the crate root's re-exported names come from: `ClerkError` → `error`.
fn root_names(sources: &[Source]) -> BTreeMap<String, String> {
    let lib = sources.iter().find(|s| s.module == ["lib"]).expect("src/lib.rs");
    let text: String = lib
        .lines
        .iter()
        .map(|(_, line)| line.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let mut names = BTreeMap::new();
    for statement in text.split(';') {
        let Some(at) = statement.find("pub use ") else {
            continue;
        };
        let body = &statement[at + "pub use ".len()..];
        let first = path_after(body).into_iter().next().unwrap_or_default();
        let items = body.rsplit_once('{').map_or(body, |(_, items)| items);
        for item in items.split([',', '}', ':']) {
            let name = item.trim();
            if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                names.insert(name.to_owned(), first.clone());
            }
        }
    }
    names
}

/// The top-level module a reference lands in.
fn top_module(reference: &[String], roots: &BTreeMap<String, String>) -> Option<String> {
    let first = reference.first()?;
    if Layer::of_module(first).is_some() {
        Some(first.clone())
    } else {
        roots.get(first).cloned()
    }
}

#[test]
fn js_is_touched_only_in_the_js_layer() {
    let mut offences = Vec::new();
    for source in sources() {
        if source.module.first().is_some_and(|m| m == "js") {
            continue;
        }
        for (number, line) in &source.lines {
            for name in JS_NAMES {
                if mentions(line, name) {
                    offences.push(format!("{}:{number}: {name}: {line}", source.path.display()));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "JS is used outside src/js/ (add a typed function to src/js/ and call that):\n{}",
        offences.join("\n")
    );
}

#[test]
fn imports_only_point_down() {
    let sources = sources();
    let roots = root_names(&sources);
    let mut offences = Vec::new();
    for source in &sources {
        let Some(layer) = source.module.first().and_then(|m| Layer::of_module(m)) else {
            continue; // lib.rs: the crate's docs and public paths
        };
        for (number, line) in &source.lines {
            if line.starts_with("pub use ") || line.starts_with("pub(crate) use ") {
                continue;
            }
            for reference in references(line, &source.module, false) {
                let Some(target) = top_module(&reference, &roots) else {
                    continue;
                };
                let target_layer = Layer::of_module(&target).expect("a layered module");
                if !layer.may_use(target_layer) {
                    offences.push(format!(
                        "{}:{number}: {layer:?} uses {target_layer:?} ({}): {line}",
                        source.path.display(),
                        reference.join("::")
                    ));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "a layer imports one above it:\n{}",
        offences.join("\n")
    );
}

#[test]
fn modules_import_each_other_in_no_cycle() {
    let sources = sources();
    let roots = root_names(&sources);
    // Nodes are modules two levels deep (`js::clerk`, `runtime::context`, `model`…).
    let node = |path: &[String]| path.iter().take(2).cloned().collect::<Vec<_>>().join("::");
    let known: BTreeSet<String> = sources.iter().map(|s| node(&s.module)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for source in &sources {
        let from = node(&source.module);
        for (_, line) in &source.lines {
            if line.starts_with("pub use ") || line.starts_with("pub(crate) use ") || line.starts_with("mod ")
            {
                continue;
            }
            for mut reference in references(line, &source.module, false) {
                if let Some(first) = reference.first().cloned()
                    && Layer::of_module(&first).is_none()
                    && let Some(module) = roots.get(&first)
                {
                    reference = vec![module.clone()];
                }
                // The longest known prefix: `js::clerk::Clerk` → `js::clerk`.
                let to = (1..=reference.len().min(2))
                    .rev()
                    .map(|n| reference[..n].join("::"))
                    .find(|candidate| known.contains(candidate));
                if let Some(to) = to
                    && to != from
                    && !from.starts_with(&format!("{to}::"))
                    && !to.starts_with(&format!("{from}::"))
                {
                    edges.entry(from.clone()).or_default().insert(to);
                }
            }
        }
    }
    let mut cycles = Vec::new();
    for start in edges.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for next in edges.get(&at).into_iter().flatten() {
                if next == start {
                    let mut cycle = path.clone();
                    cycle.push(start.clone());
                    cycles.push(cycle.join(" → "));
                } else if seen.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_checks_catch_what_they_are_for() {
    // A guard against a test that passes by finding nothing.
    assert!(mentions("let now = js_sys::Date::now();", "js_sys"));
    assert!(!mentions("let leptos_js_sys_like = 1;", "js_sys"));
    let module = ["ui".to_owned(), "components".to_owned(), "show".to_owned()];
    assert_eq!(
        references("use super::root_class;", &module, false),
        vec![vec![
            "ui".to_owned(),
            "components".to_owned(),
            "root_class".to_owned()
        ]]
    );
    assert!(!Layer::Runtime.may_use(Layer::Ui));
    assert!(!Layer::Js.may_use(Layer::Runtime));
    assert!(!Layer::Pure.may_use(Layer::Js));
    assert!(Layer::Ui.may_use(Layer::Js));
}
