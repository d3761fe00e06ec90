//! Typed reads of one untrusted object, recording every problem with its path.

use super::problem::{FieldProblem, Problems};
use super::raw::{RawObject, RawValue};
use super::time::time_ms;

/// Reads the fields of one object; each read falls back to a typed default on bad input and
/// records why under `path.field`.
pub(crate) struct Reader<'a, O> {
    object: &'a O,
    path: &'a str,
    problems: &'a mut Problems,
}

impl<'a, O: RawObject> Reader<'a, O> {
    pub(crate) fn new(object: &'a O, path: &'a str, problems: &'a mut Problems) -> Self {
        Self {
            object,
            path,
            problems,
        }
    }

    pub(crate) fn path_of(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    fn wrong(&mut self, key: &str, expected: &'static str, found: &RawValue<O>) {
        let problem = FieldProblem::WrongType {
            expected,
            found: found.type_name(),
        };
        self.problems.push(self.path_of(key), problem);
    }

    /// A string field; absent gives `None`, an empty string counts as absent.
    pub(crate) fn text(&mut self, key: &str) -> Option<String> {
        let value = self.object.get(key);
        self.text_of(key, value)
    }

    /// [`text`](Self::text) of a value already read from `key`.
    fn text_of(&mut self, key: &str, value: RawValue<O>) -> Option<String> {
        match value {
            RawValue::Text(text) if text.is_empty() => None,
            RawValue::Text(text) => Some(text),
            value if value.is_absent() => None,
            value => {
                self.wrong(key, "a string", &value);
                None
            }
        }
    }

    /// A string field the resource cannot do without (an id); its absence is a problem too.
    pub(crate) fn required_text(&mut self, key: &str) -> Option<String> {
        // One read: in the browser each is a property access, and a getter may run.
        let value = self.object.get(key);
        if value.is_absent() {
            self.problems.push(self.path_of(key), FieldProblem::Missing);
            return None;
        }
        self.text_of(key, value)
    }

    /// A boolean field; absent gives `false`.
    pub(crate) fn flag(&mut self, key: &str) -> bool {
        match self.object.get(key) {
            RawValue::Bool(flag) => flag,
            value if value.is_absent() => false,
            value => {
                self.wrong(key, "a boolean", &value);
                false
            }
        }
    }

    /// A time field as epoch milliseconds; absent or invalid gives `None`.
    pub(crate) fn time(&mut self, key: &str) -> Option<i64> {
        time_ms(&self.object.get(key)).unwrap_or_else(|problem| {
            self.problems.push(self.path_of(key), problem);
            None
        })
    }

    /// A count: a whole number from 0 up; absent gives `None`, anything else is a problem.
    pub(crate) fn count(&mut self, key: &str) -> Option<u64> {
        match self.object.get(key) {
            RawValue::Number(n) if n >= 0.0 && n.fract() == 0.0 && n <= 9_007_199_254_740_991.0 => {
                Some(n as u64)
            }
            value if value.is_absent() => None,
            value => {
                self.wrong(key, "a whole number", &value);
                None
            }
        }
    }

    /// A nested object; absent gives `None`.
    pub(crate) fn object(&mut self, key: &str) -> Option<O> {
        match self.object.get(key) {
            RawValue::Object(object) => Some(object),
            value if value.is_absent() => None,
            value => {
                self.wrong(key, "an object", &value);
                None
            }
        }
    }

    /// An array field; absent gives an empty list.
    pub(crate) fn list(&mut self, key: &str) -> Vec<RawValue<O>> {
        match self.object.get(key) {
            RawValue::List(items) => items,
            value if value.is_absent() => Vec::new(),
            value => {
                self.wrong(key, "an array", &value);
                Vec::new()
            }
        }
    }

    pub(crate) fn problems(&mut self) -> &mut Problems {
        self.problems
    }
}
