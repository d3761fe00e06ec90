//! The demo's own content inside Clerk's UI: entries in `<UserButton>`'s menu and a
//! "Preferences" page in the user profile, all plain Leptos views.

use leptos::prelude::*;
use leptos_clerk::{MenuItem, ProfilePage, use_user};

/// The header menu's extra entries: an action that shows a note on the page, and a link to
/// the account page (through the app's router).
pub fn menu_items(note: RwSignal<Option<&'static str>>) -> Vec<MenuItem> {
    vec![
        MenuItem::action("What's new", move || {
            note.set(Some("New: your own entries in Clerk's menu, written in Leptos."))
        })
        .icon(|| view! { <SparkIcon/> }),
        MenuItem::link("Account page", "/account").icon(|| view! { <PersonIcon/> }),
    ]
}

/// The page added to the user profile, after Clerk's "Account" and "Security".
pub fn preferences_page() -> ProfilePage {
    ProfilePage::new("Preferences", "preferences", || view! { <Preferences/> })
        .icon(|| view! { <SlidersIcon/> })
}

/// What the menu action says, until dismissed.
#[component]
pub fn MenuNote(note: RwSignal<Option<&'static str>>) -> impl IntoView {
    move || {
        note.get().map(|text| {
            view! {
                <p class="card menu-note" role="status" data-testid="menu-note">
                    {text}
                    <button type="button" class="secondary" on:click=move |_| note.set(None)>"Dismiss"</button>
                </p>
            }
        })
    }
}

/// A Leptos page inside Clerk's profile card: it reads the app's context (`use_user()`)
/// and keeps its own state.
#[component]
fn Preferences() -> impl IntoView {
    let user = use_user().user;
    let digest = RwSignal::new(false);
    let name = move || user.get().map(|user| user.display_name()).unwrap_or_default();
    view! {
        <div class="preferences" data-testid="preferences-page">
            <h1 class="preferences__title">"Preferences"</h1>
            <p class="preferences__who">"Settings for "<strong data-testid="preferences-user">{name}</strong>"."</p>
            <label class="preferences__option">
                <input type="checkbox" prop:checked=move || digest.get() on:change=move |_| digest.update(|on| *on = !*on)/>
                " Email me a weekly digest"
            </label>
            <p class="preferences__state" data-testid="preferences-state">
                {move || if digest.get() { "Weekly digest: on" } else { "Weekly digest: off" }}
            </p>
        </div>
    }
}

#[component]
fn SparkIcon() -> impl IntoView {
    view! {
        <svg class="menu-icon" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M8 1.5l1.6 4.1 4.4.4-3.4 2.8 1.1 4.3L8 10.8l-3.7 2.3 1.1-4.3L2 6l4.4-.4z" fill="currentColor"/>
        </svg>
    }
}

#[component]
fn PersonIcon() -> impl IntoView {
    view! {
        <svg class="menu-icon" viewBox="0 0 16 16" aria-hidden="true">
            <circle cx="8" cy="5" r="3" fill="currentColor"/>
            <path d="M2.5 14c.6-3 2.8-4.5 5.5-4.5s4.9 1.5 5.5 4.5z" fill="currentColor"/>
        </svg>
    }
}

#[component]
fn SlidersIcon() -> impl IntoView {
    view! {
        <svg class="menu-icon" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M2 4h8M13 4h1M2 12h2M7 12h7" stroke="currentColor" stroke-width="1.5" fill="none"/>
            <circle cx="11.5" cy="4" r="1.5" fill="currentColor"/>
            <circle cx="5.5" cy="12" r="1.5" fill="currentColor"/>
        </svg>
    }
}
