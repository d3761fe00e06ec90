//! Components: render by load status and by sign-in state.

mod buttons;
mod control;
mod diagnostics;
mod erased;
mod expiry_warning;
mod prebuilt;
mod redirect;
mod session_switcher;
mod show;
mod sso_callback;
mod timeline;

pub use buttons::{ButtonMode, SignInButton, SignOutButton, SignUpButton};
pub use control::{ClerkDegraded, ClerkFailed, ClerkLoaded, ClerkLoading};
pub use diagnostics::SessionDiagnostics;
pub use expiry_warning::SessionExpiryWarning;
pub use prebuilt::{
    CreateOrganization, MenuItem, ModalOptions, OrganizationList, OrganizationProfile, OrganizationSwitcher,
    ProfilePage, Routing, SignIn, SignUp, UserAvatar, UserButton, UserProfile, UserProfileMode,
};
pub use redirect::{RedirectToSignIn, RedirectToSignUp};
pub use session_switcher::SessionSwitcher;
pub use show::{Show, ShowCondition, ShowWhen, SignedIn, SignedOut};
pub use sso_callback::AuthenticateWithRedirectCallback;
pub use timeline::SessionTimeline;

/// All the components' styles (`style/*.css`, one file per component), for apps that would
/// rather inline them than copy or link the files of the components they use:
/// `view! { <style>{STYLESHEET}</style> }`.
///
/// ```
/// assert!(leptos_clerk::STYLESHEET.contains("--lc-switcher-accent"));
/// assert!(leptos_clerk::STYLESHEET.contains(".lc-expiry"));
/// assert!(leptos_clerk::STYLESHEET.contains(".lc-button__error"));
/// ```
pub const STYLESHEET: &str = concat!(
    include_str!("../../../style/switcher.css"),
    include_str!("../../../style/expiry.css"),
    include_str!("../../../style/diagnostics.css"),
    include_str!("../../../style/timeline.css"),
    include_str!("../../../style/actions.css"),
);

/// A component's root class: its own, then whatever the app passed in `class`.
fn root_class(
    own: &'static str,
    extra: leptos::prelude::MaybeProp<String>,
) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    use leptos::prelude::Get;
    move || match extra.get() {
        Some(extra) if !extra.trim().is_empty() => format!("{own} {extra}"),
        _ => own.to_owned(),
    }
}

/// The wall clock in epoch ms, updated every second while the calling component lives (its
/// interval is cleared on cleanup): for countdowns. `None` until the page is mounted or
/// hydrated in a browser, and always on a server: time-based text rendered there would not
/// match the client's first render.
fn wall_clock_each_second() -> leptos::prelude::ReadSignal<Option<i64>> {
    use leptos::prelude::*;
    let now = RwSignal::new(None);
    Effect::new(move |_| {
        now.set(Some(crate::js::time::now_ms()));
        if let Ok(tick) = set_interval_with_handle(
            move || now.set(Some(crate::js::time::now_ms())),
            std::time::Duration::from_secs(1),
        ) {
            on_cleanup(move || tick.clear());
        }
    });
    now.read_only()
}
