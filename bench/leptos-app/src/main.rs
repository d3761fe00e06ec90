#![cfg_attr(feature = "leptos-only", allow(dead_code, unused_imports))]
//! The benchmark app: what bench/react-peer does, with leptos-clerk. The active session
//! (user, id, expiry countdown) and the session switcher; nothing else, so that the bytes
//! and timings compare like for like. The provider's refresh timer (which the React peer
//! lacks) is in by default, as in any app; the `refresh` feature is its row in the size
//! table.
//!
//! Its cargo features add one capability each, for `cargo xtask size`'s table of what each
//! costs; `leptos-only` builds a counter without Clerk, the floor under all of them.

use std::time::Duration;

use leptos::prelude::*;
use leptos_clerk::{ClerkOptions, ClerkProvider, use_session, use_user};

const PUBLISHABLE_KEY: &str = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";

#[cfg(feature = "leptos-only")]
fn main() {
    mount_to_body(|| {
        let count = RwSignal::new(0);
        view! { <button on:click=move |_| count.update(|n| *n += 1)>{count}</button> }
    });
}

#[cfg(not(feature = "leptos-only"))]
fn main() {
    mount_to_body(|| {
        let options = ClerkOptions::new(PUBLISHABLE_KEY)
            .proxy_url("/__clerk")
            .script_url("/clerk-js/clerk.browser.js");
        view! {
            <ClerkProvider options=options>
                {capabilities::switcher()}
                <SessionCard/>
                {capabilities::claims()}
                {capabilities::diagnostics()}
                {capabilities::prebuilt()}
            </ClerkProvider>
        }
    });
}

fn countdown(ms: i64) -> String {
    if ms <= 0 {
        return "expired".into();
    }
    let total = ms / 1000;
    let (d, h, m, s) = (total / 86_400, total / 3600 % 24, total / 60 % 60, total % 60);
    match (d, h) {
        (0, 0) => format!("{m}:{s:02}"),
        (0, _) => format!("{h}:{m:02}:{s:02}"),
        _ => format!("{d} d {h:02}:{m:02}:{s:02}"),
    }
}

#[component]
fn SessionCard() -> impl IntoView {
    let session = use_session();
    let user = use_user().user;
    let (now, set_now) = signal(js_sys::Date::now() as i64);
    if let Ok(tick) = set_interval_with_handle(
        move || set_now.set(js_sys::Date::now() as i64),
        Duration::from_secs(1),
    ) {
        on_cleanup(move || tick.clear());
    }
    // The benchmark's "session UI shown" moment, as the React peer marks it.
    Effect::new(move |_| {
        if session.session.with(Option::is_some)
            && let Some(performance) = window().performance()
            && performance.get_entries_by_name("session-ui").length() == 0
        {
            let _ = performance.mark("session-ui");
        }
    });
    // Fine-grained, as a Leptos app would be written: a switch rewrites the card's text
    // and only a change between loading, signed out and signed in rebuilds it.
    let shown = Memo::new(move |_| match session.is_loaded.get() {
        false => Shown::Loading,
        true if session.session.with(Option::is_some) => Shown::SignedIn,
        true => Shown::SignedOut,
    });
    let session_id = move || session.session.with(|s| s.as_ref().map(|s| s.id.clone()));
    let expire_at = Memo::new(move |_| session.session.with(|s| s.as_ref().and_then(|s| s.expire_at)));
    move || match shown.get() {
        Shown::Loading => view! { <p data-testid="loading">"Loading…"</p> }.into_any(),
        Shown::SignedOut => view! { <p data-testid="signed-out">"Signed out"</p> }.into_any(),
        Shown::SignedIn => view! {
            <section data-testid="session-card">
                <p data-testid="user-name">{move || user.get().map(|u| u.display_name())}</p>
                <code data-testid="session-id">{session_id}</code>
                <p data-testid="expires-in">{move || expire_at.get().map(|at| countdown(at - now.get()))}</p>
            </section>
        }
        .into_any(),
    }
}

/// Which of its three faces the card shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shown {
    Loading,
    SignedOut,
    SignedIn,
}

/// What each cargo feature adds to the page; without its feature, nothing.
mod capabilities {
    #[cfg(any(
        feature = "switcher",
        feature = "claims",
        feature = "diagnostics",
        feature = "prebuilt"
    ))]
    use leptos::prelude::*;

    #[cfg(feature = "switcher")]
    pub fn switcher() -> impl IntoView {
        // At the page's left edge: the menu opens from the trigger's start.
        view! { <leptos_clerk::SessionSwitcher class="lc-switcher--align-start"/> }
    }
    #[cfg(not(feature = "switcher"))]
    pub fn switcher() {}

    #[cfg(feature = "claims")]
    pub fn claims() -> impl IntoView {
        use leptos_clerk::claims::Require;
        let auth = leptos_clerk::use_auth();
        let claims = leptos_clerk::use_session_claims();
        let admin = Require::role("org:admin");
        let is_admin = move || auth.has(&admin).then_some("admin");
        let expires = move || claims.with(|c| c.as_ref().and_then(|c| c.as_ref().ok()).map(|c| c.expires_at));
        view! { <p>{is_admin} {expires}</p> }
    }
    #[cfg(not(feature = "claims"))]
    pub fn claims() {}

    #[cfg(feature = "diagnostics")]
    pub fn diagnostics() -> impl IntoView {
        view! { <leptos_clerk::SessionDiagnostics/> }
    }
    #[cfg(not(feature = "diagnostics"))]
    pub fn diagnostics() {}

    #[cfg(feature = "prebuilt")]
    pub fn prebuilt() -> impl IntoView {
        view! { <leptos_clerk::UserButton/> }
    }
    #[cfg(not(feature = "prebuilt"))]
    pub fn prebuilt() {}
}
