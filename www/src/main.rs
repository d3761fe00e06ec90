//! The leptos-clerk demo: the signed-in session, live, from real clerk-js.
//!
//! By default it talks to clerk-emulator through Trunk's `/__clerk` proxy, fully offline.
//! Built with `CLERK_PUBLISHABLE_KEY=pk_…` in the environment, it talks to that Clerk
//! instance instead.

mod api_panel;
mod format;
mod refresh_facts;
mod session_card;
mod sign_in_form;

use leptos::prelude::*;
use leptos_clerk::{
    ClerkFailed, ClerkLoaded, ClerkLoading, ClerkOptions, ClerkProvider, DiagnosticsOptions,
    SessionDiagnostics, SessionExpiryWarning, SessionSwitcher, ShowWhen, use_session_list,
};

use api_panel::ApiPanel;
use session_card::SessionCard;
use sign_in_form::{SignInForm, focus_sign_in_form};

/// The emulator's publishable key (`emulator/emulator.toml`'s `frontend_api`).
const EMULATOR_PUBLISHABLE_KEY: &str = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";

/// clerk-js, copied from `node_modules` by Trunk (see `index.html`).
const CLERK_JS_URL: &str = "/clerk-js/clerk.browser.js";

/// The emulator's seeded accounts (emulator/emulator.toml), for visitors of the offline demo.
const EMULATOR_HINT: &str = "Offline accounts: alan@example.test / universal-machine, \
ada@example.test / analytical-engine, grace@example.test / compiler-first.";

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

/// What the page says without a session: signed out entirely, or signed out in this tab
/// only, with other accounts to choose from in the switcher.
#[component]
fn SignedOutNotice() -> impl IntoView {
    let sessions = use_session_list().sessions;
    let others = move || sessions.with(|all| all.iter().filter(|s| s.status.is_signed_in()).count());
    view! {
        <section class="card muted" data-testid="signed-out">
            {move || match others() {
                0 => "Nobody is signed in. Sign in below.".to_string(),
                n => format!(
                    "You are signed out in this tab; {n} other account{} still signed in. Choose one from the account menu.",
                    if n == 1 { " is" } else { "s are" }
                ),
            }}
        </section>
    }
}

/// Offline, the emulator's "app" template must carry the user's role and email.
fn diagnostics_options() -> DiagnosticsOptions {
    match real_publishable_key() {
        Some(_) => DiagnosticsOptions::default(),
        None => DiagnosticsOptions::default().template("app", ["role", "email"]),
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
                <div class="topbar-end">
                    <span class="backend" title="Where clerk-js sends its requests">{backend}</span>
                    <ClerkLoaded>
                        <SessionSwitcher on_add_account=Callback::new(|()| focus_sign_in_form())/>
                    </ClerkLoaded>
                </div>
            </header>
            <main class="page">
                <h1>"Your session"</h1>
                <ClerkLoaded>
                    <SessionExpiryWarning class="page-warning" on_sign_in_again=Callback::new(|()| focus_sign_in_form())/>
                </ClerkLoaded>
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
                    <leptos_clerk::Show when=ShowWhen::SignedIn fallback=SignedOutNotice>
                        <SessionCard/>
                        <ApiPanel/>
                    </leptos_clerk::Show>
                    <SignInForm hint=real_publishable_key().map_or(Some(EMULATOR_HINT), |_| None)/>
                    <section class="card">
                        <SessionDiagnostics options=diagnostics_options()/>
                    </section>
                </ClerkLoaded>
            </main>
        </ClerkProvider>
    }
}
