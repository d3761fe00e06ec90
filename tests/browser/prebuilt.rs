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

/// A value the app provides above the `<UserButton>`, which its menu icons read.
#[derive(Clone)]
struct Theme(&'static str);

#[wasm_bindgen_test]
async fn menu_items_hand_clerk_functions_that_render_leptos_views_and_stop_with_the_component() {
    use leptos_clerk::MenuItem;
    let session = fake::make_session("sess_ada", "Ada", "Lovelace", EXPIRE_AT);
    let clerk = fake::install_signed_in(&session);
    fake::add_prebuilt_components(&clerk, false);
    let shown = RwSignal::new(true);
    let clicks = RwSignal::new(0);
    let _page = mount(move || {
        provide_context(Theme("dark"));
        let icon = move || {
            let theme = use_context::<Theme>().map_or("none", |theme| theme.0);
            view! { <i class="help-icon">{move || format!("{theme} {}", clicks.get())}</i> }
        };
        let items = vec![
            MenuItem::action("Help", move || clicks.update(|n| *n += 1)).icon(icon),
            MenuItem::link("Docs", "/docs"),
            MenuItem::manage_account(),
        ];
        view! {
            <ClerkProvider options=ClerkOptions::new(KEY)>
                <Show when=move || shown.get()>
                    <UserButton menu_items=items.clone()/>
                </Show>
            </ClerkProvider>
        }
    });

    // The data goes as JSON would; the functions beside it.
    let log = log_of_length(&clerk, 1).await;
    assert!(
        log[0].contains(
            r#""customMenuItems":[{"label":"Help"},{"label":"Docs","href":"/docs"},{"label":"manageAccount"}]"#
        ),
        "{log:?}"
    );
    assert_eq!(
        fake::custom_item_shape(&clerk, 0),
        "label,mountIcon(),onClick(),unmountIcon()"
    );
    assert_eq!(
        fake::custom_item_shape(&clerk, 1),
        "href,label,mountIcon(),unmountIcon()"
    );
    // A moved item of Clerk's must be its label alone, or clerk-js drops it.
    assert_eq!(fake::custom_item_shape(&clerk, 2), "label");

    // mountIcon renders the Leptos view, with the app's context, and it stays reactive.
    let icon = fake::mount_custom_icon(&clerk, 0);
    assert_eq!(icon.inner_html(), r#"<i class="help-icon">dark 0</i>"#);
    fake::click_custom_item(&clerk, 0);
    ticks(1).await;
    assert_eq!(clicks.get_untracked(), 1);
    assert_eq!(icon.text_content().as_deref(), Some("dark 1"));
    fake::unmount_custom_icon(&clerk, 0, &icon);
    assert_eq!(icon.inner_html(), "");

    // The component goes while an icon is mounted: the icon goes with it, and calls that
    // come later (clerk-js unmounts asynchronously) do nothing.
    let second = fake::mount_custom_icon(&clerk, 0);
    assert_eq!(second.text_content().as_deref(), Some("dark 1"));
    shown.set(false);
    log_of_length(&clerk, 2).await;
    assert_eq!(second.inner_html(), "");
    let late = fake::mount_custom_icon(&clerk, 0);
    assert_eq!(late.inner_html(), "");
    fake::click_custom_item(&clerk, 0);
    fake::unmount_custom_icon(&clerk, 0, &second);
    ticks(1).await;
    assert_eq!(clicks.get_untracked(), 1);
}
