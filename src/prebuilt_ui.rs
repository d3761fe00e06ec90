//! Clerk's prebuilt UI (`@clerk/ui`, which clerk-js 6 ships without), fetched the first time
//! a prebuilt component mounts.
//!
//! clerk-js 6 takes the UI as `load({ui: {ClerkUI}})`, where `ClerkUI` may be a promise, and
//! only its `mount*` and `open*` calls wait on that promise. So the provider always hands
//! `load()` a promise that stays pending, and this module resolves it the first time a
//! prebuilt component asks: a page that mounts none never downloads a byte of `@clerk/ui`.
//! clerk-js 5 has its UI built in, so there is nothing to fetch.

use std::cell::RefCell;
use std::fmt;

use futures::FutureExt;
use futures::future::{LocalBoxFuture, Shared};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::JsValue;

use crate::bindings::{Clerk, clerk_error};
use crate::script;

/// Why a prebuilt component could not be shown; the component renders its text.
///
/// ```
/// use leptos_clerk::PrebuiltError;
/// let error = PrebuiltError::ScriptFailed { url: "/clerk-ui/ui.browser.js".into() };
/// assert_eq!(error.to_string(), "Clerk's UI failed to load from /clerk-ui/ui.browser.js");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrebuiltError {
    /// The `@clerk/ui` script failed (404, blocked, offline…).
    ScriptFailed {
        /// The script URL.
        url: String,
    },
    /// The `@clerk/ui` script neither loaded nor failed in time.
    ScriptTimedOut {
        /// The script URL.
        url: String,
        /// How long we waited.
        after_ms: u32,
    },
    /// The script ran but defined no `window.__internal_ClerkUICtor`.
    NoUiConstructor {
        /// The script URL.
        url: String,
    },
    /// clerk-js refused to mount the component; the text is its message.
    MountRejected(String),
}

impl fmt::Display for PrebuiltError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrebuiltError::ScriptFailed { url } => write!(f, "Clerk's UI failed to load from {url}"),
            PrebuiltError::ScriptTimedOut { url, after_ms } => {
                write!(
                    f,
                    "Clerk's UI did not load from {url} within {} s",
                    after_ms / 1000
                )
            }
            PrebuiltError::NoUiConstructor { url } => {
                write!(
                    f,
                    "the script at {url} is not Clerk's UI (no ClerkUI constructor)"
                )
            }
            PrebuiltError::MountRejected(message) => {
                write!(f, "Clerk could not show this component: {message}")
            }
        }
    }
}

impl std::error::Error for PrebuiltError {}

/// The promise `load()` gets as `ui.ClerkUI`, and what settles it.
struct Deferred {
    promise: Promise,
    /// Taken when called: `None` means the promise is resolved.
    resolve: Option<Function>,
}

type UiAttempt = Shared<LocalBoxFuture<'static, Result<(), PrebuiltError>>>;

thread_local! {
    static DEFERRED: RefCell<Option<Deferred>> = const { RefCell::new(None) };
    static IN_FLIGHT: RefCell<Option<UiAttempt>> = const { RefCell::new(None) };
}

/// The page's pending `ClerkUI` promise, for `Clerk.load()`. One per page: clerk-js loads once.
pub(crate) fn ui_constructor_promise() -> Promise {
    DEFERRED.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| {
                let mut resolve = None;
                let promise = Promise::new(&mut |resolve_fn, _reject| resolve = Some(resolve_fn));
                // The executor runs synchronously, so `resolve` is set by now.
                Deferred { promise, resolve }
            })
            .promise
            .clone()
    })
}

/// Makes Clerk's UI available to `clerk`: nothing for clerk-js 5 or once done, else loads
/// `url` (shared by every component that asks meanwhile) and hands its constructor to the
/// promise `load()` was given. A failure is not remembered: the next mount tries again.
pub(crate) async fn ensure_ui(clerk: &Clerk, url: &str, timeout_ms: u32) -> Result<(), PrebuiltError> {
    if clerk.version().is_some_and(|version| version.starts_with("5.")) {
        return Ok(());
    }
    if DEFERRED.with(|slot| slot.borrow().as_ref().is_some_and(|d| d.resolve.is_none())) {
        return Ok(());
    }
    let attempt = IN_FLIGHT.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| load_ui(url.to_owned(), timeout_ms).boxed_local().shared())
            .clone()
    });
    let result = attempt.await;
    IN_FLIGHT.with(|slot| slot.borrow_mut().take());
    result
}

async fn load_ui(url: String, timeout_ms: u32) -> Result<(), PrebuiltError> {
    if ui_constructor().is_none() {
        script::run(&url, &[], timeout_ms).await?;
    }
    let constructor = ui_constructor().ok_or_else(|| PrebuiltError::NoUiConstructor { url: url.clone() })?;
    DEFERRED.with(|slot| {
        if let Some(resolve) = slot
            .borrow_mut()
            .as_mut()
            .and_then(|deferred| deferred.resolve.take())
        {
            let _ = resolve.call1(&JsValue::UNDEFINED, &constructor);
        }
    });
    Ok(())
}

/// `window.__internal_ClerkUICtor`, which `ui.browser.js` defines.
fn ui_constructor() -> Option<JsValue> {
    let window = web_sys::window()?;
    Reflect::get(&window, &JsValue::from_str("__internal_ClerkUICtor"))
        .ok()
        .filter(JsValue::is_function)
}

/// Mounts `component` into `node`, turning a throw into [`PrebuiltError::MountRejected`].
pub(crate) fn mount(
    clerk: &Clerk,
    component: crate::bindings::Prebuilt,
    node: &web_sys::Element,
    props: &JsValue,
) -> Result<(), PrebuiltError> {
    clerk
        .mount(component, node, props)
        .map_err(|error| PrebuiltError::MountRejected(clerk_error(error).to_string()))
}
