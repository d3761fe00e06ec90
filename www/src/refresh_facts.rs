//! The demo's view of the auto-refresh timer: what it plans and what it last did.

use leptos::prelude::*;
use leptos_clerk::refresh::StopReason;
use leptos_clerk::{RefreshStatus, use_session_refresh};

use crate::format::{ago, countdown, local_time};

/// Two rows for the session card's fact list: "Auto-refresh" and "Last touch".
#[component]
pub fn RefreshFacts(now: ReadSignal<i64>) -> impl IntoView {
    let refresh = use_session_refresh();
    let plan = move || match refresh.status.get() {
        RefreshStatus::Idle => "starting…".to_string(),
        RefreshStatus::Scheduled { at } => format!("next touch in {}", countdown(at - now.get())),
        RefreshStatus::Touching => "touching…".to_string(),
        RefreshStatus::BackingOff { at, attempt } => {
            format!(
                "touch failed {attempt}×, retrying in {}",
                countdown((at - now.get()).max(1000))
            )
        }
        RefreshStatus::Expiring { .. } => "can no longer extend this session".to_string(),
        RefreshStatus::Stopped(StopReason::SignedOut) => "off: nobody is signed in".to_string(),
        RefreshStatus::Stopped(StopReason::NoExpiry) => "off: the session has no expiry".to_string(),
        RefreshStatus::Stopped(StopReason::Expiring { .. }) => {
            "can no longer extend this session".to_string()
        }
        RefreshStatus::Stopped(StopReason::Unavailable) => "off: its code could not be fetched".to_string(),
    };
    let last = move || match refresh.last_touch.get() {
        None => "none yet".to_string(),
        Some(touch) => match touch.result {
            Ok(Some(expire_at)) => format!(
                "{}, expiry now {}",
                ago(now.get() - touch.at),
                local_time(expire_at)
            ),
            Ok(None) => format!("{}, no expiry returned", ago(now.get() - touch.at)),
            Err(message) => format!("failed {}: {message}", ago(now.get() - touch.at)),
        },
    };
    view! {
        <dt>"Auto-refresh"</dt>
        <dd data-testid="refresh-status">{plan}</dd>
        <dt>"Last touch"</dt>
        <dd data-testid="last-touch">{last}</dd>
    }
}
