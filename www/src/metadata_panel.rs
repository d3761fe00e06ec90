//! The signed-in user's metadata, and a button that reloads the user after a backend change.

use leptos::prelude::*;
use leptos_clerk::use_user;
use serde_json::{Map, Value};

/// Public and unsafe metadata as JSON, with "Reload user" (clerk-js' `user.reload()`).
#[component]
pub fn MetadataPanel() -> impl IntoView {
    let user = use_user();
    let metadata = user.metadata();
    let reload = user.reload;
    let state = RwSignal::new(None::<Result<(), String>>);
    let reloading = RwSignal::new(false);
    let on_reload = move |_| {
        reloading.set(true);
        leptos::task::spawn_local(async move {
            let result = reload.call().await.map_err(|error| error.to_string());
            state.try_set(Some(result));
            reloading.try_set(false);
        });
    };
    view! {
        <section class="card metadata-card" data-testid="metadata-panel">
            <div class="api-header">
                <h2>"Your metadata"</h2>
                <button type="button" class="secondary" data-testid="reload-user"
                    disabled=move || reloading.get() on:click=on_reload>
                    "Reload user"
                </button>
            </div>
            <p class="hint">
                "Public metadata is set by your backend; unsafe metadata by the browser. "
                "After a backend change, reload the user to see it."
            </p>
            <dl class="facts">
                <dt>"Public"</dt>
                <dd><pre data-testid="public-metadata">{move || pretty(metadata.public_metadata.get())}</pre></dd>
                <dt>"Unsafe"</dt>
                <dd><pre data-testid="unsafe-metadata">{move || pretty(metadata.unsafe_metadata.get())}</pre></dd>
            </dl>
            {move || match state.get() {
                Some(Ok(())) => view! { <p class="detail" data-testid="reload-state">"Reloaded from Clerk."</p> }.into_any(),
                Some(Err(error)) => view! { <p class="form-error" data-testid="reload-state">{error}</p> }.into_any(),
                None => ().into_any(),
            }}
            {move || {
                let problems = metadata.problems.get();
                (!problems.is_empty()).then(|| view! {
                    <ul class="form-error">{problems.into_iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view()}</ul>
                })
            }}
        </section>
    }
}

/// Two-space-indented JSON, as a reader expects it.
fn pretty(map: Map<String, Value>) -> String {
    serde_json::to_string_pretty(&Value::Object(map)).unwrap_or_default()
}
