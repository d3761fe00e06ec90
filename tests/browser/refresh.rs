//! The provider's auto-refresh against the fake clerk-js: a session near its end.

use leptos::prelude::*;
use leptos_clerk::{
    ClerkOptions, ClerkProvider, RefreshStatus, SessionExpiryWarning, UseSessionRefreshOptions,
    use_session_refresh, use_session_refresh_with_options,
};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::fake;
use crate::support::{mount, ticks};

const KEY: &str = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";

#[component]
fn Status() -> impl IntoView {
    let refresh = use_session_refresh();
    view! { <p id="refresh">{move || format!("{:?}", refresh.status.get())}</p> }
}

/// What `<Status>` shows once a touch could not move the session's end, `ends_at`.
fn expiring(ends_at: f64) -> String {
    format!(
        "{:?}",
        RefreshStatus::Expiring {
            ends_at: ends_at as i64
        }
    )
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
    assert_eq!(page.text("#refresh"), Some(expiring(ends_at)));
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
    // Reading the refresher's status (as <SessionTimeline> and <SessionExpiryWarning> do)
    // must not start one behind the app's back.
    let page = mount(move || {
        view! {
            <ClerkProvider options=options>
                <Status/>
                <SessionExpiryWarning/>
            </ClerkProvider>
        }
    });
    page.wait_for_text("#refresh", |_| true).await;
    ticks(10).await;
    assert_eq!(fake::session_calls(&session, "touchCalls"), 0);
    assert_eq!(page.text("#refresh"), Some(format!("{:?}", RefreshStatus::Idle)));
    assert_eq!(page.text(".lc-expiry__text"), None);
}

/// Starts its own refresher, as an app whose provider runs none would, around `children`.
#[component]
fn OwnRefresher(children: Children) -> impl IntoView {
    use_session_refresh_with_options(UseSessionRefreshOptions::default());
    children()
}

#[wasm_bindgen_test]
async fn an_apps_own_refresher_is_the_one_the_components_below_it_see() {
    let ends_at = js_sys::Date::now() + 2.0 * 60_000.0;
    let session = fake::make_session("sess_1", "Ada", "Lovelace", ends_at);
    fake::install_signed_in(&session);
    let options = ClerkOptions::new(KEY).without_session_refresh();
    let page = mount(move || {
        view! {
            <ClerkProvider options=options>
                <OwnRefresher>
                    <Status/>
                    <SessionExpiryWarning/>
                </OwnRefresher>
            </ClerkProvider>
        }
    });
    // The session ends within the lead: the app's refresher touches, cannot extend it, and
    // says so; the status and the warning below it show that, not the provider's Idle.
    page.wait_for_text(".lc-expiry__text", |_| true).await;
    assert_eq!(page.text("#refresh"), Some(expiring(ends_at)));
    ticks(10).await;
    assert_eq!(fake::session_calls(&session, "touchCalls"), 1);
}

/// Posts `{sessionId, expireAt}` on the refreshers' channel, as another tab would.
fn post_peer_touch(session_id: &str, expire_at: f64) {
    let channel = web_sys::BroadcastChannel::new("leptos-clerk:session-refresh").expect("BroadcastChannel");
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &"sessionId".into(), &session_id.into()).expect("set");
    js_sys::Reflect::set(&message, &"expireAt".into(), &expire_at.into()).expect("set");
    channel.post_message(&message).expect("post");
    channel.close();
}

#[wasm_bindgen_test]
async fn another_tabs_touch_moves_the_plan_but_a_hostile_time_is_ignored() {
    let ends_at = js_sys::Date::now() + 20.0 * 60_000.0;
    let session = fake::make_session("sess_1", "Ada", "Lovelace", ends_at);
    fake::install_signed_in(&session);
    let page = mount(|| view! { <ClerkProvider options=ClerkOptions::new(KEY)><Status/></ClerkProvider> });
    let scheduled = |ends_at: f64| {
        format!(
            "{:?}",
            RefreshStatus::Scheduled {
                at: ends_at as i64 - 5 * 60_000
            }
        )
    };
    page.wait_for_text("#refresh", |t| t == scheduled(ends_at)).await;

    // Any script of the origin can post on the channel: a time no session has must not
    // push the plan out of reach (it used to saturate to i64::MAX and stop every refresh).
    post_peer_touch("sess_1", 1e300);
    post_peer_touch("sess_1", f64::NAN);
    ticks(10).await;
    assert_eq!(page.text("#refresh"), Some(scheduled(ends_at)));

    // A real peer touch does move it: the channel reaches the driver.
    let extended = ends_at + 60.0 * 60_000.0;
    post_peer_touch("sess_1", extended);
    page.wait_for_text("#refresh", |t| t == scheduled(extended)).await;
    assert_eq!(fake::session_calls(&session, "touchCalls"), 0);
}
