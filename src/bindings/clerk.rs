//! The `Clerk` instance clerk-js puts on `window`, and its `Session`.
//!
//! Every imported method is `catch`: clerk-js (or whatever else sits on `window.Clerk`) may
//! throw, and a throw must become an `Err`, not a trap. Promise-returning methods hand back
//! a plain `JsValue` that [`settle`] wraps with `Promise.resolve`, so a method that returns
//! something other than a promise cannot break the await either.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::read::JsObject;
use crate::model::{ClerkResources, LoadStatus, RawObject, RawValue};

#[wasm_bindgen]
extern "C" {
    /// A clerk-js `Clerk` instance (`window.Clerk`).
    #[derive(Clone, Debug)]
    pub type Clerk;

    #[wasm_bindgen(method, catch, js_name = load)]
    fn load_js(this: &Clerk, options: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = addListener)]
    fn add_listener_js(this: &Clerk, callback: &Function) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = signOut)]
    fn sign_out_js(this: &Clerk, callback: &JsValue, options: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = setActive)]
    fn set_active_js(this: &Clerk, params: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = redirectToSignIn)]
    fn redirect_to_sign_in_js(this: &Clerk, options: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = redirectToSignUp)]
    fn redirect_to_sign_up_js(this: &Clerk, options: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = redirectToUserProfile)]
    fn redirect_to_user_profile_js(this: &Clerk) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = redirectToAfterSignOut)]
    fn redirect_to_after_sign_out_js(this: &Clerk) -> Result<JsValue, JsValue>;

    /// A clerk-js `Session` resource.
    #[derive(Clone, Debug)]
    pub type Session;

    #[wasm_bindgen(method, catch, js_name = getToken)]
    fn get_token_js(this: &Session, options: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = touch)]
    fn touch_js(this: &Session) -> Result<JsValue, JsValue>;
}

/// Awaits a value that should be a promise; anything else resolves to itself.
pub(crate) async fn settle(value: JsValue) -> Result<JsValue, JsValue> {
    JsFuture::from(Promise::resolve(&value)).await
}

impl Clerk {
    /// `window.Clerk`, read fresh on every call (never cached: another script may replace
    /// it, and tests install fakes). `None` unless it looks like a Clerk instance.
    pub fn from_window() -> Option<Clerk> {
        let window = web_sys::window()?;
        let clerk = Reflect::get(&window, &JsValue::from_str("Clerk")).ok()?;
        let has_load = Reflect::get(&clerk, &JsValue::from_str("load")).is_ok_and(|load| load.is_function());
        has_load.then(|| clerk.unchecked_into())
    }

    /// `window.Clerk` once it has loaded: what every action needs before it calls clerk-js.
    pub fn loaded_from_window() -> Result<Clerk, crate::ClerkError> {
        Self::from_window()
            .filter(Clerk::loaded)
            .ok_or(crate::ClerkError::NotLoaded)
    }

    fn raw(&self) -> Option<JsObject> {
        JsObject::new(self.into())
    }

    /// `clerk.loaded`; false when missing or not a boolean.
    pub fn loaded(&self) -> bool {
        self.raw()
            .is_some_and(|clerk| matches!(clerk.get("loaded"), RawValue::Bool(true)))
    }

    /// `clerk.status` (`loading`, `ready`, `degraded`, `error`; clerk-js 5.62+), if present.
    pub fn status(&self) -> Option<String> {
        self.raw()?.text("status")
    }

    /// What clerk-js' state means for the provider: `Degraded` while Clerk's API is away,
    /// `Ready` once loaded, `None` before that.
    pub fn load_status(&self) -> Option<LoadStatus> {
        if self.status().as_deref() == Some("degraded") {
            Some(LoadStatus::Degraded)
        } else {
            self.loaded().then_some(LoadStatus::Ready)
        }
    }

    /// `await clerk.load(options)`.
    pub async fn load(&self, options: &JsValue) -> Result<(), JsValue> {
        settle(self.load_js(options)?).await.map(drop)
    }

    /// `clerk.addListener(callback)`; returns clerk-js' unsubscribe function.
    pub fn add_listener(&self, callback: &Function) -> Result<Function, JsValue> {
        let unsubscribe = self.add_listener_js(callback)?;
        unsubscribe
            .dyn_into::<Function>()
            .map_err(|_| JsValue::from_str("addListener did not return an unsubscribe function"))
    }

    /// `await clerk.signOut(callback, options)`. A callback stops clerk-js from navigating.
    pub async fn sign_out(&self, callback: &JsValue, options: &JsValue) -> Result<(), JsValue> {
        settle(self.sign_out_js(callback, options)?).await.map(drop)
    }

    /// `await clerk.setActive(params)`: `{session, organization}` with ids.
    pub async fn set_active(&self, params: &JsValue) -> Result<(), JsValue> {
        settle(self.set_active_js(params)?).await.map(drop)
    }

    /// `await clerk.redirectToSignIn(options)`: navigates to the sign-in page.
    pub async fn redirect_to_sign_in(&self, options: &JsValue) -> Result<(), JsValue> {
        settle(self.redirect_to_sign_in_js(options)?).await.map(drop)
    }

    /// `await clerk.redirectToSignUp(options)`: navigates to the sign-up page.
    pub async fn redirect_to_sign_up(&self, options: &JsValue) -> Result<(), JsValue> {
        settle(self.redirect_to_sign_up_js(options)?).await.map(drop)
    }

    /// `await clerk.redirectToUserProfile()`: navigates to the user profile page.
    pub async fn redirect_to_user_profile(&self) -> Result<(), JsValue> {
        settle(self.redirect_to_user_profile_js()?).await.map(drop)
    }

    /// `await clerk.redirectToAfterSignOut()`: navigates to the after-sign-out URL.
    pub async fn redirect_to_after_sign_out(&self) -> Result<(), JsValue> {
        settle(self.redirect_to_after_sign_out_js()?).await.map(drop)
    }

    /// `clerk.version`: the clerk-js release, e.g. `6.40.0`.
    pub fn version(&self) -> Option<String> {
        self.raw()?.text("version")
    }

    /// `clerk.mount<Component>(node, props)`: Clerk's UI renders `component` into `node`.
    /// clerk-js mounts asynchronously (once its UI is ready); a throw here means it refused
    /// outright (for example, no UI was given to `load()`).
    pub fn mount(
        &self,
        component: Prebuilt,
        node: &web_sys::Element,
        props: &JsValue,
    ) -> Result<(), JsValue> {
        self.method(&format!("mount{}", component.name()))?
            .call2(self, node, props)
            .map(drop)
    }

    /// `clerk.unmount<Component>(node)`: removes what [`mount`](Self::mount) rendered.
    pub fn unmount(&self, component: Prebuilt, node: &web_sys::Element) -> Result<(), JsValue> {
        self.method(&format!("unmount{}", component.name()))?
            .call1(self, node)
            .map(drop)
    }

    fn method(&self, name: &str) -> Result<Function, JsValue> {
        Reflect::get(self, &JsValue::from_str(name))?
            .dyn_into::<Function>()
            .map_err(|_| JsValue::from_str(&format!("clerk-js has no {name}()")))
    }

    /// This tab's current `Session`, if it has one.
    pub fn session(&self) -> Option<Session> {
        super::resources::object_at(self, "session").map(JsCast::unchecked_into)
    }

    /// The current resources, read as an emit would deliver them: `{client, session, user}`.
    pub fn resources(&self) -> ClerkResources {
        match self.raw() {
            Some(clerk) => ClerkResources::read(&clerk),
            None => ClerkResources::default(),
        }
    }
}

/// The prebuilt components of Clerk's UI that this crate mounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prebuilt {
    /// `<SignIn>`.
    SignIn,
    /// `<SignUp>`.
    SignUp,
    /// `<UserButton>`.
    UserButton,
    /// `<UserProfile>`.
    UserProfile,
    /// `<OrganizationSwitcher>`.
    OrganizationSwitcher,
}

impl Prebuilt {
    /// The component's name, as in clerk-js' `mount<Name>`.
    pub fn name(self) -> &'static str {
        match self {
            Prebuilt::SignIn => "SignIn",
            Prebuilt::SignUp => "SignUp",
            Prebuilt::UserButton => "UserButton",
            Prebuilt::UserProfile => "UserProfile",
            Prebuilt::OrganizationSwitcher => "OrganizationSwitcher",
        }
    }
}

impl Session {
    /// `await session.touch()`: records activity on the server, which may move `expireAt`.
    /// clerk-js updates this same object (and emits) before the promise resolves.
    pub async fn touch(&self) -> Result<(), JsValue> {
        settle(self.touch_js()?).await.map(drop)
    }

    /// `await session.getToken(options)`: the JWT, or `None` when signed out.
    pub async fn get_token(&self, options: &JsValue) -> Result<Option<String>, JsValue> {
        let token = settle(self.get_token_js(options)?).await?;
        Ok(token.as_string())
    }
}
