//! Clerk's reverification dialog (`__internal_openReverification`, what `useReverification`
//! opens in React), as a value that owns its two callbacks and resolves to the user's answer.

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;
use wasm_bindgen::closure::Closure;

use super::clerk::Clerk;
use super::options::JsOptions;
use super::read::clerk_error;
use crate::ClerkError;

/// An open reverification dialog. It owns the callbacks clerk-js calls when the user verifies
/// or gives up: keep it until [`outcome`](Self::outcome) resolves; a call that comes after the
/// first (or after the dialog was dropped) does nothing.
pub struct ReverificationDialog {
    outcome: Option<oneshot::Receiver<bool>>,
    _verified: Closure<dyn FnMut()>,
    _cancelled: Closure<dyn FnMut()>,
}

impl Clerk {
    /// Opens Clerk's "verify it's you" dialog at `level` (`first_factor`, `second_factor`,
    /// `multi_factor`; `None` for Clerk's default). With clerk-js 6 its UI must be ready.
    pub fn open_reverification(&self, level: Option<&str>) -> Result<ReverificationDialog, ClerkError> {
        let (sender, receiver) = oneshot::channel();
        let sender = Rc::new(RefCell::new(Some(sender)));
        let answer = |verified: bool| {
            let sender = sender.clone();
            Closure::<dyn FnMut()>::new(move || {
                if let Some(sender) = sender.borrow_mut().take() {
                    let _ = sender.send(verified);
                }
            })
        };
        let verified = answer(true);
        let cancelled = answer(false);
        let props = JsOptions::new()
            .text_if("level", level)
            .value("afterVerification", verified.as_ref())
            .value("afterVerificationCancelled", cancelled.as_ref());
        self.method("__internal_openReverification")?
            .call1(self, &props.into_js())
            .map_err(clerk_error)?;
        Ok(ReverificationDialog {
            outcome: Some(receiver),
            _verified: verified,
            _cancelled: cancelled,
        })
    }
}

impl ReverificationDialog {
    /// Whether the user verified (`true`) or closed the dialog (`false`). Resolves once; later
    /// calls, like a dialog clerk-js dropped without answering, give `false`.
    pub async fn outcome(&mut self) -> bool {
        match self.outcome.take() {
            Some(receiver) => receiver.await.unwrap_or(false),
            None => false,
        }
    }
}

impl std::fmt::Debug for ReverificationDialog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReverificationDialog").finish_non_exhaustive()
    }
}
