//! Subscriptions are owned: mounting and unmounting leaves clerk-js as it found it, and
//! identical emits wake nothing.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use leptos::prelude::*;
use leptos_clerk::{ClerkOptions, ClerkProvider, use_session};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::fake;
use crate::support::{mount, ticks};

const KEY: &str = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";

#[component]
fn SessionId() -> impl IntoView {
    let session = use_session().session;
    view! { <p id="session">{move || session.get().map(|s| s.id)}</p> }
}

#[wasm_bindgen_test]
async fn a_thousand_mounts_and_unmounts_leave_no_listener_behind() {
    let session = fake::make_session("sess_1", "Ada", "Lovelace", 1.9e12);
    let clerk = fake::install_signed_in(&session);
    let before = fake::listener_count(&clerk);
    for round in 0..1000 {
        let page =
            mount(|| view! { <ClerkProvider options=ClerkOptions::new(KEY)><SessionId/></ClerkProvider> });
        if round % 100 == 0 {
            // Every hundredth round, let the provider subscribe and render before unmounting.
            page.wait_for_text("#session", |t| t == "sess_1").await;
            assert_eq!(fake::listener_count(&clerk), before + 1);
        }
        drop(page);
    }
    // Providers unmounted before their load finished must not subscribe late.
    ticks(5).await;
    assert_eq!(fake::listener_count(&clerk), before);
    assert_eq!(clerk.load_calls(), 1, "one load() for a thousand providers");
}

/// Counts how often a view reading the session re-renders.
#[component]
fn RenderCounter(runs: Arc<AtomicU32>) -> impl IntoView {
    let session = use_session().session;
    move || {
        // Read the value (not just `track()`): memos are lazy and only notify once read.
        session.with(|_| ());
        runs.fetch_add(1, Ordering::SeqCst);
    }
}

#[wasm_bindgen_test]
async fn identical_emits_do_not_wake_the_session_signal() {
    let session = fake::make_session("sess_1", "Ada", "Lovelace", 1.9e12);
    let clerk = fake::install_signed_in(&session);
    let runs = Arc::new(AtomicU32::new(0));
    let counted = Arc::clone(&runs);
    let page = mount(move || {
        view! {
            <ClerkProvider options=ClerkOptions::new(KEY)>
                <RenderCounter runs=counted/>
                <SessionId/>
            </ClerkProvider>
        }
    });
    page.wait_for_text("#session", |t| t == "sess_1").await;
    let settled = runs.load(Ordering::SeqCst);
    // clerk-js re-emits the same resources on every token refresh.
    for _ in 0..50 {
        fake::emit(&clerk, &fake::signed_in(&session));
    }
    ticks(5).await;
    assert_eq!(runs.load(Ordering::SeqCst), settled);
    // A real change does wake it.
    let other = fake::make_session("sess_2", "Grace", "Hopper", 1.9e12);
    fake::emit(&clerk, &fake::signed_in(&other));
    page.wait_for_text("#session", |t| t == "sess_2").await;
    ticks(2).await;
    assert_eq!(runs.load(Ordering::SeqCst), settled + 1);
}
