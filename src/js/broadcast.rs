//! An owned `BroadcastChannel`: closed, and its handler freed, when dropped.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::MessageEvent;

use super::options::JsOptions;
use super::read::JsObject;

/// A `BroadcastChannel` to the other tabs of this origin.
pub struct Broadcast {
    channel: web_sys::BroadcastChannel,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

impl Broadcast {
    /// Opens channel `name`; `on_message` gets each message's `data` when it is an object
    /// (to be read as untrusted input), and nothing else. `None` where the browser has no
    /// BroadcastChannel.
    pub fn open(name: &str, mut on_message: impl FnMut(JsObject) + 'static) -> Option<Self> {
        let channel = web_sys::BroadcastChannel::new(name).ok()?;
        let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(message) = JsObject::new(event.data()) {
                on_message(message);
            }
        });
        channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        Some(Self {
            channel,
            _on_message: handler,
        })
    }

    /// Sends `message` to the other tabs (not to this channel itself).
    pub fn post(&self, message: JsOptions) {
        let _ = self.channel.post_message(&message.into_js());
    }
}

impl Drop for Broadcast {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
