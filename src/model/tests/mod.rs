//! The converter against hand-built clerk-js shapes, hostile ones included.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::*;

// Native only: proptest is a host dev-dependency.
#[cfg(not(target_arch = "wasm32"))]
mod hostile;
mod metadata;

/// A stand-in for a JS object: a map of property names to classified values.
#[derive(Clone, Debug, PartialEq)]
struct Obj(Rc<BTreeMap<&'static str, RawValue<Obj>>>);

impl RawObject for Obj {
    fn get(&self, key: &str) -> RawValue<Self> {
        self.0.get(key).cloned().unwrap_or(RawValue::Missing)
    }

    fn keys(&self) -> Vec<String> {
        self.0.keys().map(|key| (*key).to_owned()).collect()
    }

    fn is(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

fn obj<const N: usize>(fields: [(&'static str, RawValue<Obj>); N]) -> RawValue<Obj> {
    RawValue::Object(Obj(Rc::new(fields.into_iter().collect())))
}

fn text(value: &str) -> RawValue<Obj> {
    RawValue::Text(value.to_owned())
}

fn payload<const N: usize>(fields: [(&'static str, RawValue<Obj>); N]) -> ClerkResources {
    match obj(fields) {
        RawValue::Object(payload) => ClerkResources::read(&payload),
        _ => unreachable!(),
    }
}

const EXPIRE: f64 = 1_800_000_000_000.0;

fn ada() -> RawValue<Obj> {
    obj([
        ("id", text("user_ada")),
        ("firstName", text("Ada")),
        ("lastName", text("Lovelace")),
        (
            "primaryEmailAddress",
            obj([("emailAddress", text("ada@example.test"))]),
        ),
        ("hasImage", RawValue::Bool(false)),
    ])
}

fn session(id: &str, user: RawValue<Obj>) -> RawValue<Obj> {
    obj([
        ("id", text(id)),
        ("status", text("active")),
        ("expireAt", RawValue::Date(EXPIRE)),
        ("abandonAt", RawValue::Number(EXPIRE + 1000.0)),
        ("lastActiveAt", text("1799999000000")),
        ("user", user),
    ])
}

#[test]
fn a_signed_in_emit_becomes_snapshots() {
    let active = session("sess_1", ada());
    let state = payload([
        (
            "client",
            obj([
                ("id", text("client_1")),
                ("sessions", RawValue::List(vec![active.clone()])),
            ]),
        ),
        ("session", active),
        ("user", ada()),
    ]);
    assert!(state.problems.is_empty(), "{:?}", state.problems);
    let session = state.session.get().expect("signed in");
    assert_eq!(session.id, "sess_1");
    assert_eq!(session.status, SessionStatus::Active);
    assert_eq!(session.expire_at, Some(EXPIRE as i64));
    assert_eq!(session.abandon_at, Some(EXPIRE as i64 + 1000));
    assert_eq!(session.last_active_at, Some(1_799_999_000_000));
    let user = state.user.get().expect("user");
    assert_eq!(user.display_name(), "Ada Lovelace");
    assert_eq!(user.primary_email_address.as_deref(), Some("ada@example.test"));
    assert_eq!(state.client.expect("client").sessions.len(), 1);
}

#[test]
fn undefined_session_is_loading_and_null_is_signed_out() {
    assert_eq!(payload([]).session, AuthValue::Loading);
    assert_eq!(payload([]).user, AuthValue::Loading);
    let out = payload([("session", RawValue::Null), ("user", RawValue::Null)]);
    assert_eq!(out.session, AuthValue::SignedOut);
    assert_eq!(out.user, AuthValue::SignedOut);
}

#[test]
fn a_session_without_user_falls_back_to_public_user_data() {
    let public = obj([
        ("userId", text("user_bob")),
        ("firstName", text("Bob")),
        ("identifier", text("bob@example.test")),
    ]);
    let state = payload([(
        "session",
        obj([
            ("id", text("sess_2")),
            ("status", text("active")),
            ("publicUserData", public),
        ]),
    )]);
    let user = state.user.get().expect("user from publicUserData");
    assert_eq!(
        (user.id.as_str(), user.display_name().as_str()),
        ("user_bob", "Bob")
    );
    assert_eq!(user.primary_email_address.as_deref(), Some("bob@example.test"));
}

#[test]
fn the_emitted_session_and_user_are_read_once_though_the_client_holds_them_too() {
    let user = ada();
    let active = obj([
        ("id", text("sess_1")),
        ("status", text("active")),
        ("expireAt", text("next tuesday")),
        ("user", user.clone()),
    ]);
    let other = session("sess_2", ada());
    let state = payload([
        (
            "client",
            obj([("sessions", RawValue::List(vec![active.clone(), other]))]),
        ),
        ("session", active),
        ("user", user),
    ]);
    // One problem, where a page reads it: not again under `client.sessions[0]`.
    let paths: Vec<&str> = state.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["session.expireAt"]);
    let client = state.client.expect("client");
    assert_eq!(client.sessions.len(), 2);
    assert_eq!(Some(&client.sessions[0]), state.session.get());
    assert_eq!(state.user.get(), client.sessions[0].user.as_ref());
    assert_eq!(client.sessions[1].id, "sess_2");
}

#[test]
fn a_problem_with_the_emitted_user_is_reported_once_at_the_session() {
    let user = obj([("id", text("user_ada")), ("firstName", RawValue::Number(7.0))]);
    let active = session("sess_1", user.clone());
    let state = payload([
        (
            "client",
            obj([("sessions", RawValue::List(vec![active.clone()]))]),
        ),
        ("session", active),
        ("user", user),
    ]);
    let paths: Vec<&str> = state.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["session.user.firstName"]);
}

#[test]
fn objects_that_are_not_the_same_are_each_read() {
    // Equal data in other objects (clerk-js' session outside its client, a user that is not
    // `session.user`): each is read, and the emitted user is the one that counts.
    let stale = obj([
        ("id", text("sess_1")),
        ("status", text("active")),
        ("expireAt", text("soon")),
    ]);
    let active = obj([
        ("id", text("sess_1")),
        ("status", text("active")),
        ("expireAt", text("soon")),
        ("user", ada()),
    ]);
    let augusta = obj([("id", text("user_ada")), ("firstName", text("Augusta"))]);
    let state = payload([
        ("client", obj([("sessions", RawValue::List(vec![stale]))])),
        ("session", active),
        ("user", augusta),
    ]);
    let paths: Vec<&str> = state.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["session.expireAt", "client.sessions[0].expireAt"]);
    assert_eq!(state.user.get().unwrap().first_name.as_deref(), Some("Augusta"));
    assert_eq!(
        state
            .session
            .get()
            .unwrap()
            .user
            .as_ref()
            .unwrap()
            .first_name
            .as_deref(),
        Some("Ada")
    );
}

#[test]
fn missing_user_leaves_the_session_signed_in_without_a_user() {
    let state = payload([(
        "session",
        obj([("id", text("sess_1")), ("status", text("active"))]),
    )]);
    assert!(state.session.get().is_some());
    assert_eq!(state.user, AuthValue::SignedOut);
    assert!(state.problems.is_empty());
}

#[test]
fn hostile_times_become_none_with_a_problem() {
    let cases = [
        RawValue::Date(f64::NAN),
        RawValue::Number(f64::INFINITY),
        text("next tuesday"),
        RawValue::Bool(true),
        RawValue::List(vec![]),
    ];
    for bad in cases {
        let state = payload([(
            "session",
            obj([
                ("id", text("sess_1")),
                ("status", text("active")),
                ("expireAt", bad.clone()),
            ]),
        )]);
        let session = state.session.get().expect("still signed in");
        assert_eq!(session.expire_at, None, "{bad:?}");
        assert_eq!(state.problems.len(), 1, "{bad:?}");
        assert_eq!(state.problems[0].path, "session.expireAt");
    }
    let null = payload([(
        "session",
        obj([
            ("id", text("s")),
            ("status", text("active")),
            ("expireAt", RawValue::Null),
        ]),
    )]);
    assert_eq!(
        (null.session.get().unwrap().expire_at, null.problems.len()),
        (None, 0)
    );
}

#[test]
fn bad_entries_in_sessions_are_dropped_and_the_rest_kept() {
    let state = payload([(
        "client",
        obj([(
            "sessions",
            RawValue::List(vec![
                RawValue::Null,
                session("sess_1", ada()),
                text("sess_2"),
                obj([("status", text("active"))]),
                session("sess_3", RawValue::Number(3.0)),
            ]),
        )]),
    )]);
    let client = state.client.expect("client");
    let ids: Vec<&str> = client.sessions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["sess_1", "sess_3"]);
    let paths: Vec<&str> = state.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "client.sessions[0]",
            "client.sessions[2]",
            "client.sessions[3].id",
            "client.sessions[4].user"
        ]
    );
    assert_eq!(
        state.problems[0].to_string(),
        "client.sessions[0] should be a session object but is null"
    );
}

#[test]
fn unknown_statuses_are_kept_verbatim() {
    let state = payload([(
        "session",
        obj([("id", text("s")), ("status", text("hibernating"))]),
    )]);
    let status = &state.session.get().unwrap().status;
    assert_eq!(status, &SessionStatus::Unknown("hibernating".into()));
    assert!(!status.is_signed_in());
}

#[test]
fn identical_emits_compare_equal() {
    let make = || payload([("session", session("sess_1", ada())), ("user", ada())]);
    assert_eq!(make(), make());
}

#[test]
fn a_hundred_thousand_sessions_convert() {
    let sessions = (0..100_000)
        .map(|i| session(&format!("sess_{i}"), RawValue::Null))
        .collect();
    let state = payload([("client", obj([("sessions", RawValue::List(sessions))]))]);
    assert_eq!(state.client.unwrap().signed_in_sessions().count(), 100_000);
}

fn acme() -> RawValue<Obj> {
    obj([
        ("id", text("org_acme")),
        ("name", text("Acme")),
        ("slug", text("acme")),
        ("membersCount", RawValue::Number(3.0)),
        ("pendingInvitationsCount", RawValue::Number(-1.0)),
    ])
}

#[test]
fn the_active_organization_and_the_users_memberships_are_read() {
    let membership = obj([
        ("id", text("orgmem_1")),
        ("role", text("org:admin")),
        ("roleName", text("Admin")),
        (
            "permissions",
            RawValue::List(vec![text("org:sys_memberships:manage"), RawValue::Number(4.0)]),
        ),
        ("organization", acme()),
        ("publicUserData", obj([("userId", text("user_ada"))])),
    ]);
    let orphan = obj([("id", text("orgmem_2")), ("role", text("org:member"))]);
    let user = obj([
        ("id", text("user_ada")),
        (
            "organizationMemberships",
            RawValue::List(vec![membership, orphan, text("junk")]),
        ),
    ]);
    let resources = payload([("session", session("sess_1", user)), ("organization", acme())]);
    let organization = resources.organization.as_ref().expect("the active organization");
    assert_eq!(
        (organization.id.as_str(), organization.name.as_str()),
        ("org_acme", "Acme")
    );
    assert_eq!(organization.members_count, Some(3));
    assert_eq!(
        organization.pending_invitations_count, None,
        "a negative count is a problem"
    );
    let memberships = &resources.user.get().unwrap().organization_memberships;
    assert_eq!(
        memberships.len(),
        1,
        "a membership without an organization is dropped"
    );
    assert_eq!(memberships[0].role, "org:admin");
    assert_eq!(memberships[0].permissions, ["org:sys_memberships:manage"]);
    assert!(memberships[0].is_admin());
    assert_eq!(
        memberships[0].member, None,
        "in the user's own list, the member is the user"
    );
    assert!(
        resources
            .problems
            .iter()
            .any(|problem| problem.path == "organization.pendingInvitationsCount"),
        "{:?}",
        resources.problems
    );
}

#[test]
fn the_personal_account_and_a_signed_out_tab_have_no_organization() {
    assert_eq!(
        payload([
            ("session", session("sess_1", ada())),
            ("organization", RawValue::Null)
        ])
        .organization,
        None
    );
    assert_eq!(
        payload([("session", RawValue::Null), ("organization", acme())]).organization,
        None
    );
}
