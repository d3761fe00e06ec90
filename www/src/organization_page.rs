//! The organization page: the active organization, switching it from our own buttons and
//! from Clerk's `<OrganizationSwitcher>`, what the role allows in the page (`<Show when=…>`)
//! and on the server (`/api/org/billing`, guarded by `Require::permission`), the members,
//! and a new organization.

use leptos::prelude::*;
use leptos_clerk::{
    FetchError, OrganizationSwitcher, RedirectToSignIn, SetActiveOptions, ShowWhen, use_auth,
    use_organization, use_organization_list,
};

/// The permission the billing controls and the guarded route ask for.
const BILLING: &str = "org:billing:manage";

#[component]
pub fn OrganizationPage() -> impl IntoView {
    view! {
        <h1>"Organization"</h1>
        <leptos_clerk::Show when=ShowWhen::SignedIn fallback=|| view! {
            <p class="card muted" data-testid="redirecting">"Taking you to sign in…"</p>
            <RedirectToSignIn fallback_redirect_url="/organization"/>
        }>
            <ActiveOrganization/>
            <SwitchOrganization/>
            <Billing/>
            <Members/>
            <NewOrganization/>
        </leptos_clerk::Show>
    }
}

/// Which organization the session acts for, the role in it, and the token's permissions.
#[component]
fn ActiveOrganization() -> impl IntoView {
    let org = use_organization();
    let auth = use_auth();
    view! {
        <section class="card org-card" data-testid="org-card" aria-labelledby="active-org-title">
            <h2 id="active-org-title">"Active organization"</h2>
            <dl class="facts">
                <dt>"Acting for"</dt>
                <dd data-testid="org-name">
                    {move || org.organization.get().map_or_else(|| "Personal account".to_owned(), |o| o.name)}
                </dd>
                <dt>"Role"</dt>
                <dd>
                    {move || match org.membership.get() {
                        Some(membership) => view! { <code data-testid="org-role">{membership.role}</code> }.into_any(),
                        None => view! { <span class="muted" data-testid="org-role">"none (personal account)"</span> }.into_any(),
                    }}
                </dd>
                <dt>"Permissions (token)"</dt>
                <dd data-testid="org-permissions">
                    {move || {
                        let permissions = auth.org_permissions.get();
                        if permissions.is_empty() { "none".to_owned() } else { permissions.join(", ") }
                    }}
                </dd>
            </dl>
        </section>
    }
}

/// Our own buttons beside Clerk's `<OrganizationSwitcher>`: both switch through clerk-js.
#[component]
fn SwitchOrganization() -> impl IntoView {
    let list = use_organization_list();
    let org = use_organization();
    let error = RwSignal::new(None::<String>);
    let switch = move |target: Option<String>| {
        leptos::task::spawn_local(async move {
            let options = match target {
                Some(id) => SetActiveOptions::current_session().organization(id),
                None => SetActiveOptions::current_session().personal_account(),
            };
            let result = list.set_active.call(options).await;
            error.try_set(result.err().map(|e| e.to_string()));
        });
    };
    let active_id = move || org.organization.get().map(|o| o.id);
    view! {
        <section class="card" aria-labelledby="switch-title">
            <h2 id="switch-title">"Switch"</h2>
            <div class="side-by-side">
                <div class="column">
                    <p class="note">"With "<code>"use_organization_list()"</code>":"</p>
                    <div class="button-row" data-testid="org-buttons">
                        <For each=move || list.user_memberships.get() key=|m| m.id.clone() let:membership>
                            {
                                let id = membership.organization.id.clone();
                                let current = id.clone();
                                view! {
                                    <button
                                        type="button"
                                        class="secondary"
                                        aria-pressed=move || (active_id() == Some(current.clone())).to_string()
                                        on:click=move |_| switch(Some(id.clone()))
                                    >
                                        {membership.organization.name.clone()}
                                    </button>
                                }
                            }
                        </For>
                        <button
                            type="button"
                            class="secondary"
                            aria-pressed=move || active_id().is_none().to_string()
                            on:click=move |_| switch(None)
                        >
                            "Personal account"
                        </button>
                    </div>
                </div>
                <div class="column" data-testid="clerk-org-switcher">
                    <p class="note">"With Clerk's "<code>"<OrganizationSwitcher>"</code>":"</p>
                    <OrganizationSwitcher/>
                </div>
            </div>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        </section>
    }
}

/// A control only `org:billing:manage` sees, and the server's answer to the same question.
#[component]
fn Billing() -> impl IntoView {
    let auth = use_auth();
    let answer = RwSignal::new(None::<String>);
    let ask = move || {
        let fetch = auth.fetch;
        leptos::task::spawn_local(async move {
            let text = match fetch.get("/api/org/billing").await {
                Ok(reply) if reply.status == 200 => "200: allowed".to_owned(),
                Ok(reply) => format!("{}: {}", reply.status, reply.body),
                Err(FetchError::Unauthorized { body }) => format!("401: {body}"),
                Err(error) => format!("failed: {error}"),
            };
            answer.try_set(Some(text));
        });
    };
    // Asked again whenever the token's organization or permissions change. Read with
    // `with`, not `track()`: a memo nobody has read yet has subscribed to nothing, so
    // tracking it alone would never wake this effect again.
    Effect::new(move |_| {
        auth.org_id.with(|_| ());
        auth.org_permissions.with(|_| ());
        ask();
    });
    view! {
        <section class="card" aria-labelledby="billing-title">
            <h2 id="billing-title">"Billing"</h2>
            <p class="note">"Shown with "<code>{BILLING}</code>", in the page and on the server."</p>
            <leptos_clerk::Show
                when=ShowWhen::permission(BILLING)
                fallback=|| view! { <p class="muted" data-testid="billing-hidden">"Hidden: you do not have this permission here."</p> }
            >
                <button type="button" class="primary" data-testid="billing-button">"Manage billing"</button>
            </leptos_clerk::Show>
            <p class="answer-line">
                <code>"GET /api/org/billing"</code>" → "
                <span
                    data-testid="billing-api"
                    class=move || answer.with(|a| match a.as_deref() {
                        Some(text) if text.starts_with("200") => "answer allowed",
                        Some(_) => "answer refused",
                        None => "answer",
                    })
                >
                    {move || answer.get().unwrap_or_else(|| "…".into())}
                </span>
            </p>
        </section>
    }
}

/// The active organization's members, first page.
#[component]
fn Members() -> impl IntoView {
    let org = use_organization();
    let members = RwSignal::new(None::<Result<Vec<String>, String>>);
    Effect::new(move |_| {
        if org
            .organization
            .with(|o| o.as_ref().map(|o| o.id.clone()))
            .is_none()
        {
            members.set(None);
            return;
        }
        leptos::task::spawn_local(async move {
            let result = org.memberships.call(1, 20).await.map(|page| {
                page.data
                    .iter()
                    .map(|m| {
                        let name = m
                            .member
                            .as_ref()
                            .map_or_else(|| m.id.clone(), |u| u.display_name());
                        format!("{name} ({})", m.role)
                    })
                    .collect()
            });
            members.try_set(Some(result.map_err(|e| e.to_string())));
        });
    });
    view! {
        <section class="card" aria-labelledby="members-title">
            <h2 id="members-title">"Members"</h2>
            {move || match members.get() {
                None => view! { <p class="muted">"The personal account has no members."</p> }.into_any(),
                Some(Ok(names)) => view! {
                    <ul data-testid="org-members">{names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                }.into_any(),
                Some(Err(e)) => view! { <p class="form-error" role="alert">{e}</p> }.into_any(),
            }}
        </section>
    }
}

/// Creates an organization with `use_organization_list().create_organization`.
#[component]
fn NewOrganization() -> impl IntoView {
    let list = use_organization_list();
    let name = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let create = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let chosen = name.get_untracked();
        if chosen.trim().is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let result = list.create_organization.call(chosen.trim(), None).await;
            outcome.try_set(Some(result.map(|o| o.name).map_err(|e| e.to_string())));
            name.try_set(String::new());
        });
    };
    view! {
        <section class="card" aria-labelledby="new-org-title">
            <h2 id="new-org-title">"New organization"</h2>
            <form class="inline-form" on:submit=create>
                <label for="new-org-name">"Name"</label>
                <input id="new-org-name" data-testid="org-create-name" bind:value=name required/>
                <button type="submit" class="primary" data-testid="org-create">"Create"</button>
            </form>
            {move || outcome.get().map(|outcome| match outcome {
                Ok(name) => view! { <p class="note" data-testid="org-created">"Created "{name}"."</p> }.into_any(),
                Err(e) => view! { <p class="form-error" role="alert">{e}</p> }.into_any(),
            })}
        </section>
    }
}
