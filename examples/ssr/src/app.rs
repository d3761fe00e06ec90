//! The app, rendered on the server and hydrated in the browser.

use leptos::prelude::*;
use leptos_clerk::{ClerkOptions, ClerkProvider, SessionSwitcher, Show, use_auth};

/// clerk-emulator's instance, unless the server is started with a real one's key.
const EMULATOR_PUBLISHABLE_KEY: &str = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";

/// The publishable key the server was started with (`CLERK_PUBLISHABLE_KEY`), else the
/// emulator's.
#[cfg(feature = "ssr")]
pub fn server_publishable_key() -> String {
    std::env::var("CLERK_PUBLISHABLE_KEY")
        .ok()
        .filter(|key| !key.trim().is_empty())
        .unwrap_or_else(|| EMULATOR_PUBLISHABLE_KEY.to_owned())
}

/// The publishable key, the server's own, handed to the browser with the page, so that one
/// build serves any instance and both halves always agree.
fn publishable_key() -> String {
    #[cfg(feature = "ssr")]
    let on_server = server_publishable_key;
    #[cfg(not(feature = "ssr"))]
    let on_server = || EMULATOR_PUBLISHABLE_KEY.to_owned();
    SharedValue::new(on_server).into_inner()
}

/// The HTML document around the app (the server renders it; the browser hydrates `<body>`).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <title>"leptos-clerk: server rendering"</title>
                <link rel="stylesheet" href="/switcher.css"/>
                <style>
                    "body { font: 16px/1.5 system-ui, sans-serif; margin: 0; }
                    header { display: flex; justify-content: space-between; align-items: center;
                             padding: 12px 24px; border-bottom: 1px solid #e4e4e7; }
                    main { padding: 24px; }
                    #whoami { font: inherit; font-size: 14px; padding: 6px 14px; border-radius: 8px;
                              border: 1px solid #d4d4d8; background: #fafafa; cursor: pointer; }
                    #whoami:hover { background: #f4f4f5; }"
                </style>
                <HydrationScripts options/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The page: who is signed in, known on the server already.
#[component]
pub fn App() -> impl IntoView {
    // Through the app's own origin (the server forwards /__clerk to the Frontend API), so
    // Clerk's cookies are the app's and the server reads them.
    let options = ClerkOptions::new(publishable_key())
        .proxy_url("/__clerk")
        .script_url("/clerk-js/clerk.browser.js");
    view! {
        <ClerkProvider options=options>
            <header>
                <strong>"Server-rendered"</strong>
                <SessionSwitcher/>
            </header>
            <main>
                <Show fallback=|| view! { <p id="signed-out">"Nobody is signed in. Add an account from the menu above."</p> }>
                    <Welcome/>
                </Show>
            </main>
        </ClerkProvider>
    }
}

/// What the server knew: the user's id, from the verified session token's claims; and a
/// server function asked again on demand.
#[component]
fn Welcome() -> impl IntoView {
    let auth = use_auth();
    let ask = Action::new(|_: &()| whoami());
    let answer = move || match ask.value().get() {
        None => String::new(),
        Some(Ok(user)) => format!("The server says: {user}"),
        Some(Err(error)) => format!("The server refused: {error}"),
    };
    view! {
        <p id="signed-in">
            "Signed in as " <code id="user-id">{move || auth.user_id.get()}</code>
        </p>
        <button id="whoami" on:click=move |_| { ask.dispatch(()); }>"Ask the server who I am"</button>
        <p id="whoami-answer" aria-live="polite">{answer}</p>
    }
}

/// The caller's user id, as the server sees it. Called with the session token as a Bearer
/// header, so a stale `__session` cookie does not matter.
#[server(client = leptos_clerk::ClerkServerFnClient)]
pub async fn whoami() -> Result<String, ServerFnError> {
    let auth = leptos_clerk::axum::server_auth()?;
    Ok(auth.user_id().to_owned())
}
