//! The reading half of the converter: classify a JS property into a [`RawValue`].

use js_sys::{Array, Date, Reflect};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::model::{RawObject, RawValue};

/// An untrusted JS object, read one property at a time.
///
/// Reads go through `Reflect.get`, which also runs clerk-js' getters (`primaryEmailAddress`,
/// `signedInSessions`); a getter that throws reads as [`RawValue::Other`], never a panic.
#[derive(Clone, Debug)]
pub struct JsObject(JsValue);

impl JsObject {
    /// Wraps `value` if it is an object (or function); primitives have no fields to read.
    pub fn new(value: JsValue) -> Option<Self> {
        value.is_object().then_some(Self(value))
    }

    /// `self[key]` when it is a non-empty string; anything else (missing, empty, another
    /// type, a throwing getter) is `None`.
    pub fn text(&self, key: &str) -> Option<String> {
        match self.get(key) {
            RawValue::Text(text) if !text.is_empty() => Some(text),
            _ => None,
        }
    }
}

#[wasm_bindgen]
extern "C" {
    /// `Reflect.get(target, key)` with the key handed over as text: one call into JS where
    /// making a JS string first would be two.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn get_named(target: &JsValue, key: &str) -> Result<JsValue, JsValue>;
}

impl RawObject for JsObject {
    fn get(&self, key: &str) -> RawValue<Self> {
        match get_named(&self.0, key) {
            Ok(value) => classify(value),
            Err(_) => RawValue::Other("a getter that threw"),
        }
    }

    /// `Reflect.ownKeys`, strings only (symbols have no JSON name); a Proxy whose
    /// `ownKeys` throws has none.
    fn keys(&self) -> Vec<String> {
        Reflect::own_keys(&self.0)
            .map(|keys| keys.iter().filter_map(|key| key.as_string()).collect())
            .unwrap_or_default()
    }

    fn is(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

/// Sorts a JS value into the shapes the converter understands.
///
/// Each question is a call into JS, and a switch reads thousands of fields: strings and
/// objects, which most fields are, are asked about first.
pub(crate) fn classify(value: JsValue) -> RawValue<JsObject> {
    if let Some(text) = value.as_string() {
        RawValue::Text(text)
    } else if value.is_object() {
        // `typeof` is "object" and it is not null: a plain object, a Date or an array.
        if let Some(date) = value.dyn_ref::<Date>() {
            RawValue::Date(date.get_time())
        } else if Array::is_array(&value) {
            // Elements are classified shallowly; nested objects stay lazy handles.
            RawValue::List(Array::from(&value).iter().map(classify).collect())
        } else {
            RawValue::Object(JsObject(value))
        }
    } else if value.is_undefined() {
        RawValue::Missing
    } else if value.is_null() {
        RawValue::Null
    } else if let Some(flag) = value.as_bool() {
        RawValue::Bool(flag)
    } else if let Some(number) = value.as_f64() {
        RawValue::Number(number)
    } else if value.is_function() {
        RawValue::Other("function")
    } else {
        RawValue::Other("symbol or bigint")
    }
}

/// Turns whatever clerk-js threw into a [`ClerkError`](crate::ClerkError).
///
/// Clerk API errors carry `errors: [{code, message, longMessage}]`; plain `Error`s carry
/// `message`; anything else is shown as it stringifies.
pub(crate) fn clerk_error(thrown: JsValue) -> crate::ClerkError {
    let first_error = JsObject::new(thrown.clone()).and_then(|error| match error.get("errors") {
        RawValue::List(list) => list.into_iter().find_map(|item| match item {
            RawValue::Object(item) => Some(item),
            _ => None,
        }),
        _ => None,
    });
    if let Some(api_error) = first_error {
        let message = api_error
            .text("longMessage")
            .or_else(|| api_error.text("long_message"))
            .or_else(|| api_error.text("message"))
            .unwrap_or_else(|| "Clerk returned an error".to_owned());
        return crate::ClerkError::Clerk {
            code: api_error.text("code"),
            message,
        };
    }
    let error = JsObject::new(thrown.clone());
    let message = error
        .as_ref()
        .and_then(|error| error.text("message"))
        .or_else(|| thrown.as_string())
        .unwrap_or_else(|| "clerk-js failed without a message".to_owned());
    // clerk-js' runtime errors carry a `code`; a failed fetch is a TypeError.
    let code = error.as_ref().and_then(|error| error.text("code"));
    let name = error.as_ref().and_then(|error| error.text("name"));
    let offline = code.as_deref() == Some("clerk_offline") || name.as_deref() == Some("ClerkOfflineError");
    let fetch_failed = name.as_deref() == Some("TypeError") && message.contains("fetch");
    if offline {
        crate::ClerkError::Offline
    } else if code.as_deref() == Some("network_error") || fetch_failed {
        crate::ClerkError::Network(message)
    } else {
        crate::ClerkError::Clerk { code, message }
    }
}

/// The object at `owner[key]`, if it is one.
pub(crate) fn object_at(owner: &JsValue, key: &str) -> Option<JsValue> {
    get_named(owner, key).ok().filter(JsValue::is_object)
}
