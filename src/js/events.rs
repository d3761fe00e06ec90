//! Owned DOM event listeners: removed when dropped, so nothing outlives its owner.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{Event, EventTarget};

/// One `addEventListener` registration; dropping it removes the listener and frees the
/// callback.
pub struct EventListener {
    target: EventTarget,
    kind: &'static str,
    callback: Closure<dyn FnMut(Event)>,
}

impl EventListener {
    /// Listens for `kind` events on `target`; `None` if the browser refused.
    pub fn new(
        target: &EventTarget,
        kind: &'static str,
        callback: impl FnMut(Event) + 'static,
    ) -> Option<Self> {
        let callback = Closure::<dyn FnMut(Event)>::new(callback);
        target
            .add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref())
            .ok()?;
        Some(Self {
            target: target.clone(),
            kind,
            callback,
        })
    }
}

impl Drop for EventListener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.callback.as_ref().unchecked_ref());
    }
}
