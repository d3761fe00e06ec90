//! The signed-in session: who, which session, and how long it has left.

use std::time::Duration;

use leptos::prelude::*;
use leptos_clerk::{SessionTimeline, use_session, use_user};

use crate::format::{ago, countdown, local_time};
use crate::refresh_facts::RefreshFacts;

/// A clock for the countdowns, ticking once a second while the card is mounted.
fn use_now() -> ReadSignal<i64> {
    let (now, set_now) = signal(js_sys::Date::now() as i64);
    let tick = set_interval_with_handle(
        move || set_now.set(js_sys::Date::now() as i64),
        Duration::from_secs(1),
    );
    if let Ok(handle) = tick {
        on_cleanup(move || handle.clear());
    }
    now
}

#[component]
pub fn SessionCard() -> impl IntoView {
    let session = use_session().session;
    let user = use_user().user;
    let now = use_now();

    let name = move || user.get().map(|u| u.display_name()).unwrap_or_default();
    // A user with no name is shown by email already: say it once.
    let email = move || {
        user.get().and_then(|u| {
            u.primary_email_address
                .clone()
                .filter(|email| *email != u.display_name())
        })
    };
    let session_id = move || session.get().map(|s| s.id).unwrap_or_default();
    let status = move || session.get().map(|s| s.status.to_string()).unwrap_or_default();
    let expire_at = move || session.get().and_then(|s| s.expire_at);
    let last_active_at = move || session.get().and_then(|s| s.last_active_at);

    view! {
        <section class="card" data-testid="session-card">
            <div class="identity">
                <span class="avatar" aria-hidden="true">{move || user.get().map(|u| u.initials())}</span>
                <div>
                    <p class="name" data-testid="user-name">{name}</p>
                    <p class="email" data-testid="user-email">{email}</p>
                </div>
            </div>
            <dl class="facts">
                <dt>"Session"</dt>
                <dd><code data-testid="session-id">{session_id}</code></dd>
                <dt>"Status"</dt>
                <dd><span class="badge" data-testid="session-status">{status}</span></dd>
                <dt>"Expires in"</dt>
                <dd data-testid="expires-in" data-expire-at=move || expire_at().map(|at| at.to_string())>
                    {move || match expire_at() {
                        Some(at) => view! {
                            <span class="countdown">{countdown(at - now.get())}</span>
                            <span class="detail">{local_time(at)}</span>
                        }.into_any(),
                        None => view! { <span class="detail">"unknown"</span> }.into_any(),
                    }}
                </dd>
                <dt>"Last active"</dt>
                <dd data-testid="last-active">
                    {move || match last_active_at() {
                        Some(at) => view! {
                            <span>{ago(now.get() - at)}</span>
                            <span class="detail">{local_time(at)}</span>
                        }.into_any(),
                        None => view! { <span class="detail">"unknown"</span> }.into_any(),
                    }}
                </dd>
                <RefreshFacts now=now/>
            </dl>
            <SessionTimeline class="card-timeline"/>
        </section>
    }
}
