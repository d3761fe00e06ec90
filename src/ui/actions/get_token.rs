//! [`GetToken`]: a JWT for the current session.

use crate::ClerkError;
use crate::js::{Clerk, JsOptions};

/// Options for [`GetToken::call`].
///
/// ```
/// use leptos_clerk::GetTokenOptions;
/// let hasura = GetTokenOptions::default().template("hasura");
/// # let _ = hasura;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GetTokenOptions {
    template: Option<String>,
    organization_id: Option<String>,
    skip_cache: bool,
}

impl GetTokenOptions {
    /// A JWT template's name; sent to clerk-js unchanged. Default: the session token.
    pub fn template(mut self, name: impl Into<String>) -> Self {
        self.template = Some(name.into());
        self
    }

    /// Mint the token for this organization. Default: the session's active organization.
    pub fn organization_id(mut self, id: impl Into<String>) -> Self {
        self.organization_id = Some(id.into());
        self
    }

    /// Bypass clerk-js' token cache. Default: false.
    pub fn skip_cache(mut self, skip: bool) -> Self {
        self.skip_cache = skip;
        self
    }

    /// clerk-js' `getToken` options.
    fn to_js(&self) -> JsOptions {
        JsOptions::new()
            .text_if("template", self.template.as_deref())
            .text_if("organizationId", self.organization_id.as_deref())
            .when(self.skip_cache, |o| o.flag("skipCache", true))
    }
}

/// Gets a token for the current session from clerk-js (cached by clerk-js, refreshed
/// before it expires). `Copy`, so it can go into any async block.
///
/// ```no_run
/// use leptos_clerk::{use_auth, GetTokenOptions};
///
/// # async fn call_api() -> Result<(), leptos_clerk::ClerkError> {
/// let get_token = use_auth().get_token;
/// let jwt: String = get_token.call(GetTokenOptions::default()).await?;
/// // send it as `Authorization: Bearer {jwt}`
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct GetToken {
    _private: (),
}

impl GetToken {
    pub(crate) fn new() -> Self {
        Self { _private: () }
    }

    /// The JWT, or [`ClerkError::SignedOut`] when this tab has no session.
    pub async fn call(&self, options: GetTokenOptions) -> Result<String, ClerkError> {
        let clerk = Clerk::loaded_from_window()?;
        let session = clerk.session().ok_or(ClerkError::SignedOut)?;
        session
            .get_token(options.to_js())
            .await?
            .ok_or(ClerkError::SignedOut)
    }
}
