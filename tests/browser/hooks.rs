//! What the hooks and components render for each state of a (fake) clerk-js.

use leptos::prelude::*;
use leptos_clerk::{
    ClerkFailed, ClerkLoaded, ClerkLoading, ClerkOptions, ClerkProvider, ShowWhen, SignOutOptions, use_auth,
    use_clerk, use_session, use_user,
};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::fake;
use crate::support::{mount, ticks};

const KEY: &str = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";
const EXPIRE_AT: f64 = 1_900_000_000_000.0;

/// Renders what the hooks say, one element per fact.
#[component]
fn Probe() -> impl IntoView {
    let auth = use_auth();
    let session = use_session();
    let user = use_user();
    let clerk = use_clerk();
    view! {
        <p id="signed-in">{move || format!("{:?}", auth.is_signed_in.get())}</p>
        <p id="session">{move || session.session.get().map(|s| s.id).unwrap_or_else(|| "none".into())}</p>
        <p id="expire">{move || session.session.get().and_then(|s| s.expire_at).map_or("none".into(), |t| t.to_string())}</p>
        <p id="user">{move || user.user.get().map(|u| u.display_name()).unwrap_or_else(|| "none".into())}</p>
        <p id="email">{move || user.user.get().and_then(|u| u.primary_email_address).unwrap_or_else(|| "none".into())}</p>
        <p id="problems">{move || clerk.resources().with(|r| r.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "))}</p>
        <p id="sessions">{move || clerk.resources().with(|r| r.client.as_ref().map_or(0, |c| c.sessions.len()))}</p>
    }
}

fn app(options: ClerkOptions) -> impl IntoView {
    view! {
        <ClerkProvider options=options>
            <ClerkLoading><p id="loading">"loading"</p></ClerkLoading>
            <ClerkFailed let:error><p id="failed">{error.to_string()}</p></ClerkFailed>
            <ClerkLoaded><p id="loaded">"loaded"</p></ClerkLoaded>
            <leptos_clerk::Show when=ShowWhen::SignedIn fallback=|| view! { <p id="show">"out"</p> }>
                <p id="show">"in"</p>
            </leptos_clerk::Show>
            <Probe/>
            <SignOutButton/>
        </ClerkProvider>
    }
}

fn options() -> ClerkOptions {
    ClerkOptions::new(KEY)
}

#[wasm_bindgen_test]
async fn a_signed_in_session_renders_through_every_hook() {
    let session = fake::make_session("sess_ada", "Ada", "Lovelace", EXPIRE_AT);
    let clerk = fake::install_signed_in(&session);
    let page = mount(|| app(options()));
    page.wait_for_text("#loaded", |t| t == "loaded").await;
    assert_eq!(page.text("#session").as_deref(), Some("sess_ada"));
    assert_eq!(page.text("#expire").as_deref(), Some("1900000000000"));
    assert_eq!(page.text("#user").as_deref(), Some("Ada Lovelace"));
    assert_eq!(page.text("#email").as_deref(), Some("ada@example.test"));
    assert_eq!(page.text("#signed-in").as_deref(), Some("Some(true)"));
    assert_eq!(page.text("#show").as_deref(), Some("in"));
    assert_eq!(page.text("#problems").as_deref(), Some(""));
    assert_eq!(clerk.load_calls(), 1);
}

#[wasm_bindgen_test]
async fn loading_shows_until_load_resolves_and_nothing_flashes_signed_out() {
    fake::install("hang");
    let page = mount(|| app(options()));
    ticks(5).await;
    assert_eq!(page.text("#loading").as_deref(), Some("loading"));
    assert_eq!(page.text("#show"), None, "<Show> renders nothing while loading");
    assert_eq!(page.text("#signed-in").as_deref(), Some("None"));
}

#[wasm_bindgen_test]
async fn a_rejected_load_is_a_failed_state_with_clerks_message() {
    fake::install("reject");
    let page = mount(|| app(options()));
    let text = page.wait_for_text("#failed", |_| true).await;
    assert_eq!(text, "Clerk.load() failed: The fake refused to load.");
    assert_eq!(page.text("#loading"), None);
}

#[wasm_bindgen_test]
async fn a_load_that_never_settles_fails_after_the_timeout() {
    fake::install("hang");
    let page = mount(|| app(options().timeout(std::time::Duration::from_millis(200))));
    let text = page.wait_for_text("#failed", |_| true).await;
    assert_eq!(text, "Clerk.load() did not finish within 200 ms");
}

#[wasm_bindgen_test]
async fn a_missing_script_fails_with_its_url() {
    fake::remove();
    let options = options().script_url("/no-such-clerk.js");
    let page = mount(move || app(options));
    let text = page.wait_for_text("#failed", |_| true).await;
    assert_eq!(text, "clerk-js failed to load from /no-such-clerk.js");
}

#[wasm_bindgen_test]
async fn an_invalid_key_fails_before_any_script_loads() {
    fake::remove();
    let page = mount(|| app(ClerkOptions::new("pk_test_bm90LWEtaG9zdCQ")));
    let text = page.wait_for_text("#failed", |_| true).await;
    assert_eq!(
        text,
        "invalid publishable key: it does not name a Frontend API host"
    );
}

#[wasm_bindgen_test]
async fn signing_out_updates_every_hook() {
    let session = fake::make_session("sess_ada", "Ada", "Lovelace", EXPIRE_AT);
    let clerk = fake::install_signed_in(&session);
    let page = mount(|| app(options()));
    page.wait_for_text("#session", |t| t == "sess_ada").await;
    let button: web_sys::HtmlElement =
        wasm_bindgen::JsCast::unchecked_into(page.root.query_selector("#sign-out").unwrap().unwrap());
    button.click();
    page.wait_for_text("#show", |t| t == "out").await;
    assert_eq!(page.text("#session").as_deref(), Some("none"));
    assert_eq!(page.text("#user").as_deref(), Some("none"));
    assert_eq!(page.text("#signed-in").as_deref(), Some("Some(false)"));
    assert_eq!(clerk.sign_out_calls(), 1);
    // No redirect asked for, so clerk-js got a callback: it stays on the page.
    let call = fake::last_sign_out(&clerk);
    let callback_is_function = js_sys::Reflect::get(&call, &"callbackIsFunction".into()).unwrap();
    assert_eq!(callback_is_function, JsValue::TRUE);
}

#[component]
fn SignOutButton() -> impl IntoView {
    let sign_out = use_auth().sign_out;
    let click = move |_| {
        leptos::task::spawn_local(async move {
            sign_out.call(SignOutOptions::default()).await.unwrap();
        })
    };
    view! { <button id="sign-out" on:click=click>"Sign out"</button> }
}

/// Each hostile shape clerk-js (or a bad extension) might hand us, and what must show.
#[wasm_bindgen_test]
async fn hostile_shapes_render_with_typed_defaults() {
    let session = fake::make_session("sess_ada", "Ada", "Lovelace", EXPIRE_AT);
    let clerk = fake::install_signed_in(&session);
    let page = mount(|| app(options()));
    page.wait_for_text("#session", |t| t == "sess_ada").await;

    // expireAt as an invalid Date: no expiry, one problem, still signed in.
    let invalid_date = js_sys::Date::new(&JsValue::from_str("not a date"));
    fake::set_field(&session, "expireAt", &invalid_date);
    fake::emit(&clerk, &fake::signed_in(&session));
    page.wait_for_text("#problems", |t| {
        t.contains("session.expireAt is not a valid time")
    })
    .await;
    assert_eq!(page.text("#expire").as_deref(), Some("none"));
    assert_eq!(page.text("#signed-in").as_deref(), Some("Some(true)"));

    // expireAt as a numeric string and as an ISO string: both read.
    fake::set_field(&session, "expireAt", &JsValue::from_str("1900000000000"));
    fake::emit(&clerk, &fake::signed_in(&session));
    page.wait_for_text("#expire", |t| t == "1900000000000").await;
    fake::set_field(&session, "expireAt", &JsValue::from_str("2030-03-17T17:46:40Z"));
    fake::emit(&clerk, &fake::signed_in(&session));
    page.wait_for_text("#expire", |t| t == "1900000000000").await;

    // expireAt null: simply unknown, no problem.
    fake::set_field(&session, "expireAt", &JsValue::NULL);
    fake::emit(&clerk, &fake::signed_in(&session));
    page.wait_for_text("#expire", |t| t == "none").await;
    assert_eq!(page.text("#problems").as_deref(), Some(""));

    // Missing user: the session stays, the user is gone.
    fake::set_field(&session, "user", &JsValue::UNDEFINED);
    let payload = fake::signed_in(&session);
    fake::emit(&clerk, &payload);
    page.wait_for_text("#user", |t| t == "none").await;
    assert_eq!(page.text("#session").as_deref(), Some("sess_ada"));

    // A sessions array holding null: the null is dropped and reported, the rest kept.
    let client = js_sys::Reflect::get(&payload, &"client".into()).unwrap();
    fake::set_field(&client, "sessions", &js_sys::Array::of2(&JsValue::NULL, &session));
    fake::emit(&clerk, &payload);
    page.wait_for_text("#problems", |t| {
        t.contains("client.sessions[0] should be a session object but is null")
    })
    .await;
    assert_eq!(page.text("#sessions").as_deref(), Some("1"));

    // A null session: signed out, not a crash.
    fake::set_field(&payload, "session", &JsValue::NULL);
    fake::emit(&clerk, &payload);
    page.wait_for_text("#show", |t| t == "out").await;
}

#[wasm_bindgen_test]
async fn cyclic_and_huge_shapes_convert_without_hanging() {
    let session = fake::make_session("sess_ada", "Ada", "Lovelace", EXPIRE_AT);
    let clerk = fake::install_signed_in(&session);
    let page = mount(|| app(options()));
    page.wait_for_text("#session", |t| t == "sess_ada").await;

    // Cycles: the user points back at its session, the client's list holds the client.
    let payload = fake::signed_in(&session);
    let client = js_sys::Reflect::get(&payload, &"client".into()).unwrap();
    let user = js_sys::Reflect::get(&session, &"user".into()).unwrap();
    fake::set_field(&user, "session", &session);
    fake::set_field(&session, "client", &client);
    fake::set_field(
        &client,
        "sessions",
        &js_sys::Array::of3(&session, &client, &payload),
    );
    fake::emit(&clerk, &payload);
    page.wait_for_text("#problems", |t| t.contains("client.sessions[1]"))
        .await;
    assert_eq!(page.text("#session").as_deref(), Some("sess_ada"));
    assert_eq!(page.text("#user").as_deref(), Some("Ada Lovelace"));

    // A hundred thousand sessions: all read, the page still answers.
    let many = js_sys::Array::new();
    for _ in 0..100_000 {
        many.push(&session);
    }
    fake::set_field(&client, "sessions", &many);
    fake::emit(&clerk, &payload);
    page.wait_for_text("#sessions", |t| t == "100000").await;

    // And none at all.
    fake::set_field(&client, "sessions", &js_sys::Array::new());
    fake::emit(&clerk, &payload);
    page.wait_for_text("#sessions", |t| t == "0").await;
    assert_eq!(page.text("#session").as_deref(), Some("sess_ada"));
}

#[wasm_bindgen_test]
async fn degraded_clerk_still_counts_as_loaded() {
    fake::install("degraded");
    let page = mount(|| {
        view! {
            <ClerkProvider options=options()>
                <p id="status">{move || format!("{:?}", use_clerk().status().get())}</p>
            </ClerkProvider>
        }
    });
    page.wait_for_text("#status", |t| t == "Degraded").await;
}
