//! Typed reasons why a field from clerk-js could not be used as it was.

use std::fmt;

/// What was wrong with one field.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldProblem {
    /// A required field was `undefined` or `null`.
    Missing,
    /// The field held a value of another type.
    WrongType {
        /// What the converter accepts there.
        expected: &'static str,
        /// The JS type it found.
        found: &'static str,
    },
    /// A time that is not a time: an invalid `Date`, NaN, ±Infinity, an unparsable string,
    /// or a moment outside the range a JS `Date` can represent.
    InvalidTime(String),
    /// A free-form value (a user's metadata) nested deeper, or holding more values, than
    /// the converter copies; the text says which limit. Guards against cyclic objects.
    TooLarge(&'static str),
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldProblem::Missing => f.write_str("is missing"),
            FieldProblem::WrongType { expected, found } => {
                write!(f, "should be {expected} but is {found}")
            }
            FieldProblem::InvalidTime(what) => write!(f, "is not a valid time ({what})"),
            FieldProblem::TooLarge(limit) => write!(f, "is too large to copy ({limit})"),
        }
    }
}

/// A [`FieldProblem`] together with where it was found, e.g. `client.sessions[1].expireAt`.
///
/// Problems never stop a conversion: the field falls back to a typed default (or the
/// resource holding it is left out) and the problem is kept on the state, where a
/// diagnostics view can show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConvertProblem {
    /// The path of the field, in clerk-js' own (camelCase) names.
    pub path: String,
    /// What was wrong with it.
    pub problem: FieldProblem,
}

impl fmt::Display for ConvertProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.path, self.problem)
    }
}

impl std::error::Error for ConvertProblem {}

/// Collects the problems of one conversion, with the current path.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    list: Vec<ConvertProblem>,
}

impl Problems {
    pub(crate) fn push(&mut self, path: impl Into<String>, problem: FieldProblem) {
        self.list.push(ConvertProblem {
            path: path.into(),
            problem,
        });
    }

    pub(crate) fn into_vec(self) -> Vec<ConvertProblem> {
        self.list
    }
}
