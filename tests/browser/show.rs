//! `<Show when=…>` by sign-in state, role, permission, feature, plan and a predicate, with
//! `use_auth()`'s organization fields, against the fake clerk-js.

use leptos::prelude::*;
use leptos_clerk::claims::Require;
use leptos_clerk::{ClerkOptions, ClerkProvider, ShowWhen, use_auth};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::fake;
use crate::support::mount;

const KEY: &str = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";

/// An unsigned JWT carrying `payload` (`<Show>` decodes, it does not verify).
fn token(payload: &str) -> String {
    let encode = |text: &str| {
        web_sys::window()
            .unwrap()
            .btoa(text)
            .unwrap()
            .trim_end_matches('=')
            .replace('+', "-")
            .replace('/', "_")
    };
    format!("{}.{}.c2ln", encode(r#"{"alg":"RS256"}"#), encode(payload))
}

/// An admin of org_1 with `org:docs:read`, the `reports` feature and the `pro` plan.
fn admin_token() -> String {
    token(
        r#"{"iss":"https://x.clerk.accounts.dev","sub":"user_ada","sid":"sess_1","exp":2000000000,"v":2,
            "o":{"id":"org_1","slg":"acme","rol":"admin","per":"read,manage","fpm":"1"},
            "fea":"o:docs,u:reports","pla":"u:pro"}"#,
    )
}

/// A member of org_1 without permissions, features or plans.
fn member_token() -> String {
    token(
        r#"{"iss":"https://x.clerk.accounts.dev","sub":"user_ada","sid":"sess_1","exp":2000000000,"v":2,
            "o":{"id":"org_1","slg":"acme","rol":"member"}}"#,
    )
}

#[component]
fn Gallery() -> impl IntoView {
    let auth = use_auth();
    let item = |id: &'static str, when: ShowWhen| {
        view! {
            <leptos_clerk::Show when=when fallback=move || view! { <span id=id>"-"</span> }>
                <span id=id>"+"</span>
            </leptos_clerk::Show>
        }
    };
    view! {
        {item("signed-in", ShowWhen::SignedIn)}
        {item("signed-out", ShowWhen::SignedOut)}
        {item("admin", ShowWhen::role("admin"))}
        {item("read", ShowWhen::permission("org:docs:read"))}
        {item("reports", ShowWhen::feature("user:reports"))}
        {item("pro", ShowWhen::plan("pro"))}
        {item("either", ShowWhen::predicate(|has| has(&Require::role("member")) || has(&Require::plan("pro"))))}
        {item("both", Require::role("admin").and_permission("org:docs:manage").into())}
        <p id="org">{move || format!("{:?} {:?} {:?}", auth.org_role.get(), auth.org_slug.get(), auth.org_permissions.get())}</p>
    }
}

/// What the gallery shows, in order.
fn shown(page: &crate::support::Mounted) -> String {
    [
        "signed-in",
        "signed-out",
        "admin",
        "read",
        "reports",
        "pro",
        "either",
        "both",
    ]
    .iter()
    .map(|id| page.text(&format!("#{id}")).unwrap_or_else(|| "?".into()))
    .collect::<Vec<_>>()
    .join("")
}

#[wasm_bindgen_test]
async fn show_follows_role_permission_feature_plan_and_predicate() {
    let session = fake::make_session("sess_1", "Ada", "Lovelace", 1.9e12);
    fake::set_field(&session, "lastActiveToken", &fake::token_resource(&admin_token()));
    let clerk = fake::install_signed_in(&session);
    let page = mount(
        || view! { <ClerkProvider options=ClerkOptions::new(KEY).without_session_refresh()><Gallery/></ClerkProvider> },
    );
    page.wait_for_text("#both", |_| true).await;
    assert_eq!(shown(&page), "+-+++++-");
    assert_eq!(
        page.text("#org").as_deref(),
        Some(r#"Some("org:admin") Some("acme") ["org:docs:read"]"#)
    );

    // A new token (another role): every answer follows it.
    fake::set_field(
        &session,
        "lastActiveToken",
        &fake::token_resource(&member_token()),
    );
    fake::emit(&clerk, &fake::signed_in(&session));
    page.wait_for_text("#admin", |t| t == "-").await;
    assert_eq!(shown(&page), "+-----+-");

    // Signed out: only `SignedOut` holds.
    let payload = js_sys::Object::new();
    fake::set_field(&payload, "session", &wasm_bindgen::JsValue::NULL);
    fake::emit(&clerk, &payload);
    page.wait_for_text("#signed-out", |t| t == "+").await;
    assert_eq!(shown(&page), "-+------");
    assert_eq!(page.text("#org").as_deref(), Some("None None []"));
}

#[wasm_bindgen_test]
async fn a_pending_session_is_signed_out_unless_show_says_otherwise() {
    let session = fake::make_session("sess_1", "Ada", "Lovelace", 1.9e12);
    fake::set_field(&session, "status", &"pending".into());
    fake::set_field(&session, "lastActiveToken", &fake::token_resource(&admin_token()));
    fake::install_signed_in(&session);
    let page = mount(|| {
        view! {
            <ClerkProvider options=ClerkOptions::new(KEY).without_session_refresh()>
                <leptos_clerk::Show when=ShowWhen::role("admin") fallback=|| view! { <p id="strict">"-"</p> }>
                    <p id="strict">"+"</p>
                </leptos_clerk::Show>
                <leptos_clerk::Show when=ShowWhen::role("admin") treat_pending_as_signed_out=false fallback=|| view! { <p id="lenient">"-"</p> }>
                    <p id="lenient">"+"</p>
                </leptos_clerk::Show>
            </ClerkProvider>
        }
    });
    page.wait_for_text("#strict", |t| t == "-").await;
    page.wait_for_text("#lenient", |t| t == "+").await;
}
