//! The provider: loads clerk-js, listens to it once, and shares the state as signals.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Function;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::Closure;

use crate::bindings::{Clerk, JsObject};
use crate::loader::{ClerkOptions, ensure_loaded};
use crate::model::{ClerkResources, LoadStatus};

/// The Clerk state of one provider: a `Copy` handle to its signals.
///
/// Get it with [`use_clerk`](crate::use_clerk) anywhere below a [`ClerkProvider`].
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::use_clerk;
///
/// #[component]
/// fn LoadState() -> impl IntoView {
///     let clerk = use_clerk();
///     move || format!("{:?}", clerk.status().get())
/// }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ClerkContext {
    status: RwSignal<LoadStatus>,
    resources: RwSignal<ClerkResources>,
    session_token: RwSignal<Option<String>>,
    instance: StoredValue<Instance>,
}

/// Where the instance's Frontend API is, as far as the options tell.
#[derive(Clone, Debug, Default)]
struct Instance {
    /// `https://<frontend api>`: the `iss` of the instance's tokens.
    issuer: Option<String>,
    /// The JWKS URL, through the proxy when there is one.
    jwks_url: Option<String>,
    /// Where prebuilt components load Clerk's UI from, when the key allows one.
    ui_script_url: Option<String>,
    /// How long a script may take to load.
    timeout_ms: u32,
}

impl Instance {
    fn from_options(options: &ClerkOptions) -> Self {
        let issuer = options.frontend_api().map(|host| format!("https://{host}"));
        let base = match options.proxy() {
            Some(proxy) if proxy.starts_with('/') => web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .map(|origin| format!("{origin}{proxy}")),
            Some(proxy) => Some(proxy.to_owned()),
            None => issuer.clone(),
        };
        Self {
            issuer,
            jwks_url: base.map(|base| format!("{}/.well-known/jwks.json", base.trim_end_matches('/'))),
            ui_script_url: options.resolved_ui_script_url().ok(),
            timeout_ms: options.timeout_ms(),
        }
    }
}

impl ClerkContext {
    /// How far loading clerk-js got.
    pub fn status(&self) -> Signal<LoadStatus> {
        self.status.into()
    }

    /// The latest emit from clerk-js, as plain data.
    pub fn resources(&self) -> Signal<ClerkResources> {
        self.resources.into()
    }

    /// The current session's last token, as clerk-js holds it. Never render it.
    pub(crate) fn session_token(&self) -> Signal<Option<String>> {
        self.session_token.into()
    }

    /// `https://<frontend api>`: what the instance's tokens carry as `iss`.
    pub fn issuer(&self) -> Option<String> {
        self.instance.with_value(|i| i.issuer.clone())
    }

    /// The instance's JWKS URL (through the proxy, when the options set one).
    pub fn jwks_url(&self) -> Option<String> {
        self.instance.with_value(|i| i.jwks_url.clone())
    }

    /// Where prebuilt components load Clerk's UI from, and how long they may wait for it.
    pub(crate) fn ui_script(&self) -> (Option<String>, u32) {
        self.instance
            .with_value(|i| (i.ui_script_url.clone(), i.timeout_ms))
    }

    /// The live clerk-js instance, read fresh from `window.Clerk`; `None` until it loaded.
    /// For calls this crate does not wrap yet. Do not keep it across an `.await`.
    pub fn instance(&self) -> Option<Clerk> {
        Clerk::loaded_from_window().ok()
    }

    /// Publishes a clerk-js state: an emit's payload, or the instance itself, which carries
    /// the same `client`, `session` and `user`. Only what changed is set, so identical emits
    /// (clerk-js re-emits on every token refresh) wake nothing.
    fn publish(&self, state: &JsValue) {
        let resources = JsObject::new(state.clone())
            .map(|state| ClerkResources::read(&state))
            .unwrap_or_default();
        set_if_changed(self.resources, resources);
        set_if_changed(self.session_token, session_token_of(state));
    }

    fn set_status(&self, next: LoadStatus) {
        set_if_changed(self.status, next);
    }
}

/// Loads clerk-js with `options`, provides a [`ClerkContext`] to everything below the
/// current owner, and returns it. [`ClerkProvider`] is the component form.
///
/// There is one `addListener` subscription per provider; it is removed when the owner is
/// cleaned up (the component unmounts), and so is everything else this function started.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{provide_clerk, ClerkOptions};
///
/// #[component]
/// fn App() -> impl IntoView {
///     provide_clerk(ClerkOptions::new("pk_test_…"));
///     view! { <p>"Everything here can call use_session()."</p> }
/// }
/// ```
pub fn provide_clerk(options: ClerkOptions) -> ClerkContext {
    let context = ClerkContext {
        status: RwSignal::new(LoadStatus::Loading),
        resources: RwSignal::new(ClerkResources::default()),
        session_token: RwSignal::new(None),
        instance: StoredValue::new(Instance::from_options(&options)),
    };
    provide_context(context);
    on_cleanup(crate::panic_hook::watch(context.status));
    if let Some(refresh) = options.refresh_options() {
        let running = crate::hooks::use_session_refresh::start(context, refresh);
        provide_context(crate::hooks::use_session_refresh::SessionRefreshContext(running));
    }

    let subscription = Rc::new(RefCell::new(Subscription::Pending));
    let owned = SendWrapper::new(Rc::clone(&subscription));
    // Dropping the open subscription, if any, unsubscribes it.
    on_cleanup(move || drop(owned.replace(Subscription::Closed)));

    leptos::task::spawn_local(async move {
        let closed = || matches!(*subscription.borrow(), Subscription::Closed);
        // A failure that may pass (offline, Clerk unreachable) is retried with backoff, and
        // at once when the browser comes back online; the status says `Failed` meanwhile.
        for attempt in 0.. {
            let status = ensure_loaded(&options).await;
            if closed() {
                return; // unmounted while loading
            }
            match status.and_then(|status| listen(context).map(|listener| (status, listener))) {
                Ok((status, listener)) => {
                    *subscription.borrow_mut() = Subscription::Open { _listener: listener };
                    context.set_status(status);
                    return;
                }
                Err(error) => {
                    let retry = error.is_retryable();
                    context.set_status(LoadStatus::Failed(error));
                    if !retry {
                        return;
                    }
                }
            }
            wait_before_retry(attempt).await;
            if closed() {
                return;
            }
        }
    });
    context
}

/// Sleeps [`load_retry_delay`](crate::model::load_retry_delay), or until the browser
/// reports it is back online, whichever comes first.
async fn wait_before_retry(attempt: u32) {
    let delay = crate::model::load_retry_delay(attempt, js_sys::Math::random());
    let (online_tx, online_rx) = futures::channel::oneshot::channel::<()>();
    let mut online_tx = Some(online_tx);
    let _online = web_sys::window().and_then(|window| {
        crate::bindings::EventListener::new(&window, "online", move |_| {
            if let Some(tx) = online_tx.take() {
                let _ = tx.send(());
            }
        })
    });
    let millis = u32::try_from(delay.as_millis()).unwrap_or(30_000);
    let timer = gloo_timers::future::TimeoutFuture::new(millis);
    futures::future::select(timer, online_rx).await;
}

/// Subscribes to clerk-js; every emit is copied into a snapshot and published.
fn listen(context: ClerkContext) -> Result<Listener, crate::model::LoadError> {
    let clerk = Clerk::from_window().ok_or(crate::model::LoadError::NoClerkGlobal)?;
    // clerk-js calls addListener's callback at once with the current state; reading it here
    // too covers clerk-js versions and fakes that do not.
    context.publish(clerk.as_ref());
    let callback = Closure::<dyn FnMut(JsValue)>::new(move |payload: JsValue| {
        context.publish(&payload);
        // `degraded` can start or end at any emit (Clerk's API went away or came back).
        if let Some(status) = Clerk::from_window().and_then(|clerk| clerk.load_status()) {
            context.set_status(status);
        }
    });
    let unsubscribe = clerk
        .add_listener(callback.as_ref().unchecked_ref())
        .map_err(|error| {
            crate::model::LoadError::LoadRejected(crate::bindings::clerk_error(error).to_string())
        })?;
    Ok(Listener {
        unsubscribe,
        _callback: callback,
    })
}

/// The raw JWT of the state's session's `lastActiveToken`, if any.
fn session_token_of(state: &JsValue) -> Option<String> {
    state
        .unchecked_ref::<Clerk>()
        .session()?
        .last_active_token()?
        .raw()
}

/// Sets `signal` to `next` unless it already holds an equal value, so that subscribers
/// wake only for real changes; nothing once the signal is disposed.
pub(crate) fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, next: T) {
    if signal.try_with_untracked(|current| *current != next) == Some(true) {
        signal.try_set(next);
    }
}

/// The provider's subscription through its life: before load, listening, after cleanup.
enum Subscription {
    Pending,
    /// Listening; the listener is held for its `Drop`, which unsubscribes.
    Open {
        _listener: Listener,
    },
    Closed,
}

/// One `addListener` subscription. Dropping it unsubscribes first, then frees the callback,
/// so clerk-js never holds a dangling function.
struct Listener {
    unsubscribe: Function,
    _callback: Closure<dyn FnMut(JsValue)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        // A throwing unsubscribe leaves nothing for us to do but free the callback.
        let _ = self.unsubscribe.call0(&JsValue::UNDEFINED);
    }
}

/// Loads clerk-js and makes the Clerk hooks work for its children.
///
/// Pass either complete [`ClerkOptions`] or just a publishable key.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{ClerkProvider, ClerkOptions, use_session};
///
/// #[component]
/// fn App() -> impl IntoView {
///     let options = ClerkOptions::new("pk_test_…").proxy_url("/__clerk");
///     view! { <ClerkProvider options=options><Profile/></ClerkProvider> }
/// }
///
/// #[component]
/// fn Profile() -> impl IntoView {
///     let session = use_session();
///     move || session.session.get().map(|s| s.id)
/// }
/// ```
#[component]
pub fn ClerkProvider(
    /// How to load clerk-js.
    options: ClerkOptions,
    /// The app.
    children: Children,
) -> impl IntoView {
    provide_clerk(options);
    children()
}

/// The provider above the caller, if any.
pub(crate) fn try_context() -> Option<ClerkContext> {
    use_context::<ClerkContext>()
}

/// The provider above the caller; panics with a clear message when there is none (a
/// mistake in the app's code, not a runtime condition).
pub(crate) fn context(hook: &str) -> ClerkContext {
    try_context().unwrap_or_else(|| {
        panic!("{hook}() must be called inside <ClerkProvider> (or after provide_clerk())")
    })
}
