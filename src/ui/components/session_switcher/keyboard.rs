//! Focus movement inside the switcher's menu (WAI-ARIA menu button pattern).

use crate::js::dom::{Element, move_focus_among};

/// Which item to focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    First,
    Last,
    Next,
    Previous,
}

impl Target {
    /// The movement a key asks for inside an open menu.
    pub fn for_key(key: &str) -> Option<Self> {
        match key {
            "ArrowDown" => Some(Target::Next),
            "ArrowUp" => Some(Target::Previous),
            "Home" | "PageUp" => Some(Target::First),
            "End" | "PageDown" => Some(Target::Last),
            _ => None,
        }
    }
}

impl Target {
    /// The item to focus among `count` items (at least one), given the focused one:
    /// wrapping at both ends, and starting at an end when none is focused.
    pub fn index(self, current: Option<usize>, count: usize) -> usize {
        let last = count.saturating_sub(1);
        match (self, current) {
            (Target::First, _) | (Target::Next, None) => 0,
            (Target::Last, _) | (Target::Previous, None) => last,
            (Target::Next, Some(i)) => (i + 1) % count.max(1),
            (Target::Previous, Some(i)) => (i + count.max(1) - 1) % count.max(1),
        }
    }
}

/// Moves focus among the menu's items, wrapping at both ends. Items are found afresh each
/// time, so rows that come and go while the menu is open are always counted right.
pub fn focus_item(menu: &Element, target: Target) {
    move_focus_among(menu, "[role=menuitem]", |current, count| {
        target.index(current, count)
    });
}

#[cfg(test)]
mod tests {
    use super::Target;

    #[test]
    fn focus_wraps_at_both_ends_and_starts_at_an_end() {
        assert_eq!(Target::Next.index(Some(2), 3), 0);
        assert_eq!(Target::Previous.index(Some(0), 3), 2);
        assert_eq!(Target::Next.index(Some(0), 3), 1);
        assert_eq!(Target::Next.index(None, 3), 0);
        assert_eq!(Target::Previous.index(None, 3), 2);
        assert_eq!(Target::Last.index(Some(0), 3), 2);
        assert_eq!(Target::First.index(Some(2), 3), 0);
    }
}
