//! The leptos-clerk demo: the signed-in session, live, from real clerk-js.
//!
//! By default it talks to clerk-emulator through Trunk's `/__clerk` proxy, fully offline.
//! Built with `CLERK_PUBLISHABLE_KEY=pk_…` in the environment, it talks to that Clerk
//! instance instead.

mod format;
mod session_card;

use leptos::prelude::*;
use leptos_clerk::{ClerkFailed, ClerkLoaded, ClerkLoading, ClerkOptions, ClerkProvider, ShowWhen};

use session_card::SessionCard;

/// The emulator's publishable key (`emulator/emulator.toml`'s `frontend_api`).
const EMULATOR_PUBLISHABLE_KEY: &str = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";

/// clerk-js, copied from `node_modules` by Trunk (see `index.html`).
const CLERK_JS_URL: &str = "/clerk-js/clerk.browser.js";

/// A real instance's key, if the demo was built with one.
fn real_publishable_key() -> Option<&'static str> {
    option_env!("CLERK_PUBLISHABLE_KEY").filter(|key| !key.trim().is_empty())
}

fn clerk_options() -> ClerkOptions {
    match real_publishable_key() {
        Some(key) => ClerkOptions::new(key).script_url(CLERK_JS_URL),
        None => ClerkOptions::new(EMULATOR_PUBLISHABLE_KEY)
            .proxy_url("/__clerk")
            .script_url(CLERK_JS_URL),
    }
}

fn load_failure_hint() -> impl IntoView {
    match real_publishable_key() {
        Some(_) => {
            view! { "Check the publishable key and that this origin is allowed on your Clerk instance." }
                .into_any()
        }
        None => view! {
            "Offline, the demo needs clerk-emulator: "<code>"cargo xtask serve"</code>" starts both."
        }
        .into_any(),
    }
}

fn main() {
    console_error_panic_hook::set_once();
    mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let backend = match real_publishable_key() {
        Some(_) => "Clerk (your instance)",
        None => "offline emulator",
    };
    view! {
        <ClerkProvider options=clerk_options()>
            <header class="topbar">
                <span class="brand">"leptos-clerk"</span>
                <span class="backend" title="Where clerk-js sends its requests">{backend}</span>
            </header>
            <main class="page">
                <h1>"Your session"</h1>
                <ClerkLoading>
                    <section class="card muted" aria-busy="true" data-testid="loading">
                        <span class="spinner" aria-hidden="true"></span>
                        "Loading Clerk…"
                    </section>
                </ClerkLoading>
                <ClerkFailed let:error>
                    <section class="card error" role="alert" data-testid="load-failed">
                        <h2>"Clerk could not load"</h2>
                        <p>{error.to_string()}</p>
                        <p class="hint">{load_failure_hint()}</p>
                    </section>
                </ClerkFailed>
                <ClerkLoaded>
                    <leptos_clerk::Show
                        when=ShowWhen::SignedIn
                        fallback=|| view! {
                            <section class="card muted" data-testid="signed-out">"Nobody is signed in in this tab."</section>
                        }
                    >
                        <SessionCard/>
                    </leptos_clerk::Show>
                </ClerkLoaded>
            </main>
        </ClerkProvider>
    }
}
