//! The live clerk-js `User`: its metadata, read only when a page asks, and `user.reload()`.

use wasm_bindgen::JsValue;

use super::clerk::{Clerk, Subscription};
use super::options::JsOptions;
use super::organization::call;
use super::read::{JsObject, object_at};
use crate::ClerkError;
use crate::model::UserMetadata;

/// The metadata of `owner.user` (the instance or an emit's payload), if it has a user.
fn metadata_of(owner: &JsValue) -> Option<UserMetadata> {
    let user = JsObject::new(object_at(owner, "user")?)?;
    UserMetadata::read(&user, "user")
}

impl Clerk {
    /// `clerk.user`'s `publicMetadata` and `unsafeMetadata`, copied as JSON; `None` when
    /// signed out.
    pub fn user_metadata(&self) -> Option<UserMetadata> {
        metadata_of(self.as_ref())
    }

    /// Calls `on_change` with the user's metadata now and after every emit, until the
    /// returned [`Subscription`] is dropped. A listener of its own, so the provider's
    /// listener (and every app that never shows metadata) copies no JSON.
    pub fn listen_user_metadata(
        &self,
        mut on_change: impl FnMut(Option<UserMetadata>) + 'static,
    ) -> Result<Subscription, ClerkError> {
        on_change(self.user_metadata());
        self.subscribe(move |payload| on_change(metadata_of(&payload)))
    }

    /// `await clerk.user.reload()`: fetches the user again (`GET /v1/me`). clerk-js
    /// updates its client and emits before the promise resolves, so listeners see the new
    /// user by then.
    pub async fn reload_user(&self) -> Result<(), ClerkError> {
        let user = object_at(self, "user").ok_or(ClerkError::SignedOut)?;
        call(&user, "reload", JsOptions::new()).await.map(drop)
    }
}
