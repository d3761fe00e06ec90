//! Server rendering with a seed: the provider reads what `ClerkLayer` left in the request
//! (an `AuthSeed` in the extensions of `leptos_axum`'s request parts) and `use_auth()` and
//! `<Show>` render from it, before clerk-js exists. The hooks that need clerk-js' objects
//! stay loading, as in Clerk's React SDK.

use leptos::prelude::*;
use leptos_clerk::model::AuthSeed;
use leptos_clerk::*;
// Ours, not Leptos' own `<Show>`.
use leptos_clerk::Show;
use serde_json::json;

const KEY: &str = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";

/// Renders `app` as `leptos_axum` renders one request: its parts in context.
fn render_request(seed: Option<AuthSeed>, app: impl FnOnce() -> AnyView) -> String {
    let mut request = http::Request::builder().uri("/");
    if let Some(seed) = seed {
        request = request.extension(seed);
    }
    let (parts, ()) = request.body(()).unwrap().into_parts();
    let owner = Owner::new();
    owner.with(|| {
        provide_context(parts);
        app().to_html()
    })
}

fn signed_in(extra: serde_json::Value) -> AuthSeed {
    let mut claims = json!({
        "iss": "https://clerk.example.com", "sub": "user_ada", "sid": "sess_1",
        "exp": 2_000_000_000, "iat": 1_999_999_940, "v": 2,
        "o": { "id": "org_1", "slg": "acme", "rol": "admin", "per": "read", "fpm": "1" },
        "fea": "o:reports"
    });
    claims
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    AuthSeed::SignedIn {
        claims: claims.as_object().unwrap().clone(),
    }
}

#[component]
fn Page() -> impl IntoView {
    let auth = use_auth();
    let session = use_session();
    let user = use_user();
    let facts = move || {
        format!(
            "loaded:{} signed_in:{:?} user:{:?} org:{:?} role:{:?} admin:{} session:{} user_loaded:{}",
            auth.is_loaded.get(),
            auth.is_signed_in.get(),
            auth.user_id.get(),
            auth.org_id.get(),
            auth.org_role.get(),
            auth.has(&claims::Require::role("org:admin")),
            session.is_loaded.get(),
            user.is_loaded.get(),
        )
    };
    view! {
        <p id="facts">{facts}</p>
        <Show fallback=|| view! { <p id="out">"Signed out"</p> }>
            <p id="in">"Welcome"</p>
        </Show>
    }
}

fn page(seed: Option<AuthSeed>) -> String {
    render_request(seed, || {
        view! { <ClerkProvider options=ClerkOptions::new(KEY)><Page/></ClerkProvider> }.into_any()
    })
}

#[test]
fn a_signed_in_seed_renders_the_signed_in_page() {
    let html = page(Some(signed_in(json!({}))));
    assert!(
        html.contains(
            r#"loaded:true signed_in:Some(true) user:Some("user_ada") org:Some("org_1") role:Some("org:admin") admin:true session:false user_loaded:false"#
        ),
        "{html}"
    );
    assert!(html.contains("Welcome") && !html.contains("Signed out"), "{html}");
}

#[test]
fn a_signed_out_seed_renders_the_fallback() {
    let html = page(Some(AuthSeed::SignedOut));
    assert!(
        html.contains("loaded:true signed_in:Some(false) user:None"),
        "{html}"
    );
    assert!(html.contains("Signed out") && !html.contains("Welcome"), "{html}");
}

#[test]
fn a_pending_session_renders_signed_out_as_react_does() {
    let html = page(Some(signed_in(json!({ "sts": "pending" }))));
    assert!(html.contains("signed_in:Some(false)"), "{html}");
    assert!(html.contains("Signed out"), "{html}");
}

#[test]
fn without_a_seed_everything_is_loading() {
    for seed in [
        None,
        Some(AuthSeed::Unknown),
        Some(signed_in(json!({ "sub": 42 }))),
    ] {
        let html = page(seed);
        assert!(html.contains("loaded:false signed_in:None"), "{html}");
        assert!(
            !html.contains("Welcome") && !html.contains("Signed out"),
            "{html}"
        );
    }
}

#[tokio::test]
async fn the_hydration_data_carries_the_claims_and_never_a_token() {
    use std::sync::Arc;

    use futures::StreamExt;
    use hydration_context::{SharedContext, SsrSharedContext};

    let (parts, ()) = http::Request::builder()
        .extension(signed_in(json!({})))
        .body(())
        .unwrap()
        .into_parts();
    let shared = Arc::new(SsrSharedContext::new());
    let owner = Owner::new_root(Some(shared.clone()));
    let html = owner.with(|| {
        provide_context(parts);
        view! { <ClerkProvider options=ClerkOptions::new(KEY)><Page/></ClerkProvider> }.to_html()
    });
    assert!(html.contains("Welcome"), "{html}");
    let data = shared
        .pending_data()
        .expect("a server render writes hydration data")
        .collect::<Vec<_>>()
        .await
        .concat();
    assert!(data.contains("signed_in") && data.contains("user_ada"), "{data}");
    assert!(!data.contains("eyJ"), "no JWT in the page: {data}");
}
