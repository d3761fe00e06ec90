//! The app's own navigation, handed to clerk-js as `routerPush` and `routerReplace` (see
//! [`ClerkOptions::router`](super::ClerkOptions::router)).

use std::fmt;

use leptos::prelude::*;

use crate::js::{JsOptions, register_router, with_router};

/// How clerk-js navigates inside the app: two callbacks taking an in-app path.
#[derive(Clone, Copy)]
pub(crate) struct ClerkNavigation {
    push: Callback<String>,
    replace: Callback<String>,
    /// The JS half, reached only through these pointers, which only
    /// [`ClerkNavigation::new`] sets: an app that never routes links none of it.
    wiring: &'static Wiring,
}

struct Wiring {
    load_options: fn(JsOptions) -> JsOptions,
    start: fn(ClerkNavigation),
}

static WIRING: Wiring = Wiring {
    load_options: with_router,
    start: register_for_owner,
};

impl ClerkNavigation {
    pub(crate) fn new(push: Callback<String>, replace: Callback<String>) -> Self {
        Self {
            push,
            replace,
            wiring: &WIRING,
        }
    }

    /// `Clerk.load()`'s options with `routerPush` and `routerReplace` set.
    pub(crate) fn load_options(self, options: JsOptions) -> JsOptions {
        (self.wiring.load_options)(options)
    }

    /// Makes clerk-js' navigations go to these callbacks until the current owner (the
    /// provider) is cleaned up.
    pub(crate) fn start(self) {
        (self.wiring.start)(self);
    }
}

fn register_for_owner(navigation: ClerkNavigation) {
    let registration = register_router(move |path, replace| {
        let callback = if replace {
            navigation.replace
        } else {
            navigation.push
        };
        // A disposed callback (its owner is gone) says so, and the page loads instead.
        callback.try_run(path.to_owned()).is_some()
    });
    on_cleanup(move || drop(registration));
}

impl fmt::Debug for ClerkNavigation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClerkNavigation")
            .field("push", &self.push)
            .field("replace", &self.replace)
            .finish()
    }
}

/// The same callbacks (not merely equal-looking ones), as Leptos' `Callback::matches` tells.
impl PartialEq for ClerkNavigation {
    fn eq(&self, other: &Self) -> bool {
        self.push.matches(&other.push) && self.replace.matches(&other.replace)
    }
}
