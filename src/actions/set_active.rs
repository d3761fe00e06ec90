//! [`SetActive`]: make another signed-in session (or organization) this tab's current one.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

use crate::ClerkError;
use crate::bindings::{Clerk, clerk_error};

/// What [`SetActive::call`] switches to.
///
/// ```
/// use leptos_clerk::SetActiveOptions;
/// let switch = SetActiveOptions::session("sess_2");
/// let with_org = SetActiveOptions::session("sess_2").organization("org_1");
/// # let _ = (switch, with_org);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetActiveOptions {
    session_id: String,
    organization: Option<Option<String>>,
}

impl SetActiveOptions {
    /// Switch to the session with this id (one of the client's signed-in sessions).
    pub fn session(id: impl Into<String>) -> Self {
        Self {
            session_id: id.into(),
            organization: None,
        }
    }

    /// Also make this organization (id or slug) active. Default: keep the session's own.
    pub fn organization(mut self, id_or_slug: impl Into<String>) -> Self {
        self.organization = Some(Some(id_or_slug.into()));
        self
    }

    /// Also switch to the personal account (no organization).
    pub fn personal_account(mut self) -> Self {
        self.organization = Some(None);
        self
    }

    fn to_js(&self) -> JsValue {
        let params = Object::new();
        let _ = Reflect::set(&params, &"session".into(), &JsValue::from_str(&self.session_id));
        if let Some(organization) = &self.organization {
            let value = organization.as_deref().map_or(JsValue::NULL, JsValue::from_str);
            let _ = Reflect::set(&params, &"organization".into(), &value);
        }
        params.into()
    }
}

/// Switches this tab's session through clerk-js' `setActive`. `Copy`.
///
/// On success the provider's signals follow clerk-js' emit; on failure the previous session
/// stays active and the error says why.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{use_session_list, SetActiveOptions};
///
/// #[component]
/// fn SwitchTo(id: String) -> impl IntoView {
///     let set_active = use_session_list().set_active;
///     let switch = move |_| {
///         let id = id.clone();
///         leptos::task::spawn_local(async move {
///             let _ = set_active.call(SetActiveOptions::session(id)).await;
///         })
///     };
///     view! { <button on:click=switch>"Switch"</button> }
/// }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct SetActive {
    _private: (),
}

impl SetActive {
    pub(crate) fn new() -> Self {
        Self { _private: () }
    }

    /// Makes the session in `options` active.
    pub async fn call(&self, options: SetActiveOptions) -> Result<(), ClerkError> {
        let clerk = Clerk::loaded_from_window()?;
        clerk.set_active(&options.to_js()).await.map_err(clerk_error)
    }
}
