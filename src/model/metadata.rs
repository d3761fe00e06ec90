//! [`UserMetadata`]: a user's `publicMetadata` and `unsafeMetadata`, copied as JSON.
//!
//! Metadata is free-form JSON that an app's backend (public) or its frontend (unsafe) wrote.
//! It is read only by the apps that ask for it ([`use_user_metadata`](crate::use_user_metadata)),
//! not on every emit with the rest of [`UserSnapshot`](super::UserSnapshot), so an app that
//! never shows metadata pays nothing for JSON.

use serde_json::{Map, Number, Value};

use super::problem::{ConvertProblem, FieldProblem, Problems};
use super::raw::{RawObject, RawValue};
use super::reader::Reader;

/// How deep a metadata value may nest before the copy stops (Clerk's own limit on metadata
/// is 8 KB of JSON, far below this).
pub const METADATA_MAX_DEPTH: usize = 32;
/// How many values (objects, arrays and scalars together) one metadata field may hold.
/// A cyclic or enormous object stops here instead of hanging the page.
pub const METADATA_MAX_VALUES: usize = 10_000;

/// A user's metadata, as the page's clerk-js `User` holds it.
///
/// `public_metadata` is set by the app's backend (Clerk's Backend API) and is read-only in
/// the browser; `unsafe_metadata` is whatever the browser wrote with `user.update`. Both
/// are JSON objects; a field clerk-js did not fill reads as an empty object.
///
/// ```
/// use leptos_clerk::model::UserMetadata;
/// use serde_json::json;
///
/// let metadata = UserMetadata {
///     user_id: "user_ada".into(),
///     public_metadata: json!({"role": "admin"}).as_object().cloned().unwrap(),
///     ..Default::default()
/// };
/// assert_eq!(metadata.public("role"), Some(&json!("admin")));
/// assert_eq!(metadata.unsafe_("theme"), None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserMetadata {
    /// Whose metadata this is.
    pub user_id: String,
    /// `user.publicMetadata`: set by the backend, readable by the page.
    pub public_metadata: Map<String, Value>,
    /// `user.unsafeMetadata`: set by the page itself; do not trust it for authorization.
    pub unsafe_metadata: Map<String, Value>,
    /// Whatever could not be copied (a function, a non-finite number, a cycle), with its
    /// path; the rest was copied.
    pub problems: Vec<ConvertProblem>,
}

impl UserMetadata {
    /// One key of `public_metadata`.
    pub fn public(&self, key: &str) -> Option<&Value> {
        self.public_metadata.get(key)
    }

    /// One key of `unsafe_metadata`.
    pub fn unsafe_(&self, key: &str) -> Option<&Value> {
        self.unsafe_metadata.get(key)
    }

    /// Reads a clerk-js `User`'s metadata; `None` when the user has no id.
    pub(crate) fn read<O: RawObject>(user: &O, path: &str) -> Option<Self> {
        let mut problems = Problems::default();
        let mut r = Reader::new(user, path, &mut problems);
        let user_id = r.required_text("id")?;
        let public_metadata = json_object(user, path, "publicMetadata", r.problems());
        let unsafe_metadata = json_object(user, path, "unsafeMetadata", r.problems());
        Some(Self {
            user_id,
            public_metadata,
            unsafe_metadata,
            problems: problems.into_vec(),
        })
    }
}

/// `owner[key]` as a JSON object: absent reads as `{}` (as clerk-js defaults it), another
/// type is a problem and `{}`.
fn json_object<O: RawObject>(
    owner: &O,
    path: &str,
    key: &str,
    problems: &mut Problems,
) -> Map<String, Value> {
    let path = format!("{path}.{key}");
    match owner.get(key) {
        RawValue::Object(object) => {
            let mut copy = JsonCopy { problems, values: 0 };
            copy.object(&object, &path, 1)
        }
        value if value.is_absent() => Map::new(),
        value => {
            let found = value.type_name();
            problems.push(
                path,
                FieldProblem::WrongType {
                    expected: "an object",
                    found,
                },
            );
            Map::new()
        }
    }
}

/// One metadata field being copied, with the values copied so far.
struct JsonCopy<'a> {
    problems: &'a mut Problems,
    values: usize,
}

impl JsonCopy<'_> {
    fn object<O: RawObject>(&mut self, object: &O, path: &str, depth: usize) -> Map<String, Value> {
        let mut map = Map::new();
        for key in object.keys() {
            let child = format!("{path}.{key}");
            // `undefined` properties are left out, as JSON.stringify leaves them out.
            if let Some(value) = self.value(object.get(&key), &child, depth) {
                map.insert(key, value);
            }
        }
        map
    }

    /// The JSON for one value; `None` for `undefined` and for what JSON cannot hold.
    fn value<O: RawObject>(&mut self, raw: RawValue<O>, path: &str, depth: usize) -> Option<Value> {
        self.values += 1;
        if self.values > METADATA_MAX_VALUES {
            // Reported once, at the first value over the limit.
            if self.values == METADATA_MAX_VALUES + 1 {
                self.problems
                    .push(path, FieldProblem::TooLarge("more than 10000 values"));
            }
            return None;
        }
        let nested = matches!(raw, RawValue::Object(_) | RawValue::List(_));
        if nested && depth >= METADATA_MAX_DEPTH {
            self.problems
                .push(path, FieldProblem::TooLarge("nested more than 32 levels"));
            return None;
        }
        match raw {
            RawValue::Missing => None,
            RawValue::Null => Some(Value::Null),
            RawValue::Bool(flag) => Some(Value::Bool(flag)),
            RawValue::Text(text) => Some(Value::String(text)),
            RawValue::Number(number) => match json_number(number) {
                Some(number) => Some(Value::Number(number)),
                None => {
                    self.wrong(path, "a finite number", "NaN or Infinity");
                    None
                }
            },
            RawValue::List(items) => Some(Value::Array(
                items
                    .into_iter()
                    .enumerate()
                    // A hole or an unusable element becomes null, keeping the indexes.
                    .map(|(i, item)| {
                        self.value(item, &format!("{path}[{i}]"), depth + 1)
                            .unwrap_or(Value::Null)
                    })
                    .collect(),
            )),
            RawValue::Object(object) => Some(Value::Object(self.object(&object, path, depth + 1))),
            other => {
                self.wrong(path, "a JSON value", other.type_name());
                None
            }
        }
    }

    fn wrong(&mut self, path: &str, expected: &'static str, found: &'static str) {
        self.problems
            .push(path, FieldProblem::WrongType { expected, found });
    }
}

/// A whole number in JS's safe range stays an integer (`3`, not `3.0`); NaN and ±Infinity
/// have no JSON form.
fn json_number(number: f64) -> Option<Number> {
    const SAFE: f64 = 9_007_199_254_740_991.0;
    if number.fract() == 0.0 && number.abs() <= SAFE {
        Some(Number::from(number as i64))
    } else {
        Number::from_f64(number)
    }
}
