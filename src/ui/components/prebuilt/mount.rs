//! The engine behind every prebuilt component: mount into a `<div>`, re-mount when the props
//! change, unmount on cleanup, and turn any failure into something the page shows.

use std::rc::Rc;

use leptos::html;
use leptos::prelude::*;

use crate::js::{Clerk, JsOptions, Mounted, Prebuilt};
use crate::runtime::context::{UiScript, context};
use crate::runtime::prebuilt_ui::{PrebuiltError, ensure_ui};
use crate::ui::components::root_class;

/// Makes Clerk's UI available to `clerk_js` from `ui_script` (see [`ensure_ui`]); shared by
/// the mounted components and the modals.
pub(super) async fn ui_ready(clerk_js: &Clerk, ui_script: UiScript) -> Result<(), PrebuiltError> {
    match ui_script.url {
        Some(url) => ensure_ui(clerk_js, &url, ui_script.timeout_ms, ui_script.nonce).await,
        None => Err(PrebuiltError::MountRejected(
            "no URL for Clerk's UI (the publishable key is invalid)".into(),
        )),
    }
}

/// Mounts `component` with `props` into the `<div>` it renders, once clerk-js has loaded.
pub(super) fn mounted(
    component: Prebuilt,
    props: Memo<serde_json::Value>,
    class: MaybeProp<String>,
) -> impl IntoView {
    mounted_with(component, props, None, class)
}

/// [`mounted`], with `functions()` (the props that are callbacks, which JSON cannot carry)
/// added to `props` at every mount.
pub(super) fn mounted_with(
    component: Prebuilt,
    props: Memo<serde_json::Value>,
    functions: Option<Rc<dyn Fn() -> JsOptions>>,
    class: MaybeProp<String>,
) -> impl IntoView {
    let clerk = context(component.name());
    let host = NodeRef::<html::Div>::new();
    let failure = RwSignal::new(None::<PrebuiltError>);
    let loaded = Memo::new(move |_| clerk.status().with(|status| status.is_loaded()));
    // Which mount is wanted: bumped by every (re)mount and by cleanup, so a mount whose
    // awaits finish late can tell that it is no longer wanted.
    let generation = StoredValue::new(0_u64);
    // What is mounted now, to unmount from exactly that node.
    let mounted_on = StoredValue::new_local(None::<Mounted>);
    let unmount = move || {
        if let Some(mounted) = mounted_on.try_update_value(Option::take).flatten() {
            mounted.unmount();
        }
    };

    Effect::new(move |_| {
        let props = props.get();
        let (Some(node), true) = (host.get(), loaded.get()) else {
            return;
        };
        unmount();
        generation.update_value(|generation| *generation += 1);
        let wanted = generation.get_value();
        failure.set(None);
        let ui_script = clerk.ui_script();
        let functions = functions.clone();
        leptos::task::spawn_local(async move {
            let Ok(clerk_js) = Clerk::loaded_from_window() else {
                return;
            };
            let ready = ui_ready(&clerk_js, ui_script).await;
            if generation.try_get_value() != Some(wanted) {
                return;
            }
            let mounted = ready.and_then(|()| {
                clerk_js
                    .mount(component, &node, &props, functions.map(|f| f()).as_ref())
                    .map_err(|error| PrebuiltError::MountRejected(error.to_string()))
            });
            match mounted {
                Ok(mounted) => mounted_on.set_value(Some(mounted)),
                Err(error) => {
                    failure.try_set(Some(error));
                }
            }
        });
    });
    on_cleanup(move || {
        generation.try_update_value(|generation| *generation += 1);
        unmount();
    });

    view! {
        <div class=root_class("lc-prebuilt", class) data-clerk-component=component.name()>
            <div class="lc-prebuilt__host" node_ref=host></div>
            {move || failure.get().map(|error| view! {
                <p class="lc-prebuilt__error" role="alert">{error.to_string()}</p>
            })}
        </div>
    }
}
