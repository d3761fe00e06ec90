//! Server rendering: every public component and hook renders natively under Leptos' `ssr`
//! feature, as a cargo-leptos server renders it, without touching JS (which panics outside
//! a browser) and without panicking. The browser-only work (loading clerk-js, the refresh
//! timer, the panic hook, listeners, Clerk's UI) starts after hydration, in effects, which
//! Leptos never runs on the server.

use leptos::prelude::*;
use leptos_clerk::*;
// Ours, not Leptos' own `<Show>`.
use leptos_clerk::Show;

const KEY: &str = "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ";

/// Renders `app` to HTML inside a fresh owner, as a server renders one request.
fn render(app: impl FnOnce() -> AnyView) -> String {
    let owner = Owner::new();
    owner.with(|| app().to_html())
}

/// A provider with a same-origin proxy (the option that makes the browser read the page's
/// origin) and the refresh timer on, as most apps configure it.
fn options() -> ClerkOptions {
    ClerkOptions::new(KEY).proxy_url("/__clerk")
}

#[test]
fn the_provider_renders_its_children_and_starts_nothing() {
    let html =
        render(|| view! { <ClerkProvider options=options()><p>"inside"</p></ClerkProvider> }.into_any());
    assert!(html.contains("<p>inside</p>"), "{html}");
}

#[test]
fn provide_clerk_outside_a_component_renders() {
    let html = render(|| {
        let clerk = provide_clerk(options());
        let status = clerk.status();
        view! { <p>{move || format!("{:?}", status.get())}</p> }.into_any()
    });
    assert!(html.contains("Loading"), "{html}");
}

#[test]
fn every_hook_reads_as_loading_on_the_server() {
    #[component]
    fn Hooks() -> impl IntoView {
        let auth = use_auth();
        let session = use_session();
        let user = use_user();
        let list = use_session_list();
        let clerk = use_clerk();
        let _ = use_sign_in();
        let _ = use_sign_up();
        let organization = use_organization();
        let organizations = use_organization_list();
        let claims = use_session_claims();
        let refresh = use_session_refresh();
        let facts = move || {
            format!(
                "auth:{} session:{} user:{} list:{} status:{:?} org:{} orgs:{} claims:{} refresh:{:?}",
                auth.is_loaded.get(),
                session.is_loaded.get(),
                user.is_loaded.get(),
                list.is_loaded.get(),
                clerk.status().get(),
                organization.is_loaded.get(),
                organizations.is_loaded.get(),
                claims.get().is_some(),
                refresh.status.get(),
            )
        };
        view! { <p>{facts}</p> }
    }
    let html = render(|| view! { <ClerkProvider options=options()><Hooks/></ClerkProvider> }.into_any());
    assert!(
        html.contains(
            "auth:false session:false user:false list:false status:Loading org:false orgs:false claims:false"
        ),
        "{html}"
    );
}

#[test]
fn every_component_renders_on_the_server() {
    let html = render(|| {
        view! {
            <ClerkProvider options=options()>
                <ClerkLoading><p>"loading"</p></ClerkLoading>
                <ClerkLoaded><p>"loaded"</p></ClerkLoaded>
                <ClerkDegraded><p>"degraded"</p></ClerkDegraded>
                <ClerkFailed let:error><p>"failed: " {error.to_string()}</p></ClerkFailed>
                <SignedIn><p>"signed in"</p></SignedIn>
                <SignedOut><p>"signed out"</p></SignedOut>
                <Show when=ShowWhen::SignedIn fallback=|| view! { <p>"fallback"</p> }><p>"shown"</p></Show>
                <Show when=ShowWhen::permission("org:billing:manage")><p>"billing"</p></Show>
                <SessionSwitcher/>
                <SessionDiagnostics/>
                <SessionExpiryWarning/>
                <SessionTimeline/>
                <SignIn/>
                <SignUp/>
                <UserButton/>
                <UserButton
                    menu_items=vec![MenuItem::action("Help", || {}).icon(|| view! { <i>"?"</i> })]
                    user_profile_pages=vec![ProfilePage::new("Terms", "terms", || view! { <p>"terms"</p> })]
                />
                <UserAvatar/>
                <UserProfile/>
                <UserProfile pages=vec![ProfilePage::link("Home", "/"), ProfilePage::account()]/>
                <OrganizationSwitcher/>
                <OrganizationProfile/>
                <OrganizationList/>
                <CreateOrganization/>
                <SignInButton/>
                <SignUpButton mode=ButtonMode::Modal/>
                <SignOutButton><a href="/bye">"leave"</a></SignOutButton>
                <RedirectToSignIn/>
                <RedirectToSignUp/>
            </ClerkProvider>
        }
        .into_any()
    });
    // What a visitor sees before clerk-js: the loading state, and the switcher's shell.
    assert!(html.contains("<p>loading</p>"), "{html}");
    assert!(
        !html.contains("<p>loaded</p>") && !html.contains("signed in"),
        "{html}"
    );
    assert!(html.contains("Loading accounts…"), "{html}");
    assert!(
        html.contains(">Sign in</button>") && html.contains(">leave</a>"),
        "{html}"
    );
}
