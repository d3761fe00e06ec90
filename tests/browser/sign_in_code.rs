//! `use_sign_in().with_email_code` against the fake clerk-js: each step's state, Clerk's
//! refusals as typed errors, the second factor it continues into (and one it cannot
//! complete), and the calls it made.

use leptos::prelude::*;
use leptos_clerk::{
    ClerkOptions, ClerkProvider, FlowField, SecondFactorStrategy, SignInStep, use_session, use_sign_in,
};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::fake;
use crate::support::{Mounted, mount};

const KEY: &str = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";

#[component]
fn SignInProbe(email: &'static str, code: &'static str) -> impl IntoView {
    let sign_in = use_sign_in();
    let session = use_session();
    let flow = sign_in.with_email_code;
    let start = move |_| {
        leptos::task::spawn_local(async move {
            let _ = flow.start(email).await;
        })
    };
    let verify = move |_| {
        leptos::task::spawn_local(async move {
            let _ = flow.verify(code).await;
        })
    };
    let resend = move |_| {
        leptos::task::spawn_local(async move {
            let _ = flow.resend().await;
        })
    };
    let second = sign_in.second_factor;
    let verify_second = move |_| {
        leptos::task::spawn_local(async move {
            let _ = second.verify(code).await;
        })
    };
    let backup = move |_| {
        leptos::task::spawn_local(async move {
            let _ = second.choose(SecondFactorStrategy::BackupCode).await;
        })
    };
    view! {
        <p id="loaded">{move || sign_in.is_loaded.get().to_string()}</p>
        <p id="step">{move || match sign_in.step.get() {
            SignInStep::CollectingIdentifier => "identifier".to_owned(),
            SignInStep::VerifyingEmailCode { email } => format!("verifying {email}"),
            SignInStep::VerifyingSecondFactor(step) => format!(
                "second {} {} of {}",
                step.current.strategy.as_str(),
                step.sent_to().unwrap_or("-"),
                step.offered.len()
            ),
            SignInStep::Complete { session_id } => format!("complete {session_id}"),
        }}</p>
        <p id="error">{move || sign_in.error.get().map_or("none".into(), |e| format!("{:?}: {e}", e.field()))}</p>
        <p id="session">{move || session.session.get().map_or("none".into(), |s| s.id)}</p>
        <button id="start" on:click=start>"start"</button>
        <button id="verify" on:click=verify>"verify"</button>
        <button id="resend" on:click=resend>"resend"</button>
        <button id="verify-second" on:click=verify_second>"verify second"</button>
        <button id="backup" on:click=backup>"backup"</button>
    }
}

/// Clicks `#id` inside this test's own mount.
fn click(page: &Mounted, id: &str) {
    let element = page.root.query_selector(&format!("#{id}")).unwrap().unwrap();
    wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(element).click();
}

async fn mounted(email: &'static str, code: &'static str) -> (fake::Fake, Mounted) {
    let clerk = fake::install("ready");
    fake::add_sign_in(&clerk);
    let page = mount(move || {
        view! {
            <ClerkProvider options=ClerkOptions::new(KEY).without_session_refresh()>
                <SignInProbe email=email code=code/>
            </ClerkProvider>
        }
    });
    page.wait_for_text("#loaded", |t| t == "true").await;
    assert_eq!(page.text("#step").as_deref(), Some("identifier"));
    (clerk, page)
}

#[wasm_bindgen_test]
async fn email_then_code_then_an_active_session() {
    let (clerk, page) = mounted("ada@example.test", "424242").await;
    click(&page, "start");
    page.wait_for_text("#step", |t| t == "verifying ada@example.test")
        .await;
    click(&page, "resend");
    click(&page, "verify");
    page.wait_for_text("#step", |t| t == "complete sess_code").await;
    page.wait_for_text("#session", |t| t == "sess_code").await;
    let log = fake::sign_in_log(&clerk);
    assert_eq!(log[0], "create ada@example.test");
    assert_eq!(log[1], "prepare email_code idn_fake");
    assert!(log.contains(&"attempt email_code 424242".to_owned()), "{log:?}");
    assert_eq!(
        log.iter().filter(|call| call.starts_with("prepare")).count(),
        2,
        "resend asked again: {log:?}"
    );
    assert_eq!(fake::calls(&clerk, "setActiveCalls"), 1);
}

#[wasm_bindgen_test]
async fn an_unknown_address_is_an_email_error_and_a_wrong_code_a_code_error() {
    let (clerk, page) = mounted("nobody@example.test", "000000").await;
    click(&page, "start");
    let error = page.wait_for_text("#error", |t| t != "none").await;
    assert_eq!(
        error,
        format!("{:?}: Couldn't find your account.", Some(FlowField::Email))
    );
    assert_eq!(page.text("#step").as_deref(), Some("identifier"));
    assert_eq!(fake::sign_in_log(&clerk), ["create nobody@example.test"]);

    let (clerk, page) = mounted("ada@example.test", "000000").await;
    click(&page, "start");
    page.wait_for_text("#step", |t| t.starts_with("verifying")).await;
    click(&page, "verify");
    let error = page.wait_for_text("#error", |t| t != "none").await;
    assert_eq!(error, format!("{:?}: Incorrect code", Some(FlowField::Code)));
    assert_eq!(page.text("#step").as_deref(), Some("verifying ada@example.test"));
    assert_eq!(fake::calls(&clerk, "setActiveCalls"), 0);
}

#[wasm_bindgen_test]
async fn the_email_code_continues_into_a_texted_second_factor() {
    let (clerk, page) = mounted("two-factor@example.test", "424242").await;
    click(&page, "start");
    page.wait_for_text("#step", |t| t.starts_with("verifying")).await;
    click(&page, "verify");
    // The unreadable entries are left out; the texted code is sent at once.
    page.wait_for_text("#step", |t| t == "second phone_code +*******0100 of 2")
        .await;
    assert_eq!(fake::calls(&clerk, "setActiveCalls"), 0);
    click(&page, "backup");
    page.wait_for_text("#step", |t| t == "second backup_code - of 2")
        .await;
    click(&page, "verify-second");
    page.wait_for_text("#step", |t| t == "complete sess_2fa").await;
    page.wait_for_text("#session", |t| t == "sess_2fa").await;
    let log = fake::sign_in_log(&clerk);
    assert!(
        log.contains(&"prepare2 phone_code idn_phone".to_owned()),
        "{log:?}"
    );
    assert_eq!(
        log.last().map(String::as_str),
        Some("attempt2 backup_code 424242")
    );
    assert_eq!(fake::calls(&clerk, "setActiveCalls"), 1);
}

#[wasm_bindgen_test]
async fn a_second_factor_it_cannot_complete_is_named_not_left_hanging() {
    let (clerk, page) = mounted("link-only@example.test", "424242").await;
    click(&page, "start");
    page.wait_for_text("#step", |t| t.starts_with("verifying")).await;
    click(&page, "verify");
    let error = page.wait_for_text("#error", |t| t != "none").await;
    assert!(error.contains("needs_second_factor"), "{error}");
    assert!(error.contains("email_link"), "{error}");
    assert_eq!(fake::calls(&clerk, "setActiveCalls"), 0);
    assert_eq!(page.text("#session").as_deref(), Some("none"));
}
