//! `use_user_metadata`: the user's public and unsafe metadata, as JSON signals.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use serde_json::{Map, Value};

use crate::js::Clerk;
use crate::model::{ConvertProblem, UserMetadata};
use crate::runtime::context::context;
use crate::runtime::reactive::set_if_changed;
use crate::ui::actions::ReloadUser;

/// What [`use_user_metadata`] returns.
#[derive(Clone, Copy, Debug)]
pub struct UseUserMetadataReturn {
    /// The whole copy, `None` while loading or signed out.
    pub metadata: Signal<Option<UserMetadata>>,
    /// `user.publicMetadata` (set by your backend); empty while loading or signed out.
    pub public_metadata: Signal<Map<String, Value>>,
    /// `user.unsafeMetadata` (set by the browser; never trust it for authorization);
    /// empty while loading or signed out.
    pub unsafe_metadata: Signal<Map<String, Value>>,
    /// What in the metadata could not be copied as JSON (a function, a cycle), with paths.
    pub problems: Signal<Vec<ConvertProblem>>,
    /// Fetches the user again; the signals above follow.
    pub reload: ReloadUser,
}

/// The signed-in user's metadata, kept current: Clerk's `user.publicMetadata` and
/// `user.unsafeMetadata` as JSON objects.
///
/// Pay for what you use: the provider's snapshots leave metadata out, so apps that never
/// call this hook copy no JSON. This hook adds one clerk-js listener of its own (removed
/// when its owner is cleaned up) that copies the metadata on every emit. Call it once
/// per page section, not per row of a list. Also reachable as
/// [`UseUserReturn::metadata`](crate::UseUserReturn::metadata).
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::use_user_metadata;
///
/// #[component]
/// fn Plan() -> impl IntoView {
///     let metadata = use_user_metadata();
///     let reload = metadata.reload;
///     let plan = move || {
///         metadata.public_metadata.with(|m| m.get("plan").and_then(|p| p.as_str()).unwrap_or("free").to_owned())
///     };
///     view! {
///         <p>"Plan: " {plan}</p>
///         // After your backend upgraded the plan:
///         <button on:click=move |_| leptos::task::spawn_local(async move { let _ = reload.call().await; })>
///             "Refresh"
///         </button>
///     }
/// }
/// ```
#[track_caller]
pub fn use_user_metadata() -> UseUserMetadataReturn {
    let status = context("use_user_metadata").status();
    let metadata = RwSignal::new(None::<UserMetadata>);
    // The listener starts once clerk-js has loaded (an effect, so never on a server), and
    // the effect's cleanup drops it: on unmount, and before a re-subscribe.
    Effect::new(move |_| {
        if !status.with(|s| s.is_loaded()) {
            return;
        }
        let Ok(clerk) = Clerk::loaded_from_window() else {
            return;
        };
        let listening = clerk.listen_user_metadata(move |next| set_if_changed(metadata, next));
        if let Ok(subscription) = listening {
            let subscription = SendWrapper::new(subscription);
            on_cleanup(move || drop(subscription));
        }
    });
    let part = move |pick: fn(&UserMetadata) -> &Map<String, Value>| {
        Signal::from(Memo::new(move |_| {
            metadata.with(|m| m.as_ref().map(pick).cloned().unwrap_or_default())
        }))
    };
    UseUserMetadataReturn {
        metadata: metadata.into(),
        public_metadata: part(|m| &m.public_metadata),
        unsafe_metadata: part(|m| &m.unsafe_metadata),
        problems: Memo::new(move |_| {
            metadata.with(|m| m.as_ref().map(|m| m.problems.clone()).unwrap_or_default())
        })
        .into(),
        reload: ReloadUser::new(),
    }
}
