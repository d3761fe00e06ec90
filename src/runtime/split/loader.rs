//! The runtime of this crate's split points (the `wasm_split_path` of their `#[wasm_split]`):
//! fetches a split-off module once and tells every caller how that went.
//!
//! It takes the place of `wasm_split_helpers::rt`, which is written for threads (an async
//! once-cell, an `Arc<Mutex<_>>` per fetch, and the panic messages of both, whose `Debug`
//! formatting comes along): about 2.2 KB of the first download gzipped, for a page that runs
//! one thread. The contract is the same: a success is kept, a failure is not (the next call
//! fetches again), and concurrent callers share one fetch.

/// A split-off module could not be fetched or instantiated; the browser console says why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SplitLoaderError;

/// What the `#[wasm_split]` macro calls: its names and signatures are the macro's.
#[cfg(any(target_family = "wasm", test))]
pub(crate) mod rt {
    use std::cell::{Cell, RefCell};
    use std::ffi::c_void;
    use std::future::Future;
    use std::pin::Pin;
    use std::rc::Rc;
    use std::task::{Context, Poll, Waker};

    use super::SplitLoaderError;

    /// How wasm-split-cli's JS loader reports back: the data it was given, and whether the
    /// module is instantiated.
    pub type LoadCallbackFn = unsafe extern "C" fn(*const c_void, bool);
    /// A module's loader (the JS import `__wasm_split_load_<module>`).
    pub type LoadFn = unsafe extern "C" fn(LoadCallbackFn, *const c_void);

    /// One split point's handle on its module; the macro declares one per split point, in a
    /// `static`.
    pub struct LazySplitLoader {
        load: LoadFn,
        state: RefCell<State>,
    }

    // SAFETY: without the atomics target feature a wasm module runs on one thread, so the
    // macro's static loader is never reached from two. With atomics this impl is absent and
    // the static does not compile, rather than race.
    #[cfg(not(target_feature = "atomics"))]
    unsafe impl Sync for LazySplitLoader {}

    impl LazySplitLoader {
        /// # Safety
        /// `load` calls its callback exactly once per call, with the data it was given.
        pub const unsafe fn new(load: LoadFn) -> Self {
            Self {
                load,
                state: RefCell::new(State::Idle),
            }
        }
    }

    /// Fetches the module unless it is loaded already or on its way; resolves when it is.
    pub async fn ensure_loaded(loader: Pin<&'static LazySplitLoader>) -> Result<(), SplitLoaderError> {
        let loader = loader.get_ref();
        let current = match &*loader.state.borrow() {
            State::Loaded => return Ok(()),
            State::Loading(fetch) => Some(Rc::clone(fetch)),
            State::Idle => None,
        };
        let fetch = current.unwrap_or_else(|| {
            let fetch = Rc::new(Fetch {
                loader,
                loaded: Cell::new(None),
                waiting: RefCell::new(Vec::new()),
            });
            *loader.state.borrow_mut() = State::Loading(Rc::clone(&fetch));
            // No borrow is held here: the callback may come before `load` returns.
            // SAFETY: `finished` takes this reference back, once (`new`'s contract).
            unsafe { (loader.load)(finished, Rc::into_raw(Rc::clone(&fetch)).cast()) };
            fetch
        });
        Outcome(fetch).await
    }

    /// The JS loader's callback.
    unsafe extern "C" fn finished(data: *const c_void, loaded: bool) {
        // SAFETY: `data` is the reference `ensure_loaded` handed to the loader, which calls
        // back once with it.
        let fetch = unsafe { Rc::from_raw(data.cast::<Fetch>()) };
        fetch.loaded.set(Some(loaded));
        *fetch.loader.state.borrow_mut() = if loaded { State::Loaded } else { State::Idle };
        for waker in fetch.waiting.take() {
            waker.wake();
        }
    }

    enum State {
        Idle,
        Loading(Rc<Fetch>),
        Loaded,
    }

    /// One fetch of a module, shared by everyone waiting for it.
    struct Fetch {
        loader: &'static LazySplitLoader,
        loaded: Cell<Option<bool>>,
        waiting: RefCell<Vec<Waker>>,
    }

    /// Waits for a fetch to end.
    struct Outcome(Rc<Fetch>);

    impl Future for Outcome {
        type Output = Result<(), SplitLoaderError>;

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
            match self.0.loaded.get() {
                Some(true) => Poll::Ready(Ok(())),
                Some(false) => Poll::Ready(Err(SplitLoaderError)),
                None => {
                    let mut waiting = self.0.waiting.borrow_mut();
                    if !waiting.iter().any(|waker| waker.will_wake(cx.waker())) {
                        waiting.push(cx.waker().clone());
                    }
                    Poll::Pending
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::ffi::c_void;
    use std::future::Future;
    use std::pin::{Pin, pin};
    use std::task::{Context, Poll, Waker};

    use super::SplitLoaderError;
    use super::rt::{LazySplitLoader, LoadCallbackFn, ensure_loaded};

    thread_local! {
        /// The fetches the scripted loader has started and not finished.
        static STARTED: RefCell<Vec<(LoadCallbackFn, *const c_void)>> = const { RefCell::new(Vec::new()) };
    }

    /// Stands in for wasm-split-cli's JS loader: keeps the fetch for the test to finish.
    unsafe extern "C" fn scripted(callback: LoadCallbackFn, data: *const c_void) {
        STARTED.with_borrow_mut(|started| started.push((callback, data)));
    }

    /// Ends every started fetch as `loaded` says; how many there were.
    fn finish(loaded: bool) -> usize {
        let started = STARTED.take();
        for (callback, data) in &started {
            // SAFETY: each fetch is finished once, with the data it was started with.
            unsafe { callback(*data, loaded) };
        }
        started.len()
    }

    /// A loader of its own for each test, as the macro's `static` is for each split point.
    fn loader() -> Pin<&'static LazySplitLoader> {
        // SAFETY: `scripted` and `finish` call back once per fetch.
        Pin::static_ref(Box::leak(Box::new(unsafe { LazySplitLoader::new(scripted) })))
    }

    fn poll<F: Future>(future: Pin<&mut F>) -> Poll<F::Output> {
        future.poll(&mut Context::from_waker(Waker::noop()))
    }

    #[test]
    fn callers_share_one_fetch_and_a_success_is_kept() {
        let loader = loader();
        let mut first = pin!(ensure_loaded(loader));
        let mut second = pin!(ensure_loaded(loader));
        assert!(poll(first.as_mut()).is_pending());
        assert!(poll(second.as_mut()).is_pending());
        assert_eq!(finish(true), 1, "one fetch for both callers");
        assert_eq!(poll(first.as_mut()), Poll::Ready(Ok(())));
        assert_eq!(poll(second.as_mut()), Poll::Ready(Ok(())));
        assert_eq!(poll(pin!(ensure_loaded(loader))), Poll::Ready(Ok(())));
        assert_eq!(finish(true), 0, "a loaded module is not fetched again");
    }

    #[test]
    fn a_failure_reaches_every_caller_and_the_next_call_fetches_again() {
        let loader = loader();
        let mut first = pin!(ensure_loaded(loader));
        let mut second = pin!(ensure_loaded(loader));
        assert!(poll(first.as_mut()).is_pending());
        assert!(poll(second.as_mut()).is_pending());
        assert_eq!(finish(false), 1);
        assert_eq!(poll(first.as_mut()), Poll::Ready(Err(SplitLoaderError)));
        assert_eq!(poll(second.as_mut()), Poll::Ready(Err(SplitLoaderError)));

        let mut again = pin!(ensure_loaded(loader));
        assert!(poll(again.as_mut()).is_pending());
        assert_eq!(finish(true), 1, "the failure was not kept");
        assert_eq!(poll(again.as_mut()), Poll::Ready(Ok(())));
    }
}
