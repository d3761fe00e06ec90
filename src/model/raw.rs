//! The shape of untrusted input: what one property of a JS object turned out to be.
//!
//! The converter never sees a `JsValue`. `bindings` classifies each property it reads into a
//! [`RawValue`]; tests build the same values by hand. That keeps every decision about
//! defaults and errors in pure Rust, testable without a browser.

/// One property read from an untrusted object, already classified by type.
///
/// `O` is the object handle: a live JS object in the browser, a plain map in tests. Objects
/// are read lazily, field by field, so a huge or cyclic clerk-js resource is never walked
/// whole.
#[derive(Clone, Debug, PartialEq)]
pub enum RawValue<O> {
    /// The property does not exist (`undefined`).
    Missing,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number, possibly NaN or infinite.
    Number(f64),
    /// A string.
    Text(String),
    /// A JS `Date`, as its `getTime()`: milliseconds since the epoch, NaN for an invalid Date.
    Date(f64),
    /// An array, each element classified shallowly.
    List(Vec<RawValue<O>>),
    /// Any other object.
    Object(O),
    /// Something no field of ours can hold (a function, a symbol, a getter that threw); the
    /// text says what it was.
    Other(&'static str),
}

impl<O> RawValue<O> {
    /// A short name of the JS type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            RawValue::Missing => "undefined",
            RawValue::Null => "null",
            RawValue::Bool(_) => "boolean",
            RawValue::Number(_) => "number",
            RawValue::Text(_) => "string",
            RawValue::Date(_) => "Date",
            RawValue::List(_) => "array",
            RawValue::Object(_) => "object",
            RawValue::Other(what) => what,
        }
    }

    /// True for `undefined` and `null`: "no value", which most fields accept.
    pub fn is_absent(&self) -> bool {
        matches!(self, RawValue::Missing | RawValue::Null)
    }
}

/// `object[key]` when it is a non-empty string; anything else reads as absent.
pub(crate) fn non_empty_text<O: RawObject>(object: &O, key: &str) -> Option<String> {
    match object.get(key) {
        RawValue::Text(text) if !text.is_empty() => Some(text),
        _ => None,
    }
}

/// A read-only view of one untrusted object (a clerk-js resource, or a test double).
pub trait RawObject: Sized {
    /// Reads property `key`. Never fails: a throwing getter becomes [`RawValue::Other`].
    fn get(&self, key: &str) -> RawValue<Self>;

    /// The object's own enumerable property names (`Object.keys`), for the few fields that
    /// are free-form maps (a user's metadata). Default: none, for shapes that are only ever
    /// read by name.
    fn keys(&self) -> Vec<String> {
        Vec::new()
    }

    /// Whether `self` and `other` are one and the same object (JS `===`), so that what was
    /// read from one need not be read again from the other. Default: never, for shapes
    /// without identity.
    fn is(&self, _other: &Self) -> bool {
        false
    }
}
