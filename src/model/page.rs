//! [`Page`]: one page of a clerk-js paginated list (`{data, total_count}`).

use super::problem::Problems;
use super::raw::{RawObject, RawValue};

/// One page of a list Clerk pages through (an organization's members, its invitations),
/// and how many there are in all.
///
/// ```
/// use leptos_clerk::model::Page;
/// let page = Page { data: vec!["Ada", "Grace"], total_count: 12 };
/// assert_eq!(page.pages(10), 2);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page<T> {
    /// The entries of this page.
    pub data: Vec<T>,
    /// How many entries the whole list has.
    pub total_count: u64,
}

impl<T> Page<T> {
    /// How many pages of `page_size` the whole list fills.
    pub fn pages(&self, page_size: u32) -> u64 {
        self.total_count.div_ceil(u64::from(page_size.max(1)))
    }

    /// Reads `{data: [...], total_count}`, each entry with `read`; unreadable entries are
    /// left out, with their problems recorded.
    pub(crate) fn read<O: RawObject>(
        object: &O,
        path: &str,
        read: fn(&O, &str, &mut Problems) -> Option<T>,
    ) -> Self {
        let mut problems = Problems::default();
        let data: Vec<T> = match object.get("data") {
            RawValue::List(items) => items
                .into_iter()
                .filter_map(|item| match item {
                    RawValue::Object(item) => read(&item, path, &mut problems),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let total_count = match object.get("total_count") {
            RawValue::Number(n) if n >= 0.0 && n.fract() == 0.0 => n as u64,
            _ => data.len() as u64,
        };
        Self { data, total_count }
    }
}
