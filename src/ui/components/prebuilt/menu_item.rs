//! [`MenuItem`]: the app's own entries in `<UserButton>`'s menu.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::view_slot::{Slots, empty_slot, view_slot};
use crate::js::{ClickSlot, JsOptions};

/// One entry of [`UserButton`](crate::UserButton)'s menu: an action, a link, a shortcut to a
/// custom [`ProfilePage`](crate::ProfilePage), or one of Clerk's own entries, moved. Entries
/// appear in the order given, before Clerk's own ones that were not moved ("Manage account"
/// stays first unless it is moved). What `@clerk/react` spells `<UserButton.MenuItems>`
/// with `<UserButton.Action>` and `<UserButton.Link>`.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{MenuItem, UserButton};
///
/// #[component]
/// fn Header() -> impl IntoView {
///     let help_open = RwSignal::new(false);
///     let items = vec![
///         MenuItem::action("Help", move || help_open.set(true)).icon(|| view! { <span>"?"</span> }),
///         MenuItem::link("Docs", "https://clerk.com/docs"),
///         MenuItem::manage_account(),
///     ];
///     view! { <UserButton menu_items=items/> }
/// }
/// ```
#[derive(Clone)]
pub struct MenuItem {
    label: String,
    kind: MenuItemKind,
    icon: Option<ViewFn>,
}

#[derive(Clone)]
enum MenuItemKind {
    Action(Arc<dyn Fn() + Send + Sync>),
    Link(String),
    OpenProfilePage(String),
    /// One of Clerk's entries, by its id.
    Clerk,
}

impl MenuItem {
    /// An entry that calls `on_click`; the menu closes.
    pub fn action(label: impl Into<String>, on_click: impl Fn() + Send + Sync + 'static) -> Self {
        Self::new(label, MenuItemKind::Action(Arc::new(on_click)))
    }

    /// An entry that goes to `href`: a path in the app (through the app's router when the
    /// provider has one) or an absolute URL.
    pub fn link(label: impl Into<String>, href: impl Into<String>) -> Self {
        Self::new(label, MenuItemKind::Link(href.into()))
    }

    /// An entry that opens the user profile at a custom page's `url` (see
    /// [`ProfilePage::new`](crate::ProfilePage::new), given to `<UserButton>` as
    /// `user_profile_pages`).
    pub fn open_profile_page(label: impl Into<String>, url: impl Into<String>) -> Self {
        Self::new(label, MenuItemKind::OpenProfilePage(url.into()))
    }

    /// Clerk's "Manage account", placed here.
    pub fn manage_account() -> Self {
        Self::new("manageAccount", MenuItemKind::Clerk)
    }

    /// Clerk's "Sign out", placed here.
    pub fn sign_out() -> Self {
        Self::new("signOut", MenuItemKind::Clerk)
    }

    /// The entry's icon (Clerk shows it at 1rem beside the label). Clerk's own entries keep
    /// their icons.
    pub fn icon<V: IntoView + 'static>(mut self, icon: impl Fn() -> V + Send + Sync + 'static) -> Self {
        self.icon = Some(ViewFn::from(icon));
        self
    }

    fn new(label: impl Into<String>, kind: MenuItemKind) -> Self {
        Self {
            label: label.into(),
            kind,
            icon: None,
        }
    }
}

impl std::fmt::Debug for MenuItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &self.kind {
            MenuItemKind::Action(_) => "action".to_owned(),
            MenuItemKind::Link(href) => format!("link to {href}"),
            MenuItemKind::OpenProfilePage(url) => format!("opens profile page {url}"),
            MenuItemKind::Clerk => "Clerk's".to_owned(),
        };
        write!(f, "MenuItem({:?}, {kind})", self.label)
    }
}

/// The `customMenuItems` entry clerk-js reads for `item`; the slots its functions need go
/// to `slots`.
pub(super) fn menu_item_js(item: &MenuItem, owner: &Option<Owner>, slots: &mut Slots) -> JsOptions {
    let options = JsOptions::new().text("label", &item.label);
    let options = match &item.kind {
        // A moved entry of Clerk's is its label alone: any function makes clerk-js drop it.
        MenuItemKind::Clerk => return options,
        MenuItemKind::Action(on_click) => {
            let on_click = Arc::clone(on_click);
            let slot = ClickSlot::new(Rc::new(move || on_click()));
            let options = slot.write(options, "onClick");
            slots.push(Box::new(slot));
            options
        }
        MenuItemKind::Link(href) => options.text("href", href),
        MenuItemKind::OpenProfilePage(url) => options.text("open", url),
    };
    let icon = match &item.icon {
        Some(icon) => view_slot(icon.clone(), owner.clone()),
        None => empty_slot(),
    };
    let options = icon.write(options, "mountIcon", "unmountIcon");
    slots.push(Box::new(icon));
    options
}
