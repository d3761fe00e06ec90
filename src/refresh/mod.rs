//! The auto-refresh timer: touch the session five minutes before it expires.
//!
//! [`schedule`] decides (pure, tested natively); the driver acts (one timer at a time,
//! wake-ups on focus, visibility, network and page show, one tab per session).

#[cfg(feature = "browser")]
pub(crate) mod driver;
mod schedule;
mod status;

pub use schedule::{Decision, RefreshPolicy, SessionClock, StopReason, TouchMemory, WaitReason, decide};
pub use status::{LastTouch, RefreshStatus};
