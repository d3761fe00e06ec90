//! [`ProfilePage`]: the app's own pages in `<UserProfile>` and `<OrganizationProfile>`.

use leptos::prelude::*;

use super::view_slot::{Slots, empty_slot, view_slot};
use crate::js::JsOptions;

/// One entry of the navigation of [`UserProfile`](crate::UserProfile) (also inside
/// [`UserButton`](crate::UserButton)'s profile modal) or
/// [`OrganizationProfile`](crate::OrganizationProfile): a page whose content is a Leptos
/// view, a link out, or one of Clerk's own pages, moved. Entries come after Clerk's own pages
/// that were not moved. What `@clerk/react` spells `<UserProfile.Page>` and
/// `<UserProfile.Link>`.
///
/// The page's view is rendered inside Clerk's card, as a child of the component that mounts
/// it, so it sees the app's context ([`use_user`](crate::use_user) works there).
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{ProfilePage, UserProfile};
///
/// #[component]
/// fn AccountPage() -> impl IntoView {
///     let pages = vec![
///         ProfilePage::new("Terms", "terms", || view! { <h1>"Terms"</h1><p>"Be kind."</p> })
///             .icon(|| view! { <span>"§"</span> }),
///         ProfilePage::link("Home", "/"),
///     ];
///     view! { <UserProfile pages=pages/> }
/// }
/// ```
#[derive(Clone)]
pub struct ProfilePage {
    label: String,
    kind: PageKind,
    icon: Option<ViewFn>,
}

#[derive(Clone)]
enum PageKind {
    Content {
        url: String,
        content: ViewFn,
    },
    Link(String),
    /// One of Clerk's pages, by its id.
    Clerk,
}

impl ProfilePage {
    /// A page at `url`, relative to the profile (`"terms"`: Clerk refuses absolute URLs),
    /// showing `content`.
    pub fn new<V: IntoView + 'static>(
        label: impl Into<String>,
        url: impl Into<String>,
        content: impl Fn() -> V + Send + Sync + 'static,
    ) -> Self {
        let kind = PageKind::Content {
            url: url.into(),
            content: ViewFn::from(content),
        };
        Self::with_kind(label, kind)
    }

    /// A navigation entry that leaves the profile for `url` (a path or an absolute URL).
    /// It cannot be the first entry: Clerk shows the first page when the profile opens.
    pub fn link(label: impl Into<String>, url: impl Into<String>) -> Self {
        Self::with_kind(label, PageKind::Link(url.into()))
    }

    /// `<UserProfile>`'s "Account" page, placed here.
    pub fn account() -> Self {
        Self::with_kind("account", PageKind::Clerk)
    }

    /// `<UserProfile>`'s "Security" page, placed here.
    pub fn security() -> Self {
        Self::with_kind("security", PageKind::Clerk)
    }

    /// `<OrganizationProfile>`'s "General" page, placed here.
    pub fn general() -> Self {
        Self::with_kind("general", PageKind::Clerk)
    }

    /// `<OrganizationProfile>`'s "Members" page, placed here.
    pub fn members() -> Self {
        Self::with_kind("members", PageKind::Clerk)
    }

    /// The entry's icon in the navigation. Clerk's own pages keep theirs.
    pub fn icon<V: IntoView + 'static>(mut self, icon: impl Fn() -> V + Send + Sync + 'static) -> Self {
        self.icon = Some(ViewFn::from(icon));
        self
    }

    fn with_kind(label: impl Into<String>, kind: PageKind) -> Self {
        Self {
            label: label.into(),
            kind,
            icon: None,
        }
    }
}

impl std::fmt::Debug for ProfilePage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &self.kind {
            PageKind::Content { url, .. } => format!("page at {url}"),
            PageKind::Link(url) => format!("link to {url}"),
            PageKind::Clerk => "Clerk's".to_owned(),
        };
        write!(f, "ProfilePage({:?}, {kind})", self.label)
    }
}

/// The `customPages` entry clerk-js reads for `page`; the slots its functions need go to
/// `slots`.
pub(super) fn profile_page_js(page: &ProfilePage, owner: &Option<Owner>, slots: &mut Slots) -> JsOptions {
    let options = JsOptions::new().text("label", &page.label);
    let options = match &page.kind {
        // A moved page of Clerk's is its label alone: any function makes clerk-js drop it.
        PageKind::Clerk => return options,
        PageKind::Link(url) => options.text("url", url),
        PageKind::Content { url, content } => {
            let slot = view_slot(content.clone(), owner.clone());
            let options = slot.write(options.text("url", url), "mount", "unmount");
            slots.push(Box::new(slot));
            options
        }
    };
    let icon = match &page.icon {
        Some(icon) => view_slot(icon.clone(), owner.clone()),
        None => empty_slot(),
    };
    let options = icon.write(options, "mountIcon", "unmountIcon");
    slots.push(Box::new(icon));
    options
}

/// `customPages`, for `pages`; none when there are none.
pub(super) fn custom_pages_js(
    pages: &[ProfilePage],
    owner: &Option<Owner>,
    slots: &mut Slots,
) -> Option<Vec<JsOptions>> {
    (!pages.is_empty()).then(|| {
        pages
            .iter()
            .map(|page| profile_page_js(page, owner, slots))
            .collect()
    })
}
