//! [`FlowState`]: the signals a custom flow's hook owns (its step, `pending`, `error`), and
//! the one way each call of the flow moves them.

use std::future::Future;

use leptos::prelude::*;

use crate::model::FlowError;

/// A flow's state, owned by the hook that made it. `Copy`: actions carry it into their
/// async calls. Every write is a `try_set`, so a call that finishes after its component is
/// gone does nothing.
#[derive(Debug)]
pub(crate) struct FlowState<S: Send + Sync + 'static> {
    pub step: RwSignal<S>,
    pub pending: RwSignal<bool>,
    pub error: RwSignal<Option<FlowError>>,
}

impl<S: Send + Sync + 'static> Clone for FlowState<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: Send + Sync + 'static> Copy for FlowState<S> {}

impl<S: Clone + Default + Send + Sync + 'static> FlowState<S> {
    /// A flow at its first step.
    pub fn new() -> Self {
        Self {
            step: RwSignal::new(S::default()),
            pending: RwSignal::new(false),
            error: RwSignal::new(None),
        }
    }

    /// Whether the current step satisfies `check` (false once the owner is gone).
    pub fn step_is(&self, check: impl FnOnce(&S) -> bool) -> bool {
        self.step.try_with_untracked(check).unwrap_or(false)
    }

    /// Runs one call with `pending` set and the last error cleared, then records its outcome.
    pub async fn run(&self, call: impl Future<Output = Result<S, FlowError>>) -> Result<S, FlowError> {
        self.pending.try_set(true);
        self.error.try_set(None);
        let outcome = call.await;
        self.pending.try_set(false);
        self.settle(outcome)
    }

    /// Records an outcome: a new step, or an error that keeps the step (so the form stays).
    pub fn settle(&self, outcome: Result<S, FlowError>) -> Result<S, FlowError> {
        match &outcome {
            Ok(step) => {
                self.step.try_set(step.clone());
            }
            Err(error) => {
                self.error.try_set(Some(error.clone()));
            }
        }
        outcome
    }

    /// Back to the first step, without an error.
    pub fn reset(&self) {
        self.step.try_set(S::default());
        self.error.try_set(None);
    }
}
