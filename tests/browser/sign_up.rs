//! `use_sign_up` against the fake clerk-js: each step's state, Clerk's refusals as typed
//! errors, and the calls that went to clerk-js.

use leptos::prelude::*;
use leptos_clerk::{ClerkOptions, ClerkProvider, FlowField, SignUpStep, use_session, use_sign_up};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::fake;
use crate::support::{Mounted, mount};

const KEY: &str = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";

/// Buttons for each call, and one element per fact the hook exposes.
#[component]
fn SignUpProbe(email: &'static str, code: &'static str) -> impl IntoView {
    let sign_up = use_sign_up();
    let session = use_session();
    let flow = sign_up.with_password;
    let start = move |_| {
        leptos::task::spawn_local(async move {
            let _ = flow.start(email, "long-enough-password").await;
        })
    };
    let verify = move |_| {
        leptos::task::spawn_local(async move {
            let _ = flow.verify(code).await;
        })
    };
    view! {
        <p id="step">{move || match sign_up.step.get() {
            SignUpStep::CollectingDetails => "details".to_owned(),
            SignUpStep::VerifyingEmail { email } => format!("verifying {email}"),
            SignUpStep::Complete { session_id } => format!("complete {session_id}"),
        }}</p>
        <p id="error">{move || sign_up.error.get().map_or("none".into(), |e| format!("{:?}: {e}", e.field()))}</p>
        <p id="loaded">{move || sign_up.is_loaded.get().to_string()}</p>
        <p id="session">{move || session.session.get().map_or("none".into(), |s| s.id)}</p>
        <button id="start" on:click=start>"start"</button>
        <button id="verify" on:click=verify>"verify"</button>
        <button id="reset" on:click=move |_| flow.reset()>"reset"</button>
    }
}

/// Clicks `#id` inside this test's own mount (other tests' pages may still be on the page).
fn click(page: &Mounted, id: &str) {
    let element = page.root.query_selector(&format!("#{id}")).unwrap().unwrap();
    wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(element).click();
}

fn signed_out_fake(requires: &[&str]) -> fake::Fake {
    let clerk = fake::install("ready");
    fake::add_sign_up(&clerk, requires.iter().map(|s| s.to_string()).collect());
    clerk
}

fn app(email: &'static str, code: &'static str) -> impl IntoView {
    view! {
        <ClerkProvider options=ClerkOptions::new(KEY).without_session_refresh()>
            <SignUpProbe email=email code=code/>
        </ClerkProvider>
    }
}

#[wasm_bindgen_test]
async fn details_then_code_then_an_active_session() {
    let clerk = signed_out_fake(&[]);
    let page = mount(|| app("new@example.test", "424242"));
    page.wait_for_text("#loaded", |t| t == "true").await;
    assert_eq!(page.text("#step").as_deref(), Some("details"));

    click(&page, "start");
    page.wait_for_text("#step", |t| t == "verifying new@example.test")
        .await;
    click(&page, "verify");
    page.wait_for_text("#step", |t| t == "complete sess_new").await;
    page.wait_for_text("#session", |t| t == "sess_new").await;
    assert_eq!(page.text("#error").as_deref(), Some("none"));
    assert_eq!(
        fake::sign_up_log(&clerk),
        ["create new@example.test", "prepare email_code", "attempt 424242"]
    );
    assert_eq!(fake::calls(&clerk, "setActiveCalls"), 1);
}

#[wasm_bindgen_test]
async fn a_wrong_code_keeps_the_code_step_and_says_so_beside_the_field() {
    let clerk = signed_out_fake(&[]);
    let page = mount(|| app("new@example.test", "000000"));
    page.wait_for_text("#loaded", |t| t == "true").await;
    assert_eq!(page.text("#step").as_deref(), Some("details"));
    click(&page, "start");
    page.wait_for_text("#step", |t| t.starts_with("verifying")).await;
    click(&page, "verify");
    let error = page.wait_for_text("#error", |t| t != "none").await;
    assert_eq!(error, format!("{:?}: Incorrect code", Some(FlowField::Code)));
    assert_eq!(page.text("#step").as_deref(), Some("verifying new@example.test"));
    assert_eq!(fake::calls(&clerk, "setActiveCalls"), 0);

    click(&page, "reset");
    page.wait_for_text("#step", |t| t == "details").await;
    assert_eq!(page.text("#error").as_deref(), Some("none"));
}

#[wasm_bindgen_test]
async fn a_taken_address_is_an_email_error_and_nothing_is_sent() {
    let clerk = signed_out_fake(&[]);
    let page = mount(|| app("taken@example.test", "424242"));
    page.wait_for_text("#loaded", |t| t == "true").await;
    assert_eq!(page.text("#step").as_deref(), Some("details"));
    click(&page, "start");
    let error = page.wait_for_text("#error", |t| t != "none").await;
    assert!(
        error.starts_with(&format!(
            "{:?}: That email address is taken",
            Some(FlowField::Email)
        )),
        "{error}"
    );
    assert_eq!(page.text("#step").as_deref(), Some("details"));
    assert_eq!(fake::sign_up_log(&clerk), ["create taken@example.test"]);
}

#[wasm_bindgen_test]
async fn a_code_before_the_details_is_refused_without_calling_clerk() {
    let clerk = signed_out_fake(&[]);
    let page = mount(|| app("new@example.test", "424242"));
    page.wait_for_text("#loaded", |t| t == "true").await;
    assert_eq!(page.text("#step").as_deref(), Some("details"));
    click(&page, "verify");
    page.wait_for_text("#error", |t| t.contains("earlier one first"))
        .await;
    assert!(fake::sign_up_log(&clerk).is_empty());
}

#[wasm_bindgen_test]
async fn requirements_the_form_cannot_meet_are_an_error_not_a_code_step() {
    let clerk = signed_out_fake(&["username"]);
    let page = mount(|| app("new@example.test", "424242"));
    page.wait_for_text("#loaded", |t| t == "true").await;
    assert_eq!(page.text("#step").as_deref(), Some("details"));
    click(&page, "start");
    let error = page.wait_for_text("#error", |t| t != "none").await;
    assert!(error.contains("missing username"), "{error}");
    assert_eq!(page.text("#step").as_deref(), Some("details"));
    assert_eq!(fake::sign_up_log(&clerk), ["create new@example.test"]);
}
