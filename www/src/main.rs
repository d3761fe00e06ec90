//! The leptos-clerk demo: the signed-in session, live, from real clerk-js.
//!
//! By default it talks to clerk-emulator through Trunk's `/__clerk` proxy, fully offline.
//! Built with `CLERK_PUBLISHABLE_KEY=pk_…` in the environment, it talks to that Clerk
//! instance instead.

mod api_panel;
mod clerk_extensions;
mod format;
mod metadata_panel;
mod oauth;
mod organization_page;
mod pages;
mod refresh_facts;
mod second_factor_form;
mod sensitive_action;
mod session_card;
mod sign_in_code_form;
mod sign_in_form;
mod sign_up_form;

use leptos::prelude::*;
use leptos_clerk::{
    Appearance, AppearanceVariables, ButtonMode, ClerkFailed, ClerkLoaded, ClerkLoading, ClerkOptions,
    ClerkProvider, DiagnosticsOptions, LoadError, SessionDiagnostics, SessionExpiryWarning, SessionSwitcher,
    ShowWhen, SignInButton, SignOutButton, SignUpButton, SignedIn, UserButton, use_session_list,
};

use leptos_router::NavigateOptions;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::path;

use api_panel::ApiPanel;
use organization_page::OrganizationPage;
use pages::{AccountPage, SignInPage, SignUpPage};
use sensitive_action::SensitiveAction;
use session_card::SessionCard;
use sign_in_form::{SignInForm, focus_sign_in_form};

/// The emulator's publishable key (`emulator/emulator.toml`'s `frontend_api`).
const EMULATOR_PUBLISHABLE_KEY: &str = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";

/// clerk-js, copied from `node_modules` by Trunk (see `index.html`).
const CLERK_JS_URL: &str = "/clerk-js/clerk.browser.js";

/// Clerk's prebuilt UI (`@clerk/ui`), likewise; fetched only by pages that mount it.
const CLERK_UI_URL: &str = "/clerk-ui/ui.browser.js";

/// Offline, the emulator's sign-up verification code (clerk-emulator's `VERIFICATION_CODE`).
const EMULATOR_SIGN_UP_HINT: &str = "Offline, the email verification code is 424242.";

/// The emulator's seeded accounts (emulator/emulator.toml), for visitors of the offline demo.
const EMULATOR_HINT: &str = "Offline accounts: alan@example.test / universal-machine, \
ada@example.test / analytical-engine, grace@example.test / compiler-first.";

/// A real instance's key, if the demo was built with one.
fn real_publishable_key() -> Option<&'static str> {
    option_env!("CLERK_PUBLISHABLE_KEY").filter(|key| !key.trim().is_empty())
}

fn clerk_options() -> ClerkOptions {
    let options = match real_publishable_key() {
        Some(key) => ClerkOptions::new(key),
        None => ClerkOptions::new(EMULATOR_PUBLISHABLE_KEY).proxy_url("/__clerk"),
    };
    let options = options
        .script_url(CLERK_JS_URL)
        .ui_script_url(CLERK_UI_URL)
        .sign_in_url("/sign-in")
        .sign_up_url("/sign-up")
        .appearance(clerk_appearance())
        .localization(serde_json::json!({
            "signIn": { "start": { "subtitle": "Welcome back to the leptos-clerk demo! Sign in to continue." } }
        }));
    // The page runs under a strict CSP (Trunk.toml's `create_nonce`): clerk-js' scripts and
    // styles need the nonce the server gave it.
    match leptos_clerk::js::page_nonce() {
        Some(nonce) => options.nonce(nonce),
        None => options,
    }
}

/// Clerk's components in the demo's colours and font, for the whole app.
fn clerk_appearance() -> Appearance {
    Appearance {
        variables: AppearanceVariables {
            color_primary: Some("#6c47ff".into()),
            font_family: Some("inherit".into()),
            ..Default::default()
        },
        ..Default::default()
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

/// The demo is a routed Leptos app: links, and clerk-js' own navigations (after signing in,
/// between the steps of Clerk's `<SignIn>`), change the route without loading a page.
#[component]
fn App() -> impl IntoView {
    view! {
        <Router>
            <Shell/>
        </Router>
    }
}

/// Everything inside the router: the provider, the header and the routes.
#[component]
fn Shell() -> impl IntoView {
    let backend = match real_publishable_key() {
        Some(_) => "Clerk (your instance)",
        None => "offline emulator",
    };
    let offline_hint = real_publishable_key().map_or(Some(EMULATOR_HINT), |_| None);
    let sign_up_hint = real_publishable_key().map_or(Some(EMULATOR_SIGN_UP_HINT), |_| None);
    // The header's Clerk menu can be hidden (and stays so across reloads), to compare the
    // page with and without Clerk's UI.
    let show_user_button = RwSignal::new(user_button_preference());
    // What the header menu's own "What's new" entry shows.
    let menu_note = RwSignal::new(None);
    Effect::new(move |_| save_user_button_preference(show_user_button.get()));
    let navigate = use_navigate();
    let pathname = use_location().pathname;
    // "Add account": the home page's own form when it is there, else the sign-in page.
    let add_account = Callback::new(move |()| {
        if pathname.get_untracked() == "/" {
            focus_sign_in_form();
        } else {
            navigate("/sign-in", NavigateOptions::default());
        }
    });
    view! {
        <ClerkProvider options=clerk_options().leptos_router()>
            <header class="topbar">
                <a class="brand" href="/">"leptos-clerk"</a>
                <div class="topbar-end">
                    <nav class="topbar-nav" aria-label="Pages">
                        <A href="/" exact=true>"Session"</A>
                        <A href="/account">"Account"</A>
                        <A href="/organization">"Organization"</A>
                    </nav>
                    <span class="backend" title="Where clerk-js sends its requests">{backend}</span>
                    <ClerkLoaded>
                        <SessionSwitcher on_add_account=add_account/>
                        <SignedIn>
                            <Show when=move || show_user_button.get()>
                                <UserButton
                                    class="clerk-user-button"
                                    menu_items=clerk_extensions::menu_items(menu_note)
                                    user_profile_pages=vec![clerk_extensions::preferences_page()]
                                />
                            </Show>
                        </SignedIn>
                    </ClerkLoaded>
                </div>
            </header>
            <main class="page">
                <clerk_extensions::MenuNote note=menu_note/>
                // Unknown paths show the home page, as they did before the demo had routes.
                <Routes fallback=move || view! { <HomePage hint=offline_hint show_user_button/> }>
                    <Route path=path!("/") view=move || view! { <HomePage hint=offline_hint show_user_button/> }/>
                    // `*any`: Clerk's path-routed forms keep their steps below their page
                    // (`/sign-in/factor-one`), so the route must match those paths too.
                    <Route path=path!("/sign-in/*any") view=move || view! {
                        <ClerkLoaded><SignInPage hint=offline_hint/></ClerkLoaded>
                    }/>
                    <Route path=path!("/sign-up/*any") view=move || view! {
                        <ClerkLoaded><SignUpPage hint=sign_up_hint/></ClerkLoaded>
                    }/>
                    <Route path=path!("/sso-callback") view=oauth::SsoCallbackPage/>
                    <Route path=path!("/account") view=|| view! { <ClerkLoaded><AccountPage/></ClerkLoaded> }/>
                    <Route path=path!("/organization") view=|| view! { <ClerkLoaded><OrganizationPage/></ClerkLoaded> }/>
                </Routes>
                <ClerkLoading>
                    <section class="card muted" aria-busy="true" data-testid="loading">
                        <span class="spinner" aria-hidden="true"></span>
                        "Loading Clerk…"
                    </section>
                </ClerkLoading>
                <ClerkFailed let:error>
                    <section class="card error" role="alert" data-testid="load-failed">
                        {match error {
                            LoadError::Panicked(_) => view! {
                                <h2>"Something went wrong"</h2>
                                <p>{error.to_string()}</p>
                                <p class="hint">"Reload the page to continue."</p>
                            }.into_any(),
                            _ => view! {
                                <h2>"Clerk could not load"</h2>
                                <p>{error.to_string()}</p>
                                {error.is_retryable().then(|| view! {
                                    <p class="hint" data-testid="load-retrying">"Trying again by itself; it picks up as soon as the connection is back."</p>
                                })}
                                <p class="hint">{load_failure_hint()}</p>
                            }.into_any(),
                        }}
                    </section>
                </ClerkFailed>
            </main>
        </ClerkProvider>
    }
}

/// `?simulate-panic` in the URL adds a button that panics, to show (and test) what a user
/// sees when the wasm crashes.
fn simulate_panic_requested() -> bool {
    window()
        .location()
        .search()
        .is_ok_and(|query| query.contains("simulate-panic"))
}

/// Where the header's Clerk menu preference is kept.
const USER_BUTTON_PREFERENCE: &str = "leptos-clerk-demo.show-user-button";

fn user_button_preference() -> bool {
    let stored = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|storage| storage.get_item(USER_BUTTON_PREFERENCE).ok().flatten());
    stored.as_deref() != Some("false")
}

fn save_user_button_preference(show: bool) {
    if let Some(storage) = window().local_storage().ok().flatten() {
        let _ = storage.set_item(USER_BUTTON_PREFERENCE, if show { "true" } else { "false" });
    }
}

/// The session, live: what the demo is about.
#[component]
fn HomePage(hint: Option<&'static str>, show_user_button: RwSignal<bool>) -> impl IntoView {
    view! {
        <h1>"Your session"</h1>
        <ClerkLoaded>
            <SessionExpiryWarning class="page-warning" on_sign_in_again=Callback::new(|()| focus_sign_in_form())/>
            <leptos_clerk::Show when=ShowWhen::SignedIn fallback=SignedOutNotice>
                <SessionCard/>
                <ApiPanel/>
                <SensitiveAction/>
            </leptos_clerk::Show>
            <SignInForm hint=hint/>
            <section class="card prebuilt-card" data-testid="prebuilt-card">
                <h2>"Clerk's own components"</h2>
                <p>
                    "Clerk's "<code>"<SignIn>"</code>", "<code>"<SignUp>"</code>" and "<code>"<UserButton>"</code>
                    " work from Leptos too: "<A href="/sign-in">"sign in"</A>" or "<A href="/sign-up">"create an account"</A>
                    " with them, or open them in a modal with "<code>"<SignInButton>"</code>" and "<code>"<SignUpButton>"</code>
                    ". A page loads Clerk's UI only when it shows one of them: hide the header's "
                    "button and reload, and not a byte of it is downloaded. This demo is a "
                    <code>"leptos_router"</code>" app: after signing in, clerk-js changes the route "
                    "without loading a page."
                </p>
                <div class="button-row" data-testid="clerk-buttons">
                    <SignInButton mode=ButtonMode::Modal>
                        <button type="button" class="secondary">"Sign in in a modal"</button>
                    </SignInButton>
                    // clerk-js goes to /account through the app's router: no page load.
                    <SignInButton mode=ButtonMode::Modal force_redirect_url="/account">
                        <button type="button" class="secondary">"Sign in, then open your account"</button>
                    </SignInButton>
                    <SignUpButton mode=ButtonMode::Modal>
                        <button type="button" class="secondary">"Sign up in a modal"</button>
                    </SignUpButton>
                    <leptos_clerk::Show when=ShowWhen::SignedIn>
                        <SignOutButton>
                            <button type="button" class="secondary">"Sign out of every account"</button>
                        </SignOutButton>
                    </leptos_clerk::Show>
                </div>
                <label class="check">
                    <input type="checkbox" prop:checked=move || show_user_button.get()
                        on:change=move |event| show_user_button.set(event_target_checked(&event))/>
                    "Show Clerk's "<code>"<UserButton>"</code>" in the header"
                </label>
            </section>
            <section class="card">
                <SessionDiagnostics options=diagnostics_options()/>
            </section>
            {simulate_panic_requested().then(|| view! {
                <section class="card" data-testid="crash-test">
                    <h2>"Crash test"</h2>
                    <p>"A bug in a click handler: the page must say so instead of going quiet."</p>
                    <button type="button" on:click=|_| panic!("simulated crash from the demo's crash-test button")>
                        "Simulate a crash"
                    </button>
                </section>
            })}
        </ClerkLoaded>
    }
}
