//! [`ClerkOptions`] setters for what clerk-js is told when it loads: the look and language of
//! Clerk's components, where sign-in and sign-up lead, which redirects it may follow, the
//! page's CSP nonce, and any other `Clerk.load()` option by name.

use serde_json::Value;

use super::appearance::Appearance;
use super::options::ClerkOptions;

impl ClerkOptions {
    /// How every prebuilt component looks (clerk-js' global `appearance`); a component's own
    /// `appearance` prop goes on top.
    ///
    /// ```
    /// use leptos_clerk::{Appearance, AppearanceVariables, ClerkOptions};
    /// let options = ClerkOptions::new("pk_test_…").appearance(Appearance {
    ///     variables: AppearanceVariables { color_primary: Some("#6c47ff".into()), ..Default::default() },
    ///     ..Default::default()
    /// });
    /// # let _ = options;
    /// ```
    pub fn appearance(self, appearance: Appearance) -> Self {
        self.load_option("appearance", appearance.to_json())
    }

    /// The texts of Clerk's components: one of `@clerk/localizations`' objects as JSON, or
    /// just the keys to override (Clerk merges them over English).
    ///
    /// ```
    /// use leptos_clerk::ClerkOptions;
    /// let options = ClerkOptions::new("pk_test_…").localization(serde_json::json!({
    ///     "signIn": { "start": { "subtitle": "Welcome back to Acme" } }
    /// }));
    /// # let _ = options;
    /// ```
    ///
    /// A whole locale, saved once from the npm package
    /// (`node -e 'import("@clerk/localizations").then(l => console.log(JSON.stringify(l.frFR)))' > fr-FR.json`),
    /// is `serde_json::from_str(include_str!("fr-FR.json"))`.
    pub fn localization(self, localization: Value) -> Self {
        self.load_option("localization", localization)
    }

    /// Where a finished sign-in goes when the URL names no `redirect_url`
    /// (`signInFallbackRedirectUrl`). Default: the instance's, usually `/`.
    pub fn sign_in_fallback_redirect_url(self, url: impl Into<String>) -> Self {
        self.load_option("signInFallbackRedirectUrl", Value::String(url.into()))
    }

    /// Where every finished sign-in goes, whatever the URL says (`signInForceRedirectUrl`).
    pub fn sign_in_force_redirect_url(self, url: impl Into<String>) -> Self {
        self.load_option("signInForceRedirectUrl", Value::String(url.into()))
    }

    /// Where a finished sign-up goes when the URL names no `redirect_url`
    /// (`signUpFallbackRedirectUrl`).
    pub fn sign_up_fallback_redirect_url(self, url: impl Into<String>) -> Self {
        self.load_option("signUpFallbackRedirectUrl", Value::String(url.into()))
    }

    /// Where every finished sign-up goes, whatever the URL says (`signUpForceRedirectUrl`).
    pub fn sign_up_force_redirect_url(self, url: impl Into<String>) -> Self {
        self.load_option("signUpForceRedirectUrl", Value::String(url.into()))
    }

    /// The origins clerk-js may redirect to (`allowedRedirectOrigins`), besides the page's
    /// own. Default: clerk-js' (the page's origin and the instance's).
    ///
    /// ```
    /// use leptos_clerk::ClerkOptions;
    /// let options = ClerkOptions::new("pk_test_…")
    ///     .allowed_redirect_origins(["https://app.example.com", "https://admin.example.com"]);
    /// # let _ = options;
    /// ```
    pub fn allowed_redirect_origins(self, origins: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.load_option("allowedRedirectOrigins", strings(origins))
    }

    /// The URL schemes clerk-js may redirect to besides `http:` and `https:`
    /// (`allowedRedirectProtocols`), such as a desktop app's `myapp:`.
    pub fn allowed_redirect_protocols(self, protocols: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.load_option("allowedRedirectProtocols", strings(protocols))
    }

    /// The page's Content-Security-Policy nonce. It goes on the script tags the provider adds
    /// (clerk-js, Clerk's UI) and to clerk-js, which puts it on the styles and scripts it adds
    /// itself (its CSS-in-JS, the CAPTCHA). See README's "Content Security Policy" section,
    /// and [`csp::ClerkCsp`](crate::csp::ClerkCsp) for the policy.
    ///
    /// ```
    /// use leptos_clerk::ClerkOptions;
    /// // In the browser, `leptos_clerk::js::page_nonce()` reads the nonce the server gave the page.
    /// let options = ClerkOptions::new("pk_test_…").nonce("rAnd0m");
    /// # let _ = options;
    /// ```
    pub fn nonce(mut self, nonce: impl Into<String>) -> Self {
        self.nonce = Some(nonce.into());
        self
    }

    /// Sets any `Clerk.load()` option by its clerk-js name: the escape hatch for what is not
    /// typed here (`supportEmail`, `touchSession`, `taskUrls`, a newer option…). It replaces
    /// a value the typed setters gave the same name.
    ///
    /// ```
    /// use leptos_clerk::ClerkOptions;
    /// let options = ClerkOptions::new("pk_test_…")
    ///     .load_option("supportEmail", serde_json::json!("help@example.com"));
    /// # let _ = options;
    /// ```
    pub fn load_option(mut self, name: impl Into<String>, value: Value) -> Self {
        self.extras.set(name, value);
        self
    }

    /// The value a setter gave the `Clerk.load()` option `name`, if any.
    ///
    /// ```
    /// use leptos_clerk::ClerkOptions;
    /// let options = ClerkOptions::new("pk_test_…").sign_in_fallback_redirect_url("/welcome");
    /// assert_eq!(options.load_option_value("signInFallbackRedirectUrl"), Some(&serde_json::json!("/welcome")));
    /// ```
    pub fn load_option_value(&self, name: &str) -> Option<&Value> {
        self.extras.get(name)
    }
}

fn strings(items: impl IntoIterator<Item = impl Into<String>>) -> Value {
    Value::Array(items.into_iter().map(|item| Value::String(item.into())).collect())
}
