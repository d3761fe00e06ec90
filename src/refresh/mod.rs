//! The auto-refresh timer: touch the session five minutes before it expires.
//!
//! Pure: [`decide`] answers, for a moment, a session and what happened so far, whether to
//! touch now, wait, or stop; the browser's driver (in the runtime layer) acts on it (one
//! timer at a time, wake-ups on focus, visibility, network and page show, one tab per
//! session).

mod options;
mod schedule;
mod status;

pub use options::UseSessionRefreshOptions;
pub use schedule::{Decision, RefreshPolicy, SessionClock, StopReason, TouchMemory, WaitReason, decide};
pub use status::{LastTouch, RefreshStatus};
