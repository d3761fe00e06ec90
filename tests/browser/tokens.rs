//! `use_session_claims` and `get_token`'s typed errors, against the fake clerk-js.

use leptos::prelude::*;
use leptos_clerk::claims::Require;
use leptos_clerk::{
    ClerkError, ClerkOptions, ClerkProvider, GetToken, GetTokenOptions, use_auth, use_session_claims,
};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::fake;
use crate::support::{mount, ticks};

const KEY: &str = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";

// {"alg":"RS256"} . {"iss":"https://x.clerk.accounts.dev","sub":"user_ada","sid":"sess_1","exp":2000000000,"v":2,"o":{"id":"org_1","rol":"admin","per":"read","fpm":"1"},"fea":"o:docs"} . sig
const TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL3guY2xlcmsuYWNjb3VudHMuZGV2Iiwic3ViIjoidXNlcl9hZGEiLCJzaWQiOiJzZXNzXzEiLCJleHAiOjIwMDAwMDAwMDAsInYiOjIsIm8iOnsiaWQiOiJvcmdfMSIsInJvbCI6ImFkbWluIiwicGVyIjoicmVhZCIsImZwbSI6IjEifSwiZmVhIjoibzpkb2NzIn0.c2ln";

#[component]
fn Claims() -> impl IntoView {
    let claims = use_session_claims();
    view! {
        <p id="claims">
            {move || match claims.get() {
                Some(Ok(c)) => format!("{} {:?}", c.user_id, c.organization.map(|o| o.permissions)),
                Some(Err(e)) => format!("error: {e}"),
                None => "none".into(),
            }}
        </p>
    }
}

#[wasm_bindgen_test]
async fn session_claims_follow_the_token_and_a_bad_one_is_an_error() {
    let session = fake::make_session("sess_1", "Ada", "Lovelace", 1.9e12);
    fake::set_field(&session, "lastActiveToken", &fake::token_resource(TOKEN));
    let clerk = fake::install_signed_in(&session);
    let page = mount(
        || view! { <ClerkProvider options=ClerkOptions::new(KEY).without_session_refresh()><Claims/></ClerkProvider> },
    );
    page.wait_for_text("#claims", |t| t == r#"user_ada Some(["org:docs:read"])"#)
        .await;

    fake::set_field(&session, "lastActiveToken", &fake::token_resource("not-a-jwt"));
    fake::emit(&clerk, &fake::signed_in(&session));
    page.wait_for_text("#claims", |t| t == "error: a JWT has three dot-separated parts")
        .await;

    let payload = js_sys::Object::new();
    fake::set_field(&payload, "session", &wasm_bindgen::JsValue::NULL);
    fake::emit(&clerk, &payload);
    page.wait_for_text("#claims", |t| t == "none").await;
}

#[component]
fn Has() -> impl IntoView {
    let auth = use_auth();
    let answer = move |require: Require| if auth.has(&require) { "yes" } else { "no" };
    view! {
        <p id="has">
            {move || {
                format!(
                    "admin {} read {} manage {}",
                    answer(Require::role("admin")),
                    answer(Require::permission("org:docs:read")),
                    answer(Require::permission("org:docs:manage")),
                )
            }}
        </p>
    }
}

#[wasm_bindgen_test]
async fn has_answers_from_the_token_and_says_no_without_one() {
    let session = fake::make_session("sess_1", "Ada", "Lovelace", 1.9e12);
    fake::set_field(&session, "lastActiveToken", &fake::token_resource(TOKEN));
    let clerk = fake::install_signed_in(&session);
    let page = mount(
        || view! { <ClerkProvider options=ClerkOptions::new(KEY).without_session_refresh()><Has/></ClerkProvider> },
    );
    page.wait_for_text("#has", |t| t == "admin yes read yes manage no")
        .await;

    fake::set_field(&session, "lastActiveToken", &fake::token_resource("not-a-jwt"));
    fake::emit(&clerk, &fake::signed_in(&session));
    page.wait_for_text("#has", |t| t == "admin no read no manage no")
        .await;

    fake::set_field(&session, "lastActiveToken", &fake::token_resource(TOKEN));
    fake::emit(&clerk, &fake::signed_in(&session));
    page.wait_for_text("#has", |t| t == "admin yes read yes manage no")
        .await;
    let payload = js_sys::Object::new();
    fake::set_field(&payload, "session", &wasm_bindgen::JsValue::NULL);
    fake::emit(&clerk, &payload);
    page.wait_for_text("#has", |t| t == "admin no read no manage no")
        .await;
}

#[wasm_bindgen_test]
async fn get_token_errors_are_typed() {
    let session = fake::make_session("sess_1", "Ada", "Lovelace", 1.9e12);
    fake::install_signed_in(&session);
    let handle = RwSignal::new(None::<GetToken>);
    let page = mount(move || {
        handle.set(Some(provide_and_get_token()));
        view! { <p id="ready">"ready"</p> }
    });
    page.wait_for_text("#ready", |_| true).await;
    let get_token = handle
        .get_untracked()
        .expect("the component handed out get_token");
    ticks(5).await;
    assert_eq!(
        get_token.call(GetTokenOptions::default()).await,
        Ok("header.payload.sess_1".to_string())
    );

    let cases = [
        ("clerk_offline", ClerkError::Offline),
        ("network_error", ClerkError::Network("no route".into())),
        (
            "api_response_error",
            ClerkError::Clerk {
                code: Some("api_response_error".into()),
                message: "no route".into(),
            },
        ),
    ];
    for (code, expected) in cases {
        fake::fail_get_token(&session, code, "no route");
        assert_eq!(
            get_token.call(GetTokenOptions::default()).await,
            Err(expected),
            "{code}"
        );
    }
}

/// Provides Clerk in the mounted view's owner and hands out its `get_token`.
fn provide_and_get_token() -> GetToken {
    leptos_clerk::provide_clerk(ClerkOptions::new(KEY).without_session_refresh());
    use_auth().get_token
}

/// Puts `window.fetch` back when the test ends, passed or not.
struct RecordedFetches(js_sys::Array);

impl Drop for RecordedFetches {
    fn drop(&mut self) {
        fake::restore_fetch();
    }
}

/// Sends one server-function call through `ClerkServerFnClient` and returns what `fetch` saw.
async fn call_server_fn(fetches: &RecordedFetches) -> String {
    use leptos::server_fn::client::Client;
    use leptos::server_fn::request::ClientReq;
    use leptos::server_fn::request::browser::BrowserRequest;
    use leptos_clerk::ClerkServerFnClient;
    let request = <BrowserRequest as ClientReq<ServerFnError>>::try_new_post(
        "/api/my_orders",
        "application/x-www-form-urlencoded",
        "application/json",
        String::new(),
    )
    .expect("a request");
    let sent = <ClerkServerFnClient as Client<ServerFnError>>::send(request).await;
    assert!(sent.is_ok(), "the call went through");
    fetches.0.pop().as_string().expect("fetch was called")
}

#[wasm_bindgen_test]
async fn server_functions_carry_the_session_token_and_go_without_it_signed_out() {
    let session = fake::make_session("sess_1", "Ada", "Lovelace", 1.9e12);
    fake::install_signed_in(&session);
    let fetches = RecordedFetches(fake::record_fetches());
    // Before clerk-js has loaded, the cookie speaks alone.
    assert_eq!(call_server_fn(&fetches).await, "POST /api/my_orders null");

    let page = mount(move || {
        provide_and_get_token();
        view! { <p id="ready">"ready"</p> }
    });
    page.wait_for_text("#ready", |_| true).await;
    ticks(5).await;
    assert_eq!(
        call_server_fn(&fetches).await,
        "POST /api/my_orders Bearer header.payload.sess_1"
    );

    // Without a token (offline, signed out), too.
    fake::fail_get_token(&session, "clerk_offline", "offline");
    assert_eq!(call_server_fn(&fetches).await, "POST /api/my_orders null");
}
