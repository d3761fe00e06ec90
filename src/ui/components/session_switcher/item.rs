//! One menu item of the switcher, the same view type for all of them.
//!
//! Leptos compiles an element's building, updating and unmounting once per distinct set of
//! attributes and children. The switcher's five kinds of item (switch, sign out of one, of
//! the current one, of all, add account) each had their own, so that code existed five
//! times; built here, it exists once (docs/size.md).

use leptos::prelude::*;

/// What differs between the switcher's menu items.
pub struct Item {
    /// The item's classes, beside `lc-switcher__item`.
    pub class: &'static str,
    /// `aria-label`, when the visible text is not the item's name.
    pub label: Option<Signal<String>>,
    /// `aria-disabled`: one value for every item, while a running action shows.
    pub disabled: Signal<String>,
    /// `aria-busy`, for items whose action can be under way.
    pub busy: Option<Signal<String>>,
    /// What a click does.
    pub on_click: Box<dyn Fn() + Send + Sync>,
    /// What the item shows.
    pub content: AnyView,
}

/// The `<button role="menuitem">` for `item`.
pub fn menu_item(item: Item) -> AnyView {
    let Item {
        class,
        label,
        disabled,
        busy,
        on_click,
        content,
    } = item;
    view! {
        <button
            type="button"
            role="menuitem"
            tabindex="-1"
            class=class
            aria-label=label
            aria-disabled=disabled
            aria-busy=busy
            on:click=move |_| on_click()
        >
            {content}
        </button>
    }
    .into_any()
}
