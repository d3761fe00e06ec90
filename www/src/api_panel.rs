//! The demo's call to its own backend: `/api/me`, through leptos-clerk's authenticated
//! fetch (the session token as a Bearer, retried once with a fresh token on a 401).

use leptos::prelude::*;
use leptos_clerk::{ApiReply, AuthenticatedFetch, FetchError, use_auth};
use serde::Deserialize;

/// What `/api/me` answers: the identity its token verified as.
#[derive(Clone, Debug, Deserialize, PartialEq)]
struct Me {
    user_id: String,
    session_id: Option<String>,
}

/// Calls `/api/me` whenever the session changes (and on demand), and shows what the backend
/// verified.
#[component]
pub fn ApiPanel() -> impl IntoView {
    let auth = use_auth();
    let answer = RwSignal::new(None::<Result<(Me, bool), String>>);
    let calls = RwSignal::new(0_u32);
    let call = move || {
        let fetch = auth.fetch;
        leptos::task::spawn_local(async move {
            let result = fetch_me(fetch).await;
            answer.try_set(Some(result));
            calls.try_update(|n| *n += 1);
        });
    };
    Effect::new(move |_| {
        if auth.session_id.get().is_some() {
            call();
        }
    });
    view! {
        <section class="card api" data-testid="api-panel" data-calls=move || calls.get().to_string()>
            <div class="api-header">
                <h2>"Your API"</h2>
                <button type="button" class="secondary" on:click=move |_| call()>"Call /api/me"</button>
            </div>
            <p class="hint">"The demo's backend verifies the session token with leptos-clerk's axum layer."</p>
            {move || match answer.get() {
                None => view! { <p class="detail">"Not called yet."</p> }.into_any(),
                Some(Ok((me, retried))) => view! {
                    <dl class="facts">
                        <dt>"User"</dt>
                        <dd><code data-testid="api-user-id">{me.user_id}</code></dd>
                        <dt>"Session"</dt>
                        <dd><code data-testid="api-session-id">{me.session_id.unwrap_or_default()}</code></dd>
                    </dl>
                    {retried.then(|| view! {
                        <p class="detail" data-testid="api-retried">
                            "The first answer was 401; a freshly minted token was accepted."
                        </p>
                    })}
                }.into_any(),
                Some(Err(error)) => view! { <p class="form-error" data-testid="api-error">{error}</p> }.into_any(),
            }}
        </section>
    }
}

/// `/api/me`'s identity and whether it took a retry, or what went wrong, in words.
async fn fetch_me(fetch: AuthenticatedFetch) -> Result<(Me, bool), String> {
    let reply = fetch.get("/api/me").await.map_err(|error| match error {
        FetchError::Unauthorized { body } => format!("/api/me answered 401 twice: {}", excerpt(&body)),
        error => error.to_string(),
    })?;
    read_me(&reply).map(|me| (me, reply.retried))
}

fn read_me(reply: &ApiReply) -> Result<Me, String> {
    if !reply.is_success() {
        return Err(format!(
            "/api/me answered {}: {}",
            reply.status,
            excerpt(&reply.body)
        ));
    }
    reply.json().map_err(|_| {
        // Say what came back: an HTML page means /api is not the demo's API (no emulator
        // behind the proxy, or another server on that path).
        format!(
            "/api/me answered {} with {} instead of the JSON identity: {}",
            reply.status,
            reply.content_type.as_deref().unwrap_or("no content type"),
            excerpt(&reply.body)
        )
    })
}

/// The start of a reply, on one line, for an error message.
fn excerpt(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(80) {
        Some((end, _)) => format!("{}…", &line[..end]),
        None if line.is_empty() => "(an empty body)".into(),
        None => line,
    }
}
