//! Clerk's "verify it's you" dialog, opened once Clerk's UI is ready (what
//! [`use_reverification`](crate::use_reverification) shows when a backend asks).

use crate::claims::FactorLevel;
use crate::js::{Clerk, ReverificationDialog};
use crate::runtime::{ClerkContext, PrebuiltError};

use super::mount::ui_ready;

impl ClerkContext {
    /// Opens Clerk's reverification dialog at `level` (`None`: Clerk's default) and returns
    /// it; await its [`outcome`](ReverificationDialog::outcome). With clerk-js 6 the first
    /// call loads Clerk's UI, as a modal does.
    pub(crate) async fn open_reverification(
        &self,
        level: Option<FactorLevel>,
    ) -> Result<ReverificationDialog, PrebuiltError> {
        let clerk = Clerk::loaded_from_window().map_err(|_| PrebuiltError::NotLoaded)?;
        ui_ready(&clerk, self.ui_script()).await?;
        clerk
            .open_reverification(level.map(FactorLevel::as_str))
            .map_err(|error| PrebuiltError::MountRejected(error.to_string()))
    }
}
