//! The `Clerk.load()` options most apps never set (appearance, localization, redirect rules,
//! raw options), kept as JSON until `load()`.
//!
//! The JSON-to-JS converter is reached only through a trait object that the setters make,
//! so an app that sets none of these options does not carry the converter in its wasm.

use std::fmt;
use std::sync::Arc;

use serde_json::Value;

use crate::js::JsOptions;

/// Extra `load()` options by clerk-js name, in the order they were set (a later value for
/// the same name replaces the earlier one).
///
/// Behind a trait object made only by [`LoadExtras::set`]: cloning and dropping the options
/// of an app that sets none must not pull JSON's drop and clone code into its wasm.
#[derive(Clone, Default)]
pub(super) struct LoadExtras(Option<Arc<dyn ExtraFields>>);

trait ExtraFields: Send + Sync {
    fn fields(&self) -> &[(String, Value)];
    fn write(&self, options: JsOptions) -> JsOptions;
}

struct JsonFields(Vec<(String, Value)>);

impl ExtraFields for JsonFields {
    fn fields(&self) -> &[(String, Value)] {
        &self.0
    }

    fn write(&self, options: JsOptions) -> JsOptions {
        self.0.iter().fold(options, |options, (key, value)| {
            options.value(key, &JsOptions::from_json(value))
        })
    }
}

impl LoadExtras {
    fn fields(&self) -> &[(String, Value)] {
        self.0.as_deref().map_or(&[], ExtraFields::fields)
    }

    /// Sets `key` to `value`.
    pub(super) fn set(&mut self, key: impl Into<String>, value: Value) {
        let key = key.into();
        let mut fields = self.fields().to_vec();
        match fields.iter_mut().find(|(existing, _)| *existing == key) {
            Some((_, slot)) => *slot = value,
            None => fields.push((key, value)),
        }
        self.0 = Some(Arc::new(JsonFields(fields)));
    }

    /// The value set for `key`, if any.
    pub(super) fn get(&self, key: &str) -> Option<&Value> {
        self.fields()
            .iter()
            .find(|(existing, _)| existing == key)
            .map(|(_, value)| value)
    }

    /// `options` with every extra field added.
    pub(super) fn write_into(&self, options: JsOptions) -> JsOptions {
        match &self.0 {
            Some(fields) => fields.write(options),
            None => options,
        }
    }
}

impl PartialEq for LoadExtras {
    fn eq(&self, other: &Self) -> bool {
        self.fields() == other.fields()
    }
}

impl fmt::Debug for LoadExtras {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.fields().iter().map(|(key, value)| (key, value)))
            .finish()
    }
}
