//! The only code that touches JS: extern types for clerk-js and the reading half of the
//! converter.
//!
//! Everything a clerk-js object says is untrusted. Properties are read with
//! [`JsObject`] into [`RawValue`](crate::model::RawValue)s and handed to [`model`](crate::model),
//! which decides what they mean; methods are imported with `catch`.

mod broadcast;
mod clerk;
mod events;
mod locks;
mod read;
mod resources;

pub use broadcast::Broadcast;
pub(crate) use clerk::settle;
pub use clerk::{Clerk, Prebuilt, Session};
pub use events::EventListener;
pub use locks::{Locked, with_lock_if_free};
pub use read::JsObject;
pub(crate) use read::{clerk_error, set_present};
pub use resources::{Client, SignIn, SignInProgress, Token, User};
