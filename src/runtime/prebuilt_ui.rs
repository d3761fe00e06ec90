//! Clerk's prebuilt UI (`@clerk/ui`, which clerk-js 6 ships without), fetched the first time
//! a prebuilt component mounts.
//!
//! clerk-js 6 takes the UI as `load({ui: {ClerkUI}})`, where `ClerkUI` may be a promise, and
//! only its `mount*` and `open*` calls wait on that promise. So the provider always hands
//! `load()` a promise that stays pending, and this module resolves it the first time a
//! prebuilt component asks: a page that mounts none never downloads a byte of `@clerk/ui`.
//! clerk-js 5 has its UI built in, so there is nothing to fetch.

use std::cell::RefCell;
use std::fmt;

use futures::FutureExt;
use futures::future::{LocalBoxFuture, Shared};

use crate::js::{Clerk, script, ui_constructor};
use crate::model::ScriptFailure;

/// Why a prebuilt component could not be shown; the component renders its text.
///
/// ```
/// use leptos_clerk::PrebuiltError;
/// use leptos_clerk::model::ScriptFailure;
/// let error = PrebuiltError::Script(ScriptFailure::Failed { url: "/clerk-ui/ui.browser.js".into() });
/// assert_eq!(error.to_string(), "Clerk's UI failed to load from /clerk-ui/ui.browser.js");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PrebuiltError {
    /// The `@clerk/ui` script failed (404, blocked, offline…) or did not load in time.
    Script(ScriptFailure),
    /// The script ran but defined no `window.__internal_ClerkUICtor`.
    NoUiConstructor {
        /// The script URL.
        url: String,
    },
    /// clerk-js refused to mount the component; the text is its message.
    MountRejected(String),
    /// clerk-js has not loaded yet (a modal opened before it did).
    NotLoaded,
}

impl fmt::Display for PrebuiltError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrebuiltError::Script(failure) => write!(f, "Clerk's UI {failure}"),
            PrebuiltError::NoUiConstructor { url } => {
                write!(
                    f,
                    "the script at {url} is not Clerk's UI (no ClerkUI constructor)"
                )
            }
            PrebuiltError::MountRejected(message) => {
                write!(f, "Clerk could not show this component: {message}")
            }
            PrebuiltError::NotLoaded => f.write_str("Clerk has not loaded yet"),
        }
    }
}

impl std::error::Error for PrebuiltError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PrebuiltError::Script(failure) => Some(failure),
            _ => None,
        }
    }
}

impl From<ScriptFailure> for PrebuiltError {
    fn from(failure: ScriptFailure) -> Self {
        PrebuiltError::Script(failure)
    }
}

type UiAttempt = Shared<LocalBoxFuture<'static, Result<(), PrebuiltError>>>;

thread_local! {
    static IN_FLIGHT: RefCell<Option<UiAttempt>> = const { RefCell::new(None) };
}

/// Makes Clerk's UI available to `clerk`: nothing for clerk-js 5 or once done, else loads
/// `url` (shared by every component that asks meanwhile) and hands its constructor to the
/// promise `load()` was given. A failure is not remembered: the next mount tries again.
pub(crate) async fn ensure_ui(
    clerk: &Clerk,
    url: &str,
    timeout_ms: u32,
    nonce: Option<String>,
) -> Result<(), PrebuiltError> {
    if clerk.version().is_some_and(|version| version.starts_with("5.")) {
        return Ok(());
    }
    if ui_constructor::ui_handed_over() {
        return Ok(());
    }
    let attempt = IN_FLIGHT.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| load_ui(url.to_owned(), timeout_ms, nonce).boxed_local().shared())
            .clone()
    });
    let result = attempt.await;
    IN_FLIGHT.with(|slot| slot.borrow_mut().take());
    result
}

async fn load_ui(url: String, timeout_ms: u32, nonce: Option<String>) -> Result<(), PrebuiltError> {
    if !ui_constructor::ui_script_ran() {
        script::run(&url, &[("nonce", nonce.as_deref())], timeout_ms).await?;
    }
    if ui_constructor::hand_over_ui() {
        Ok(())
    } else {
        Err(PrebuiltError::NoUiConstructor { url })
    }
}
