//! What an app touches: hooks (`use_*`), actions (sign out, switch, get a token,
//! redirect) and components, all in Clerk's React shapes.
//!
//! Built on the [`runtime`](crate::runtime), with no JS of its own: what it needs from the
//! browser is a typed function in [`js`](crate::js).

pub(crate) mod actions;
pub(crate) mod components;
pub(crate) mod diagnostics;
pub(crate) mod hooks;
