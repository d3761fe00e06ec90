//! Mounting a view in a fresh element and waiting for the page to catch up.

use std::time::Duration;

use gloo_timers::future::TimeoutFuture;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// A mounted view; unmounted (owner cleaned up) and removed from the page when dropped.
pub struct Mounted {
    pub root: HtmlElement,
    handle: Option<leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        drop(self.handle.take());
        self.root.remove();
    }
}

pub fn mount<F, V>(view: F) -> Mounted
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = mount_to(root.clone(), move || view().into_any());
    Mounted {
        root,
        handle: Some(handle),
    }
}

impl Mounted {
    /// The text of the first element matching `selector`, if any.
    pub fn text(&self, selector: &str) -> Option<String> {
        self.root
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
    }

    /// Waits (up to 2 s) until `selector`'s text satisfies `check`; returns the last text.
    pub async fn wait_for_text(&self, selector: &str, check: impl Fn(&str) -> bool) -> String {
        for _ in 0..200 {
            if let Some(text) = self.text(selector).filter(|text| check(text)) {
                return text;
            }
            ticks(1).await;
        }
        panic!(
            "timed out waiting on {selector:?}; the page shows: {:?}",
            self.root.inner_html()
        );
    }
}

/// Lets promises, effects and timers run for `n` turns of ~10 ms.
pub async fn ticks(n: u32) {
    for _ in 0..n {
        TimeoutFuture::new(Duration::from_millis(10).as_millis() as u32).await;
    }
}

/// Waits, a tick at a time and at most 5 s, until `done`; fails with `message` if it never is.
pub async fn until(done: impl Fn() -> bool, message: &str) {
    for _ in 0..500 {
        if done() {
            return;
        }
        ticks(1).await;
    }
    panic!("{message}");
}
