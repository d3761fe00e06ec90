//! The OAuth redirect round trip: `signIn.authenticateWithRedirect` (leaves the page for
//! the provider) and `Clerk.handleRedirectCallback` (finishes on the app's callback route).

use wasm_bindgen::prelude::*;

use super::clerk::{Clerk, settled};
use super::options::JsOptions;
use super::resources::SignIn;
use crate::ClerkError;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(method, catch, js_name = authenticateWithRedirect)]
    fn authenticate_with_redirect_js(this: &SignIn, params: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = handleRedirectCallback)]
    fn handle_redirect_callback_js(this: &Clerk, params: &JsValue) -> Result<JsValue, JsValue>;
}

impl SignIn {
    /// `await signIn.authenticateWithRedirect(params)`: creates the OAuth sign-in, then
    /// clerk-js sends the window to the provider. Resolves as the page starts to leave.
    pub async fn authenticate_with_redirect(&self, params: JsOptions) -> Result<(), ClerkError> {
        settled(self.authenticate_with_redirect_js(&params.into_js()))
            .await
            .map(drop)
    }
}

impl Clerk {
    /// `await clerk.handleRedirectCallback(params)`: reads the client's sign-in and sign-up
    /// as the OAuth callback left them and activates the session or navigates to the next
    /// step (through the app's router, like every clerk-js navigation).
    pub async fn handle_redirect_callback(&self, params: JsOptions) -> Result<(), ClerkError> {
        settled(self.handle_redirect_callback_js(&params.into_js()))
            .await
            .map(drop)
    }
}
