//! `use_session_refresh`: the auto-refresh timer as signals.

use leptos::prelude::*;

use crate::refresh::UseSessionRefreshOptions;
use crate::runtime::context::context;
use crate::runtime::refresh::{SessionRefreshContext, UseSessionRefreshReturn, start};

/// The provider's auto-refresh timer (it touches the current session five minutes before
/// it expires), as signals. It only reads: when the provider runs none (turned off with
/// [`ClerkOptions::without_session_refresh`](crate::ClerkOptions::without_session_refresh),
/// or left out with the cargo feature `session-refresh`), it reports
/// [`RefreshStatus::Idle`](crate::RefreshStatus::Idle) forever and starts nothing;
/// [`use_session_refresh_with_options`] starts one explicitly.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{use_session_refresh, RefreshStatus};
///
/// #[component]
/// fn NextTouch() -> impl IntoView {
///     let refresh = use_session_refresh();
///     move || match refresh.status.get() {
///         RefreshStatus::Scheduled { at } => format!("next touch at {at}"),
///         RefreshStatus::Expiring { .. } => "session ending: sign in again".to_string(),
///         other => format!("{other:?}"),
///     }
/// }
/// ```
#[track_caller]
pub fn use_session_refresh() -> UseSessionRefreshReturn {
    context("use_session_refresh");
    match use_context::<SessionRefreshContext>() {
        Some(SessionRefreshContext(running)) => running.read_only(),
        None => UseSessionRefreshReturn::idle(),
    }
}

/// Starts a refresher of its own with `options`, owned by the calling component, for apps
/// whose provider runs none (turned off, or the feature `session-refresh` left out: the
/// refresher's code is linked where this is called). Two refreshers in one tab still touch
/// once: they share the per-session lock.
///
/// The components below the caller see this refresher: [`use_session_refresh`] and
/// `<SessionExpiryWarning>` there report it, as they report the provider's.
///
/// ```no_run
/// use std::time::Duration;
/// use leptos::prelude::*;
/// use leptos_clerk::{UseSessionRefreshOptions, use_session_refresh_with_options};
///
/// #[component]
/// fn KeepAlive() -> impl IntoView {
///     let options = UseSessionRefreshOptions::default().lead(Duration::from_secs(600));
///     let refresh = use_session_refresh_with_options(options);
///     move || format!("{:?}", refresh.status.get())
/// }
/// ```
#[track_caller]
pub fn use_session_refresh_with_options(options: UseSessionRefreshOptions) -> UseSessionRefreshReturn {
    let clerk = context("use_session_refresh_with_options");
    let running = start(clerk.status(), clerk.resources(), options);
    provide_context(SessionRefreshContext(running));
    running.read_only()
}
