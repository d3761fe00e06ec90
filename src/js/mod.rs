//! The only code that touches JS: `js_sys`, `web_sys`, `wasm_bindgen`, `Reflect`,
//! `Closure` and the timers live here and nowhere else (`tests/layers.rs` checks it).
//!
//! Everything a JS object says is untrusted. Properties are read with [`JsObject`] into
//! [`RawValue`](crate::model::RawValue)s and handed to [`model`](crate::model), which
//! decides what they mean; methods are imported with `catch`, and a throw becomes a
//! [`ClerkError`](crate::ClerkError). Options objects are built with [`JsOptions`]. Every
//! listener, timer, lock and channel is a guard that lets go when dropped. The layers above
//! get typed Rust functions and never see a `JsValue`.

mod broadcast;
mod clerk;
pub(crate) mod crypto;
mod custom_slots;
pub(crate) mod dom;
mod events;
pub(crate) mod http;
mod locks;
mod navigation;
mod oauth;
mod options;
mod organization;
mod read;
mod resources;
mod reverification;
mod router;
pub(crate) mod script;
pub(crate) mod time;
pub(crate) mod ui_constructor;
mod user;

pub use crate::model::SignInProgress;
pub use broadcast::Broadcast;
pub use clerk::{Clerk, Emit, Mounted, Prebuilt, Session, Subscription};
pub use custom_slots::{ClickSlot, ContentSlot, MountContent};
pub use dom::page_nonce;
pub use events::EventListener;
pub use locks::{Locked, with_lock_if_free};
pub use navigation::{Modal, Page};
pub use options::JsOptions;
pub use organization::{organization_invitations, organization_memberships};
pub use read::JsObject;
pub use resources::{Client, SignIn, SignUp, Token};
pub use reverification::ReverificationDialog;
pub(crate) use router::{register_router, with_router};
