//! How one account looks in the switcher: avatar, name and identifier.

use leptos::prelude::*;

use crate::model::{SessionSnapshot, UserSnapshot};
use crate::ui::components::erased;

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
///
/// The label follows `user` in place: a switch rewrites its text instead of rebuilding it,
/// so switching back and forth allocates nothing that outlives the switch.
#[component]
pub fn AccountLabel(#[prop(into)] user: Signal<UserSnapshot>) -> impl IntoView {
    let avatar_url = Memo::new(move |_| user.with(|user| user.avatar_url().map(str::to_owned)));
    let name = Memo::new(move |_| user.with(UserSnapshot::display_name));
    let identifier = Memo::new(move |_| {
        user.with(|user| user.primary_email_address.clone())
            .filter(|email| *email != name.get())
    });
    let has_identifier = Memo::new(move |_| identifier.with(Option::is_some));
    let avatar = erased::dynamic(move || match avatar_url.get() {
        Some(url) => view! { <img class="lc-switcher__avatar" src=url alt="" /> }.into_any(),
        None => view! {
            <span class="lc-switcher__avatar" aria-hidden="true">
                {erased::text(move || user.with(UserSnapshot::initials))}
            </span>
        }
        .into_any(),
    });
    view! {
        {avatar}
        <span class="lc-switcher__label">
            <span class="lc-switcher__name">{erased::text(move || name.get())}</span>
            {erased::shown_when(move || has_identifier.get(), move || view! {
                <span class="lc-switcher__identifier">{erased::text(move || identifier.get().unwrap_or_default())}</span>
            }.into_any())}
        </span>
    }
}
