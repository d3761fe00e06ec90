//! README's quick start is `examples/csr`, word for word: the example is built and linted by
//! `cargo xtask test`, so this keeps the README's copy from drifting away from it.

#[test]
fn the_quick_start_is_the_csr_example_as_it_is() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let example =
        std::fs::read_to_string(root.join("examples/csr/src/main.rs")).expect("examples/csr/src/main.rs");
    let block = format!("```rust,ignore\n{}\n```", example.trim_end());
    assert!(
        readme.contains(&block),
        "README's quick start differs from examples/csr/src/main.rs: paste the file into its ```rust,ignore block"
    );
}
