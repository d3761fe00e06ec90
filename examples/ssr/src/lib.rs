//! A server-rendered Leptos app with Clerk: the server authenticates each page load from
//! Clerk's cookies (through Clerk's handshake when the session token is stale), renders the
//! signed-in page at first paint, and the browser hydrates it; clerk-js takes over after.
//!
//! `cargo xtask serve-ssr` builds it and serves it offline against clerk-emulator.

pub mod app;

/// The browser's entry point: hydrates the server's HTML.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_body(app::App);
}
