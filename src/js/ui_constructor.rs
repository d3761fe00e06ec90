//! The promise clerk-js 6 gets as `load({ui: {ClerkUI}})`, and what settles it.
//!
//! clerk-js 6 only awaits that promise in its `mount*` and `open*` calls, so it can stay
//! pending until a prebuilt component first needs Clerk's UI. One per page: clerk-js loads
//! once.

use std::cell::RefCell;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::JsValue;

struct Deferred {
    promise: Promise,
    /// Taken when called: `None` means the promise is resolved.
    resolve: Option<Function>,
}

thread_local! {
    static DEFERRED: RefCell<Option<Deferred>> = const { RefCell::new(None) };
}

/// `{ClerkUI: <the page's pending promise>}`, the `ui` option of `Clerk.load()`.
pub fn ui_option() -> super::JsOptions {
    let promise = DEFERRED.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| {
                let mut resolve = None;
                let promise = Promise::new(&mut |resolve_fn, _reject| resolve = Some(resolve_fn));
                // The executor runs synchronously, so `resolve` is set by now.
                Deferred { promise, resolve }
            })
            .promise
            .clone()
    });
    super::JsOptions::new().value("ClerkUI", &promise)
}

/// Whether the page's promise was handed Clerk's UI already.
pub fn ui_handed_over() -> bool {
    DEFERRED.with(|slot| slot.borrow().as_ref().is_some_and(|d| d.resolve.is_none()))
}

/// Whether `window.__internal_ClerkUICtor` (what `ui.browser.js` defines) is there.
pub fn ui_script_ran() -> bool {
    ui_constructor().is_some()
}

/// Resolves the page's promise with `window.__internal_ClerkUICtor`; false when the
/// script defined none.
pub fn hand_over_ui() -> bool {
    let Some(constructor) = ui_constructor() else {
        return false;
    };
    DEFERRED.with(|slot| {
        if let Some(resolve) = slot
            .borrow_mut()
            .as_mut()
            .and_then(|deferred| deferred.resolve.take())
        {
            let _ = resolve.call1(&JsValue::UNDEFINED, &constructor);
        }
    });
    true
}

fn ui_constructor() -> Option<JsValue> {
    let window = web_sys::window()?;
    Reflect::get(&window, &JsValue::from_str("__internal_ClerkUICtor"))
        .ok()
        .filter(JsValue::is_function)
}
