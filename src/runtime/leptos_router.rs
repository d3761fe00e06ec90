//! [`ClerkOptions::leptos_router`]: clerk-js navigating with Leptos' router (cargo feature
//! `router`).

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use super::options::ClerkOptions;

impl ClerkOptions {
    /// Lets clerk-js navigate with the enclosing `leptos_router` `<Router>`: its
    /// `routerPush` and `routerReplace` become `use_navigate()` calls (the latter with
    /// `replace: true`), so signing in, Clerk's links and the steps of a prebuilt component
    /// with [`Routing::Path`](crate::Routing::Path) change the route without loading a page.
    /// See [`router`](Self::router) for any other router.
    ///
    /// Call it inside the `<Router>` (it panics outside one, as `use_navigate()` does), so
    /// put the [`ClerkProvider`](crate::ClerkProvider) inside the router too:
    ///
    /// ```no_run
    /// use leptos::prelude::*;
    /// use leptos_router::components::{Route, Router, Routes};
    /// use leptos_router::path;
    /// use leptos_clerk::{ClerkOptions, ClerkProvider, Routing, SignIn};
    ///
    /// #[component]
    /// fn App() -> impl IntoView {
    ///     view! {
    ///         <Router>
    ///             <ClerkProvider options=ClerkOptions::new("pk_test_…").leptos_router()>
    ///                 <Routes fallback=|| "Not found">
    ///                     <Route path=path!("/") view=|| "Home"/>
    ///                     // Path routing: every step of the form lives under /sign-in.
    ///                     <Route path=path!("/sign-in/*any") view=|| view! {
    ///                         <SignIn routing=Routing::Path("/sign-in".into())/>
    ///                     }/>
    ///                 </Routes>
    ///             </ClerkProvider>
    ///         </Router>
    ///     }
    /// }
    /// ```
    #[track_caller]
    pub fn leptos_router(self) -> Self {
        let navigate = use_navigate();
        let push = {
            let navigate = navigate.clone();
            Callback::new(move |path: String| navigate(&path, NavigateOptions::default()))
        };
        let replace = Callback::new(move |path: String| {
            navigate(
                &path,
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            )
        });
        self.router(push, replace)
    }
}
