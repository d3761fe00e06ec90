//! The functions clerk-js calls to show the app's own content inside Clerk's UI: the icons and
//! clicks of `<UserButton>`'s custom menu items and the pages added to `<UserProfile>` and
//! `<OrganizationProfile>`.
//!
//! clerk-js takes these as plain functions in a component's props (`mountIcon(el)`,
//! `unmountIcon(el)`, `onClick()`, a page's `mount(el)` and `unmount(el)`) and calls them
//! whenever React mounts or unmounts the element, which can be after the Leptos component
//! that gave them is gone: clerk-js unmounts asynchronously. So the functions handed over
//! are page-long trampolines bound to a slot id (`trampoline.bind(null, id)`, no `eval`, so
//! a strict CSP is fine); each slot lives in this module's registry while its
//! [`ContentSlot`] or [`ClickSlot`] is alive, and a call for a slot that is gone does nothing.

use std::any::Any;
use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

use js_sys::Function;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::options::JsOptions;

/// Renders app content into an element clerk-js gives; dropping what it returns removes it.
pub type MountContent = Rc<dyn Fn(&web_sys::Element) -> Box<dyn Any>>;

/// What a slot does when clerk-js calls it.
enum SlotKind {
    /// Content mounted into elements, each kept until clerk-js unmounts that element.
    Content {
        mount: MountContent,
        live: Vec<(web_sys::Element, Box<dyn Any>)>,
    },
    Click(Rc<dyn Fn()>),
}

/// The three functions clerk-js is handed (bound to a slot id).
struct Trampolines {
    mount: Closure<dyn Fn(JsValue, JsValue)>,
    unmount: Closure<dyn Fn(JsValue, JsValue)>,
    click: Closure<dyn Fn(JsValue)>,
}

thread_local! {
    static TRAMPOLINES: OnceCell<Trampolines> = const { OnceCell::new() };
    static SLOTS: RefCell<Vec<(u64, SlotKind)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u64> = const { Cell::new(0) };
}

/// App content clerk-js can mount into its own elements, registered until dropped: then
/// whatever is still mounted is removed and later calls do nothing.
///
/// ```no_run
/// use std::rc::Rc;
/// use leptos_clerk::js::{ContentSlot, JsOptions};
///
/// // Usually built by the prebuilt components from a Leptos view.
/// let slot = ContentSlot::new(Rc::new(|_element| Box::new(())));
/// let item = slot.write(JsOptions::new().text("label", "Help"), "mountIcon", "unmountIcon");
/// # let _ = item;
/// ```
#[must_use = "the slot is unregistered when this is dropped"]
pub struct ContentSlot(u64);

impl ContentSlot {
    /// Registers `mount` for the elements clerk-js will hand over.
    pub fn new(mount: MountContent) -> Self {
        Self(register(SlotKind::Content {
            mount,
            live: Vec::new(),
        }))
    }

    /// `options` with `mount_key` and `unmount_key` set to this slot's functions.
    pub fn write(&self, options: JsOptions, mount_key: &str, unmount_key: &str) -> JsOptions {
        with_trampolines(|trampolines| {
            options
                .value(mount_key, &bound(&trampolines.mount, self.0))
                .value(unmount_key, &bound(&trampolines.unmount, self.0))
        })
    }
}

impl Drop for ContentSlot {
    fn drop(&mut self) {
        unregister(self.0);
    }
}

/// An action clerk-js can call (a menu item's `onClick`), registered until dropped.
///
/// ```no_run
/// use std::rc::Rc;
/// use leptos_clerk::js::{ClickSlot, JsOptions};
///
/// let slot = ClickSlot::new(Rc::new(|| leptos::logging::log!("clicked")));
/// let item = slot.write(JsOptions::new().text("label", "Help"), "onClick");
/// # let _ = item;
/// ```
#[must_use = "the slot is unregistered when this is dropped"]
pub struct ClickSlot(u64);

impl ClickSlot {
    /// Registers `on_click`.
    pub fn new(on_click: Rc<dyn Fn()>) -> Self {
        Self(register(SlotKind::Click(on_click)))
    }

    /// `options` with `key` set to this slot's function.
    pub fn write(&self, options: JsOptions, key: &str) -> JsOptions {
        with_trampolines(|trampolines| options.value(key, &bound(&trampolines.click, self.0)))
    }
}

impl Drop for ClickSlot {
    fn drop(&mut self) {
        unregister(self.0);
    }
}

fn register(kind: SlotKind) -> u64 {
    let id = NEXT_ID.with(|next| {
        let id = next.get();
        next.set(id + 1);
        id
    });
    SLOTS.with(|slots| slots.borrow_mut().push((id, kind)));
    id
}

fn unregister(id: u64) {
    // `try_with`: a slot dropped while the thread tears down has nothing to undo. The slot
    // is taken out before its content is dropped: unmounting a view runs the app's cleanups,
    // which may register or drop other slots.
    let removed = SLOTS
        .try_with(|slots| {
            let mut slots = slots.borrow_mut();
            let index = slots.iter().position(|(each, _)| *each == id)?;
            Some(slots.remove(index))
        })
        .ok()
        .flatten();
    drop(removed);
}

fn with_trampolines<T>(then: impl FnOnce(&Trampolines) -> T) -> T {
    TRAMPOLINES.with(|cell| {
        then(cell.get_or_init(|| Trampolines {
            mount: Closure::new(|id: JsValue, element: JsValue| mount(&id, element)),
            unmount: Closure::new(|id: JsValue, element: JsValue| unmount(&id, &element)),
            click: Closure::new(|id: JsValue| click(&id)),
        }))
    })
}

/// `trampoline.bind(null, id)`: a function of the remaining arguments.
fn bound<F: ?Sized>(trampoline: &Closure<F>, id: u64) -> JsValue {
    let function: &Function = trampoline.as_ref().unchecked_ref();
    // Ids stay far below 2^53, so they round-trip through a JS number.
    function
        .bind1(&JsValue::NULL, &JsValue::from_f64(id as f64))
        .into()
}

fn slot_id(id: &JsValue) -> Option<u64> {
    id.as_f64().map(|id| id as u64)
}

/// clerk-js hands over an element to fill: mount the slot's content there.
fn mount(id: &JsValue, element: JsValue) {
    let (Some(id), Ok(element)) = (slot_id(id), element.dyn_into::<web_sys::Element>()) else {
        return;
    };
    let mount = SLOTS.with(|slots| {
        slots.borrow().iter().find_map(|(each, kind)| match kind {
            SlotKind::Content { mount, .. } if *each == id => Some(Rc::clone(mount)),
            _ => None,
        })
    });
    // Called outside the registry's borrow: the content may register slots of its own.
    let Some(mount) = mount else { return };
    let content = mount(&element);
    let unwanted = SLOTS.with(|slots| {
        let mut slots = slots.borrow_mut();
        match slots.iter_mut().find(|(each, _)| *each == id) {
            Some((_, SlotKind::Content { live, .. })) => {
                live.push((element, content));
                None
            }
            // The slot went away while its content was being built.
            _ => Some(content),
        }
    });
    drop(unwanted);
}

/// clerk-js is done with an element (`undefined` when it never mounted one).
fn unmount(id: &JsValue, element: &JsValue) {
    let (Some(id), Some(element)) = (slot_id(id), element.dyn_ref::<web_sys::Element>()) else {
        return;
    };
    let removed = SLOTS.with(|slots| {
        let mut slots = slots.borrow_mut();
        let Some((_, SlotKind::Content { live, .. })) = slots.iter_mut().find(|(each, _)| *each == id) else {
            return None;
        };
        let index = live.iter().position(|(each, _)| each == element)?;
        Some(live.remove(index))
    });
    drop(removed);
}

fn click(id: &JsValue) {
    let Some(id) = slot_id(id) else { return };
    let on_click = SLOTS.with(|slots| {
        slots.borrow().iter().find_map(|(each, kind)| match kind {
            SlotKind::Click(on_click) if *each == id => Some(Rc::clone(on_click)),
            _ => None,
        })
    });
    if let Some(on_click) = on_click {
        on_click();
    }
}
