//! `use_organization`, `use_organization_list`, `SetActive` with an organization and
//! `CreateOrganizationAction`, against the fake clerk-js.

use leptos::prelude::*;
use leptos_clerk::{
    ClerkOptions, ClerkProvider, Page, SetActiveOptions, use_organization, use_organization_list,
};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::fake;
use crate::support::{mount, ticks};

const KEY: &str = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";

#[component]
fn Organizations() -> impl IntoView {
    let org = use_organization();
    let list = use_organization_list();
    let members = RwSignal::new(String::from("-"));
    let load_members = move |_| {
        leptos::task::spawn_local(async move {
            let text = match org.memberships.call(2, 2).await {
                Ok(Page { data, total_count }) => {
                    let names: Vec<String> = data
                        .iter()
                        .filter_map(|m| m.member.as_ref().map(|member| member.display_name()))
                        .collect();
                    format!("{} of {total_count}", names.join(","))
                }
                Err(error) => format!("error: {error}"),
            };
            members.set(text);
        });
    };
    let invitations = RwSignal::new(String::from("-"));
    let load_invitations = move |_| {
        leptos::task::spawn_local(async move {
            let text = match org.invitations.call(1, 10, &["pending"]).await {
                Ok(page) => page
                    .data
                    .iter()
                    .map(|i| format!("{} as {}", i.email_address, i.role))
                    .collect::<Vec<_>>()
                    .join(","),
                Err(error) => format!("error: {error}"),
            };
            invitations.set(text);
        });
    };
    let switch = move |target: Option<&'static str>| {
        move |_| {
            leptos::task::spawn_local(async move {
                let options = match target {
                    Some(slug) => SetActiveOptions::current_session().organization(slug),
                    None => SetActiveOptions::current_session().personal_account(),
                };
                let _ = list.set_active.call(options).await;
            })
        }
    };
    let create = move |_| {
        leptos::task::spawn_local(async move {
            let _ = list.create_organization.call("Initech", Some("initech")).await;
        })
    };
    view! {
        <p id="active">
            {move || match (org.organization.get(), org.membership.get()) {
                (Some(o), Some(m)) => format!("{} as {}", o.name, m.role),
                (Some(o), None) => format!("{} (no membership)", o.name),
                (None, _) => "personal".into(),
            }}
        </p>
        <p id="list">
            {move || list.user_memberships.get().iter().map(|m| m.organization.name.clone()).collect::<Vec<_>>().join(",")}
        </p>
        <p id="members">{move || members.get()}</p>
        <p id="invitations">{move || invitations.get()}</p>
        <button id="invitations-page" on:click=load_invitations>"Invitations"</button>
        <button id="to-acme" on:click=switch(Some("acme"))>"Acme"</button>
        <button id="to-personal" on:click=switch(None)>"Personal"</button>
        <button id="members-page" on:click=load_members>"Members"</button>
        <button id="create" on:click=create>"Create"</button>
    }
}

fn click(id: &str) {
    let element = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .get_element_by_id(id)
        .unwrap();
    wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(element).click();
}

#[wasm_bindgen_test]
async fn organizations_list_switch_page_and_create() {
    let session = fake::make_session("sess_1", "Ada", "Lovelace", 1.9e12);
    let acme = fake::make_organization("Acme", "acme", 5);
    let globex = fake::make_organization("Globex", "globex", 1);
    fake::join_organization(&session, &acme, "org:admin");
    fake::join_organization(&session, &globex, "org:member");
    fake::install_signed_in(&session);
    let page = mount(
        || view! { <ClerkProvider options=ClerkOptions::new(KEY).without_session_refresh()><Organizations/></ClerkProvider> },
    );
    page.wait_for_text("#list", |t| t == "Acme,Globex").await;
    assert_eq!(page.text("#active").as_deref(), Some("personal"));

    click("members-page");
    page.wait_for_text("#members", |t| t.starts_with("error")).await;
    assert_eq!(
        page.text("#members").as_deref(),
        Some("error: no organization is active in this session")
    );

    click("to-acme");
    page.wait_for_text("#active", |t| t == "Acme as org:admin").await;
    click("members-page");
    page.wait_for_text("#members", |t| t == "Member2,Member3 of 5")
        .await;

    click("to-personal");
    page.wait_for_text("#active", |t| t == "personal").await;

    click("create");
    page.wait_for_text("#list", |t| t == "Acme,Globex,Initech").await;
    ticks(2).await;
    assert_eq!(
        page.text("#active").as_deref(),
        Some("personal"),
        "creating does not switch"
    );
}
