//! `<SignIn>`: Clerk's sign-in form.

use leptos::prelude::*;

use super::mount::mounted;
use super::{Appearance, Routing, form_props};
use crate::js::Prebuilt;

/// Clerk's sign-in form (`clerk.mountSignIn`), with every strategy the instance enables.
///
/// After signing in, clerk-js makes the new session active and goes to `force_redirect_url`,
/// the page's `redirect_url` query parameter, `fallback_redirect_url`, or `/`, in that order.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::SignIn;
///
/// #[component]
/// fn SignInPage() -> impl IntoView {
///     view! { <SignIn fallback_redirect_url="/account" sign_up_url="/sign-up"/> }
/// }
/// ```
#[component]
pub fn SignIn(
    /// How the form keeps track of its steps. Default: [`Routing::Hash`].
    #[prop(optional, into)]
    routing: MaybeProp<Routing>,
    /// Where to go after signing in when the URL names no `redirect_url`.
    #[prop(optional, into)]
    fallback_redirect_url: MaybeProp<String>,
    /// Where to go after signing in, whatever the URL says.
    #[prop(optional, into)]
    force_redirect_url: MaybeProp<String>,
    /// Where the "Sign up" link goes. Default: the provider's, else the instance's.
    #[prop(optional, into)]
    sign_up_url: MaybeProp<String>,
    /// Looks.
    #[prop(optional, into)]
    appearance: MaybeProp<Appearance>,
    /// Extra classes for the wrapper `<div>`.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let props = Memo::new(move |_| {
        form_props(
            routing.get(),
            fallback_redirect_url.get(),
            force_redirect_url.get(),
            ("signUpUrl", sign_up_url.get()),
            appearance.get(),
        )
    });
    mounted(Prebuilt::SignIn, props, class)
}
