//! Hooks and components in headless Chromium, against a fake `window.Clerk`
//! (`fake_clerk.js`). Run by `cargo xtask test`.
#![cfg(target_arch = "wasm32")]

mod fake;
mod hooks;
mod lifecycle;
mod organizations;
mod prebuilt;
mod refresh;
mod show;
mod sign_in_code;
mod sign_up;
mod support;
mod switcher;
mod tokens;
mod user_metadata;
mod verify;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
