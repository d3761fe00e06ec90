//! `<SessionExpiryWarning>`: tells the user their session is about to end for good.

use super::wall_clock_each_second;

use leptos::prelude::*;

use super::root_class;

use crate::refresh::RefreshStatus;
use crate::ui::actions::{RedirectOptions, redirect_to_sign_in};
use crate::ui::hooks::use_session_refresh;

/// Shown when touching can no longer extend the session (its maximum lifetime is reached):
/// "Your session ends in 4:59. Sign in again to keep working." with a button, counting
/// down each second. Renders nothing otherwise. It learns this from the provider's
/// auto-refresh timer, so without one (turned off, or the cargo feature `session-refresh`
/// left out) it never shows.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::SessionExpiryWarning;
///
/// #[component]
/// fn Banner() -> impl IntoView {
///     let sign_in_again = Callback::new(|()| {
///         let _ = window().location().set_href("/sign-in");
///     });
///     view! { <SessionExpiryWarning on_sign_in_again=sign_in_again/> }
/// }
/// ```
#[component]
pub fn SessionExpiryWarning(
    /// What "Sign in again" does. Default: clerk-js' `redirectToSignIn()`.
    #[prop(optional, into)]
    on_sign_in_again: Option<Callback<()>>,
    /// Extra classes for the root element.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let status = use_session_refresh().status;
    let ends_at = Memo::new(move |_| match status.get() {
        RefreshStatus::Expiring { ends_at } => Some(ends_at),
        _ => None,
    });
    move || {
        ends_at.get().map(|ends_at| {
            view! { <ExpiryNotice ends_at=ends_at on_sign_in_again=on_sign_in_again class=class/> }
        })
    }
}

#[component]
fn ExpiryNotice(
    ends_at: i64,
    on_sign_in_again: Option<Callback<()>>,
    class: MaybeProp<String>,
) -> impl IntoView {
    let now = wall_clock_each_second();
    let error = RwSignal::new(None::<String>);
    let sign_in_again = move |_| match on_sign_in_again {
        Some(callback) => callback.run(()),
        None => leptos::task::spawn_local(async move {
            if let Err(failure) = redirect_to_sign_in(RedirectOptions::new()).await {
                error.try_set(Some(failure.to_string()));
            }
        }),
    };
    let root_class = root_class("lc-expiry", class);
    view! {
        <div class=root_class role="status">
            <p class="lc-expiry__text">
                {move || match now.get().map(|now| ends_at - now) {
                    None => view! { "Your session ends soon. Sign in again to keep working." }.into_any(),
                    Some(left) if left > 0 => view! {
                        "Your session ends in "
                        <span class="lc-expiry__time">{countdown(left)}</span>
                        ". Sign in again to keep working."
                    }
                    .into_any(),
                    _ => view! { "Your session has ended. Sign in again to keep working." }.into_any(),
                }}
            </p>
            <button type="button" class="lc-expiry__action" on:click=sign_in_again>"Sign in again"</button>
            {move || error.get().map(|message| view! { <p class="lc-expiry__text" role="alert">{message}</p> })}
        </div>
    }
}

/// "4:59", or "1:02:03" from an hour up; rounded up, so it reads 0:01 until the very end.
fn countdown(left_ms: i64) -> String {
    let seconds = (left_ms.max(0) + 999) / 1000;
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes}:{seconds:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::countdown;

    #[test]
    fn counts_down_in_minutes_and_seconds() {
        assert_eq!(countdown(299_001), "5:00");
        assert_eq!(countdown(299_000), "4:59");
        assert_eq!(countdown(1), "0:01");
        assert_eq!(countdown(0), "0:00");
        assert_eq!(countdown(-5), "0:00");
        assert_eq!(countdown(3_723_000), "1:02:03");
    }
}
