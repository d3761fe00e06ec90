//! An action the demo's backend allows only within ten minutes of proving the password
//! (`POST /api/sensitive`, guarded by `Require::reverification(Reverification::Strict)`).
//! Past that, the backend answers with Clerk's reverification body, `use_reverification()`
//! opens Clerk's "verify it's you" dialog, and the call is made again once the user has.

use leptos::prelude::*;
use leptos_clerk::{ApiRequest, ReverificationError, Reverify, use_auth, use_reverification};

/// What the backend said when it let the action through.
#[derive(Clone, Debug, PartialEq)]
struct Done {
    verified_minutes_ago: Option<i64>,
}

#[component]
pub fn SensitiveAction() -> impl IntoView {
    let fetch = use_auth().fetch;
    let export = use_reverification(move |()| async move {
        let reply = fetch
            .send(ApiRequest::post("/api/sensitive"))
            .await
            .map_err(|error| Reverify::Failed(error.to_string()))?;
        let body: serde_json::Value = reply.json().unwrap_or_default();
        match reply.status {
            200 => Ok(Done {
                verified_minutes_ago: body["verified_minutes_ago"].as_i64(),
            }),
            status => Err(Reverify::from_body(&body, format!("the API answered {status}"))),
        }
    });
    let outcome = RwSignal::new(None::<Result<Done, ReverificationError<String>>>);
    let pending = RwSignal::new(false);
    let run = move |_| {
        pending.set(true);
        leptos::task::spawn_local(async move {
            let result = export.call(()).await;
            outcome.try_set(Some(result));
            pending.try_set(false);
        });
    };
    view! {
        <section class="card api" data-testid="sensitive-action">
            <div class="api-header">
                <h2>"A sensitive action"</h2>
                <button type="button" class="secondary" disabled=move || pending.get() on:click=run>
                    "Export my data"
                </button>
            </div>
            <p class="hint">
                "The backend allows it only within ten minutes of entering your password. "
                "Later, "<code>"use_reverification()"</code>" asks for it again in Clerk's dialog, then retries."
            </p>
            {move || outcome.get().map(|outcome| match outcome {
                Ok(done) => view! {
                    <p class="detail" data-testid="sensitive-done">
                        {match done.verified_minutes_ago {
                            Some(minutes) => format!("Exported. You proved your password {minutes} min ago."),
                            None => "Exported.".to_string(),
                        }}
                    </p>
                }
                .into_any(),
                Err(ReverificationError::Cancelled) => view! {
                    <p class="detail" data-testid="sensitive-cancelled">"Not exported: you closed the dialog."</p>
                }
                .into_any(),
                Err(error) => view! { <p class="form-error" data-testid="sensitive-error">{error.to_string()}</p> }.into_any(),
            })}
        </section>
    }
}
