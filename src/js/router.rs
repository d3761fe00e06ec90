//! clerk-js' `routerPush` and `routerReplace`: the functions through which clerk-js (and
//! Clerk's prebuilt components, with path routing) navigate inside the app instead of
//! loading a new page.
//!
//! clerk-js reads these functions once, from the options of its one `load()`, and calls them
//! for the rest of the page's life; providers come and go meanwhile. So the two functions
//! handed to clerk-js are page-long trampolines, owned by this module's thread-local (as
//! long-lived as the clerk-js instance that holds them), and each provider registers its
//! app's navigation here while it is mounted. With none registered, the trampolines do what
//! clerk-js does without a router: load the page.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::Closure;

use super::dom::page_origin;
use super::options::JsOptions;
use crate::model::in_app_path;

/// How the app navigates to an in-app path: `(path, replace)`; `false` when it could not
/// (its router is gone), and the page loads instead.
type Navigator = Rc<dyn Fn(&str, bool) -> bool>;

/// The two functions clerk-js holds.
struct Trampolines {
    push: Closure<dyn Fn(JsValue, JsValue) -> Promise>,
    replace: Closure<dyn Fn(JsValue, JsValue) -> Promise>,
}

thread_local! {
    static TRAMPOLINES: OnceCell<Trampolines> = const { OnceCell::new() };
    /// The mounted providers' navigators, newest last; the newest navigates.
    static NAVIGATORS: RefCell<Vec<(u64, Navigator)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u64> = const { Cell::new(0) };
}

/// `options` with `routerPush` and `routerReplace` set to the page's trampolines.
pub(crate) fn with_router(options: JsOptions) -> JsOptions {
    TRAMPOLINES.with(|cell| {
        let trampolines = cell.get_or_init(|| Trampolines {
            push: Closure::new(|to: JsValue, _metadata: JsValue| navigate(&to, false)),
            replace: Closure::new(|to: JsValue, _metadata: JsValue| navigate(&to, true)),
        });
        options
            .value("routerPush", trampolines.push.as_ref())
            .value("routerReplace", trampolines.replace.as_ref())
    })
}

/// A navigator registered for clerk-js' navigations; dropping it unregisters it.
#[must_use = "the navigator is unregistered when this is dropped"]
pub(crate) struct RouterRegistration(u64);

impl Drop for RouterRegistration {
    fn drop(&mut self) {
        let id = self.0;
        // `try_with`: a registration dropped while the thread tears down has nothing to undo.
        let _ = NAVIGATORS.try_with(|all| all.borrow_mut().retain(|(each, _)| *each != id));
    }
}

/// Registers `navigator(path, replace)` (which says whether it navigated) as the way clerk-js' navigations reach the app,
/// until the returned registration is dropped.
pub(crate) fn register_router(navigator: impl Fn(&str, bool) -> bool + 'static) -> RouterRegistration {
    let id = NEXT_ID.with(|next| {
        let id = next.get();
        next.set(id + 1);
        id
    });
    NAVIGATORS.with(|all| all.borrow_mut().push((id, Rc::new(navigator))));
    RouterRegistration(id)
}

/// One call from clerk-js. It awaits the result, so this returns a promise; the app's
/// navigation is synchronous (Leptos' router pushes the history entry at once), so the
/// promise is already settled.
fn navigate(to: &JsValue, replace: bool) -> Promise {
    // clerk-js passes a string; anything else is not a place to go.
    if let Some(to) = to.as_string() {
        let navigator = NAVIGATORS.with(|all| all.borrow().last().map(|(_, each)| Rc::clone(each)));
        let path = page_origin().and_then(|origin| in_app_path(&to, &origin));
        match (path, navigator) {
            // Cloned out of the registry first: the navigation may mount or unmount providers.
            (Some(path), Some(navigator)) => {
                if !navigator(&path, replace) {
                    load_page(&path, replace);
                }
            }
            (Some(path), None) => load_page(&path, replace),
            (None, _) if is_web_url(&to) => load_page(&to, replace),
            (None, _) => {}
        }
    }
    Promise::resolve(&JsValue::UNDEFINED)
}

/// Only `http(s)` URLs leave the app: never `javascript:` or the like.
fn is_web_url(to: &str) -> bool {
    let lower = to.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// A full page load, as clerk-js does without a router.
fn load_page(to: &str, replace: bool) {
    let Some(location) = web_sys::window().map(|window| window.location()) else {
        return;
    };
    let _ = if replace {
        location.replace(to)
    } else {
        location.assign(to)
    };
}
