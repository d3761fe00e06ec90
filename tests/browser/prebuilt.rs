//! Prebuilt components (`<SignIn>`, `<UserButton>`…) against the fake clerk-js: when they
//! mount, re-mount and unmount, and what a refusal looks like.

use leptos::prelude::*;
use leptos_clerk::{ClerkOptions, ClerkProvider, SignIn, UserButton};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::fake;
use crate::support::{mount, ticks};

const KEY: &str = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";
const EXPIRE_AT: f64 = 1_900_000_000_000.0;

/// Waits (up to 2 s) until the fake's mount log has `n` entries; returns it.
async fn log_of_length(fake: &fake::Fake, n: usize) -> Vec<String> {
    for _ in 0..200 {
        let log = fake::mount_log(fake);
        if log.len() >= n {
            return log;
        }
        ticks(1).await;
    }
    panic!("the mount log stayed at {:?}", fake::mount_log(fake));
}

#[wasm_bindgen_test]
async fn a_prop_change_remounts_and_cleanup_unmounts() {
    let session = fake::make_session("sess_ada", "Ada", "Lovelace", EXPIRE_AT);
    let clerk = fake::install_signed_in(&session);
    fake::add_prebuilt_components(&clerk, false);
    let after = RwSignal::new("/one".to_string());
    let shown = RwSignal::new(true);
    let page = mount(move || {
        view! {
            <ClerkProvider options=ClerkOptions::new(KEY)>
                <Show when=move || shown.get()>
                    <SignIn fallback_redirect_url=after/>
                </Show>
            </ClerkProvider>
        }
    });

    let log = log_of_length(&clerk, 1).await;
    assert!(log[0].starts_with("mount SignIn "), "{log:?}");
    assert!(log[0].contains(r#""fallbackRedirectUrl":"/one""#) && log[0].contains(r#""routing":"hash""#));
    assert_eq!(
        page.root
            .query_selector("[data-clerk-component=SignIn] [data-mounted]")
            .unwrap()
            .map(|host| host.class_name()),
        Some("lc-prebuilt__host".to_string())
    );

    // A new prop value: out with the old mount, in with one carrying the new value.
    after.set("/two".into());
    let log = log_of_length(&clerk, 3).await;
    assert_eq!(log[1], "unmount SignIn");
    assert!(log[2].starts_with("mount SignIn ") && log[2].contains(r#""fallbackRedirectUrl":"/two""#));

    // Gone from the view: unmounted, and every mount has its unmount.
    shown.set(false);
    let log = log_of_length(&clerk, 4).await;
    assert_eq!(log[3], "unmount SignIn");
    ticks(5).await;
    let mounts = fake::mount_log(&clerk)
        .iter()
        .filter(|entry| entry.starts_with("mount"))
        .count();
    let unmounts = fake::mount_log(&clerk)
        .iter()
        .filter(|entry| entry.starts_with("unmount"))
        .count();
    assert_eq!((mounts, unmounts), (2, 2));
}

#[wasm_bindgen_test]
async fn a_refused_mount_says_why() {
    let session = fake::make_session("sess_ada", "Ada", "Lovelace", EXPIRE_AT);
    let clerk = fake::install_signed_in(&session);
    fake::add_prebuilt_components(&clerk, true);
    let page =
        mount(|| view! { <ClerkProvider options=ClerkOptions::new(KEY)><UserButton/></ClerkProvider> });
    let text = page
        .wait_for_text(".lc-prebuilt__error", |text| !text.is_empty())
        .await;
    assert_eq!(
        text,
        "Clerk could not show this component: Clerk was not loaded with Ui components"
    );
    assert_eq!(
        page.root
            .query_selector(".lc-prebuilt__error")
            .unwrap()
            .and_then(|e| e.get_attribute("role")),
        Some("alert".to_string())
    );
}

#[wasm_bindgen_test]
async fn the_organization_components_mount_with_their_props() {
    use leptos_clerk::{CreateOrganization, OrganizationList, OrganizationProfile};
    let session = fake::make_session("sess_ada", "Ada", "Lovelace", EXPIRE_AT);
    let clerk = fake::install_signed_in(&session);
    fake::add_prebuilt_components(&clerk, false);
    let _page = mount(move || {
        view! {
            <ClerkProvider options=ClerkOptions::new(KEY)>
                <OrganizationProfile after_leave_organization_url="/"/>
                <OrganizationList hide_personal=true/>
                <CreateOrganization skip_invitation_screen=true/>
            </ClerkProvider>
        }
    });
    let mut log = log_of_length(&clerk, 3).await;
    log.sort();
    assert_eq!(
        log,
        [
            r#"mount CreateOrganization {"routing":"hash","skipInvitationScreen":true}"#,
            r#"mount OrganizationList {"hidePersonal":true}"#,
            r#"mount OrganizationProfile {"afterLeaveOrganizationUrl":"/","routing":"hash"}"#,
        ]
    );
}
