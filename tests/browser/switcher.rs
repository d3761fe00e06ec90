//! `<SessionSwitcher>` in each of its states, against the fake clerk-js.

use leptos::prelude::*;
use leptos_clerk::{ClerkOptions, ClerkProvider, SessionSwitcher};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::fake;
use crate::support::{Mounted, mount, ticks, until};

const KEY: &str = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";
const EXPIRE_AT: f64 = 1_900_000_000_000.0;

fn switcher() -> Mounted {
    mount(|| view! { <ClerkProvider options=ClerkOptions::new(KEY)><SessionSwitcher/></ClerkProvider> })
}

fn sessions(names: &[(&str, &str, &str)]) -> (js_sys::Array, Vec<JsValue>) {
    let list: Vec<JsValue> = names
        .iter()
        .map(|(id, first, last)| fake::make_session(id, first, last, EXPIRE_AT))
        .collect();
    (list.iter().cloned().collect(), list)
}

fn click(page: &Mounted, selector: &str) {
    let element = page
        .root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"));
    element.unchecked_into::<web_sys::HtmlElement>().click();
}

fn attribute(page: &Mounted, selector: &str, name: &str) -> Option<String> {
    page.root.query_selector(selector).unwrap()?.get_attribute(name)
}

fn count(page: &Mounted, selector: &str) -> u32 {
    page.root.query_selector_all(selector).unwrap().length()
}

fn menu_shown(page: &Mounted) -> bool {
    attribute(page, "[role=menu]", "hidden").is_none()
}

async fn open(page: &Mounted) {
    click(page, ".lc-switcher__trigger");
    until(|| menu_shown(page), "the menu did not open").await;
}

/// Waits until the trigger shows `name` as the current account.
async fn wait_for_current(page: &Mounted, name: &str) {
    page.wait_for_text(".lc-switcher__trigger .lc-switcher__name", |t| t == name)
        .await;
}

#[wasm_bindgen_test]
async fn while_loading_the_trigger_says_so_and_is_disabled() {
    fake::install("hang");
    let page = switcher();
    let text = page
        .wait_for_text(".lc-switcher__trigger", |t| !t.is_empty())
        .await;
    assert_eq!(text, "Loading accounts…");
    assert_eq!(
        attribute(&page, ".lc-switcher__trigger", "disabled").as_deref(),
        Some("")
    );
}

#[wasm_bindgen_test]
async fn one_session_shows_it_and_no_sign_out_of_all() {
    let (list, all) = sessions(&[("sess_1", "Ada", "Lovelace")]);
    fake::install_with_sessions(&list, &all[0]);
    let page = switcher();
    wait_for_current(&page, "Ada Lovelace").await;
    open(&page).await;
    assert_eq!(count(&page, ".lc-switcher__row"), 0);
    assert_eq!(
        page.text(".lc-switcher__current .lc-switcher__name").as_deref(),
        Some("Ada Lovelace")
    );
    assert_eq!(
        page.text(".lc-switcher__action--danger"),
        None,
        "no 'Sign out of all accounts'"
    );
    assert_eq!(
        attribute(&page, ".lc-switcher__trigger", "aria-expanded").as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn many_sessions_list_the_others_and_offer_sign_out_of_all() {
    let (list, all) = sessions(&[
        ("sess_1", "Ada", "Lovelace"),
        ("sess_2", "Grace", "Hopper"),
        ("sess_3", "Alan", "Turing"),
    ]);
    fake::install_with_sessions(&list, &all[1]);
    let page = switcher();
    wait_for_current(&page, "Grace Hopper").await;
    open(&page).await;
    let rows: Vec<String> = (0..count(&page, ".lc-switcher__row"))
        .map(|i| {
            page.root
                .query_selector_all(".lc-switcher__row .lc-switcher__name")
                .unwrap()
                .item(i)
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    assert_eq!(rows, ["Ada Lovelace", "Alan Turing"]);
    assert_eq!(
        page.text(".lc-switcher__action--danger").as_deref(),
        Some("Sign out of all accounts")
    );
}

#[wasm_bindgen_test]
async fn a_pending_switch_shows_on_its_row_and_blocks_a_second_one() {
    let (list, all) = sessions(&[
        ("sess_1", "Ada", "Lovelace"),
        ("sess_2", "Grace", "Hopper"),
        ("sess_3", "Alan", "Turing"),
    ]);
    let clerk = fake::install_with_sessions(&list, &all[0]);
    fake::set_behaviour(&clerk, "setActiveBehaviour", "hang");
    let page = switcher();
    wait_for_current(&page, "Ada Lovelace").await;
    open(&page).await;
    // A second click, even before the first switch shows on screen, starts nothing.
    click(&page, "[data-session-id=sess_2] .lc-switcher__switch");
    click(&page, "[data-session-id=sess_3] .lc-switcher__switch");
    ticks(2).await;
    assert_eq!(fake::calls(&clerk, "setActiveCalls"), 1, "one switch at a time");

    // Once the switch has run 100 ms, its row shows it; at 300 ms, with a spinner (`is-slow`).
    let row_class = || attribute(&page, "[data-session-id=sess_2]", "class").unwrap_or_default();
    until(
        || row_class().contains("is-pending"),
        "the pending switch never showed",
    )
    .await;
    assert_eq!(
        attribute(
            &page,
            "[data-session-id=sess_2] .lc-switcher__switch",
            "aria-busy"
        )
        .as_deref(),
        Some("true")
    );
    assert_eq!(
        attribute(&page, "[role=menu]", "aria-busy").as_deref(),
        Some("true")
    );
    until(
        || row_class().contains("is-slow"),
        "the row of a switch that hangs never showed its spinner",
    )
    .await;
    click(&page, "[data-session-id=sess_3] .lc-switcher__switch");
    ticks(2).await;
    assert_eq!(fake::calls(&clerk, "setActiveCalls"), 1, "one switch at a time");
}

#[wasm_bindgen_test]
async fn a_quick_switch_changes_nothing_on_screen_but_its_result() {
    let (list, all) = sessions(&[("sess_1", "Ada", "Lovelace"), ("sess_2", "Grace", "Hopper")]);
    fake::install_with_sessions(&list, &all[0]);
    let page = switcher();
    wait_for_current(&page, "Ada Lovelace").await;
    open(&page).await;
    let stop_watching = watch_busy_attributes(&page);
    click(&page, "[data-session-id=sess_2] .lc-switcher__switch");
    wait_for_current(&page, "Grace Hopper").await;
    ticks(2).await;
    let written = stop_watching.call0(&JsValue::NULL).unwrap().as_string().unwrap();
    // The fake switches at once: the switch was over before it could show as running.
    assert!(
        !written.contains("is-pending") && !written.contains("=true"),
        "a quick switch wrote its running state: {written}"
    );
}

#[wasm_bindgen_test]
async fn a_slow_switch_shows_on_its_row_until_it_is_done() {
    let (list, all) = sessions(&[("sess_1", "Ada", "Lovelace"), ("sess_2", "Grace", "Hopper")]);
    let clerk = fake::install_with_sessions(&list, &all[0]);
    fake::set_behaviour(&clerk, "setActiveBehaviour", "slow");
    let page = switcher();
    wait_for_current(&page, "Ada Lovelace").await;
    open(&page).await;
    click(&page, "[data-session-id=sess_2] .lc-switcher__switch");
    until(
        || count(&page, ".is-pending") == 1,
        "the slow switch never showed",
    )
    .await;
    assert_eq!(
        attribute(&page, "[role=menu]", "aria-busy").as_deref(),
        Some("true")
    );
    wait_for_current(&page, "Grace Hopper").await;
    ticks(2).await;
    assert_eq!(count(&page, ".is-pending"), 0, "the row no longer shows a switch");
    assert_eq!(count(&page, "[aria-disabled=true]"), 0, "every item works again");
    assert_eq!(
        attribute(&page, "[role=menu]", "aria-busy").as_deref(),
        Some("false")
    );
}

/// Records each write of `class`, `aria-busy` and `aria-disabled` below the page's root as
/// `name=value`, until the returned function is called; it returns them, space-separated.
fn watch_busy_attributes(page: &Mounted) -> js_sys::Function {
    let watch = js_sys::Function::new_with_args(
        "root",
        "const written = [];
         const observer = new MutationObserver((records) => {
           for (const r of records) written.push(r.attributeName + '=' + r.target.getAttribute(r.attributeName));
         });
         observer.observe(root, { subtree: true, attributes: true, attributeFilter: ['class', 'aria-busy', 'aria-disabled'] });
         return () => { observer.disconnect(); return written.join(' '); };",
    );
    watch.call1(&JsValue::NULL, &page.root).unwrap().unchecked_into()
}

#[wasm_bindgen_test]
async fn a_failed_switch_shows_the_error_and_keeps_the_session() {
    let (list, all) = sessions(&[("sess_1", "Ada", "Lovelace"), ("sess_2", "Grace", "Hopper")]);
    let clerk = fake::install_with_sessions(&list, &all[0]);
    fake::set_behaviour(&clerk, "setActiveBehaviour", "reject");
    let page = switcher();
    wait_for_current(&page, "Ada Lovelace").await;
    open(&page).await;
    click(&page, "[data-session-id=sess_2] .lc-switcher__switch");
    let alert = page.wait_for_text("[role=alert]", |_| true).await;
    assert_eq!(alert, "The fake refused to switch.");
    assert_eq!(
        page.text(".lc-switcher__trigger .lc-switcher__name").as_deref(),
        Some("Ada Lovelace")
    );
    assert_eq!(
        attribute(&page, "[role=menu]", "aria-busy").as_deref(),
        Some("false"),
        "ready for another try"
    );

    // A successful retry clears the error and closes the menu.
    fake::set_behaviour(&clerk, "setActiveBehaviour", "resolve");
    click(&page, "[data-session-id=sess_2] .lc-switcher__switch");
    wait_for_current(&page, "Grace Hopper").await;
    ticks(2).await;
    assert!(!menu_shown(&page), "the menu closed");
}

#[wasm_bindgen_test]
async fn a_tab_without_a_session_offers_the_signed_in_ones() {
    let (list, _) = sessions(&[("sess_1", "Ada", "Lovelace"), ("sess_2", "Grace", "Hopper")]);
    fake::install_with_sessions(&list, &JsValue::NULL);
    let page = switcher();
    page.wait_for_text(".lc-switcher__trigger", |t| t == "Choose an account")
        .await;
    open(&page).await;
    assert_eq!(
        page.text("[role=status]").as_deref(),
        Some("You are signed out in this tab. Choose an account to continue.")
    );
    assert_eq!(count(&page, ".lc-switcher__row"), 2);
    assert_eq!(count(&page, ".lc-switcher__current"), 0);
}

#[wasm_bindgen_test]
async fn opening_the_menu_again_and_again_does_not_grow_memory() {
    let (list, all) = sessions(&[("sess_1", "Ada", "Lovelace"), ("sess_2", "Grace", "Hopper")]);
    fake::install_with_sessions(&list, &all[0]);
    let page = switcher();
    wait_for_current(&page, "Ada Lovelace").await;
    open(&page).await;
    click(&page, ".lc-switcher__trigger");
    ticks(2).await;
    let memory = || {
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        memory
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length()
    };
    let before = memory();
    for _ in 0..200 {
        click(&page, ".lc-switcher__trigger");
        ticks(1).await;
        assert!(menu_shown(&page));
        click(&page, ".lc-switcher__trigger");
        ticks(1).await;
    }
    // Wasm memory grows in 64 KiB pages; building the menu on each open used to cost ~1.5 KB,
    // 300 KB over these 200 opens.
    let grown = memory() - before;
    assert!(
        grown <= 64 * 1024,
        "wasm memory grew {grown} bytes over 200 opens"
    );
}

/// The box of the first element matching `selector`.
fn rect(page: &Mounted, selector: &str) -> web_sys::DomRect {
    page.root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .get_bounding_client_rect()
}

#[wasm_bindgen_test]
async fn a_long_name_is_truncated_and_thirty_accounts_scroll_inside_the_menu() {
    let long = "Bartholomew Maximilian Fitzgerald-Montgomery-Worthington";
    let ids: Vec<String> = (0..30).map(|i| format!("sess_{i}")).collect();
    let names: Vec<(&str, &str, &str)> = ids.iter().map(|id| (id.as_str(), long, "the Third")).collect();
    let (list, all) = sessions(&names);
    fake::install_with_sessions(&list, &all[0]);
    let page = mount(|| {
        view! {
            <style>{leptos_clerk::STYLESHEET}</style>
            <ClerkProvider options=ClerkOptions::new(KEY)><SessionSwitcher/></ClerkProvider>
        }
    });
    page.wait_for_text(".lc-switcher__trigger .lc-switcher__name", |t| {
        t.starts_with("Bartholomew")
    })
    .await;

    // The trigger stops at 16rem (256 px here) and ellipsises the name inside it.
    let trigger = rect(&page, ".lc-switcher__trigger");
    assert!(
        trigger.width() <= 256.5,
        "the trigger is {} px wide",
        trigger.width()
    );
    let name = page
        .root
        .query_selector(".lc-switcher__trigger .lc-switcher__name")
        .unwrap()
        .unwrap();
    assert!(
        name.scroll_width() > name.client_width(),
        "the name is cut, not wrapped"
    );

    // The menu ends inside the window and scrolls its 29 other accounts.
    open(&page).await;
    assert_eq!(count(&page, ".lc-switcher__row"), 29);
    let window = web_sys::window().unwrap();
    let height = window.inner_height().unwrap().as_f64().unwrap();
    let menu_box = rect(&page, "[role=menu]");
    assert!(
        menu_box.height() <= 0.7 * height + 1.0,
        "{} of {height}",
        menu_box.height()
    );
    let menu = page.root.query_selector("[role=menu]").unwrap().unwrap();
    assert!(menu.scroll_height() > menu.client_height(), "the menu scrolls");
}
