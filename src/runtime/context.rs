//! The provider: loads clerk-js, listens to it once, and shares the state as signals.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use super::loader::ensure_loaded;
use super::options::ClerkOptions;
use super::reactive::set_if_changed;
use super::seed::SeedSlot;
use crate::js::dom::page_origin;
use crate::js::time::sleep_or_until_online;
use crate::js::{Clerk, Emit, Subscription};
use crate::model::{AuthSummary, ClerkResources, LoadError, LoadStatus, load_retry_delay};

/// The Clerk state of one provider: a `Copy` handle to its signals.
///
/// Get it with [`use_clerk`](crate::use_clerk) anywhere below a [`ClerkProvider`].
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::use_clerk;
///
/// #[component]
/// fn LoadState() -> impl IntoView {
///     let clerk = use_clerk();
///     move || format!("{:?}", clerk.status().get())
/// }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ClerkContext {
    status: RwSignal<LoadStatus>,
    resources: RwSignal<ClerkResources>,
    session_token: RwSignal<Option<String>>,
    endpoints: StoredValue<Endpoints>,
    /// What the server knew when it rendered the page; read until clerk-js has loaded.
    seed: SeedSlot,
}

/// The count behind [`ClerkContext::auth_version`], with the identity it last counted.
#[derive(Clone, Debug, Default, PartialEq)]
struct AuthVersion {
    changes: u64,
    last: Option<AuthSummary>,
}

impl AuthVersion {
    /// Counts a change when a known identity follows a different known one; the loading
    /// moments between two sessions (a switch) count nothing.
    fn next(&self, current: AuthSummary) -> Self {
        if !current.is_loaded {
            return self.clone();
        }
        let changed = self.last.as_ref().is_some_and(|last| *last != current);
        Self {
            changes: self.changes + u64::from(changed),
            last: Some(current),
        }
    }
}

/// Where the instance's Frontend API is, as far as the options tell.
#[derive(Clone, Debug, Default)]
struct Endpoints {
    /// `https://<frontend api>`: the `iss` of the instance's tokens.
    issuer: Option<String>,
    /// The proxy URL, if any; a path (`/__clerk`) is on the page's own origin.
    proxy: Option<String>,
    /// Where prebuilt components load Clerk's UI from, when the key allows one.
    ui_script_url: Option<String>,
    /// How long a script may take to load.
    timeout_ms: u32,
    /// The page's CSP nonce, for the UI's script tag.
    nonce: Option<String>,
}

impl Endpoints {
    fn from_options(options: &ClerkOptions) -> Self {
        Self {
            issuer: options.frontend_api().map(|host| format!("https://{host}")),
            proxy: options.proxy().map(str::to_owned),
            ui_script_url: options.resolved_ui_script_url().ok(),
            timeout_ms: options.timeout_ms(),
            nonce: options.nonce.clone(),
        }
    }

    /// The JWKS URL. Read when asked, not when the provider renders: a proxy path needs the
    /// page's origin, which only a browser has.
    fn jwks_url(&self) -> Option<String> {
        let base = match &self.proxy {
            Some(proxy) if proxy.starts_with('/') => page_origin().map(|origin| format!("{origin}{proxy}")),
            Some(proxy) => Some(proxy.clone()),
            None => self.issuer.clone(),
        };
        base.map(|base| format!("{}/.well-known/jwks.json", base.trim_end_matches('/')))
    }
}

impl ClerkContext {
    /// How far loading clerk-js got.
    pub fn status(&self) -> Signal<LoadStatus> {
        self.status.into()
    }

    /// The latest emit from clerk-js, as plain data.
    pub fn resources(&self) -> Signal<ClerkResources> {
        self.resources.into()
    }

    /// `use_auth()`'s answer: the server's seed until clerk-js has loaded (or when it could
    /// not), then clerk-js' state. Tracks the status and the resources.
    pub(crate) fn auth_summary(&self, treat_pending_as_signed_out: bool) -> AuthSummary {
        summarize(
            self.status,
            self.resources,
            self.seed,
            treat_pending_as_signed_out,
        )
    }

    /// The seed's claims while it is what the page shows (clerk-js not loaded yet).
    pub(crate) fn seeded_claims(&self) -> Option<crate::claims::SessionClaims> {
        if self.status.with(LoadStatus::is_loaded) {
            return None;
        }
        self.seed.claims()
    }

    /// Bumps each time who is signed in (user, session, organization or signed out)
    /// changes after the first answer this call saw, from the server's seed or from
    /// clerk-js. Key the resources that depend on the user on it, and they refetch for the
    /// new one. Each call counts on its own (an app that never asks pays nothing):
    ///
    /// ```no_run
    /// use leptos::prelude::*;
    /// use leptos_clerk::use_clerk;
    ///
    /// #[component]
    /// fn Orders() -> impl IntoView {
    ///     let version = use_clerk().auth_version();
    ///     let orders = LocalResource::new(move || {
    ///         version.track();
    ///         async { "fetch the user's orders".to_string() }
    ///     });
    ///     move || orders.get()
    /// }
    /// ```
    pub fn auth_version(&self) -> Signal<u64> {
        let (status, resources, seed) = (self.status, self.resources, self.seed);
        let version = Memo::new(move |previous: Option<&AuthVersion>| {
            let current = summarize(status, resources, seed, false);
            previous.cloned().unwrap_or_default().next(current)
        });
        Signal::derive(move || version.with(|version| version.changes))
    }

    /// The current session's last token, as clerk-js holds it. Never render it.
    pub(crate) fn session_token(&self) -> Signal<Option<String>> {
        self.session_token.into()
    }

    /// `https://<frontend api>`: what the instance's tokens carry as `iss`.
    pub fn issuer(&self) -> Option<String> {
        self.endpoints.with_value(|e| e.issuer.clone())
    }

    /// The instance's JWKS URL (through the proxy, when the options set one).
    pub fn jwks_url(&self) -> Option<String> {
        self.endpoints.with_value(Endpoints::jwks_url)
    }

    /// Where prebuilt components load Clerk's UI from, and how long they may wait for it.
    pub(crate) fn ui_script(&self) -> UiScript {
        self.endpoints.with_value(|e| UiScript {
            url: e.ui_script_url.clone(),
            timeout_ms: e.timeout_ms,
            nonce: e.nonce.clone(),
        })
    }

    /// The live clerk-js instance, read fresh from `window.Clerk`; `None` until it loaded.
    /// For calls this crate does not wrap yet. Do not keep it across an `.await`.
    pub fn instance(&self) -> Option<Clerk> {
        Clerk::loaded_from_window().ok()
    }

    /// Publishes what clerk-js emitted. Only what changed is set, so identical emits
    /// (clerk-js re-emits on every token refresh) wake nothing.
    fn publish(&self, emit: Emit) {
        set_if_changed(self.resources, emit.resources);
        set_if_changed(self.session_token, emit.session_token);
    }

    fn set_status(&self, next: LoadStatus) {
        set_if_changed(self.status, next);
    }
}

/// Loads clerk-js with `options`, provides a [`ClerkContext`] to everything below the
/// current owner, and returns it. [`ClerkProvider`] is the component form.
///
/// There is one `addListener` subscription per provider; it is removed when the owner is
/// cleaned up (the component unmounts), and so is everything else this function started.
///
/// Under server rendering it starts nothing: clerk-js, the refresh timer and the panic hook
/// start in an effect, which runs once the page is hydrated in the browser. Until then every
/// hook reads as loading, on the server and in the client's first render alike.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{provide_clerk, ClerkOptions};
///
/// #[component]
/// fn App() -> impl IntoView {
///     provide_clerk(ClerkOptions::new("pk_test_…"));
///     view! { <p>"Everything here can call use_session()."</p> }
/// }
/// ```
pub fn provide_clerk(options: ClerkOptions) -> ClerkContext {
    // First: the seed takes the next hydration id, the same one on the server and the client.
    let seed = SeedSlot::new();
    let status = RwSignal::new(LoadStatus::Loading);
    let resources = RwSignal::new(ClerkResources::default());
    let context = ClerkContext {
        status,
        resources,
        session_token: RwSignal::new(None),
        endpoints: StoredValue::new(Endpoints::from_options(&options)),
        seed,
    };
    provide_context(context);
    // Without the feature, no refresher is linked unless the app starts one itself
    // (`use_session_refresh_with_options`).
    #[cfg(feature = "session-refresh")]
    if let Some(refresh) = options.refresh_options() {
        let running = super::refresh::start(context.status(), context.resources(), refresh);
        provide_context(super::refresh::SessionRefreshContext(running));
    }
    // Everything that touches the browser starts in an effect: Leptos runs effects once the
    // page is mounted (or hydrated) in a browser, and never on a server, so server rendering
    // shows the loading state and the client's first render matches it.
    let mut pending = Some(options);
    Effect::new(move |_| {
        if let Some(options) = pending.take() {
            untrack(|| start_in_browser(context, options));
        }
    });
    context
}

/// The provider's browser half: the panic hook, then loading clerk-js and listening to it,
/// all stopped when the provider's owner is cleaned up.
fn start_in_browser(context: ClerkContext, options: ClerkOptions) {
    on_cleanup(super::panic_hook::watch(context.status));
    // Before loading: clerk-js may navigate during `load()` (a redirect back from sign-in).
    if let Some(navigation) = options.navigation() {
        navigation.start();
    }
    let subscription = Rc::new(RefCell::new(Listening::Pending));
    let owned = SendWrapper::new(Rc::clone(&subscription));
    // Dropping the open subscription, if any, unsubscribes it.
    on_cleanup(move || drop(owned.replace(Listening::Closed)));

    leptos::task::spawn_local(async move {
        let closed = || matches!(*subscription.borrow(), Listening::Closed);
        // A failure that may pass (offline, Clerk unreachable) is retried with backoff, and
        // at once when the browser comes back online; the status says `Failed` meanwhile.
        for attempt in 0.. {
            let status = ensure_loaded(&options).await;
            if closed() {
                return; // unmounted while loading
            }
            match status.and_then(|status| listen(context).map(|listener| (status, listener))) {
                Ok((status, listener)) => {
                    *subscription.borrow_mut() = Listening::Open {
                        _subscription: listener,
                    };
                    context.set_status(status);
                    return;
                }
                Err(error) => {
                    let retry = error.is_retryable();
                    context.set_status(LoadStatus::Failed(error));
                    if !retry {
                        return;
                    }
                }
            }
            wait_before_retry(attempt).await;
            if closed() {
                return;
            }
        }
    });
}

/// `use_auth()`'s answer from the provider's signals: the seed until clerk-js has loaded (or
/// when it could not), then clerk-js' state.
fn summarize(
    status: RwSignal<LoadStatus>,
    resources: RwSignal<ClerkResources>,
    seed: SeedSlot,
    treat_pending_as_signed_out: bool,
) -> AuthSummary {
    status.with(|status| {
        let seeded = (!status.is_loaded())
            .then(|| seed.summary(treat_pending_as_signed_out))
            .flatten();
        seeded.unwrap_or_else(|| {
            resources.with(|resources| AuthSummary::derive(status, resources, treat_pending_as_signed_out))
        })
    })
}

/// Sleeps [`load_retry_delay`], or until the browser reports it is back online, whichever
/// comes first.
async fn wait_before_retry(attempt: u32) {
    let delay = load_retry_delay(attempt, crate::js::time::random());
    sleep_or_until_online(u32::try_from(delay.as_millis()).unwrap_or(30_000)).await;
}

/// Subscribes to clerk-js; every emit is copied into a snapshot and published.
fn listen(context: ClerkContext) -> Result<Subscription, LoadError> {
    let clerk = Clerk::from_window().ok_or(LoadError::NoClerkGlobal)?;
    clerk
        .listen(move |emit| {
            context.publish(emit);
            // `degraded` can start or end at any emit (Clerk's API went away or came back).
            if let Some(status) = Clerk::from_window().and_then(|clerk| clerk.load_status()) {
                context.set_status(status);
            }
        })
        .map_err(|error| LoadError::LoadRejected(error.to_string()))
}

/// Where prebuilt components load Clerk's UI from, and how long they may wait for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UiScript {
    /// The script URL; `None` when the publishable key is invalid.
    pub url: Option<String>,
    /// How long the script may take.
    pub timeout_ms: u32,
    /// The page's CSP nonce, for the script tag.
    pub nonce: Option<String>,
}

/// The provider's subscription through its life: before load, listening, after cleanup.
enum Listening {
    Pending,
    /// Listening; the subscription is held for its `Drop`, which unsubscribes.
    Open {
        _subscription: Subscription,
    },
    Closed,
}

/// Loads clerk-js and makes the Clerk hooks work for its children.
///
/// Pass either complete [`ClerkOptions`] or just a publishable key.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{ClerkProvider, ClerkOptions, use_session};
///
/// #[component]
/// fn App() -> impl IntoView {
///     let options = ClerkOptions::new("pk_test_…").proxy_url("/__clerk");
///     view! { <ClerkProvider options=options><Profile/></ClerkProvider> }
/// }
///
/// #[component]
/// fn Profile() -> impl IntoView {
///     let session = use_session();
///     move || session.session.get().map(|s| s.id)
/// }
/// ```
///
/// Like Leptos' own `<Provider>`, it runs in an owner of its own, so its context reaches
/// its children and nothing beside it, and everything it started stops when it unmounts.
#[component]
pub fn ClerkProvider(
    /// How to load clerk-js.
    options: ClerkOptions,
    /// The part of the app that may use Clerk's hooks.
    children: Children,
) -> impl IntoView {
    let owner = Owner::current().map_or_else(Owner::new, |parent| parent.child());
    let children = owner.with(|| {
        provide_clerk(options);
        children()
    });
    leptos::tachys::reactive_graph::OwnedView::new_with_owner(children, owner)
}

/// The provider above the caller, if any.
pub(crate) fn try_context() -> Option<ClerkContext> {
    use_context::<ClerkContext>()
}

/// The provider above the caller; panics with a clear message, pointing at the caller,
/// when there is none (a mistake in the app's code, not a runtime condition).
#[track_caller]
pub(crate) fn context(hook: &str) -> ClerkContext {
    match try_context() {
        Some(context) => context,
        None => panic!("{hook}() must be called inside <ClerkProvider> (or after provide_clerk())"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed_in(user: &str) -> AuthSummary {
        AuthSummary {
            is_loaded: true,
            is_signed_in: Some(true),
            user_id: Some(user.to_owned()),
            ..AuthSummary::default()
        }
    }

    #[test]
    fn the_version_counts_changes_of_who_is_signed_in_not_the_first_answer_nor_loading() {
        let steps = [
            (AuthSummary::default(), 0), // loading
            (signed_in("ada"), 0),       // the first answer (a seed, or clerk-js)
            (signed_in("ada"), 0),       // clerk-js agrees with the seed
            (AuthSummary::default(), 0), // between two sessions
            (signed_in("bob"), 1),       // a switch
            (AuthSummary::signed_out(), 2),
            (signed_in("ada"), 3),
        ];
        let mut version = AuthVersion::default();
        for (summary, changes) in steps {
            version = version.next(summary.clone());
            assert_eq!(version.changes, changes, "after {summary:?}");
        }
    }
}
