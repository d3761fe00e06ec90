//! The smallest Leptos app with Clerk: the provider, `use_session()` and the session
//! switcher. Run it with your instance's publishable key (Clerk dashboard → API keys):
//!
//! ```sh
//! cd examples/csr
//! CLERK_PUBLISHABLE_KEY=pk_test_… trunk serve --open
//! ```

use leptos::prelude::*;
use leptos_clerk::{
    ClerkFailed, ClerkLoaded, ClerkLoading, ClerkOptions, ClerkProvider, SessionSwitcher, use_session,
};

/// The publishable key, given when the app is built. Without one the page says so.
const PUBLISHABLE_KEY: &str = match option_env!("CLERK_PUBLISHABLE_KEY") {
    Some(key) => key,
    None => "set CLERK_PUBLISHABLE_KEY when you build",
};

fn main() {
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    view! {
        <ClerkProvider options=ClerkOptions::new(PUBLISHABLE_KEY)>
            <header>
                // Lists this browser's signed-in accounts: switch, sign out, add one.
                <SessionSwitcher/>
            </header>
            <main>
                <ClerkLoading><p>"Loading Clerk…"</p></ClerkLoading>
                <ClerkFailed let:error><p role="alert">{error.to_string()}</p></ClerkFailed>
                <ClerkLoaded><CurrentSession/></ClerkLoaded>
            </main>
        </ClerkProvider>
    }
}

/// The current session, as a signal that changes on sign-in, switch, refresh and sign-out.
#[component]
fn CurrentSession() -> impl IntoView {
    let session = use_session().session;
    move || match session.get() {
        Some(session) => format!("Signed in: session {} (status {:?}).", session.id, session.status),
        None => "Nobody is signed in. Use the menu above to add an account.".to_owned(),
    }
}
