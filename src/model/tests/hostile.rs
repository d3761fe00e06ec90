//! A property test: whatever shape clerk-js (or anything else on `window.Clerk`) hands over,
//! the converter answers with a typed result and never panics.

use std::collections::BTreeMap;
use std::rc::Rc;

use proptest::prelude::*;

use super::Obj;
use crate::model::{AuthValue, ClerkResources, RawValue, time_ms};

/// Keys the converter reads, plus some it does not, so objects often hold the right names
/// with the wrong values.
const KEYS: [&str; 16] = [
    "client",
    "session",
    "user",
    "sessions",
    "id",
    "status",
    "expireAt",
    "abandonAt",
    "lastActiveAt",
    "createdAt",
    "firstName",
    "lastName",
    "primaryEmailAddress",
    "emailAddress",
    "publicUserData",
    "unrelated",
];

fn leaf() -> impl Strategy<Value = RawValue<Obj>> {
    prop_oneof![
        Just(RawValue::Missing),
        Just(RawValue::Null),
        any::<bool>().prop_map(RawValue::Bool),
        any::<f64>().prop_map(RawValue::Number),
        prop_oneof![
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(-1e300),
            Just(-62_135_596_800_000.0),
            Just(4_102_444_800_000.0)
        ]
        .prop_map(RawValue::Date),
        any::<f64>().prop_map(RawValue::Date),
        ".{0,24}".prop_map(RawValue::Text),
        prop_oneof![
            Just("2026-02-30T25:61Z"),
            Just("1969-12-31T23:59:59Z"),
            Just("2101-01-01"),
            Just("-1e400"),
            Just("active")
        ]
        .prop_map(|t| RawValue::Text(t.into())),
        Just(RawValue::Other("function")),
    ]
}

fn value() -> impl Strategy<Value = RawValue<Obj>> {
    leaf().prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(RawValue::List),
            prop::collection::vec((prop::sample::select(&KEYS[..]), inner), 0..8).prop_map(|fields| {
                RawValue::Object(Obj(Rc::new(fields.into_iter().collect::<BTreeMap<_, _>>())))
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_payload_converts_without_panicking(client in value(), session in value(), user in value()) {
        let payload = Obj(Rc::new(BTreeMap::from([("client", client), ("session", session.clone()), ("user", user)])));
        let resources = ClerkResources::read(&payload);
        // The three-way session state follows `undefined` / `null` / an object exactly.
        match session {
            RawValue::Missing => prop_assert_eq!(resources.session, AuthValue::Loading),
            RawValue::Null => prop_assert_eq!(resources.session, AuthValue::SignedOut),
            _ => prop_assert!(resources.session.is_loaded()),
        }
        // Every problem names where it was found.
        for problem in &resources.problems {
            prop_assert!(!problem.path.is_empty());
        }
    }

    #[test]
    fn any_time_is_a_time_or_a_typed_problem(value in leaf()) {
        if let Ok(Some(ms)) = time_ms(&value) {
            prop_assert!(ms.unsigned_abs() <= 8_640_000_000_000_000);
        }
    }
}
