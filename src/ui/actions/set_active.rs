//! [`SetActive`]: make another signed-in session (or organization) this tab's current one.

use crate::ClerkError;
use crate::js::{Clerk, JsOptions};

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
    session_id: Option<String>,
    organization: Option<Option<String>>,
}

impl SetActiveOptions {
    /// Switch to the session with this id (one of the client's signed-in sessions).
    pub fn session(id: impl Into<String>) -> Self {
        Self {
            session_id: Some(id.into()),
            organization: None,
        }
    }

    /// Keep this tab's session; add [`organization`](Self::organization) or
    /// [`personal_account`](Self::personal_account) to switch what it acts for.
    ///
    /// ```
    /// use leptos_clerk::SetActiveOptions;
    /// let to_acme = SetActiveOptions::current_session().organization("org_acme");
    /// let to_me = SetActiveOptions::current_session().personal_account();
    /// # let _ = (to_acme, to_me);
    /// ```
    pub fn current_session() -> Self {
        Self {
            session_id: None,
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

    /// clerk-js' `setActive` params: `organization: null` means the personal account, a
    /// missing one keeps the session's own.
    fn to_js(&self) -> JsOptions {
        let params = JsOptions::new().text_if("session", self.session_id.as_deref());
        match &self.organization {
            Some(organization) => params.text_or_null("organization", organization.as_deref()),
            None => params,
        }
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

    /// Makes the session (and organization) in `options` active.
    pub async fn call(&self, options: SetActiveOptions) -> Result<(), ClerkError> {
        let clerk = Clerk::loaded_from_window()?;
        clerk.set_active(options.to_js()).await
    }
}
