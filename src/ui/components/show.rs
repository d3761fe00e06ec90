//! `<Show>`: render by sign-in state, role, permission, feature or plan (Clerk Core 3's
//! replacement for `SignedIn`/`SignedOut`/`Protect`).

use std::sync::Arc;

use leptos::prelude::*;

use crate::claims::Require;
use crate::runtime::context::context;
use crate::ui::hooks::{UseAuthOptions, use_auth_with_options};

/// When [`Show`] renders its children: React's `when` prop.
///
/// ```
/// use leptos_clerk::{claims::Require, ShowWhen};
/// let admins = ShowWhen::role("org:admin");
/// let billing = ShowWhen::permission("org:billing:manage");
/// let either = ShowWhen::predicate(|has| has(&Require::role("admin")) || has(&Require::plan("pro")));
/// # let _ = (admins, billing, either);
/// ```
#[derive(Clone, Default)]
#[non_exhaustive]
pub enum ShowWhen {
    /// Someone is signed in in this tab.
    #[default]
    SignedIn,
    /// Nobody is signed in in this tab.
    SignedOut,
    /// The signed-in user meets this (Clerk's `has()`): a role, permission, feature, plan
    /// or recent verification.
    Has(Require),
    /// A condition of your own over `has`; asked only when someone is signed in.
    Predicate(ShowCondition),
}

/// A condition of [`ShowWhen::Predicate`]: given `has`, whether to show.
pub type ShowCondition = Arc<dyn Fn(&dyn Fn(&Require) -> bool) -> bool + Send + Sync>;

impl ShowWhen {
    /// The signed-in user has this organization role.
    pub fn role(role: impl Into<String>) -> Self {
        ShowWhen::Has(Require::role(role))
    }

    /// The signed-in user has this organization permission.
    pub fn permission(permission: impl Into<String>) -> Self {
        ShowWhen::Has(Require::permission(permission))
    }

    /// The signed-in user's plan has this feature.
    pub fn feature(feature: impl Into<String>) -> Self {
        ShowWhen::Has(Require::feature(feature))
    }

    /// The signed-in user is on this plan.
    pub fn plan(plan: impl Into<String>) -> Self {
        ShowWhen::Has(Require::plan(plan))
    }

    /// A condition of your own over `has`.
    pub fn predicate(condition: impl Fn(&dyn Fn(&Require) -> bool) -> bool + Send + Sync + 'static) -> Self {
        ShowWhen::Predicate(Arc::new(condition))
    }
}

impl From<Require> for ShowWhen {
    fn from(require: Require) -> Self {
        ShowWhen::Has(require)
    }
}

impl std::fmt::Debug for ShowWhen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShowWhen::SignedIn => f.write_str("SignedIn"),
            ShowWhen::SignedOut => f.write_str("SignedOut"),
            ShowWhen::Has(require) => f.debug_tuple("Has").field(require).finish(),
            ShowWhen::Predicate(_) => f.write_str("Predicate(..)"),
        }
    }
}

/// Renders its children when `when` holds, the `fallback` otherwise, and nothing while
/// clerk-js is loading (so the page never flashes the wrong one). A session with a task
/// left (`pending`) counts as signed out unless `treat_pending_as_signed_out=false`.
/// The children are built again only when the answer changes, not on every token refresh.
///
/// It is for showing and hiding: the server must check too (see
/// [`protect`](crate::axum::protect)), since the page is the user's to change.
///
/// Leptos' prelude has a `Show` of its own: refer to this one by path, or import it under
/// another name.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::ShowWhen;
///
/// view! {
///     <leptos_clerk::Show when=ShowWhen::SignedIn fallback=|| view! { <a href="/sign-in">"Sign in"</a> }>
///         <p>"Welcome back"</p>
///     </leptos_clerk::Show>
///     <leptos_clerk::Show when=ShowWhen::permission("org:invoices:manage")>
///         <button>"Refund"</button>
///     </leptos_clerk::Show>
/// };
/// ```
#[component]
pub fn Show(
    /// What shows the children. Default: signed in.
    #[prop(optional, into)]
    when: ShowWhen,
    /// Whether a `pending` session counts as signed out. Default: `true`, as in Clerk's
    /// React SDK.
    #[prop(default = true)]
    treat_pending_as_signed_out: bool,
    /// Shown when `when` does not hold. Default: nothing.
    #[prop(optional, into)]
    fallback: ViewFn,
    children: ChildrenFn,
) -> impl IntoView {
    context("Show");
    let auth = use_auth_with_options(
        UseAuthOptions::default().treat_pending_as_signed_out(treat_pending_as_signed_out),
    );
    let holds = Memo::new(move |_| {
        let signed_in = auth.is_signed_in.get()?;
        Some(match &when {
            ShowWhen::SignedIn => signed_in,
            ShowWhen::SignedOut => !signed_in,
            ShowWhen::Has(require) => auth.has(require),
            ShowWhen::Predicate(condition) => signed_in && condition(&|require| auth.has(require)),
        })
    });
    move || {
        holds.get().map(|holds| {
            if holds {
                children().into_any()
            } else {
                fallback.run()
            }
        })
    }
}

/// Renders its children only when someone is signed in (Clerk Core 2's `<SignedIn>`).
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::SignedIn;
/// view! { <SignedIn><p>"Welcome back"</p></SignedIn> };
/// ```
#[component]
pub fn SignedIn(children: ChildrenFn) -> impl IntoView {
    view! { <Show when=ShowWhen::SignedIn>{children()}</Show> }
}

/// Renders its children only when nobody is signed in (Clerk Core 2's `<SignedOut>`).
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::SignedOut;
/// view! { <SignedOut><a href="/sign-in">"Sign in"</a></SignedOut> };
/// ```
#[component]
pub fn SignedOut(children: ChildrenFn) -> impl IntoView {
    view! { <Show when=ShowWhen::SignedOut>{children()}</Show> }
}
