//! One builder for every options object this crate hands to clerk-js or the browser.
//!
//! Only the fields that were given are set, under the callee's names, so its own defaults
//! apply to the rest. Plain data that has to be compared or stored first (a prebuilt
//! component's props live in a memo) is kept as `serde_json::Value` and converted here,
//! with [`JsOptions::from_json`], at the last moment.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

/// A plain JS object under construction.
///
/// ```no_run
/// use leptos_clerk::js::JsOptions;
/// let options = JsOptions::new()
///     .text_if("template", Some("hasura"))
///     .when(true, |o| o.flag("skipCache", true));
/// # let _ = options;
/// ```
#[derive(Clone, Debug)]
pub struct JsOptions(Object);

impl Default for JsOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl JsOptions {
    /// An empty object.
    pub fn new() -> Self {
        Self(Object::new())
    }

    /// Sets `key` to `value`. `Reflect.set` on a fresh plain object cannot fail.
    pub(crate) fn value(self, key: &str, value: &JsValue) -> Self {
        let _ = Reflect::set(&self.0, &JsValue::from_str(key), value);
        self
    }

    /// Sets `key` to a string.
    pub fn text(self, key: &str, value: &str) -> Self {
        self.value(key, &JsValue::from_str(value))
    }

    /// Sets `key` to a string when there is one; leaves it out otherwise.
    pub fn text_if(self, key: &str, value: Option<&str>) -> Self {
        match value {
            Some(value) => self.text(key, value),
            None => self,
        }
    }

    /// Sets `key` to a string, or to `null` (which clerk-js reads as "none", unlike a
    /// missing field, which it reads as "keep").
    pub fn text_or_null(self, key: &str, value: Option<&str>) -> Self {
        let value = value.map_or(JsValue::NULL, JsValue::from_str);
        self.value(key, &value)
    }

    /// Sets `key` to a boolean.
    pub fn flag(self, key: &str, value: bool) -> Self {
        self.value(key, &JsValue::from_bool(value))
    }

    /// Sets `key` to a number.
    pub fn number(self, key: &str, value: f64) -> Self {
        self.value(key, &JsValue::from_f64(value))
    }

    /// Sets `key` to a nested object.
    pub fn object(self, key: &str, value: JsOptions) -> Self {
        self.value(key, &value.0)
    }

    /// Sets `key` to an array of objects.
    pub fn list(self, key: &str, items: impl IntoIterator<Item = JsOptions>) -> Self {
        let array: Array = items.into_iter().map(|item| item.0).collect();
        self.value(key, &array)
    }

    /// Applies `then` only when `condition` holds, keeping a builder chain linear.
    pub fn when(self, condition: bool, then: impl FnOnce(Self) -> Self) -> Self {
        if condition { then(self) } else { self }
    }

    /// The object itself, to copy from.
    pub(crate) fn as_object(&self) -> &Object {
        &self.0
    }

    /// The object, for a JS call.
    pub(crate) fn into_js(self) -> JsValue {
        self.0.into()
    }

    /// A JS value equal to `value`: objects, arrays, strings, numbers, booleans and null,
    /// built directly (no `JSON.stringify` and `JSON.parse` round trip).
    pub fn from_json(value: &serde_json::Value) -> JsValue {
        use serde_json::Value;
        match value {
            Value::Null => JsValue::NULL,
            Value::Bool(flag) => JsValue::from_bool(*flag),
            Value::Number(number) => number.as_f64().map_or(JsValue::NULL, JsValue::from_f64),
            Value::String(text) => JsValue::from_str(text),
            Value::Array(items) => items.iter().map(Self::from_json).collect::<Array>().into(),
            Value::Object(fields) => fields
                .iter()
                .fold(Self::new(), |object, (key, value)| {
                    object.value(key, &Self::from_json(value))
                })
                .into_js(),
        }
    }
}
