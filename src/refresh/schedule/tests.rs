//! The scheduler's properties, one test each, plus a property test over random inputs.

use proptest::prelude::*;

use super::*;

const NOW: i64 = 1_800_000_000_000;
const MINUTE: i64 = 60_000;
const DAY: i64 = 24 * 60 * MINUTE;

fn session(expire_at: i64) -> SessionClock {
    SessionClock {
        id: "sess_1".into(),
        signed_in: true,
        expire_at: Some(expire_at),
    }
}

fn memory() -> TouchMemory {
    TouchMemory::default().for_session("sess_1")
}

fn decide_at(now: i64, session: &SessionClock, memory: &TouchMemory) -> Decision {
    decide(now, Some(session), memory, &RefreshPolicy::default(), false)
}

#[test]
fn a_thirty_day_session_arms_a_capped_timer() {
    let decision = decide_at(NOW, &session(NOW + 30 * DAY), &memory());
    assert_eq!(
        decision,
        Decision::Wait {
            delay_ms: 60_000,
            target: NOW + 30 * DAY - 5 * MINUTE,
            reason: WaitReason::UntilDue
        }
    );
}

#[test]
fn no_policy_can_produce_a_timer_browsers_fire_at_once() {
    let huge = RefreshPolicy {
        max_timer_ms: i64::MAX,
        ..RefreshPolicy::default()
    };
    match decide(NOW, Some(&session(NOW + 365 * DAY)), &memory(), &huge, false) {
        Decision::Wait { delay_ms, .. } => assert!(delay_ms <= i32::MAX as u32),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_touch_comes_at_expiry_minus_the_lead() {
    let expire_at = NOW + 10 * MINUTE;
    let s = session(expire_at);
    assert!(matches!(
        decide_at(expire_at - 5 * MINUTE - 1, &s, &memory()),
        Decision::Wait { delay_ms: 1, .. }
    ));
    assert_eq!(decide_at(expire_at - 5 * MINUTE, &s, &memory()), Decision::Touch);
}

#[test]
fn a_past_or_imminent_expiry_touches_at_once_and_only_once() {
    for expire_at in [NOW - DAY, NOW - 1, NOW, NOW + MINUTE, NOW + 5 * MINUTE] {
        let s = session(expire_at);
        let mut m = memory();
        assert_eq!(decide_at(NOW, &s, &m), Decision::Touch, "{expire_at}");
        // The server did not move it (it is past, or capped): no second touch.
        m.record_success(NOW, Some(expire_at), Some(expire_at));
        for later in [NOW, NOW + MINUTE, NOW + DAY] {
            assert_eq!(
                decide_at(later, &s, &m),
                Decision::Stop(StopReason::Expiring { ends_at: expire_at }),
                "{expire_at} at {later}"
            );
        }
    }
}

#[test]
fn a_touch_that_moved_expiry_rearms_from_the_new_one() {
    let (before, after) = (NOW + 5 * MINUTE, NOW + 10 * MINUTE);
    let mut m = memory();
    m.record_success(NOW, Some(before), Some(after));
    let decision = decide_at(NOW, &session(after), &m);
    assert_eq!(
        decision,
        Decision::Wait {
            delay_ms: 60_000,
            target: after - 5 * MINUTE,
            reason: WaitReason::UntilDue
        }
    );
}

#[test]
fn an_inactivity_timeout_shorter_than_the_lead_does_not_storm() {
    // Each touch moves expiry to now + 3 min: always "within the lead".
    let mut m = memory();
    m.record_success(NOW, Some(NOW + MINUTE), Some(NOW + 3 * MINUTE));
    let decision = decide_at(NOW + 1000, &session(NOW + 3 * MINUTE), &m);
    assert_eq!(
        decision,
        Decision::Wait {
            delay_ms: 59_000,
            target: NOW + MINUTE,
            reason: WaitReason::MinInterval
        }
    );
}

#[test]
fn failures_back_off_exponentially_with_bounded_jitter() {
    let policy = RefreshPolicy::default();
    let mut previous_ceiling = 0;
    for attempt in 1..=12 {
        let ceiling = (2_000_i64 << (attempt - 1)).min(120_000);
        let low = policy.backoff_ms(attempt, 0.0);
        let high = policy.backoff_ms(attempt, 0.999_999);
        assert_eq!(low, ceiling / 2, "attempt {attempt}");
        assert!(
            high <= ceiling && high >= ceiling - 1,
            "attempt {attempt}: {high}"
        );
        assert!(ceiling >= previous_ceiling);
        previous_ceiling = ceiling;
    }
    assert_eq!(
        policy.backoff_ms(u32::MAX, 0.5),
        90_000,
        "bounded even after countless failures"
    );
    assert_eq!(
        policy.backoff_ms(3, f64::NAN),
        4_000,
        "a bad jitter cannot break it"
    );
}

#[test]
fn a_failed_touch_retries_after_the_backoff_then_touches() {
    let s = session(NOW + 4 * MINUTE);
    let mut m = memory();
    m.record_failure(NOW, 0.5);
    let retry_at = NOW + RefreshPolicy::default().backoff_ms(1, 0.5);
    assert_eq!(
        decide_at(NOW, &s, &m),
        Decision::Wait {
            delay_ms: (retry_at - NOW) as u32,
            target: retry_at,
            reason: WaitReason::BackingOff { attempt: 1 }
        }
    );
    assert_eq!(decide_at(retry_at, &s, &m), Decision::Touch);
    m.record_failure(retry_at, 0.5);
    assert!(matches!(
        decide_at(retry_at, &s, &m),
        Decision::Wait {
            reason: WaitReason::BackingOff { attempt: 2 },
            ..
        }
    ));
    m.record_success(retry_at + 3000, Some(NOW + 4 * MINUTE), Some(NOW + 20 * MINUTE));
    assert_eq!(m.failures(), 0);
}

#[test]
fn a_signed_out_or_ended_session_stops_it() {
    let m = memory();
    assert_eq!(
        decide(NOW, None, &m, &RefreshPolicy::default(), false),
        Decision::Stop(StopReason::SignedOut)
    );
    let ended = SessionClock {
        signed_in: false,
        ..session(NOW - 1)
    };
    assert_eq!(decide_at(NOW, &ended, &m), Decision::Stop(StopReason::SignedOut));
    let no_expiry = SessionClock {
        expire_at: None,
        ..session(0)
    };
    assert_eq!(
        decide_at(NOW, &no_expiry, &m),
        Decision::Stop(StopReason::NoExpiry)
    );
}

#[test]
fn hidden_tabs_let_visible_ones_go_first() {
    let s = session(NOW + 5 * MINUTE);
    let policy = RefreshPolicy::default();
    assert_eq!(decide(NOW, Some(&s), &memory(), &policy, false), Decision::Touch);
    assert!(matches!(
        decide(NOW, Some(&s), &memory(), &policy, true),
        Decision::Wait { delay_ms: 10_000, .. }
    ));
}

#[test]
fn a_peer_touch_rearms_this_tab_without_touching() {
    let s = session(NOW + 5 * MINUTE);
    let mut m = memory();
    m.record_peer_touch(NOW, NOW + 15 * MINUTE);
    assert_eq!(
        decide_at(NOW + 1, &s, &m),
        Decision::Wait {
            delay_ms: 60_000,
            target: NOW + 10 * MINUTE,
            reason: WaitReason::UntilDue
        }
    );
    // An older report changes nothing.
    m.record_peer_touch(NOW, NOW + 6 * MINUTE);
    assert_eq!(
        m.effective_expire_at(Some(NOW + 5 * MINUTE)),
        Some(NOW + 15 * MINUTE)
    );
}

#[test]
fn a_peer_that_moved_expiry_lifts_an_expiring_state() {
    let mut m = memory();
    m.record_success(NOW, Some(NOW + MINUTE), Some(NOW + MINUTE));
    assert!(matches!(
        decide_at(NOW, &session(NOW + MINUTE), &m),
        Decision::Stop(StopReason::Expiring { .. })
    ));
    m.record_peer_touch(NOW + 2 * MINUTE, NOW + 60 * MINUTE);
    assert!(matches!(
        decide_at(NOW + 2 * MINUTE, &session(NOW + MINUTE), &m),
        Decision::Wait { .. }
    ));
}

#[test]
fn memory_belongs_to_one_session() {
    let mut m = memory();
    m.record_success(NOW, Some(NOW + MINUTE), Some(NOW + MINUTE));
    let other = SessionClock {
        id: "sess_2".into(),
        ..session(NOW + MINUTE)
    };
    assert_eq!(
        decide_at(NOW, &other, &m),
        Decision::Touch,
        "sess_1's history does not stop sess_2"
    );
    assert_eq!(
        m.clone().for_session("sess_2"),
        TouchMemory::default().for_session("sess_2")
    );
    assert_eq!(m.clone().for_session("sess_1"), m);
}

fn arbitrary_memory() -> impl Strategy<Value = TouchMemory> {
    (
        prop::option::of(-DAY..DAY),
        prop::option::of(-DAY..DAY),
        prop::option::of(-DAY..DAY),
        0u32..50,
        -DAY..DAY,
        0.0f64..1.0,
        any::<bool>(),
    )
        .prop_map(
            |(peer, success, stalled, failures, failed_at, jitter, same_session)| TouchMemory {
                session_id: Some(if same_session { "sess_1" } else { "sess_9" }.into()),
                peer_expire_at: peer.map(|d| NOW + d),
                last_success_at: success.map(|d| NOW + d),
                stalled_at: stalled.map(|d| NOW + d),
                failures,
                last_failure_at: (failures > 0).then_some(NOW + failed_at),
                jitter,
            },
        )
}

proptest! {
    #[test]
    fn every_decision_is_safe(
        now_offset in -400 * DAY..400 * DAY,
        expire_offset in prop::option::of(-400 * DAY..400 * DAY),
        lead in -DAY..DAY,
        cap in -10i64..i64::MAX,
        signed_in in any::<bool>(),
        hidden in any::<bool>(),
        memory in arbitrary_memory(),
    ) {
        let now = NOW + now_offset;
        let session = SessionClock { id: "sess_1".into(), signed_in, expire_at: expire_offset.map(|d| NOW + d) };
        let policy = RefreshPolicy { lead_ms: lead, max_timer_ms: cap, ..RefreshPolicy::default() };
        let decision = decide(now, Some(&session), &memory, &policy, hidden);
        let normalized = policy.normalized();
        match decision {
            Decision::Wait { delay_ms, target, .. } => {
                prop_assert!(delay_ms >= 1);
                prop_assert!(i64::from(delay_ms) <= normalized.max_timer_ms);
                prop_assert!(i64::from(delay_ms) <= i64::from(i32::MAX));
                prop_assert!(target > now);
            }
            Decision::Touch => {
                prop_assert!(signed_in);
                let relevant = memory.session_id.as_deref() == Some("sess_1");
                let expire = if relevant { memory.effective_expire_at(session.expire_at) } else { session.expire_at };
                prop_assert!(expire.is_some());
                if relevant {
                    // Never touch a session whose last touch showed it cannot be extended.
                    prop_assert!(memory.stalled_at.is_none_or(|stalled| expire.unwrap() > stalled));
                }
            }
            Decision::Stop(StopReason::SignedOut) => prop_assert!(!signed_in),
            Decision::Stop(StopReason::NoExpiry) => prop_assert!(session.expire_at.is_none()),
            Decision::Stop(StopReason::Expiring { ends_at }) => prop_assert!(memory.stalled_at.is_some_and(|s| ends_at <= s)),
            // Only the driver says that, when its split-off code cannot be fetched.
            Decision::Stop(StopReason::Unavailable) => prop_assert!(false, "the scheduler said Unavailable"),
        }
    }

    #[test]
    fn a_touch_is_followed_by_a_wait_or_a_stop_never_another_touch(
        expire_offset in -DAY..30 * DAY,
        moved_by in -DAY..DAY,
    ) {
        let before = NOW + expire_offset;
        let after = before + moved_by;
        let mut m = memory();
        m.record_success(NOW, Some(before), Some(after));
        let decision = decide_at(NOW, &session(after), &m);
        prop_assert!(decision != Decision::Touch, "{decision:?}");
    }
}
