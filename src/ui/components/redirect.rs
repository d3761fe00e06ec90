//! `<RedirectToSignIn>` and `<RedirectToSignUp>`: leave the page for sign-in, as soon as
//! clerk-js has loaded.

use leptos::prelude::*;

use crate::model::SignedInAccounts;
use crate::runtime::context::{ClerkContext, context};
use crate::ui::actions::{
    RedirectOptions, redirect_to_after_sign_out, redirect_to_sign_in, redirect_to_sign_up,
};

/// Sends the visitor to sign in once clerk-js has loaded, like Clerk's React component.
/// When this tab lost its session while other accounts are still signed in, it goes to the
/// after-sign-out URL instead, where the visitor can pick one of them.
///
/// Renders nothing; a failure (clerk-js refused to navigate) renders a `role="alert"` line.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{RedirectToSignIn, Show, ShowWhen};
///
/// #[component]
/// fn Protected() -> impl IntoView {
///     view! {
///         <Show when=ShowWhen::SignedIn fallback=|| view! { <RedirectToSignIn fallback_redirect_url="/account"/> }>
///             "Secret things"
///         </Show>
///     }
/// }
/// ```
#[component]
pub fn RedirectToSignIn(
    /// Where to come back to when the sign-in page has no `redirect_url`.
    #[prop(optional, into)]
    fallback_redirect_url: Option<String>,
    /// Where to come back to, always.
    #[prop(optional, into)]
    force_redirect_url: Option<String>,
) -> impl IntoView {
    let options = RedirectOptions::from_urls(fallback_redirect_url, force_redirect_url);
    redirect_once(context("RedirectToSignIn"), move |clerk| {
        let lost_current = clerk
            .resources()
            .with_untracked(|r| SignedInAccounts::derive(r).lost_current());
        async move {
            if lost_current {
                redirect_to_after_sign_out().await
            } else {
                redirect_to_sign_in(options).await
            }
        }
    })
}

/// Sends the visitor to sign up once clerk-js has loaded. See [`RedirectToSignIn`].
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::RedirectToSignUp;
///
/// #[component]
/// fn Invite() -> impl IntoView {
///     view! { <RedirectToSignUp fallback_redirect_url="/welcome"/> }
/// }
/// ```
#[component]
pub fn RedirectToSignUp(
    /// Where to come back to when the sign-up page has no `redirect_url`.
    #[prop(optional, into)]
    fallback_redirect_url: Option<String>,
    /// Where to come back to, always.
    #[prop(optional, into)]
    force_redirect_url: Option<String>,
) -> impl IntoView {
    let options = RedirectOptions::from_urls(fallback_redirect_url, force_redirect_url);
    redirect_once(context("RedirectToSignUp"), move |_| redirect_to_sign_up(options))
}

/// Runs `navigate` the first time clerk-js is loaded, and shows its error if it fails.
fn redirect_once<F>(clerk: ClerkContext, navigate: impl FnOnce(ClerkContext) -> F + 'static) -> impl IntoView
where
    F: std::future::Future<Output = Result<(), crate::ClerkError>> + 'static,
{
    let failure = RwSignal::new(None::<String>);
    let navigate = StoredValue::new_local(Some(navigate));
    Effect::new(move |_| {
        if !clerk.status().with(|status| status.is_loaded()) {
            return;
        }
        if let Some(navigate) = navigate.try_update_value(Option::take).flatten() {
            let pending = navigate(clerk);
            leptos::task::spawn_local(async move {
                if let Err(error) = pending.await {
                    failure.try_set(Some(error.to_string()));
                }
            });
        }
    });
    move || {
        failure
            .get()
            .map(|message| view! { <p class="lc-redirect-error" role="alert">{message}</p> })
    }
}
