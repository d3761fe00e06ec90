//! Puts clerk-js on the page and awaits `Clerk.load()`, with timeouts, once per page.
//!
//! clerk-js supports one instance per page and no second `load()`, so the work is shared:
//! a provider that mounts while another is loading awaits the same attempt, and a provider
//! that mounts after a successful load finds `window.Clerk.loaded` and skips it. A failed
//! attempt is not remembered, so the next provider tries again.

use std::cell::RefCell;

use futures::FutureExt;
use futures::future::{LocalBoxFuture, Shared};

use super::options::ClerkOptions;
use crate::js::time::with_timeout;
use crate::js::{Clerk, JsOptions, script, ui_constructor};
use crate::model::{LoadError, LoadStatus};

type LoadAttempt = Shared<LocalBoxFuture<'static, Result<(), LoadError>>>;

/// An attempt under way, and the `window.Clerk` it started with (`undefined` when it had to
/// load the script first).
struct InFlight {
    clerk: Option<Clerk>,
    attempt: LoadAttempt,
}

thread_local! {
    /// The attempt under way, if any; cleared when it settles.
    static IN_FLIGHT: RefCell<Option<InFlight>> = const { RefCell::new(None) };
}

/// Makes `window.Clerk` loaded, sharing the attempt with any other provider on the page.
/// Returns the status clerk-js reports once loaded (ready or degraded).
pub(crate) async fn ensure_loaded(options: &ClerkOptions) -> Result<LoadStatus, LoadError> {
    let current = Clerk::from_window();
    if let Some(clerk) = current.as_ref().filter(|clerk| clerk.loaded()) {
        return Ok(status_of(clerk));
    }
    let attempt = IN_FLIGHT.with(|slot| {
        let mut slot = slot.borrow_mut();
        match slot.as_ref() {
            // Join the attempt for this same Clerk (or the same missing one).
            Some(in_flight) if Clerk::same(in_flight.clerk.as_ref(), current.as_ref()) => {
                in_flight.attempt.clone()
            }
            // A different window.Clerk replaced the one being loaded: load the new one.
            _ => {
                let attempt = load(options.clone()).boxed_local().shared();
                *slot = Some(InFlight {
                    clerk: current.clone(),
                    attempt: attempt.clone(),
                });
                attempt
            }
        }
    });
    let result = attempt.clone().await;
    IN_FLIGHT.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot
            .as_ref()
            .is_some_and(|in_flight| in_flight.attempt.ptr_eq(&attempt))
        {
            *slot = None;
        }
    });
    result?;
    Clerk::from_window()
        .map(|clerk| status_of(&clerk))
        .ok_or(LoadError::NoClerkGlobal)
}

/// The status of a loaded `clerk`.
fn status_of(clerk: &Clerk) -> LoadStatus {
    clerk.load_status().unwrap_or(LoadStatus::Ready)
}

async fn load(options: ClerkOptions) -> Result<(), LoadError> {
    if Clerk::from_window().is_none() {
        // Validate first: clerk-js would otherwise throw from inside its own script, which
        // only shows up later as a missing `window.Clerk`.
        options.key()?;
        let url = options.resolved_script_url()?;
        let attributes = [
            (
                "data-clerk-publishable-key",
                Some(options.publishable_key.as_str()),
            ),
            ("data-clerk-proxy-url", options.proxy_url.as_deref()),
            ("nonce", options.nonce.as_deref()),
        ];
        script::run(&url, &attributes, options.timeout_ms()).await?;
    }
    let clerk = Clerk::from_window().ok_or(LoadError::NoClerkGlobal)?;
    if clerk.loaded() {
        return Ok(());
    }
    let timeout_ms = options.timeout_ms();
    match with_timeout(clerk.load(load_options(&options)), timeout_ms).await {
        None => Err(LoadError::LoadTimedOut { after_ms: timeout_ms }),
        Some(Err(error)) => Err(LoadError::LoadRejected(error.to_string())),
        Some(Ok(())) => Ok(()),
    }
}

/// `Clerk.load()`'s options: only what we set, so clerk-js' own defaults stay in force.
fn load_options(options: &ClerkOptions) -> JsOptions {
    let with_router = |o: JsOptions| match options.navigation() {
        Some(navigation) => navigation.load_options(o),
        None => o,
    };
    let typed = with_router(JsOptions::new())
        .when(!options.telemetry, |o| o.flag("telemetry", false))
        .text_if("signInUrl", options.sign_in_url.as_deref())
        .text_if("signUpUrl", options.sign_up_url.as_deref())
        .text_if("afterSignOutUrl", options.after_sign_out_url.as_deref())
        .text_if("nonce", options.nonce.as_deref())
        // A promise that stays pending until a prebuilt component needs the UI (see
        // `prebuilt_ui`); clerk-js 5 ignores the option.
        .object("ui", ui_constructor::ui_option());
    options.extras.write_into(typed)
}
