//! The demo's pages other than the home page, each a route of `main.rs`' `<Routes>`.
//! Clerk's `<SignIn>` and `<SignUp>` use path routing under their page (`/sign-in/factor-one`),
//! and clerk-js moves between those steps, and away after signing in, through the router.

use leptos::prelude::*;
use leptos_clerk::{RedirectToSignIn, Routing, ShowWhen, SignIn, SignUp, SignedIn, UserAvatar, UserProfile};
use leptos_router::components::A;

use crate::oauth::GoogleSignInButton;
use crate::sign_in_code_form::SignInCodeForm;
use crate::sign_in_form::SignInForm;
use crate::sign_up_form::SignUpForm;

/// Clerk's `<SignIn>` beside our own form: both sign in through the same clerk-js.
#[component]
pub fn SignInPage(hint: Option<&'static str>) -> impl IntoView {
    view! {
        <h1>"Sign in"</h1>
        <leptos_clerk::Show when=ShowWhen::SignedIn>
            <p class="card muted" data-testid="already-signed-in">
                "You are signed in. Signing in again adds another account; "
                <A href="/">"back to your session"</A>"."
            </p>
        </leptos_clerk::Show>
        <div class="side-by-side">
            <section class="column" aria-labelledby="clerk-sign-in-title" data-testid="clerk-sign-in">
                <h2 id="clerk-sign-in-title">"With Clerk's component"</h2>
                <p class="note">"Clerk's own "<code>"<SignIn>"</code>", mounted by leptos-clerk."</p>
                <SignIn routing=Routing::Path("/sign-in".into()) fallback_redirect_url="/" sign_up_url="/sign-up"/>
            </section>
            <section class="column" aria-labelledby="own-sign-in-title">
                <h2 id="own-sign-in-title">"With your own form"</h2>
                <p class="note">"Leptos forms calling "<code>"use_sign_in()"</code>": a password, or a code by email."</p>
                <SignInForm hint=hint title="Email and password"/>
                // Offline (the hint is only shown then), the emulator's code.
                <SignInCodeForm hint=hint.map(|_| "Offline, the code is 424242.")/>
                <GoogleSignInButton emulated=hint.is_some()/>
            </section>
        </div>
    }
}

/// Clerk's `<SignUp>` beside our own form: both create the account through the same
/// clerk-js, with email verification.
#[component]
pub fn SignUpPage(hint: Option<&'static str>) -> impl IntoView {
    view! {
        <h1>"Create an account"</h1>
        {hint.map(|hint| view! { <p class="note">{hint}</p> })}
        <div class="side-by-side">
            <section class="column" aria-labelledby="clerk-sign-up-title" data-testid="clerk-sign-up">
                <h2 id="clerk-sign-up-title">"With Clerk's component"</h2>
                <p class="note">"Clerk's own "<code>"<SignUp>"</code>", mounted by leptos-clerk."</p>
                <SignUp routing=Routing::Path("/sign-up".into()) fallback_redirect_url="/" sign_in_url="/sign-in"/>
            </section>
            <section class="column" aria-labelledby="own-sign-up-title">
                <h2 id="own-sign-up-title">"With your own form"</h2>
                <p class="note">"A Leptos form calling "<code>"use_sign_up()"</code>"."</p>
                <SignUpForm/>
            </section>
        </div>
    }
}

/// Clerk's `<UserProfile>` for the signed-in; anyone else is sent to sign in first, and
/// comes back here afterwards.
#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <div class="account-title">
            <h1>"Your account"</h1>
            <SignedIn><UserAvatar class="account-avatar"/></SignedIn>
        </div>
        <leptos_clerk::Show when=ShowWhen::SignedIn fallback=|| view! {
            <p class="card muted" data-testid="redirecting">"Taking you to sign in…"</p>
            <RedirectToSignIn fallback_redirect_url="/account"/>
        }>
            <crate::metadata_panel::MetadataPanel/>
            <section class="column" data-testid="clerk-user-profile">
                <UserProfile pages=vec![crate::clerk_extensions::preferences_page()]/>
            </section>
        </leptos_clerk::Show>
    }
}
