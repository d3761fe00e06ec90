//! `navigator.locks` (Web Locks), bound by hand: web-sys keeps `LockManager` behind an
//! unstable cfg.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use futures::channel::oneshot;
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;

use super::options::JsOptions;

#[wasm_bindgen]
extern "C" {
    type LockManager;

    #[wasm_bindgen(method, catch)]
    fn request(
        this: &LockManager,
        name: &str,
        options: &JsValue,
        callback: &Function,
    ) -> Result<Promise, JsValue>;
}

/// What [`with_lock_if_free`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Locked<T> {
    /// It held the lock while `work` ran.
    Ran(T),
    /// Someone else (another tab) holds the lock; `work` did not run.
    Busy,
    /// This browser has no Web Locks (or they failed); `work` did not run.
    Unsupported,
}

/// Runs `work` while holding the Web Lock `name`, but only if it is free right now
/// (`ifAvailable`): the tab that gets it does the job, the others skip it. The lock is
/// released when `work` ends, and also if this future is dropped halfway.
pub async fn with_lock_if_free<F, T>(name: &str, work: impl FnOnce() -> F) -> Locked<T>
where
    F: Future<Output = T>,
{
    let Some(locks) = lock_manager() else {
        return Locked::Unsupported;
    };
    let (granted_tx, granted_rx) = oneshot::channel::<bool>();
    let release = Rc::new(Release::default());
    let held = Rc::clone(&release);
    // JS calls this once, with the lock or with null when someone else holds it.
    let callback = Closure::once(move |lock: JsValue| -> JsValue {
        let granted = !lock.is_null() && !lock.is_undefined();
        let _ = granted_tx.send(granted);
        if !granted {
            return JsValue::UNDEFINED;
        }
        // The lock is held until this promise settles, which `Release` does.
        Promise::new(&mut |resolve, _| held.set(resolve)).into()
    });
    let options = JsOptions::new().flag("ifAvailable", true).into_js();
    let Ok(done) = locks.request(name, &options, callback.as_ref().unchecked_ref()) else {
        return Locked::Unsupported;
    };
    let outcome = match granted_rx.await {
        Ok(true) => Locked::Ran(work().await),
        Ok(false) => Locked::Busy,
        Err(_) => Locked::Unsupported,
    };
    release.release();
    // The request settles once the lock is released; only then may the callback go.
    let _ = wasm_bindgen_futures::JsFuture::from(done).await;
    drop(callback);
    outcome
}

/// Holds the function that releases the lock; releasing twice is harmless, and dropping
/// releases.
#[derive(Default)]
struct Release(RefCell<Option<Function>>);

impl Release {
    fn set(&self, resolve: Function) {
        *self.0.borrow_mut() = Some(resolve);
    }

    fn release(&self) {
        if let Some(resolve) = self.0.borrow_mut().take() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    }
}

impl Drop for Release {
    fn drop(&mut self) {
        self.release();
    }
}

fn lock_manager() -> Option<LockManager> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &"locks".into()).ok()?;
    let has_request = Reflect::get(&locks, &"request".into()).is_ok_and(|request| request.is_function());
    has_request.then(|| locks.unchecked_into())
}
