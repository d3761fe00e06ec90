//! The provider's auto-refresh against the fake clerk-js: a session near its end.

use leptos::prelude::*;
use leptos_clerk::{ClerkOptions, ClerkProvider, RefreshStatus, SessionExpiryWarning, use_session_refresh};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::fake;
use crate::support::{mount, ticks};

const KEY: &str = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";

#[component]
fn Status() -> impl IntoView {
    let refresh = use_session_refresh();
    view! { <p id="refresh">{move || format!("{:?}", refresh.status.get())}</p> }
}

#[wasm_bindgen_test]
async fn a_touch_that_cannot_extend_the_session_shows_the_warning_once() {
    let ends_at = js_sys::Date::now() + 2.0 * 60_000.0;
    let session = fake::make_session("sess_1", "Ada", "Lovelace", ends_at);
    fake::install_signed_in(&session);
    let page = mount(|| {
        view! {
            <ClerkProvider options=ClerkOptions::new(KEY)>
                <Status/>
                <SessionExpiryWarning/>
            </ClerkProvider>
        }
    });
    let warning = page.wait_for_text(".lc-expiry__text", |_| true).await;
    // Two minutes, counted down and rounded up: 2:00 at first, 1:xx a moment later.
    let shown = warning
        .strip_prefix("Your session ends in ")
        .and_then(|rest| rest.strip_suffix(". Sign in again to keep working."));
    assert!(
        matches!(shown, Some(t) if t == "2:00" || t.starts_with("1:")),
        "{warning}"
    );
    assert_eq!(
        page.text("#refresh"),
        Some(format!(
            "{:?}",
            RefreshStatus::Expiring {
                ends_at: ends_at as i64
            }
        ))
    );
    ticks(10).await;
    assert_eq!(
        fake::session_calls(&session, "touchCalls"),
        1,
        "touched once, then stopped"
    );
}

#[wasm_bindgen_test]
async fn a_distant_expiry_only_schedules() {
    let ends_at = js_sys::Date::now() + 30.0 * 24.0 * 3600.0 * 1000.0;
    let session = fake::make_session("sess_1", "Ada", "Lovelace", ends_at);
    fake::install_signed_in(&session);
    let page = mount(|| view! { <ClerkProvider options=ClerkOptions::new(KEY)><Status/></ClerkProvider> });
    let at = ends_at as i64 - 5 * 60_000;
    page.wait_for_text("#refresh", |t| {
        t == format!("{:?}", RefreshStatus::Scheduled { at })
    })
    .await;
    assert_eq!(fake::session_calls(&session, "touchCalls"), 0);
}

#[wasm_bindgen_test]
async fn the_provider_can_leave_refreshing_to_the_app() {
    let session = fake::make_session("sess_1", "Ada", "Lovelace", js_sys::Date::now() + 60_000.0);
    fake::install_signed_in(&session);
    let options = ClerkOptions::new(KEY).without_session_refresh();
    let page =
        mount(move || view! { <ClerkProvider options=options><p id="x">"mounted"</p></ClerkProvider> });
    page.wait_for_text("#x", |_| true).await;
    ticks(10).await;
    assert_eq!(fake::session_calls(&session, "touchCalls"), 0);
}
