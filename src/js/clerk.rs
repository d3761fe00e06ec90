//! The `Clerk` instance clerk-js puts on `window`, and its `Session`.
//!
//! Every imported method is `catch`: clerk-js (or whatever else sits on `window.Clerk`) may
//! throw, and a throw must become an `Err`, not a trap. Promise-returning methods hand back
//! a plain `JsValue` that [`settle`] wraps with `Promise.resolve`, so a method that returns
//! something other than a promise cannot break the await either.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::options::JsOptions;
use super::read::{JsObject, clerk_error, object_at};
use crate::ClerkError;
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

/// Awaits what a `catch` import returned, turning a throw or a rejection into a
/// [`ClerkError`].
pub(super) async fn settled(called: Result<JsValue, JsValue>) -> Result<JsValue, ClerkError> {
    settle(called.map_err(clerk_error)?).await.map_err(clerk_error)
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
    pub fn loaded_from_window() -> Result<Clerk, ClerkError> {
        Self::from_window()
            .filter(Clerk::loaded)
            .ok_or(ClerkError::NotLoaded)
    }

    /// Whether `a` and `b` are the same JS object (a replaced `window.Clerk` is not), or
    /// both missing.
    pub(crate) fn same(a: Option<&Clerk>, b: Option<&Clerk>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => Object::is(a, b),
            (None, None) => true,
            _ => false,
        }
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
    pub async fn load(&self, options: JsOptions) -> Result<(), ClerkError> {
        settled(self.load_js(&options.into_js())).await.map(drop)
    }

    /// `clerk.addListener(callback)`, owned: every emit (and the current state, at once) is
    /// copied into an [`Emit`] for `on_emit`; dropping the returned [`Subscription`]
    /// unsubscribes.
    pub fn listen(&self, mut on_emit: impl FnMut(Emit) + 'static) -> Result<Subscription, ClerkError> {
        // clerk-js calls addListener's callback at once with the current state; reading it
        // here too covers clerk-js versions and fakes that do not.
        on_emit(Emit::read(self.as_ref()));
        self.subscribe(move |payload| on_emit(Emit::read(&payload)))
    }

    /// `clerk.addListener(callback)` with the raw payload, owned by the returned
    /// [`Subscription`]. For readers of the payload other than [`Emit`] (a user's metadata).
    pub(super) fn subscribe(
        &self,
        on_payload: impl FnMut(JsValue) + 'static,
    ) -> Result<Subscription, ClerkError> {
        let callback = Closure::<dyn FnMut(JsValue)>::new(on_payload);
        let unsubscribe = self
            .add_listener_js(callback.as_ref().unchecked_ref())
            .map_err(clerk_error)?
            .dyn_into::<Function>()
            .map_err(|_| ClerkError::Clerk {
                code: None,
                message: "addListener did not return an unsubscribe function".into(),
            })?;
        Ok(Subscription {
            unsubscribe,
            _callback: callback,
        })
    }

    /// `await clerk.signOut(callback, options)`. Without `navigate`, clerk-js gets a
    /// callback, which is how it is told to stay on the page.
    pub async fn sign_out(&self, options: JsOptions, navigate: bool) -> Result<(), ClerkError> {
        // The closure lives until signOut settles, then is freed.
        let stay = (!navigate).then(|| Closure::<dyn FnMut()>::new(|| {}));
        let callback = stay
            .as_ref()
            .map_or(JsValue::UNDEFINED, |stay| stay.as_ref().clone());
        let result = settled(self.sign_out_js(&callback, &options.into_js())).await;
        drop(stay);
        result.map(drop)
    }

    /// `await clerk.setActive(params)`: `{session, organization}` with ids.
    pub async fn set_active(&self, params: JsOptions) -> Result<(), ClerkError> {
        settled(self.set_active_js(&params.into_js())).await.map(drop)
    }

    /// `clerk.version`: the clerk-js release, e.g. `6.40.0`.
    pub fn version(&self) -> Option<String> {
        self.raw()?.text("version")
    }

    /// `clerk.mount<Component>(node, props)`: Clerk's UI renders `component` into `node`.
    /// `props` is plain data; `functions` (callbacks, which JSON cannot carry) are copied
    /// over it.
    /// clerk-js mounts asynchronously (once its UI is ready); an error here means it
    /// refused outright (for example, no UI was given to `load()`).
    pub fn mount(
        &self,
        component: Prebuilt,
        node: &web_sys::Element,
        props: &serde_json::Value,
        functions: Option<&JsOptions>,
    ) -> Result<Mounted, ClerkError> {
        let props = JsOptions::from_json(props);
        if let (Some(functions), Some(object)) = (functions, props.dyn_ref::<Object>()) {
            Object::assign(object, functions.as_object());
        }
        self.method(&format!("mount{}", component.name()))?
            .call2(self, node, &props)
            .map_err(clerk_error)?;
        Ok(Mounted {
            clerk: self.clone(),
            component,
            node: node.clone(),
        })
    }

    pub(super) fn method(&self, name: &str) -> Result<Function, ClerkError> {
        Reflect::get(self, &JsValue::from_str(name))
            .map_err(clerk_error)?
            .dyn_into::<Function>()
            .map_err(|_| ClerkError::Clerk {
                code: None,
                message: format!("clerk-js has no {name}()"),
            })
    }

    /// This tab's current `Session`, if it has one.
    pub fn session(&self) -> Option<Session> {
        object_at(self, "session").map(JsCast::unchecked_into)
    }
}

/// What one clerk-js emit (or the instance itself, which carries the same fields) says, as
/// plain data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Emit {
    /// `client`, `session`, `user` and `organization`, converted.
    pub resources: ClerkResources,
    /// The raw JWT of the session's `lastActiveToken`, if any. Never render it.
    pub session_token: Option<String>,
}

impl Emit {
    fn read(state: &JsValue) -> Self {
        let resources = JsObject::new(state.clone())
            .map(|state| ClerkResources::read(&state))
            .unwrap_or_default();
        let session_token = object_at(state, "session")
            .map(JsCast::unchecked_into::<Session>)
            .and_then(|session| session.last_active_token())
            .and_then(|token| token.raw());
        Self {
            resources,
            session_token,
        }
    }
}

/// One `addListener` subscription. Dropping it unsubscribes first, then frees the callback,
/// so clerk-js never holds a dangling function.
pub struct Subscription {
    unsubscribe: Function,
    _callback: Closure<dyn FnMut(JsValue)>,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        // A throwing unsubscribe leaves nothing for us to do but free the callback.
        let _ = self.unsubscribe.call0(&JsValue::UNDEFINED);
    }
}

/// A prebuilt component clerk-js mounted; [`unmount`](Self::unmount) removes it from
/// exactly the node it went into.
#[derive(Clone, Debug)]
pub struct Mounted {
    clerk: Clerk,
    component: Prebuilt,
    node: web_sys::Element,
}

impl Mounted {
    /// `clerk.unmount<Component>(node)`. A refusal leaves nothing for us to undo.
    pub fn unmount(self) {
        if let Ok(unmount) = self.clerk.method(&format!("unmount{}", self.component.name())) {
            let _ = unmount.call1(&self.clerk, &self.node);
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
    /// `<UserAvatar>`: the user's avatar alone (clerk-js 5 and 6).
    UserAvatar,
    /// `<UserProfile>`.
    UserProfile,
    /// `<OrganizationSwitcher>`.
    OrganizationSwitcher,
    /// `<OrganizationProfile>`.
    OrganizationProfile,
    /// `<OrganizationList>`.
    OrganizationList,
    /// `<CreateOrganization>`.
    CreateOrganization,
}

impl Prebuilt {
    /// The component's name, as in clerk-js' `mount<Name>`.
    pub fn name(self) -> &'static str {
        match self {
            Prebuilt::SignIn => "SignIn",
            Prebuilt::SignUp => "SignUp",
            Prebuilt::UserButton => "UserButton",
            Prebuilt::UserAvatar => "UserAvatar",
            Prebuilt::UserProfile => "UserProfile",
            Prebuilt::OrganizationSwitcher => "OrganizationSwitcher",
            Prebuilt::OrganizationProfile => "OrganizationProfile",
            Prebuilt::OrganizationList => "OrganizationList",
            Prebuilt::CreateOrganization => "CreateOrganization",
        }
    }
}

impl Session {
    /// `await session.touch()`: records activity on the server, which may move `expireAt`.
    /// clerk-js updates this same object (and emits) before the promise resolves.
    pub async fn touch(&self) -> Result<(), ClerkError> {
        settled(self.touch_js()).await.map(drop)
    }

    /// `await session.getToken(options)`: the JWT, or `None` when signed out.
    pub async fn get_token(&self, options: JsOptions) -> Result<Option<String>, ClerkError> {
        let token = settled(self.get_token_js(&options.into_js())).await?;
        Ok(token.as_string())
    }
}
