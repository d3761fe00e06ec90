//! A 128 KiB stack instead of Rust's default 1 MiB, which wasm32 reserves inside linear
//! memory whether it is used or not (the app's deepest use measured: 8 KiB). README's
//! "Memory" note shows an app how to do the same.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-bins=-zstack-size=131072");
    }
}
