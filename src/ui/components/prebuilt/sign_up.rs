//! `<SignUp>`: Clerk's sign-up form.

use leptos::prelude::*;

use super::mount::mounted;
use super::{Appearance, Routing, form_props};
use crate::js::Prebuilt;

/// Clerk's sign-up form (`clerk.mountSignUp`), including the email verification step.
///
/// After signing up, clerk-js makes the new session active and goes to `force_redirect_url`,
/// the page's `redirect_url` query parameter, `fallback_redirect_url`, or `/`, in that order.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::SignUp;
///
/// #[component]
/// fn SignUpPage() -> impl IntoView {
///     view! { <SignUp fallback_redirect_url="/welcome" sign_in_url="/sign-in"/> }
/// }
/// ```
#[component]
pub fn SignUp(
    /// How the form keeps track of its steps. Default: [`Routing::Hash`].
    #[prop(optional, into)]
    routing: MaybeProp<Routing>,
    /// Where to go after signing up when the URL names no `redirect_url`.
    #[prop(optional, into)]
    fallback_redirect_url: MaybeProp<String>,
    /// Where to go after signing up, whatever the URL says.
    #[prop(optional, into)]
    force_redirect_url: MaybeProp<String>,
    /// Where the "Sign in" link goes. Default: the provider's, else the instance's.
    #[prop(optional, into)]
    sign_in_url: MaybeProp<String>,
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
            ("signInUrl", sign_in_url.get()),
            appearance.get(),
        )
    });
    mounted(Prebuilt::SignUp, props, class)
}
