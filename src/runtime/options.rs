//! [`ClerkOptions`]: how the provider finds and loads clerk-js. Plain data: nothing here
//! touches the browser. What clerk-js itself is told at load (looks, language, redirect
//! rules, the CSP nonce) is set in `load_settings.rs`.

use std::time::Duration;

use leptos::prelude::Callback;

use super::load_extras::LoadExtras;
use super::navigation::ClerkNavigation;
use crate::model::{LoadError, PublishableKey};
#[cfg(feature = "session-refresh")]
use crate::refresh::UseSessionRefreshOptions;

/// How to find and load clerk-js. Build it with [`ClerkOptions::new`] and the setters.
///
/// ```
/// use leptos_clerk::ClerkOptions;
/// // Hosted Clerk: the script comes from the instance's Frontend API.
/// let hosted = ClerkOptions::new("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k");
/// assert_eq!(
///     hosted.resolved_script_url().unwrap(),
///     "https://clerk.example.com/npm/@clerk/clerk-js@6/dist/clerk.browser.js"
/// );
/// // A same-origin proxy and a self-hosted copy of clerk-js (what the demo does offline).
/// let local = ClerkOptions::new("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k")
///     .proxy_url("/__clerk")
///     .script_url("/clerk-js/clerk.browser.js");
/// assert_eq!(local.resolved_script_url().unwrap(), "/clerk-js/clerk.browser.js");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ClerkOptions {
    pub(super) publishable_key: String,
    pub(super) proxy_url: Option<String>,
    script_url: Option<String>,
    ui_script_url: Option<String>,
    pub(super) sign_in_url: Option<String>,
    pub(super) sign_up_url: Option<String>,
    pub(super) after_sign_out_url: Option<String>,
    timeout: Duration,
    pub(super) telemetry: bool,
    #[cfg(feature = "session-refresh")]
    session_refresh: Option<UseSessionRefreshOptions>,
    /// The page's CSP nonce, for the script tags and clerk-js' own styles and scripts.
    pub(super) nonce: Option<String>,
    /// What else `Clerk.load()` is told (see `load_settings.rs`).
    pub(super) extras: LoadExtras,
    /// The app's own navigation, for clerk-js' `routerPush` and `routerReplace`.
    navigation: Option<ClerkNavigation>,
}

/// How long the script, and then `load()`, may take before the provider reports failure.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

impl ClerkOptions {
    /// Options for the instance named by `publishable_key` (`pk_test_…` or `pk_live_…`).
    pub fn new(publishable_key: impl Into<String>) -> Self {
        Self {
            publishable_key: publishable_key.into(),
            proxy_url: None,
            script_url: None,
            ui_script_url: None,
            sign_in_url: None,
            sign_up_url: None,
            after_sign_out_url: None,
            timeout: DEFAULT_TIMEOUT,
            telemetry: false,
            #[cfg(feature = "session-refresh")]
            session_refresh: Some(UseSessionRefreshOptions::default()),
            nonce: None,
            extras: LoadExtras::default(),
            navigation: None,
        }
    }

    /// Sends every Frontend API call through this proxy: an absolute `http(s)` URL or a
    /// same-origin path such as `/__clerk`. Default: none (calls go to the key's host).
    pub fn proxy_url(mut self, url: impl Into<String>) -> Self {
        self.proxy_url = Some(url.into());
        self
    }

    /// Where to load `clerk.browser.js` from. Default: the instance's (or proxy's)
    /// `/npm/@clerk/clerk-js@6/dist/clerk.browser.js`, as Clerk's React SDK does. Point it at
    /// your own copy of the npm package's `dist/` to self-host.
    pub fn script_url(mut self, url: impl Into<String>) -> Self {
        self.script_url = Some(url.into());
        self
    }

    /// Where to load Clerk's prebuilt UI (`@clerk/ui`'s `ui.browser.js`, for clerk-js 6) from,
    /// the first time a prebuilt component such as [`SignIn`](crate::SignIn) mounts. Default:
    /// the instance's (or proxy's) `/npm/@clerk/ui@1/dist/ui.browser.js`. Self-hosted, serve the
    /// whole `dist/` directory: the script fetches its chunks from beside itself.
    pub fn ui_script_url(mut self, url: impl Into<String>) -> Self {
        self.ui_script_url = Some(url.into());
        self
    }

    /// The app's own sign-in page (clerk-js' `signInUrl`), where redirects to sign in go.
    /// Default: the one configured on the instance (Clerk's Account Portal).
    pub fn sign_in_url(mut self, url: impl Into<String>) -> Self {
        self.sign_in_url = Some(url.into());
        self
    }

    /// The app's own sign-up page (clerk-js' `signUpUrl`). Default: the instance's.
    pub fn sign_up_url(mut self, url: impl Into<String>) -> Self {
        self.sign_up_url = Some(url.into());
        self
    }

    /// Where clerk-js goes after a sign-out that navigates (clerk-js' `afterSignOutUrl`).
    /// Default: the instance's.
    pub fn after_sign_out_url(mut self, url: impl Into<String>) -> Self {
        self.after_sign_out_url = Some(url.into());
        self
    }

    /// How long the script, and separately `Clerk.load()`, may take. Default: 15 s.
    /// Capped at one minute: the timer behind it must stay far below what browsers allow.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout.min(Duration::from_secs(60));
        self
    }

    /// Whether clerk-js may send telemetry to Clerk (development keys only). Default: off.
    pub fn telemetry(mut self, enabled: bool) -> Self {
        self.telemetry = enabled;
        self
    }

    /// How the provider's auto-refresh timer behaves (it touches the current session five
    /// minutes before it expires; see [`use_session_refresh`](crate::use_session_refresh)).
    /// Default: on, with the default options. The provider's timer comes with the cargo
    /// feature `session-refresh` (a default feature).
    ///
    /// ```
    /// use std::time::Duration;
    /// use leptos_clerk::{ClerkOptions, UseSessionRefreshOptions};
    /// let options = ClerkOptions::new("pk_test_Y2xlcmsuZXhhbXBsZS5jb20k")
    ///     .session_refresh(UseSessionRefreshOptions::default().lead(Duration::from_secs(600)));
    /// # let _ = options;
    /// ```
    #[cfg(feature = "session-refresh")]
    pub fn session_refresh(mut self, options: UseSessionRefreshOptions) -> Self {
        self.session_refresh = Some(options);
        self
    }

    /// Turns the provider's auto-refresh timer off. Without the cargo feature
    /// `session-refresh` it is off already, and its code is not in the app.
    ///
    /// ```
    /// use leptos_clerk::ClerkOptions;
    /// let options = ClerkOptions::new("pk_test_Y2xlcmsuZXhhbXBsZS5jb20k").without_session_refresh();
    /// # let _ = options;
    /// ```
    #[cfg_attr(not(feature = "session-refresh"), allow(unused_mut))]
    pub fn without_session_refresh(mut self) -> Self {
        #[cfg(feature = "session-refresh")]
        {
            self.session_refresh = None;
        }
        self
    }

    /// Lets clerk-js navigate inside the app (clerk-js' `routerPush` and `routerReplace`):
    /// after a sign-in, on a sign-in link, or between the steps of a prebuilt component with
    /// path routing, clerk-js calls `push` (or `replace`, for a navigation that replaces the
    /// history entry) with an in-app path such as `/sign-in/factor-one?redirect_url=…`,
    /// instead of loading a new page. Navigations to other origins still load the page.
    /// Default: none (every clerk-js navigation is a page load).
    ///
    /// clerk-js reads these once, when it loads: set them on the options of the first
    /// provider on the page. With Leptos' router, [`leptos_router`](Self::leptos_router) (cargo
    /// feature `router`) builds both from `use_navigate()`.
    ///
    /// ```no_run
    /// use leptos::prelude::*;
    /// use leptos_clerk::ClerkOptions;
    /// // Any router: here, one that logs and loads the page.
    /// let go = |path: String| { let _ = window().location().set_href(&path); };
    /// let options = ClerkOptions::new("pk_test_…").router(Callback::new(go), Callback::new(go));
    /// # let _ = options;
    /// ```
    pub fn router(mut self, push: Callback<String>, replace: Callback<String>) -> Self {
        self.navigation = Some(ClerkNavigation::new(push, replace));
        self
    }

    /// The app's navigation for clerk-js, if [`router`](Self::router) set one.
    pub(crate) fn navigation(&self) -> Option<ClerkNavigation> {
        self.navigation
    }

    /// The parsed publishable key, or why it is not one.
    pub(super) fn key(&self) -> Result<PublishableKey, LoadError> {
        PublishableKey::parse(&self.publishable_key)
            .map_err(|why| LoadError::InvalidPublishableKey(why.to_string()))
    }

    /// The Frontend API host the key names, if it is a valid key.
    pub(crate) fn frontend_api(&self) -> Option<String> {
        self.key().ok().map(|key| key.frontend_api)
    }

    /// The proxy URL, if one is set.
    pub(crate) fn proxy(&self) -> Option<&str> {
        self.proxy_url.as_deref()
    }

    /// The refresher options, if the provider runs one.
    #[cfg(feature = "session-refresh")]
    pub(crate) fn refresh_options(&self) -> Option<UseSessionRefreshOptions> {
        self.session_refresh
    }

    /// The script URL that will be loaded, or why there is none (an invalid key).
    pub fn resolved_script_url(&self) -> Result<String, LoadError> {
        if let Some(url) = &self.script_url {
            return Ok(url.clone());
        }
        self.npm_url("npm/@clerk/clerk-js@6/dist/clerk.browser.js")
    }

    /// `path` on the proxy, else on the instance's Frontend API, as Clerk's SDKs build it.
    fn npm_url(&self, path: &str) -> Result<String, LoadError> {
        Ok(match &self.proxy_url {
            Some(proxy) => format!("{}/{path}", proxy.trim_end_matches('/')),
            None => format!("https://{}/{path}", self.key()?.frontend_api),
        })
    }

    /// The `@clerk/ui` script URL that prebuilt components load, or why there is none.
    ///
    /// ```
    /// use leptos_clerk::ClerkOptions;
    /// let options = ClerkOptions::new("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k").proxy_url("/__clerk");
    /// assert_eq!(options.resolved_ui_script_url().unwrap(), "/__clerk/npm/@clerk/ui@1/dist/ui.browser.js");
    /// ```
    pub fn resolved_ui_script_url(&self) -> Result<String, LoadError> {
        if let Some(url) = &self.ui_script_url {
            return Ok(url.clone());
        }
        self.npm_url("npm/@clerk/ui@1/dist/ui.browser.js")
    }

    pub(crate) fn timeout_ms(&self) -> u32 {
        u32::try_from(self.timeout.as_millis()).unwrap_or(60_000)
    }
}
