//! `use_reverification`: run an action that the backend may refuse until the user proves who
//! they are again, show Clerk's "verify it's you" dialog when it does, and retry once.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;

use crate::claims::ReverificationHint;
use crate::js::ReverificationDialog;
use crate::runtime::PrebuiltError;
use crate::runtime::context::{ClerkContext, context};

/// How an action guarded by [`use_reverification`] failed on its own terms: the backend asked
/// for reverification (Clerk's answer, read with [`Reverify::from_body`]), or something else.
#[derive(Clone, Debug, PartialEq)]
pub enum Reverify<E> {
    /// The backend sent Clerk's reverification answer.
    Needed(ReverificationHint),
    /// Any other failure, the action's own.
    Failed(E),
}

impl<E> Reverify<E> {
    /// `Needed` when `body` is Clerk's reverification answer (see
    /// [`ReverificationHint::from_json`]), else `Failed(otherwise)`.
    ///
    /// ```
    /// use leptos_clerk::Reverify;
    /// use leptos_clerk::claims::{Reverification, reverification_error};
    /// let body = reverification_error(Reverification::Strict);
    /// assert!(matches!(Reverify::from_body(&body, "403"), Reverify::Needed(_)));
    /// assert_eq!(Reverify::from_body(&serde_json::json!({}), "403"), Reverify::Failed("403"));
    /// ```
    pub fn from_body(body: &serde_json::Value, otherwise: E) -> Self {
        match ReverificationHint::from_json(body) {
            Some(hint) => Reverify::Needed(hint),
            None => Reverify::Failed(otherwise),
        }
    }
}

/// Why a call through [`use_reverification`] did not succeed.
#[derive(Clone, Debug, PartialEq)]
pub enum ReverificationError<E> {
    /// The user closed Clerk's dialog without verifying (React: `reverification_cancelled`).
    Cancelled,
    /// The dialog could not open: clerk-js is not loaded, or Clerk's UI failed to load.
    Unavailable(PrebuiltError),
    /// The backend asked again after the user had verified.
    StillRequired,
    /// The action's own error.
    Failed(E),
}

impl<E: fmt::Display> fmt::Display for ReverificationError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReverificationError::Cancelled => f.write_str("verification cancelled"),
            ReverificationError::Unavailable(error) => write!(f, "cannot ask to verify: {error}"),
            ReverificationError::StillRequired => f.write_str("the server still asks to verify"),
            ReverificationError::Failed(error) => error.fmt(f),
        }
    }
}

type Action<I, T, E> = Rc<dyn Fn(I) -> Pin<Box<dyn Future<Output = Result<T, Reverify<E>>>>>>;

/// The handle [`use_reverification`] returns: `Copy`, for event handlers.
pub struct UseReverificationReturn<I: 'static, T: 'static, E: 'static> {
    clerk: ClerkContext,
    action: StoredValue<Action<I, T, E>, LocalStorage>,
    /// The dialog of the last call, kept (with its callbacks) until the next call or until
    /// the component goes: clerk-js may still call it while it closes.
    dialog: StoredValue<Option<ReverificationDialog>, LocalStorage>,
}

impl<I, T, E> Clone for UseReverificationReturn<I, T, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, T, E> Copy for UseReverificationReturn<I, T, E> {}

impl<I: Clone + 'static, T: 'static, E: 'static> UseReverificationReturn<I, T, E> {
    /// Runs the action with `input`. If it comes back with [`Reverify::Needed`], opens Clerk's
    /// dialog at the level the backend named; once the user verifies, runs it once more.
    pub async fn call(&self, input: I) -> Result<T, ReverificationError<E>> {
        let action = self.action.get_value();
        let hint = match action(input.clone()).await {
            Ok(value) => return Ok(value),
            Err(Reverify::Failed(error)) => return Err(ReverificationError::Failed(error)),
            Err(Reverify::Needed(hint)) => hint,
        };
        let mut dialog = self
            .clerk
            .open_reverification(hint.level)
            .await
            .map_err(ReverificationError::Unavailable)?;
        let verified = dialog.outcome().await;
        // Keep the callbacks alive past the answer: clerk-js closes the dialog afterwards.
        self.dialog.try_set_value(Some(dialog));
        if !verified {
            return Err(ReverificationError::Cancelled);
        }
        match action(input).await {
            Ok(value) => Ok(value),
            Err(Reverify::Needed(_)) => Err(ReverificationError::StillRequired),
            Err(Reverify::Failed(error)) => Err(ReverificationError::Failed(error)),
        }
    }
}

/// Wraps `action` (an async call to your backend) so that when the backend answers with Clerk's
/// reverification body (a route guarded by `Require::reverification`, or
/// `ClerkAuth::require`), Clerk's "verify it's you" dialog opens, and the action runs again
/// once the user has verified, as `useReverification` does in React.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{Reverify, use_reverification};
///
/// /// POSTs to a route that wants a recent sign-in; Clerk's answer says so.
/// async fn delete_account(_: ()) -> Result<(), Reverify<String>> {
///     # let (status, body) = (403_u16, serde_json::json!({}));
///     match status {
///         200 => Ok(()),
///         _ => Err(Reverify::from_body(&body, format!("status {status}"))),
///     }
/// }
///
/// #[component]
/// fn DeleteAccount() -> impl IntoView {
///     let delete = use_reverification(delete_account);
///     let outcome = RwSignal::new(None::<String>);
///     let click = move |_| {
///         leptos::task::spawn_local(async move {
///             let text = match delete.call(()).await {
///                 Ok(()) => "Deleted".to_string(),
///                 Err(error) => error.to_string(),
///             };
///             outcome.set(Some(text));
///         })
///     };
///     view! { <button on:click=click>"Delete my account"</button> <p>{outcome}</p> }
/// }
/// ```
#[track_caller]
pub fn use_reverification<I, T, E, Fut>(
    action: impl Fn(I) -> Fut + 'static,
) -> UseReverificationReturn<I, T, E>
where
    Fut: Future<Output = Result<T, Reverify<E>>> + 'static,
{
    let action: Action<I, T, E> = Rc::new(move |input| Box::pin(action(input)));
    UseReverificationReturn {
        clerk: context("use_reverification"),
        action: StoredValue::new_local(action),
        dialog: StoredValue::new_local(None),
    }
}
