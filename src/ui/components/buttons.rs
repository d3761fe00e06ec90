//! `<SignInButton>`, `<SignUpButton>` and `<SignOutButton>`, as in Clerk's quick start.

use leptos::prelude::*;

use super::ModalOptions;
use crate::runtime::context::context;
use crate::ui::actions::{
    RedirectOptions, SignOut, SignOutOptions, redirect_to_sign_in, redirect_to_sign_up,
};
use crate::ui::components::erased;

/// Whether a sign-in or sign-up button navigates to the page or opens Clerk's modal.
///
/// ```
/// use leptos_clerk::ButtonMode;
/// assert_eq!(ButtonMode::default(), ButtonMode::Redirect);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ButtonMode {
    /// To the sign-in (or sign-up) page: the app's URL from the options, else the
    /// instance's Account Portal. As in Clerk's React SDK, the default.
    #[default]
    Redirect,
    /// Clerk's form in a modal over the page (with clerk-js 6, Clerk's UI loads on first use).
    Modal,
}

/// A button that starts signing in.
///
/// With no children it is a `<button>` saying "Sign in"; with children, a click anywhere on
/// them starts it (wrap your own button or link). If Clerk cannot (not loaded yet, its UI
/// failed), the reason shows beside it in a `role="alert"` paragraph.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{ButtonMode, SignInButton, SignedOut};
///
/// #[component]
/// fn Header() -> impl IntoView {
///     view! {
///         <SignedOut>
///             <SignInButton mode=ButtonMode::Modal fallback_redirect_url="/dashboard"/>
///             <SignInButton><a href="#">"Log in with your own link"</a></SignInButton>
///         </SignedOut>
///     }
/// }
/// ```
#[component]
pub fn SignInButton(
    /// Redirect (default) or modal.
    #[prop(optional)]
    mode: ButtonMode,
    /// Where to go once signed in, unless the URL names a `redirect_url`.
    #[prop(optional, into)]
    fallback_redirect_url: Option<String>,
    /// Where to go once signed in, always.
    #[prop(optional, into)]
    force_redirect_url: Option<String>,
    /// What to click instead of the default button.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let start = Start::In(mode, Urls::new(fallback_redirect_url, force_redirect_url));
    clickable("SignInButton", "Sign in", start, children)
}

/// A button that starts signing up; see [`SignInButton`].
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{ButtonMode, SignUpButton};
/// view! { <SignUpButton mode=ButtonMode::Modal/> };
/// ```
#[component]
pub fn SignUpButton(
    /// Redirect (default) or modal.
    #[prop(optional)]
    mode: ButtonMode,
    /// Where to go once signed up, unless the URL names a `redirect_url`.
    #[prop(optional, into)]
    fallback_redirect_url: Option<String>,
    /// Where to go once signed up, always.
    #[prop(optional, into)]
    force_redirect_url: Option<String>,
    /// What to click instead of the default button.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let start = Start::Up(mode, Urls::new(fallback_redirect_url, force_redirect_url));
    clickable("SignUpButton", "Sign up", start, children)
}

/// A button that signs out: of every account in this browser, or of one session.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::SignOutButton;
/// view! {
///     <SignOutButton redirect_url="/goodbye"/>
///     <SignOutButton session_id="sess_123"><span>"Sign out of this account"</span></SignOutButton>
/// };
/// ```
#[component]
pub fn SignOutButton(
    /// Sign out of this session only. Default: every session.
    #[prop(optional, into)]
    session_id: Option<String>,
    /// Where to go afterwards. Default: stay on the page (which follows the sign-out).
    #[prop(optional, into)]
    redirect_url: Option<String>,
    /// What to click instead of the default button.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let mut options = SignOutOptions::default();
    if let Some(id) = session_id {
        options = options.session_id(id);
    }
    if let Some(url) = redirect_url {
        options = options.redirect_url(url);
    }
    clickable("SignOutButton", "Sign out", Start::Out(options), children)
}

/// The return URLs a sign-in or sign-up button was given.
#[derive(Clone, Debug)]
struct Urls {
    fallback: Option<String>,
    force: Option<String>,
}

impl Urls {
    fn new(fallback: Option<String>, force: Option<String>) -> Self {
        Self { fallback, force }
    }

    fn modal(&self) -> ModalOptions {
        let mut options = ModalOptions::new();
        if let Some(url) = &self.fallback {
            options = options.fallback_redirect_url(url.clone());
        }
        if let Some(url) = &self.force {
            options = options.force_redirect_url(url.clone());
        }
        options
    }

    fn redirect(&self) -> RedirectOptions {
        RedirectOptions::from_urls(self.fallback.clone(), self.force.clone())
    }
}

/// What a click starts.
#[derive(Clone, Debug)]
enum Start {
    In(ButtonMode, Urls),
    Up(ButtonMode, Urls),
    Out(SignOutOptions),
}

/// The default button, or the children, wired to `start`; Clerk's refusal shows beside it.
fn clickable(
    component: &'static str,
    label: &'static str,
    start: Start,
    children: Option<Children>,
) -> impl IntoView {
    let clerk = context(component);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_click = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let start = start.clone();
        leptos::task::spawn_local(async move {
            let result = match start {
                Start::In(ButtonMode::Modal, urls) => {
                    clerk.open_sign_in(urls.modal()).await.map_err(|e| e.to_string())
                }
                Start::Up(ButtonMode::Modal, urls) => {
                    clerk.open_sign_up(urls.modal()).await.map_err(|e| e.to_string())
                }
                Start::In(ButtonMode::Redirect, urls) => redirect_to_sign_in(urls.redirect())
                    .await
                    .map_err(|e| e.to_string()),
                Start::Up(ButtonMode::Redirect, urls) => redirect_to_sign_up(urls.redirect())
                    .await
                    .map_err(|e| e.to_string()),
                Start::Out(options) => SignOut::new().call(options).await.map_err(|e| e.to_string()),
            };
            busy.try_set(false);
            if let Err(message) = result {
                error.try_set(Some(message));
            }
        });
    };
    let clickable = match children {
        // A click anywhere inside the app's element bubbles up to this wrapper, which takes
        // no box of its own (`display: contents`, from the stylesheet: an inline `style`
        // attribute would break under a strict CSP), so the app's element lays out as written.
        Some(children) => view! {
            <span class="lc-button lc-button--wrapper" on:click=on_click>{children()}</span>
        }
        .into_any(),
        None => view! {
            <button type="button" class="lc-button" aria-busy=erased::aria(move || busy.get()) on:click=on_click>
                {label}
            </button>
        }
        .into_any(),
    };
    view! {
        {clickable}
        {erased::dynamic(move || match error.get() {
            Some(message) => view! { <p class="lc-button__error" role="alert">{message}</p> }.into_any(),
            None => ().into_any(),
        })}
    }
}
