//! `<SessionSwitcher>`: the browser's signed-in accounts, switch between them, sign out.

mod account;
mod item;
mod keyboard;
#[cfg(all(feature = "split", not(any(feature = "ssr", feature = "hydrate"))))]
mod split;

use std::cell::Cell;
use std::future::Future;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;

use crate::ClerkError;
use crate::js::dom::focus_stays_within;
use crate::js::time::Timeout;
use crate::model::{SignedInAccounts, UserSnapshot};
use crate::runtime::context::context;
use crate::runtime::reactive::set_if_changed;
use crate::ui::actions::{
    RedirectOptions, SetActive, SetActiveOptions, SignOut, SignOutOptions, redirect_to_sign_in,
};
use crate::ui::components::{erased, root_class};
use account::{AccountLabel, user_of};
use item::{Item, menu_item};
use keyboard::{Target, focus_item};

/// What the switcher's trigger says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TriggerKind {
    Loading,
    Current,
    ChooseAccount,
    SignedOut,
}

/// How long an action runs before the menu shows it: the row's tint, `aria-busy`, the items'
/// `aria-disabled`. A switch that is done sooner feels instant and changes nothing on screen
/// until its result: any change would have the browser draw a frame while the request is
/// out, and traced, that frame competed with the request and slowed the switch
/// (docs/performance.md). Whether shown or not, no second action starts meanwhile.
const PENDING_SHOWN_AFTER_MS: u32 = 100;

/// How long a switch runs before its row also shows a spinner. An animation, even one
/// waiting out a CSS delay, has the browser draw a frame on every vsync.
const SPINNER_AFTER_MS: u32 = 300;

/// The action the menu shows as running (once it has run `PENDING_SHOWN_AFTER_MS`).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Busy {
    Switching(String),
    SigningOut(String),
    SigningOutAll,
    AddingAccount,
}

/// A menu of the browser's signed-in accounts, like the multi-session menu of Clerk's
/// `<UserButton>`: switch to another account, sign out of one or of all, add one.
///
/// - The trigger shows the current account. When this tab lost its session while other
///   accounts are still signed in (clerk-js does not switch by itself), it says so and the
///   menu offers them.
/// - While a switch or sign-out runs, no second one starts. One that takes longer than
///   100 ms shows as running (`aria-busy`; a switch tints its row, and adds a spinner after
///   300 ms), so a quick one changes nothing on screen but its result. A failure shows
///   Clerk's message in the menu and leaves the current session as it was.
/// - Keyboard: Enter, Space or ↓ opens the menu on the first item, ↑ on the last; ↑/↓,
///   Home/End move; Escape closes and returns focus to the trigger; Tab leaves.
/// - Looks: include `style/switcher.css` from this crate (copy it, link it, or inline
///   [`STYLESHEET`](crate::STYLESHEET), all the components' styles), then tune it with the
///   `--lc-switcher-*` custom properties or the `class` prop.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::SessionSwitcher;
///
/// #[component]
/// fn Header() -> impl IntoView {
///     let add_account = Callback::new(|()| {
///         let _ = window().location().set_href("/sign-in");
///     });
///     view! { <header><SessionSwitcher on_add_account=add_account class="my-switcher"/></header> }
/// }
/// ```
#[component]
pub fn SessionSwitcher(
    /// Extra classes for the root element.
    #[prop(optional, into)]
    class: MaybeProp<String>,
    /// What "Add account" does. Default: clerk-js' `redirectToSignIn()`.
    #[prop(optional, into)]
    on_add_account: Option<Callback<()>>,
) -> impl IntoView {
    // Here, not in the split-off part: a switcher outside the provider is the app's mistake,
    // and it panics where the app mounts it.
    let props = Props {
        clerk: context("SessionSwitcher"),
        class,
        on_add_account,
    };
    // Split only in client-rendered apps: a server-rendered switcher's markup is hydrated
    // by the same code, which has to be there when hydration starts.
    #[cfg(not(all(feature = "split", not(any(feature = "ssr", feature = "hydrate")))))]
    return build(props);
    #[cfg(all(feature = "split", not(any(feature = "ssr", feature = "hydrate"))))]
    return split::deferred(props);
}

/// What the switcher is built from: its props and the provider's context, one value, so that
/// it can cross into a split-off module (feature `split`).
struct Props {
    clerk: crate::runtime::context::ClerkContext,
    class: MaybeProp<String>,
    on_add_account: Option<Callback<()>>,
}

/// The switcher itself.
fn build(
    Props {
        clerk,
        class,
        on_add_account,
    }: Props,
) -> AnyView {
    let (status, resources) = (clerk.status(), clerk.resources());
    let loaded = Memo::new(move |_| status.with(|status| status.is_loaded()));
    let accounts = Memo::new(move |_| resources.with(SignedInAccounts::derive));
    let open = RwSignal::new(false);
    // Setting `open` to the value it has must not rebuild the menu (and drop its focus).
    let is_open = Memo::new(move |_| open.get());
    // Whether an action runs: what keeps a second one from starting.
    let running = StoredValue::new(false);
    // The running action, once it has outlasted `PENDING_SHOWN_AFTER_MS`: what the menu shows.
    let busy = RwSignal::new(None::<Busy>);
    // Whether the running action has outlasted `SPINNER_AFTER_MS`.
    let slow = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let focus_on_open = StoredValue::new(Target::First);
    let root = NodeRef::<html::Div>::new();
    let trigger = NodeRef::<html::Button>::new();
    let menu = NodeRef::<html::Div>::new();
    let menu_id = next_menu_id();

    // Focus lands in the menu when it opens, once the browser has shown it (a hidden
    // element cannot take focus).
    Effect::new(move |_| {
        if is_open.get() {
            // The frame may come after the switcher is gone: every read here is a `try_`.
            request_animation_frame(move || {
                if open.try_get_untracked() == Some(true)
                    && let Some(menu) = menu.try_get_untracked().flatten()
                {
                    focus_item(&menu, focus_on_open.try_get_value().unwrap_or(Target::First));
                }
            });
        }
    });

    let close = move |refocus: bool| {
        open.set(false);
        if refocus && let Some(trigger) = trigger.get_untracked() {
            let _ = trigger.focus();
        }
    };
    let open_at = move |target: Target| {
        focus_on_open.set_value(target);
        // The menu is always mounted: ask `open` whether it shows.
        match menu.get_untracked().filter(|_| open.get_untracked()) {
            Some(menu) => focus_item(&menu, target),
            None => {
                error.set(None);
                open.set(true);
            }
        }
    };
    // Starts `action` unless another one runs; success closes the menu, failure keeps (or
    // reopens) it with the message.
    let start = move |what: Busy, action: std::pin::Pin<Box<dyn Future<Output = Result<(), ClerkError>>>>| {
        if running.get_value() {
            return;
        }
        running.set_value(true);
        set_if_changed(error, None);
        let shown_after = Timeout::new(PENDING_SHOWN_AFTER_MS, move || {
            busy.try_set(Some(what));
        });
        let slow_after = Timeout::new(SPINNER_AFTER_MS, move || {
            slow.try_set(true);
        });
        leptos::task::spawn_local(async move {
            let result = action.await;
            drop((shown_after, slow_after));
            running.try_set_value(false);
            // Only what was shown is taken back: a quick action writes nothing to the DOM but
            // its result.
            set_if_changed(slow, false);
            set_if_changed(busy, None);
            match result {
                Ok(()) => {
                    if open.try_get_untracked() == Some(true) {
                        // Focus moves back once the new session has painted: `focus()`
                        // forces style and layout at once, and an animation-frame callback
                        // runs before its own frame's paint, so focus waits for the next one.
                        open.set(false);
                        request_animation_frame(move || {
                            request_animation_frame(move || {
                                if let Some(trigger) = trigger.try_get_untracked().flatten() {
                                    let _ = trigger.focus();
                                }
                            });
                        });
                    }
                }
                Err(failure) => {
                    error.try_set(Some(failure.to_string()));
                    open.try_set(true);
                }
            }
        });
    };
    let switch_to = move |id: String| {
        let action = {
            let id = id.clone();
            Box::pin(async move { SetActive::new().call(SetActiveOptions::session(id)).await })
        };
        start(Busy::Switching(id), action);
    };
    let sign_out_one = move |id: String| {
        let action = {
            let id = id.clone();
            Box::pin(async move {
                SignOut::new()
                    .call(SignOutOptions::default().session_id(id))
                    .await
            })
        };
        start(Busy::SigningOut(id), action);
    };
    let sign_out_all = move || {
        start(
            Busy::SigningOutAll,
            Box::pin(async { SignOut::new().call(SignOutOptions::default()).await }),
        )
    };
    let add_account = move || match on_add_account {
        Some(callback) => {
            close(true);
            callback.run(());
        }
        None => start(
            Busy::AddingAccount,
            Box::pin(redirect_to_sign_in(RedirectOptions::new())),
        ),
    };

    let on_trigger_key = move |event: ev::KeyboardEvent| {
        let target = match event.key().as_str() {
            "ArrowDown" => Target::First,
            "ArrowUp" => Target::Last,
            _ => return,
        };
        event.prevent_default();
        open_at(target);
    };
    let on_menu_key = move |event: ev::KeyboardEvent| match event.key().as_str() {
        "Escape" => {
            event.prevent_default();
            close(true);
        }
        "Tab" => close(false),
        key => {
            if let (Some(target), Some(menu)) = (Target::for_key(key), menu.get_untracked()) {
                event.prevent_default();
                focus_item(&menu, target);
            }
        }
    };
    // Focus leaving the switcher (a click elsewhere, Tab) closes the menu.
    let on_focus_out = move |event: ev::FocusEvent| {
        let inside = root
            .get_untracked()
            .is_some_and(|root| focus_stays_within(&event, &root));
        if !inside {
            open.set(false);
        }
    };

    let is_busy = move || busy.with(Option::is_some);
    let busy_with = move |what: Busy| busy.with(|busy| busy.as_ref() == Some(&what));
    let root_class = erased::text(root_class("lc-switcher", class));
    // One value for every item's `aria-disabled`, once the running action shows.
    let disabled = erased::aria(is_busy);

    let current = Memo::new(move |_| accounts.with(|accounts| accounts.current.clone()));
    let current_user =
        Memo::new(move |_| current.with(|session| session.as_ref().map(user_of).unwrap_or_default()));
    let current_id = move || current.with(|session| session.as_ref().map(|session| session.id.clone()));
    let current_name = Memo::new(move |_| current_user.with(UserSnapshot::display_name));
    let has_current = Memo::new(move |_| current.with(Option::is_some));
    let others_count = Memo::new(move |_| accounts.with(|accounts| accounts.others.len()));
    let lost_current = Memo::new(move |_| accounts.with(SignedInAccounts::lost_current));
    let several = Memo::new(move |_| accounts.with(SignedInAccounts::count) > 1);
    // What the trigger shows, as a kind: a switch changes the label's text, not its kind,
    // so the label is rebuilt only when it has to say something else.
    let trigger_kind = Memo::new(
        move |_| match (loaded.get(), has_current.get(), lost_current.get()) {
            (false, _, _) => TriggerKind::Loading,
            (true, true, _) => TriggerKind::Current,
            (true, false, true) => TriggerKind::ChooseAccount,
            (true, false, false) => TriggerKind::SignedOut,
        },
    );

    let prompt = |text: &'static str| view! { <span class="lc-switcher__prompt">{text}</span> }.into_any();
    let trigger_label = erased::dynamic(move || match trigger_kind.get() {
        TriggerKind::Loading => prompt("Loading accounts…"),
        TriggerKind::Current => view! { <AccountLabel user=current_user/> }.into_any(),
        TriggerKind::ChooseAccount => prompt("Choose an account"),
        TriggerKind::SignedOut => prompt("Not signed in"),
    });

    let current_group = erased::shown_when(
        move || has_current.get(),
        move || {
            let signing_out = move || current_id().is_some_and(|id| busy_with(Busy::SigningOut(id)));
            view! {
                <div class="lc-switcher__group" role="group" aria-label="Current account">
                    <div class="lc-switcher__current">
                        <AccountLabel user=current_user/>
                        <span class="lc-switcher__badge">"Active"</span>
                    </div>
                    {menu_item(Item {
                        class: "lc-switcher__item lc-switcher__item--quiet",
                        label: None,
                        disabled,
                        busy: Some(erased::aria(signing_out)),
                        on_click: Box::new(move || if let Some(id) = current_id() { sign_out_one(id) }),
                        content: erased::text(move || format!("Sign out of {}", current_name.get())).into_any(),
                    })}
                </div>
            }
            .into_any()
        },
    );

    // Rows are by position, not by session: a switch swaps which session sits in a row, and
    // the row follows in place instead of being rebuilt. So they are a plain list (rebuilt,
    // onto the same elements, only when the number of other accounts changes), not a keyed
    // `<For>`: keyed diffing cost the benchmark app 2.7 KB gzip (docs/size.md).
    let other_row = move |index: usize| {
        let session = Memo::new(move |_| accounts.with(|accounts| accounts.others.get(index).cloned()));
        let session_id = move || session.with(|session| session.as_ref().map(|session| session.id.clone()));
        // `data-session-id` as a `Signal<String>` (a row always has a session while it is
        // shown): the switcher's texts share that type, and an attribute of a type of its own
        // (`Option<String>`) cost about 1 KB gzip of Leptos' attribute code (docs/size.md).
        let user =
            Memo::new(move |_| session.with(|session| session.as_ref().map(user_of).unwrap_or_default()));
        let name = Memo::new(move |_| user.with(UserSnapshot::display_name));
        let pending = move || session_id().is_some_and(|id| busy_with(Busy::Switching(id)));
        let signing_out = move || session_id().is_some_and(|id| busy_with(Busy::SigningOut(id)));
        view! {
            <div
                // The whole class as one text, not `class:is-pending`: Leptos' class toggling
                // would be linked for this one use (about 0.8 KB gzip, docs/size.md).
                class=erased::text(move || {
                    // `slow` is read only on the pending row: the others do not rerun when it flips.
                    match pending() {
                        false => "lc-switcher__row",
                        true if slow.get() => "lc-switcher__row is-pending is-slow",
                        true => "lc-switcher__row is-pending",
                    }
                    .to_owned()
                })
                data-session-id=erased::text(move || session_id().unwrap_or_default())
            >
                {menu_item(Item {
                    class: "lc-switcher__item lc-switcher__switch",
                    label: Some(erased::text(move || format!("Switch to {}", name.get()))),
                    disabled,
                    busy: Some(erased::aria(pending)),
                    on_click: Box::new(move || if let Some(id) = session_id() { switch_to(id) }),
                    content: view! {
                        <AccountLabel user=user/>
                        <span class="lc-switcher__spinner" aria-hidden="true"></span>
                    }
                    .into_any(),
                })}
                {menu_item(Item {
                    class: "lc-switcher__item lc-switcher__row-sign-out",
                    label: Some(erased::text(move || format!("Sign out of {}", name.get()))),
                    disabled,
                    busy: Some(erased::aria(signing_out)),
                    on_click: Box::new(move || if let Some(id) = session_id() { sign_out_one(id) }),
                    content: "Sign out".into_any(),
                })}
            </div>
        }
    };

    // The menu stays mounted and is only hidden when closed: building it on every open would
    // allocate its reactive attributes anew each time, and Leptos 0.8 keeps some of that
    // memory (a measured ~1 KB per open).
    let menu_view = view! {
        <div
            class="lc-switcher__menu"
            role="menu"
            id=menu_id.clone()
            hidden=erased::flag(move || !is_open.get())
            aria-label="Accounts"
            aria-busy=disabled
            node_ref=menu
            on:keydown=on_menu_key
        >
            {erased::dynamic(move || match error.get() {
                Some(message) => view! { <p class="lc-switcher__error" role="alert">{message}</p> }.into_any(),
                None => ().into_any(),
            })}
            {erased::shown_when(move || lost_current.get(), || view! {
                <p class="lc-switcher__notice" role="status">
                    "You are signed out in this tab. Choose an account to continue."
                </p>
            }.into_any())}
            {current_group}
            {erased::shown_when(move || others_count.get() > 0, move || view! {
                <div class="lc-switcher__group" role="group" aria-label="Other accounts">
                    {erased::dynamic(move || {
                        (0..others_count.get()).map(other_row).collect::<Vec<_>>().into_any()
                    })}
                </div>
            }.into_any())}
            <div class="lc-switcher__separator" role="separator"></div>
            {menu_item(Item {
                class: "lc-switcher__item lc-switcher__action",
                label: None,
                disabled,
                busy: None,
                on_click: Box::new(add_account),
                content: "Add account".into_any(),
            })}
            {erased::shown_when(move || several.get(), move || menu_item(Item {
                class: "lc-switcher__item lc-switcher__action lc-switcher__action--danger",
                label: None,
                disabled,
                busy: Some(erased::aria(move || busy_with(Busy::SigningOutAll))),
                on_click: Box::new(sign_out_all),
                content: "Sign out of all accounts".into_any(),
            }))}
        </div>
    };

    view! {
        <div class=root_class node_ref=root on:focusout=on_focus_out>
            <button
                type="button"
                class="lc-switcher__trigger"
                node_ref=trigger
                aria-haspopup="menu"
                disabled=erased::flag(move || !loaded.get())
                aria-expanded=erased::aria(move || is_open.get())
                aria-controls=menu_id
                on:click=move |_| if open.get_untracked() { close(false) } else { open_at(Target::First) }
                on:keydown=on_trigger_key
            >
                {trigger_label}
                <span class="lc-switcher__chevron" aria-hidden="true"></span>
            </button>
            {menu_view}
        </div>
    }
    .into_any()
}

/// A page-unique id for the menu, so `aria-controls` can name it.
fn next_menu_id() -> String {
    thread_local! {
        static NEXT: Cell<u32> = const { Cell::new(0) };
    }
    NEXT.with(|next| {
        next.set(next.get() + 1);
        format!("lc-switcher-menu-{}", next.get())
    })
}
