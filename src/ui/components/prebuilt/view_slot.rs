//! Leptos views inside Clerk's UI: the content clerk-js mounts into its own elements (a
//! custom menu item's icon, a custom profile page).

use std::any::Any;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::tachys::renderer::types::Element;
use leptos::tachys::view::any_view::AnyViewState;
use leptos::tachys::view::{Mountable, Render};

use crate::js::{ContentSlot, JsOptions};

/// A view mounted into one of Clerk's elements: dropping it removes the view and runs its
/// cleanups (its reactive owner goes with it).
struct MountedView {
    state: AnyViewState,
    _owner: Owner,
}

impl Drop for MountedView {
    fn drop(&mut self) {
        self.state.unmount();
    }
}

/// A slot that renders `view` into each element clerk-js hands over, under a child of
/// `parent`: the view sees the app's context (`use_session()` works inside a custom page),
/// as a React portal does.
pub(super) fn view_slot(view: ViewFn, parent: Option<Owner>) -> ContentSlot {
    ContentSlot::new(Rc::new(move |element: &Element| {
        let view = view.clone();
        let render = move || {
            let owner = Owner::new();
            let state = owner.with(|| {
                let mut state = view.run().build();
                state.mount(element, None);
                state
            });
            MountedView { state, _owner: owner }
        };
        let mounted = match &parent {
            Some(parent) => parent.with(render),
            None => render(),
        };
        Box::new(mounted) as Box<dyn Any>
    }))
}

/// A slot that mounts nothing: clerk-js insists on `mountIcon` and `unmountIcon` for every
/// custom item, icon or not.
pub(super) fn empty_slot() -> ContentSlot {
    ContentSlot::new(Rc::new(|_: &Element| Box::new(()) as Box<dyn Any>))
}

/// What keeps a component's callback props callable ([`ContentSlot`]s, `ClickSlot`s), held
/// only to be dropped with the component.
pub(super) type Slots = Vec<Box<dyn Any>>;

/// The callback props of a component (custom menu items, custom pages), built by `build` at
/// its first mount, with the component's owner, and reused by every later mount; the slots
/// behind them live as long as the component.
pub(super) fn callback_props(
    build: impl Fn(Option<Owner>, &mut Slots) -> JsOptions + 'static,
) -> Rc<dyn Fn() -> JsOptions> {
    let owner = Owner::current();
    let built = StoredValue::new_local(None::<(JsOptions, Slots)>);
    Rc::new(move || {
        built
            .try_update_value(|built| {
                let (props, _) = built.get_or_insert_with(|| {
                    let mut slots = Vec::new();
                    (build(owner.clone(), &mut slots), slots)
                });
                props.clone()
            })
            // The component is gone: nothing to add.
            .unwrap_or_default()
    })
}
