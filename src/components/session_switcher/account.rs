//! How one account looks in the switcher: avatar, name and identifier.

use leptos::prelude::*;

use crate::model::{SessionSnapshot, UserSnapshot};

/// The user a session belongs to, or a stand-in naming the session when clerk-js gave
/// no user (the row must still be usable).
pub fn user_of(session: &SessionSnapshot) -> UserSnapshot {
    session.user.clone().unwrap_or_else(|| UserSnapshot {
        id: session.id.clone(),
        ..UserSnapshot::default()
    })
}

/// Avatar (image, else initials), name and email. Every string is rendered as text and the
/// image URL only as an `src`, so hostile names stay inert.
#[component]
pub fn AccountLabel(user: UserSnapshot) -> impl IntoView {
    let avatar = match user.avatar_url() {
        Some(url) => view! { <img class="lc-switcher__avatar" src=url.to_owned() alt="" /> }.into_any(),
        None => {
            view! { <span class="lc-switcher__avatar" aria-hidden="true">{user.initials()}</span> }.into_any()
        }
    };
    let name = user.display_name();
    let identifier = user.primary_email_address.clone().filter(|email| *email != name);
    view! {
        {avatar}
        <span class="lc-switcher__label">
            <span class="lc-switcher__name">{name}</span>
            {identifier.map(|email| view! { <span class="lc-switcher__identifier">{email}</span> })}
        </span>
    }
}
