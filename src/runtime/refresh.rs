//! The refresh driver: acts on the scheduler's decisions in the browser, and [`start`],
//! which runs one for a provider's current session.
//!
//! One timer at a time (a wake-up only: after every wake the plan is made again from the
//! wall clock); re-planning on `visibilitychange`, `focus`, `online` and `pageshow`, so a
//! laptop that slept through the deadline touches on wake; a per-session Web Lock so that one
//! tab touches; a BroadcastChannel so the others learn the new `expire_at`. Everything it
//! starts is owned by [`Driver`] and stops when it is shut down.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use leptos::prelude::*;
use send_wrapper::SendWrapper;

// Only with the provider's timer: a split point is a link root, so without `session-refresh`
// it would link the driver into every split app, used or not.
#[cfg(all(feature = "split", feature = "session-refresh"))]
mod split;

use super::reactive::set_if_changed;
use crate::js::dom::{document_hidden, on_document, on_window};
use crate::js::time::{Timeout, now_ms as now, random, sleep};
use crate::js::{Broadcast, Clerk, EventListener, JsObject, JsOptions, Locked, with_lock_if_free};
use crate::model::{ClerkResources, LoadStatus, PeerTouch};
use crate::refresh::{
    Decision, LastTouch, RefreshPolicy, RefreshStatus, SessionClock, StopReason, TouchMemory,
    UseSessionRefreshOptions, WaitReason, decide,
};

/// The channel on which tabs tell each other about touches.
const CHANNEL: &str = "leptos-clerk:session-refresh";

/// When another tab holds the touch lock, look again this much later (its broadcast
/// normally arrives first and re-plans sooner).
const PEER_GRACE_MS: u32 = 5_000;

/// The signals a driver writes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RefreshSignals {
    pub status: RwSignal<RefreshStatus>,
    pub next_touch_at: RwSignal<Option<i64>>,
    pub last_touch: RwSignal<Option<LastTouch>>,
}

impl RefreshSignals {
    fn new() -> Self {
        Self {
            status: RwSignal::new(RefreshStatus::Idle),
            next_touch_at: RwSignal::new(None),
            last_touch: RwSignal::new(None),
        }
    }
}

/// One tab's refresher for its current session.
struct Driver {
    policy: RefreshPolicy,
    signals: RefreshSignals,
    /// The session as last planned for.
    session: RefCell<Option<SessionClock>>,
    memory: RefCell<TouchMemory>,
    timer: RefCell<Option<Timeout>>,
    touching: Cell<bool>,
    alive: Cell<bool>,
    channel: RefCell<Option<Broadcast>>,
    listeners: RefCell<Vec<EventListener>>,
}

impl Driver {
    /// Starts a driver: subscribes to wake-up events and to other tabs' touches.
    fn start(policy: RefreshPolicy, signals: RefreshSignals) -> Rc<Self> {
        let driver = Rc::new(Self {
            policy: policy.normalized(),
            signals,
            session: RefCell::new(None),
            memory: RefCell::new(TouchMemory::default()),
            timer: RefCell::new(None),
            touching: Cell::new(false),
            alive: Cell::new(true),
            channel: RefCell::new(None),
            listeners: RefCell::new(Vec::new()),
        });
        let weak = Rc::downgrade(&driver);
        *driver.channel.borrow_mut() = Broadcast::open(CHANNEL, {
            let weak = weak.clone();
            move |message| {
                if let Some(driver) = weak.upgrade() {
                    driver.on_peer_message(&message);
                }
            }
        });
        let mut listeners = Vec::new();
        for kind in ["focus", "online", "pageshow"] {
            listeners.extend(on_window(kind, replan_on_event(&weak)));
        }
        listeners.extend(on_document("visibilitychange", replan_on_event(&weak)));
        *driver.listeners.borrow_mut() = listeners;
        driver
    }

    /// The session changed (or appeared, or went): plan for it.
    fn set_session(self: &Rc<Self>, session: Option<SessionClock>) {
        *self.session.borrow_mut() = session;
        self.plan();
    }

    /// Stops everything: the timer, the listeners, the channel. A touch under way finishes
    /// but plans nothing after it.
    fn shut_down(&self) {
        self.alive.set(false);
        self.timer.borrow_mut().take();
        self.listeners.borrow_mut().clear();
        self.channel.borrow_mut().take();
    }

    /// Makes the plan again from the wall clock, and acts on it.
    fn plan(self: &Rc<Self>) {
        if !self.alive.get() || self.touching.get() {
            return;
        }
        self.timer.borrow_mut().take();
        let session = self.session.borrow().clone();
        if let Some(session) = &session {
            self.memory
                .replace_with(|memory| std::mem::take(memory).for_session(&session.id));
        }
        match self.decision() {
            Decision::Touch => {
                if let Some(session) = session {
                    self.touch(session);
                }
            }
            Decision::Wait {
                delay_ms,
                target,
                reason,
            } => {
                let status = match reason {
                    WaitReason::BackingOff { attempt } => RefreshStatus::BackingOff { at: target, attempt },
                    WaitReason::UntilDue | WaitReason::MinInterval => RefreshStatus::Scheduled { at: target },
                };
                self.report(status, Some(target));
                self.wake_in(delay_ms);
            }
            Decision::Stop(StopReason::Expiring { ends_at }) => {
                self.report(RefreshStatus::Expiring { ends_at }, None);
            }
            Decision::Stop(reason) => self.report(RefreshStatus::Stopped(reason), None),
        }
    }

    fn wake_in(self: &Rc<Self>, delay_ms: u32) {
        let weak = Rc::downgrade(self);
        let timer = Timeout::new(delay_ms, move || {
            if let Some(driver) = weak.upgrade() {
                driver.plan();
            }
        });
        *self.timer.borrow_mut() = Some(timer);
    }

    fn touch(self: &Rc<Self>, session: SessionClock) {
        self.touching.set(true);
        self.report(RefreshStatus::Touching, None);
        let driver = Rc::clone(self);
        leptos::task::spawn_local(async move {
            let lock = format!("leptos-clerk:touch:{}", session.id);
            // The other tabs hear about the touch while this one still holds the lock, so
            // none of them can take it in between and touch a second time.
            let touch_and_tell = || {
                let (driver, id) = (Rc::clone(&driver), session.id.clone());
                async move {
                    // A peer may have touched just before we got the lock: let its message
                    // (already sent) arrive, and touch only if it is still due.
                    sleep(0).await;
                    if !driver.still_due() {
                        return None;
                    }
                    let result = touch_session(&id).await;
                    if let Ok(Some(expire_at)) = result {
                        driver.announce(&id, expire_at);
                    }
                    Some(result)
                }
            };
            let outcome = match with_lock_if_free(&lock, touch_and_tell).await {
                Locked::Ran(result) => result,
                Locked::Unsupported => touch_and_tell().await,
                Locked::Busy => None,
            };
            driver.touching.set(false);
            let before = driver.memory.borrow().effective_expire_at(session.expire_at);
            match outcome {
                Some(Ok(after)) => {
                    driver.memory.borrow_mut().record_success(now(), before, after);
                    driver.record(Ok(after));
                }
                Some(Err(message)) => {
                    driver.memory.borrow_mut().record_failure(now(), random());
                    driver.record(Err(message));
                }
                None => {
                    // Another tab is touching (or just touched) this session; its message
                    // re-plans us, and this timer covers a message that never comes.
                    if driver.alive.get() {
                        driver.report(
                            RefreshStatus::Scheduled {
                                at: now() + i64::from(PEER_GRACE_MS),
                            },
                            None,
                        );
                        driver.wake_in(PEER_GRACE_MS);
                    }
                    return;
                }
            }
            driver.plan();
        });
    }

    /// The scheduler's answer for this moment, this session and this memory.
    fn decision(&self) -> Decision {
        let session = self.session.borrow();
        decide(
            now(),
            session.as_ref(),
            &self.memory.borrow(),
            &self.policy,
            document_hidden(),
        )
    }

    /// Whether the plan, made again now, is still to touch.
    fn still_due(&self) -> bool {
        self.alive.get() && self.decision() == Decision::Touch
    }

    /// Tells the other tabs that session `id` now expires at `expire_at`.
    fn announce(&self, id: &str, expire_at: i64) {
        if let Some(channel) = self.channel.borrow().as_ref() {
            channel.post(
                JsOptions::new()
                    .text(PeerTouch::SESSION_ID, id)
                    .number(PeerTouch::EXPIRE_AT, expire_at as f64),
            );
        }
    }

    fn on_peer_message(self: &Rc<Self>, message: &JsObject) {
        let Some(touch) = PeerTouch::read(message) else {
            return; // not ours, or malformed: ignore
        };
        let ours = self
            .session
            .borrow()
            .as_ref()
            .is_some_and(|session| session.id == touch.session_id);
        if ours {
            self.memory.borrow_mut().record_peer_touch(now(), touch.expire_at);
            self.plan();
        }
    }

    fn record(&self, result: Result<Option<i64>, String>) {
        if self.alive.get() {
            self.signals
                .last_touch
                .try_set(Some(LastTouch { at: now(), result }));
        }
    }

    fn report(&self, status: RefreshStatus, next_touch_at: Option<i64>) {
        if !self.alive.get() {
            return;
        }
        set_if_changed(self.signals.status, status);
        set_if_changed(self.signals.next_touch_at, next_touch_at);
    }
}

fn replan_on_event(driver: &Weak<Driver>) -> impl FnMut() + 'static {
    let driver = driver.clone();
    move || {
        if let Some(driver) = driver.upgrade() {
            driver.plan();
        }
    }
}

/// Touches session `id` through clerk-js; `Ok` carries its `expire_at` afterwards.
async fn touch_session(id: &str) -> Result<Option<i64>, String> {
    let clerk = Clerk::loaded_from_window().map_err(|e| e.to_string())?;
    let session = clerk
        .client()
        .and_then(|client| client.session(id))
        .ok_or("the session is gone")?;
    session.touch().await.map_err(|error| error.to_string())?;
    Ok(session.snapshot().and_then(|snapshot| snapshot.expire_at))
}

/// What [`use_session_refresh`](crate::use_session_refresh) returns.
#[derive(Clone, Copy, Debug)]
pub struct UseSessionRefreshReturn {
    /// Idle, scheduled, touching, backing off, expiring or stopped.
    pub status: Signal<RefreshStatus>,
    /// When the next touch is planned (epoch ms), if one is.
    pub next_touch_at: Signal<Option<i64>>,
    /// The last touch this tab made: when, and its result.
    pub last_touch: Signal<Option<LastTouch>>,
}

impl UseSessionRefreshReturn {
    /// What a page without a refresher sees: idle, nothing planned, nothing done.
    pub(crate) fn idle() -> Self {
        Self {
            status: Signal::stored(RefreshStatus::Idle),
            next_touch_at: Signal::stored(None),
            last_touch: Signal::stored(None),
        }
    }
}

impl RefreshSignals {
    /// The signals as [`use_session_refresh`](crate::use_session_refresh) returns them. Made
    /// there, not where the refresher starts: an app that never reads them does not link
    /// the conversions.
    pub(crate) fn read_only(self) -> UseSessionRefreshReturn {
        UseSessionRefreshReturn {
            status: self.status.into(),
            next_touch_at: self.next_touch_at.into(),
            last_touch: self.last_touch.into(),
        }
    }
}

/// The provider's refresher, for [`use_session_refresh`](crate::use_session_refresh).
#[derive(Clone, Copy, Debug)]
pub(crate) struct SessionRefreshContext(pub RefreshSignals);

/// Runs a driver for the current session of a provider (its load `status` and
/// `resources`) until the current owner is cleaned up.
pub(crate) fn start(
    status: Signal<LoadStatus>,
    resources: Signal<ClerkResources>,
    options: UseSessionRefreshOptions,
) -> RefreshSignals {
    let signals = RefreshSignals::new();
    // The driver listens to the window and a BroadcastChannel, so it starts in an effect:
    // in the browser after the page is mounted or hydrated, and never on a server.
    let mut pending = Some(options);
    Effect::new(move |_| {
        if let Some(options) = pending.take() {
            let input = DriveInput {
                status,
                resources,
                options,
                signals,
            };
            #[cfg(not(all(feature = "split", feature = "session-refresh")))]
            untrack(|| drive(input));
            #[cfg(all(feature = "split", feature = "session-refresh"))]
            untrack(|| split::drive_when_loaded(input));
        }
    });
    signals
}

/// What a driver runs on, as one value, so that it can cross into a split-off module
/// (feature `split`).
struct DriveInput {
    status: Signal<LoadStatus>,
    resources: Signal<ClerkResources>,
    options: UseSessionRefreshOptions,
    signals: RefreshSignals,
}

/// Runs the driver until the effect that started it is disposed with its owner.
fn drive(
    DriveInput {
        status,
        resources,
        options,
        signals,
    }: DriveInput,
) {
    let driver = Driver::start(options.policy(), signals);
    // `None` until clerk-js has loaded: there is nothing to plan for yet.
    let session = Memo::new(move |_| {
        status.with(|s| s.is_loaded()).then(|| {
            resources.with(|r| {
                r.session.get().map(|session| SessionClock {
                    id: session.id.clone(),
                    signed_in: session.status.is_signed_in(),
                    expire_at: session.expire_at,
                })
            })
        })
    });
    let planned = SendWrapper::new(driver.clone());
    Effect::new(move |_| {
        if let Some(session) = session.get() {
            planned.set_session(session);
        }
    });
    let owned = SendWrapper::new(driver);
    on_cleanup(move || owned.shut_down());
}
