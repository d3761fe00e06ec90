//! The actions `use_auth` hands out: sign out and get a token.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::Closure;

use crate::ClerkError;
use crate::bindings::{Clerk, clerk_error};

/// Options for [`SignOut::call`].
///
/// ```
/// use leptos_clerk::SignOutOptions;
/// let one = SignOutOptions::default().session_id("sess_2");
/// let away = SignOutOptions::default().redirect_url("/goodbye");
/// # let _ = (one, away);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignOutOptions {
    session_id: Option<String>,
    redirect_url: Option<String>,
}

impl SignOutOptions {
    /// Sign out of this session only (multi-session apps). Default: all sessions.
    pub fn session_id(mut self, id: impl Into<String>) -> Self {
        self.session_id = Some(id.into());
        self
    }

    /// Navigate here afterwards. Default: stay on the page (the state updates in place).
    pub fn redirect_url(mut self, url: impl Into<String>) -> Self {
        self.redirect_url = Some(url.into());
        self
    }
}

/// Signs out through clerk-js. `Copy`, so it can go into any event handler.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{use_auth, SignOutOptions};
///
/// #[component]
/// fn SignOutButton() -> impl IntoView {
///     let sign_out = use_auth().sign_out;
///     let on_click = move |_| leptos::task::spawn_local(async move {
///         if let Err(error) = sign_out.call(SignOutOptions::default()).await {
///             leptos::logging::warn!("sign-out failed: {error}");
///         }
///     });
///     view! { <button on:click=on_click>"Sign out"</button> }
/// }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct SignOut {
    _private: (),
}

impl SignOut {
    pub(crate) fn new() -> Self {
        Self { _private: () }
    }

    /// Signs out (all sessions, or the one in `options`). The provider's signals follow
    /// through clerk-js' emit.
    pub async fn call(&self, options: SignOutOptions) -> Result<(), ClerkError> {
        let clerk = Clerk::from_window()
            .filter(Clerk::loaded)
            .ok_or(ClerkError::NotLoaded)?;
        let js_options = Object::new();
        let set = |key: &str, value: &Option<String>| {
            if let Some(value) = value {
                let _ = Reflect::set(&js_options, &key.into(), &JsValue::from_str(value));
            }
        };
        set("sessionId", &options.session_id);
        set("redirectUrl", &options.redirect_url);
        // Without a redirect, hand clerk-js a callback: that is how it is told not to
        // navigate. The closure lives until signOut settles, then is freed.
        let stay = options
            .redirect_url
            .is_none()
            .then(|| Closure::<dyn FnMut()>::new(|| {}));
        let callback = stay
            .as_ref()
            .map_or(JsValue::UNDEFINED, |stay| stay.as_ref().clone());
        let result = clerk.sign_out(&callback, &js_options).await;
        drop(stay);
        result.map_err(clerk_error)
    }
}

/// Options for [`GetToken::call`].
///
/// ```
/// use leptos_clerk::GetTokenOptions;
/// let hasura = GetTokenOptions::default().template("hasura");
/// # let _ = hasura;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GetTokenOptions {
    template: Option<String>,
    organization_id: Option<String>,
    skip_cache: bool,
}

impl GetTokenOptions {
    /// A JWT template's name; sent to clerk-js unchanged. Default: the session token.
    pub fn template(mut self, name: impl Into<String>) -> Self {
        self.template = Some(name.into());
        self
    }

    /// Mint the token for this organization. Default: the session's active organization.
    pub fn organization_id(mut self, id: impl Into<String>) -> Self {
        self.organization_id = Some(id.into());
        self
    }

    /// Bypass clerk-js' token cache. Default: false.
    pub fn skip_cache(mut self, skip: bool) -> Self {
        self.skip_cache = skip;
        self
    }

    fn to_js(&self) -> JsValue {
        let object = Object::new();
        if let Some(template) = &self.template {
            let _ = Reflect::set(&object, &"template".into(), &JsValue::from_str(template));
        }
        if let Some(organization) = &self.organization_id {
            let _ = Reflect::set(
                &object,
                &"organizationId".into(),
                &JsValue::from_str(organization),
            );
        }
        if self.skip_cache {
            let _ = Reflect::set(&object, &"skipCache".into(), &JsValue::TRUE);
        }
        object.into()
    }
}

/// Gets a token for the current session from clerk-js (cached by clerk-js, refreshed
/// before it expires). `Copy`, so it can go into any async block.
///
/// ```no_run
/// use leptos_clerk::{use_auth, GetTokenOptions};
///
/// # async fn call_api() -> Result<(), leptos_clerk::ClerkError> {
/// let get_token = use_auth().get_token;
/// let jwt: String = get_token.call(GetTokenOptions::default()).await?;
/// // send it as `Authorization: Bearer {jwt}`
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct GetToken {
    _private: (),
}

impl GetToken {
    pub(crate) fn new() -> Self {
        Self { _private: () }
    }

    /// The JWT, or [`ClerkError::SignedOut`] when this tab has no session.
    pub async fn call(&self, options: GetTokenOptions) -> Result<String, ClerkError> {
        let clerk = Clerk::from_window()
            .filter(Clerk::loaded)
            .ok_or(ClerkError::NotLoaded)?;
        let session = clerk.session().ok_or(ClerkError::SignedOut)?;
        session
            .get_token(&options.to_js())
            .await
            .map_err(clerk_error)?
            .ok_or(ClerkError::SignedOut)
    }
}
