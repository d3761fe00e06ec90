//! Extern types for the clerk-js resources a page acts on: `Client`, `SignIn`, `SignUp`,
//! `Token`.
//!
//! Their fields are read through [`JsObject`] and converted by [`model`](crate::model), never
//! through typed getters: a getter of the wrong type would trap, a `Reflect.get` cannot.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use super::clerk::{Clerk, Session};
use super::options::JsOptions;
use super::read::{JsObject, object_at};
use crate::ClerkError;
use crate::model::{SecondFactor, SecondFactorStrategy, SessionSnapshot, SignInProgress, SignUpProgress};

#[wasm_bindgen]
extern "C" {
    /// A clerk-js `Client`: this browser's sessions.
    #[derive(Clone, Debug)]
    pub type Client;

    /// A clerk-js `Token` (a decoded JWT).
    #[derive(Clone, Debug)]
    pub type Token;

    #[wasm_bindgen(method, catch, js_name = getRawString)]
    fn get_raw_string(this: &Token) -> Result<JsValue, JsValue>;

    /// A clerk-js `SignIn`: the client's sign-in attempt.
    #[derive(Clone, Debug)]
    pub type SignIn;

    #[wasm_bindgen(method, catch, js_name = create)]
    fn create_js(this: &SignIn, params: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = prepareFirstFactor)]
    fn prepare_first_factor_js(this: &SignIn, params: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = attemptFirstFactor)]
    fn attempt_first_factor_js(this: &SignIn, params: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = prepareSecondFactor)]
    fn prepare_second_factor_js(this: &SignIn, params: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = attemptSecondFactor)]
    fn attempt_second_factor_js(this: &SignIn, params: &JsValue) -> Result<JsValue, JsValue>;

    /// A clerk-js `SignUp`: the client's sign-up attempt. The resource-style methods used
    /// here exist in clerk-js 5 and 6 (6 calls them legacy, and keeps them).
    #[derive(Clone, Debug)]
    pub type SignUp;

    #[wasm_bindgen(method, catch, js_name = create)]
    fn create_js(this: &SignUp, params: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = prepareEmailAddressVerification)]
    fn prepare_email_address_verification_js(this: &SignUp, params: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = attemptEmailAddressVerification)]
    fn attempt_email_address_verification_js(this: &SignUp, params: &JsValue) -> Result<JsValue, JsValue>;
}

impl Clerk {
    /// `clerk.client`, once loaded.
    pub fn client(&self) -> Option<Client> {
        object_at(self, "client").map(JsCast::unchecked_into)
    }
}

impl Client {
    /// The session with this id among `client.sessions`.
    pub fn session(&self, id: &str) -> Option<Session> {
        let sessions = Reflect::get(self, &"sessions".into()).ok()?;
        sessions
            .dyn_into::<js_sys::Array>()
            .ok()?
            .iter()
            .find_map(|session| {
                let matches = Reflect::get(&session, &"id".into()).ok()?.as_string()? == id;
                matches.then(|| session.unchecked_into())
            })
    }

    /// `client.signIn`, the resource that starts a sign-in.
    pub fn sign_in(&self) -> Option<SignIn> {
        object_at(self, "signIn").map(JsCast::unchecked_into)
    }

    /// `client.signUp`, the resource that carries a sign-up (clerk-js replaces it on every
    /// emit, so read it again before each step).
    pub fn sign_up(&self) -> Option<SignUp> {
        object_at(self, "signUp").map(JsCast::unchecked_into)
    }
}

impl SignIn {
    /// What the sign-in says now, without calling Clerk.
    pub fn progress(&self) -> SignInProgress {
        JsObject::new(self.into())
            .map(|sign_in| SignInProgress::read(&sign_in))
            .unwrap_or_default()
    }

    /// `await signIn.create(params)`; reads the resulting status from the returned resource.
    pub async fn create(&self, params: JsOptions) -> Result<SignInProgress, ClerkError> {
        sign_in_progress(self.create_js(&params.into_js())).await
    }

    /// `await signIn.prepareFirstFactor({strategy: "email_code", emailAddressId})`: Clerk
    /// emails the code.
    pub async fn prepare_email_code(&self, email_address_id: &str) -> Result<SignInProgress, ClerkError> {
        let params = JsOptions::new()
            .text("strategy", "email_code")
            .text("emailAddressId", email_address_id);
        sign_in_progress(self.prepare_first_factor_js(&params.into_js())).await
    }

    /// `await signIn.attemptFirstFactor({strategy: "email_code", code})`.
    pub async fn attempt_email_code(&self, code: &str) -> Result<SignInProgress, ClerkError> {
        let params = JsOptions::new().text("strategy", "email_code").text("code", code);
        sign_in_progress(self.attempt_first_factor_js(&params.into_js())).await
    }

    /// `await signIn.prepareSecondFactor({strategy, phoneNumberId | emailAddressId})`: Clerk
    /// texts or emails the second factor's code.
    pub async fn prepare_second_factor(&self, factor: &SecondFactor) -> Result<SignInProgress, ClerkError> {
        let target = match factor.strategy {
            SecondFactorStrategy::EmailCode => "emailAddressId",
            _ => "phoneNumberId",
        };
        let params = JsOptions::new()
            .text("strategy", factor.strategy.as_str())
            .text_if(target, factor.target_id.as_deref());
        sign_in_progress(self.prepare_second_factor_js(&params.into_js())).await
    }

    /// `await signIn.attemptSecondFactor({strategy, code})`.
    pub async fn attempt_second_factor(
        &self,
        strategy: SecondFactorStrategy,
        code: &str,
    ) -> Result<SignInProgress, ClerkError> {
        let params = JsOptions::new()
            .text("strategy", strategy.as_str())
            .text("code", code);
        sign_in_progress(self.attempt_second_factor_js(&params.into_js())).await
    }
}

/// Awaits a `SignIn` method and reads the resource it resolves to.
async fn sign_in_progress(called: Result<JsValue, JsValue>) -> Result<SignInProgress, ClerkError> {
    let result = JsObject::new(super::clerk::settled(called).await?);
    Ok(result
        .map(|result| SignInProgress::read(&result))
        .unwrap_or_default())
}

impl SignUp {
    /// `await signUp.create(params)`.
    pub async fn create(&self, params: JsOptions) -> Result<SignUpProgress, ClerkError> {
        sign_up_progress(self.create_js(&params.into_js())).await
    }

    /// `await signUp.prepareEmailAddressVerification({strategy: "email_code"})`: Clerk
    /// emails the code.
    pub async fn prepare_email_code(&self) -> Result<SignUpProgress, ClerkError> {
        let params = JsOptions::new().text("strategy", "email_code");
        sign_up_progress(self.prepare_email_address_verification_js(&params.into_js())).await
    }

    /// `await signUp.attemptEmailAddressVerification({code})`.
    pub async fn attempt_email_code(&self, code: &str) -> Result<SignUpProgress, ClerkError> {
        let params = JsOptions::new().text("code", code);
        sign_up_progress(self.attempt_email_address_verification_js(&params.into_js())).await
    }
}

/// Awaits a `SignUp` method and reads the resource it resolves to.
async fn sign_up_progress(called: Result<JsValue, JsValue>) -> Result<SignUpProgress, ClerkError> {
    let result = JsObject::new(super::clerk::settled(called).await?);
    Ok(result
        .map(|result| SignUpProgress::read(&result))
        .unwrap_or_default())
}

impl Session {
    /// A plain copy of the session; `None` when it has no readable id.
    pub fn snapshot(&self) -> Option<SessionSnapshot> {
        SessionSnapshot::read(&JsObject::new(self.into())?, "session", &mut Default::default())
    }

    /// `session.lastActiveToken`: the token clerk-js last minted for this session.
    pub fn last_active_token(&self) -> Option<Token> {
        object_at(self, "lastActiveToken").map(JsCast::unchecked_into)
    }
}

impl Token {
    /// The JWT as a string (`getRawString()`, else the `__raw` field older versions expose).
    pub fn raw(&self) -> Option<String> {
        if let Some(raw) = self.get_raw_string().ok().and_then(|raw| raw.as_string()) {
            return Some(raw).filter(|raw| !raw.is_empty());
        }
        JsObject::new(self.into())?.text("__raw")
    }
}
