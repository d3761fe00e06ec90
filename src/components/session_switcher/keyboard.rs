//! Focus movement inside the switcher's menu (WAI-ARIA menu button pattern).

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

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

/// Moves focus among the menu's items, wrapping at both ends. Items are found afresh each
/// time, so rows that come and go while the menu is open are always counted right.
pub fn focus_item(menu: &Element, target: Target) {
    let Ok(nodes) = menu.query_selector_all("[role=menuitem]") else {
        return;
    };
    let items: Vec<HtmlElement> = (0..nodes.length())
        .filter_map(|index| nodes.item(index)?.dyn_into::<HtmlElement>().ok())
        .collect();
    if items.is_empty() {
        return;
    }
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let current = active.and_then(|active| items.iter().position(|item| **item == active));
    let last = items.len() - 1;
    let index = match (target, current) {
        (Target::First, _) | (Target::Next, None) => 0,
        (Target::Last, _) | (Target::Previous, None) => last,
        (Target::Next, Some(i)) => {
            if i == last {
                0
            } else {
                i + 1
            }
        }
        (Target::Previous, Some(i)) => {
            if i == 0 {
                last
            } else {
                i - 1
            }
        }
    };
    let _ = items[index].focus();
}
