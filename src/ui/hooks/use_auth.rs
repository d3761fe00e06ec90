//! `use_auth`: is anyone signed in, who, and the actions that go with it.

use leptos::prelude::*;

use crate::claims::{ActorClaims, Jwt, OrganizationClaims, Require, SessionClaims};
use crate::runtime::context::context;
use crate::ui::actions::{AuthenticatedFetch, GetToken, SignOut};

/// Options for [`use_auth_with_options`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UseAuthOptions {
    treat_pending_as_signed_out: bool,
}

impl Default for UseAuthOptions {
    fn default() -> Self {
        Self {
            treat_pending_as_signed_out: true,
        }
    }
}

impl UseAuthOptions {
    /// Whether a `pending` session (signed in, with a task such as choosing an organization
    /// left) counts as signed out. Default: `true`, as in Clerk's React SDK.
    pub fn treat_pending_as_signed_out(mut self, yes: bool) -> Self {
        self.treat_pending_as_signed_out = yes;
        self
    }
}

/// What [`use_auth`] returns: signals that change only when their value does, and `Copy`
/// actions.
#[derive(Clone, Copy, Debug)]
pub struct UseAuthReturn {
    /// clerk-js loaded and the tab is not between two sessions.
    pub is_loaded: Signal<bool>,
    /// `None` while loading, then whether someone is signed in in this tab.
    pub is_signed_in: Signal<Option<bool>>,
    /// The signed-in user's id.
    pub user_id: Signal<Option<String>>,
    /// The current session's id.
    pub session_id: Signal<Option<String>>,
    /// The current session's active organization.
    pub org_id: Signal<Option<String>>,
    /// The member's role in the active organization (`org:admin`), from the session token.
    pub org_role: Signal<Option<String>>,
    /// The active organization's slug, from the session token.
    pub org_slug: Signal<Option<String>>,
    /// The member's permissions in the active organization (`org:<feature>:<permission>`),
    /// from the session token.
    pub org_permissions: Signal<Vec<String>>,
    /// Who is impersonating the user, when someone is (`act`).
    pub actor: Signal<Option<ActorClaims>>,
    /// Signs out.
    pub sign_out: SignOut,
    /// Gets a JWT for the current session.
    pub get_token: GetToken,
    /// Calls your API with the session token as a Bearer, retrying once with a fresh
    /// token on a 401.
    pub fetch: AuthenticatedFetch,
    /// The current session token's claims, for [`has`](Self::has).
    claims: Signal<Option<SessionClaims>>,
}

impl UseAuthReturn {
    /// Clerk's `has()`: whether the signed-in user meets `require` (a role, permission,
    /// feature, plan or recent verification), answered from the current session token's
    /// claims by the rule the server's `ClerkAuth::has` uses ([`SessionClaims::has`]).
    /// `false` while loading, signed out or pending. Reactive: read it in a closure, and it
    /// follows the token (a new organization, a refreshed token).
    ///
    /// It is for showing and hiding; the server must still check, since the page is the
    /// user's to change.
    ///
    /// ```no_run
    /// use leptos::prelude::*;
    /// use leptos_clerk::{claims::Require, use_auth};
    ///
    /// #[component]
    /// fn InviteButton() -> impl IntoView {
    ///     let auth = use_auth();
    ///     let may_invite = move || auth.has(&Require::permission("org:sys_memberships:manage"));
    ///     view! { <button disabled=move || !may_invite()>"Invite"</button> }
    /// }
    /// ```
    pub fn has(&self, require: &Require) -> bool {
        self.claims
            .with(|claims| claims.as_ref().is_some_and(|claims| claims.has(require)))
    }
}

/// Clerk's `useAuth()` for Leptos.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::use_auth;
///
/// #[component]
/// fn Greeting() -> impl IntoView {
///     let auth = use_auth();
///     move || match auth.is_signed_in.get() {
///         None => "Loading…".to_string(),
///         Some(false) => "Signed out".to_string(),
///         Some(true) => format!("Signed in as {}", auth.user_id.get().unwrap_or_default()),
///     }
/// }
/// ```
#[track_caller]
pub fn use_auth() -> UseAuthReturn {
    use_auth_with_options(UseAuthOptions::default())
}

/// [`use_auth`] with options.
#[track_caller]
pub fn use_auth_with_options(options: UseAuthOptions) -> UseAuthReturn {
    let clerk = context("use_auth");
    let token = clerk.session_token();
    // Until clerk-js has loaded, a server-rendered page's seed answers (the same on the
    // server and while hydrating); then clerk-js does.
    let summary = Memo::new(move |_| clerk.auth_summary(options.treat_pending_as_signed_out));
    // The token's claims, only while someone counts as signed in (not while pending).
    let claims: Signal<Option<SessionClaims>> = Memo::new(move |_| {
        if summary.with(|s| s.is_signed_in) != Some(true) {
            return None;
        }
        if let Some(seeded) = clerk.seeded_claims() {
            return Some(seeded);
        }
        token.with(|token| {
            token
                .as_deref()
                .and_then(|token| Jwt::decode(token).ok())
                .and_then(|jwt| SessionClaims::from_jwt(&jwt).ok())
        })
    })
    .into();
    let organization = move |read: fn(&OrganizationClaims) -> Option<String>| {
        Memo::new(move |_| claims.with(|claims| claims.as_ref()?.organization.as_ref().and_then(read)))
    };
    UseAuthReturn {
        org_role: organization(|org| org.role.clone()).into(),
        org_slug: organization(|org| org.slug.clone()).into(),
        org_permissions: Memo::new(move |_| {
            claims.with(|claims| {
                claims
                    .as_ref()
                    .and_then(|claims| claims.organization.as_ref())
                    .map(|org| org.permissions.clone())
                    .unwrap_or_default()
            })
        })
        .into(),
        actor: Memo::new(move |_| claims.with(|claims| claims.as_ref()?.actor.clone())).into(),
        is_loaded: Memo::new(move |_| summary.with(|s| s.is_loaded)).into(),
        is_signed_in: Memo::new(move |_| summary.with(|s| s.is_signed_in)).into(),
        user_id: Memo::new(move |_| summary.with(|s| s.user_id.clone())).into(),
        session_id: Memo::new(move |_| summary.with(|s| s.session_id.clone())).into(),
        org_id: Memo::new(move |_| summary.with(|s| s.org_id.clone())).into(),
        sign_out: SignOut::new(),
        get_token: GetToken::new(),
        fetch: AuthenticatedFetch::new(),
        claims,
    }
}
