//! `use_user_metadata`: copied from the live user on every emit, by a listener of its own
//! that goes away with the component.

use leptos::prelude::*;
use leptos_clerk::{ClerkOptions, ClerkProvider, use_user_metadata};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::fake;
use crate::support::{mount, ticks};

const KEY: &str = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";

#[component]
fn Metadata() -> impl IntoView {
    let metadata = use_user_metadata();
    view! {
        <p id="public">{move || serde_json::Value::Object(metadata.public_metadata.get()).to_string()}</p>
        <p id="unsafe">{move || serde_json::Value::Object(metadata.unsafe_metadata.get()).to_string()}</p>
        <p id="problems">{move || metadata.problems.get().iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")}</p>
    }
}

fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap()
}

#[wasm_bindgen_test]
async fn metadata_follows_emits_and_its_listener_leaves_with_the_component() {
    let session = fake::make_session("sess_ada", "Ada", "Lovelace", 1.9e12);
    let user = js_sys::Reflect::get(&session, &"user".into()).unwrap();
    fake::set_field(
        &user,
        "publicMetadata",
        &json(r#"{"role":"admin","teams":["core"]}"#),
    );
    let hostile = json(r#"{"theme":"dark"}"#);
    fake::set_field(&hostile, "callback", &js_sys::Function::new_no_args("return 1"));
    fake::set_field(&user, "unsafeMetadata", &hostile);
    let clerk = fake::install_signed_in(&session);
    let before = fake::listener_count(&clerk);

    let shown = RwSignal::new(true);
    let page = mount(move || {
        view! {
            <ClerkProvider options=ClerkOptions::new(KEY)>
                <Show when=move || shown.get()><Metadata/></Show>
            </ClerkProvider>
        }
    });
    page.wait_for_text("#public", |t| t == r#"{"role":"admin","teams":["core"]}"#)
        .await;
    assert_eq!(page.text("#unsafe").as_deref(), Some(r#"{"theme":"dark"}"#));
    assert_eq!(
        page.text("#problems").as_deref(),
        Some("user.unsafeMetadata.callback should be a JSON value but is function")
    );
    // The provider's listener and the hook's own.
    assert_eq!(fake::listener_count(&clerk), before + 2);

    // clerk-js changes the user in place and emits: the copy follows.
    fake::set_field(&user, "publicMetadata", &json(r#"{"role":"admin","plan":"pro"}"#));
    fake::emit(&clerk, &fake::signed_in(&session));
    page.wait_for_text("#public", |t| t == r#"{"plan":"pro","role":"admin"}"#)
        .await;

    shown.set(false);
    for _ in 0..50 {
        if page.text("#public").is_none() {
            break;
        }
        ticks(1).await;
    }
    assert_eq!(page.text("#public"), None);
    assert_eq!(
        fake::listener_count(&clerk),
        before + 1,
        "the hook's listener is gone"
    );
}
