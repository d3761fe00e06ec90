//! The browser runtime: the provider and its context, loading clerk-js, the refresh
//! driver, loading Clerk's UI on demand, the panic hook, and verifying tokens with
//! WebCrypto.
//!
//! It reaches JS only through [`js`](crate::js) and decides nothing itself that
//! [`model`](crate::model), [`claims`](crate::claims) or [`refresh`](crate::refresh) can
//! decide; the UI layer above builds on it.

mod appearance;
pub(crate) mod context;
#[cfg(feature = "router")]
mod leptos_router;
mod load_extras;
mod load_settings;
mod loader;
mod navigation;
mod options;
pub(crate) mod panic_hook;
pub(crate) mod prebuilt_ui;
pub(crate) mod reactive;
pub(crate) mod refresh;
mod seed;
#[cfg(feature = "split")]
pub(crate) mod split;
mod verify;

pub use appearance::{Appearance, AppearanceLayout, AppearanceVariables};
pub use context::{ClerkContext, ClerkProvider, provide_clerk};
pub use options::ClerkOptions;
pub use panic_hook::{PANIC_ALERT_ID, install_panic_hook};
pub use prebuilt_ui::PrebuiltError;
pub use refresh::UseSessionRefreshReturn;
pub use verify::verify;
