//! Bindings to `fake_clerk.js`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/tests/browser/fake_clerk.js")]
extern "C" {
    /// The fake Clerk object.
    pub type Fake;

    #[wasm_bindgen(js_name = installFakeClerk)]
    pub fn install(behaviour: &str) -> Fake;
    #[wasm_bindgen(js_name = removeFakeClerk)]
    pub fn remove();
    #[wasm_bindgen(js_name = listenerCount)]
    pub fn listener_count(fake: &Fake) -> u32;
    pub fn emit(fake: &Fake, resources: &JsValue);
    #[wasm_bindgen(js_name = makeSession)]
    pub fn make_session(id: &str, first_name: &str, last_name: &str, expire_at: f64) -> JsValue;
    #[wasm_bindgen(js_name = tokenResource)]
    pub fn token_resource(jwt: &str) -> JsValue;
    #[wasm_bindgen(js_name = makeOrganization)]
    pub fn make_organization(name: &str, slug: &str, members: u32) -> JsValue;
    #[wasm_bindgen(js_name = joinOrganization)]
    pub fn join_organization(session: &JsValue, organization: &JsValue, role: &str);
    #[wasm_bindgen(js_name = failGetToken)]
    pub fn fail_get_token(session: &JsValue, code: &str, message: &str);
    #[wasm_bindgen(js_name = setField)]
    pub fn set_field(object: &JsValue, key: &str, value: &JsValue);
    #[wasm_bindgen(js_name = lastSignOut)]
    pub fn last_sign_out(fake: &Fake) -> JsValue;

    #[wasm_bindgen(js_name = installWithSessions)]
    pub fn install_with_sessions(sessions: &js_sys::Array, current: &JsValue) -> Fake;
    #[wasm_bindgen(js_name = setBehaviour)]
    pub fn set_behaviour(fake: &Fake, key: &str, value: &str);
    pub fn calls(fake: &Fake, key: &str) -> u32;
    #[wasm_bindgen(js_name = calls)]
    pub fn session_calls(session: &JsValue, key: &str) -> u32;

    #[wasm_bindgen(js_name = addPrebuiltComponents)]
    pub fn add_prebuilt_components(fake: &Fake, refuse: bool);
    #[wasm_bindgen(js_name = mountLog)]
    pub fn mount_log(fake: &Fake) -> Vec<String>;
    #[wasm_bindgen(js_name = customItemShape)]
    pub fn custom_item_shape(fake: &Fake, index: u32) -> String;
    #[wasm_bindgen(js_name = mountCustomIcon)]
    pub fn mount_custom_icon(fake: &Fake, index: u32) -> web_sys::Element;
    #[wasm_bindgen(js_name = unmountCustomIcon)]
    pub fn unmount_custom_icon(fake: &Fake, index: u32, element: &web_sys::Element);
    #[wasm_bindgen(js_name = clickCustomItem)]
    pub fn click_custom_item(fake: &Fake, index: u32);

    #[wasm_bindgen(js_name = addSignUp)]
    pub fn add_sign_up(fake: &Fake, requires: Vec<String>);
    #[wasm_bindgen(js_name = signUpLog)]
    pub fn sign_up_log(fake: &Fake) -> Vec<String>;

    #[wasm_bindgen(js_name = addSignIn)]
    pub fn add_sign_in(fake: &Fake);
    #[wasm_bindgen(js_name = signInLog)]
    pub fn sign_in_log(fake: &Fake) -> Vec<String>;

    #[wasm_bindgen(js_name = recordFetches)]
    pub fn record_fetches() -> js_sys::Array;
    #[wasm_bindgen(js_name = restoreFetch)]
    pub fn restore_fetch();

    #[wasm_bindgen(method, getter, js_name = loadCalls)]
    pub fn load_calls(this: &Fake) -> u32;
    #[wasm_bindgen(method, getter, js_name = signOutCalls)]
    pub fn sign_out_calls(this: &Fake) -> u32;
}

/// An emit payload `{client, session, user}` with `session` as the only session.
pub fn signed_in(session: &JsValue) -> JsValue {
    let sessions = js_sys::Array::of1(session);
    let client = js_sys::Object::new();
    set_field(&client, "id", &"client_1".into());
    set_field(&client, "sessions", &sessions);
    let payload = js_sys::Object::new();
    set_field(&payload, "client", &client);
    set_field(&payload, "session", session);
    let user = js_sys::Reflect::get(session, &"user".into()).unwrap_or(JsValue::NULL);
    set_field(&payload, "user", &user);
    payload.into()
}

/// Installs a loaded fake whose current session is `session`.
pub fn install_signed_in(session: &JsValue) -> Fake {
    let fake = install("ready");
    let payload = signed_in(session);
    for key in ["client", "session", "user"] {
        set_field(&fake, key, &js_sys::Reflect::get(&payload, &key.into()).unwrap());
    }
    fake
}
