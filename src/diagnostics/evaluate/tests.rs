//! Each check's verdicts, from hand-made observations.

use serde_json::json;

use super::*;
use crate::model::UserSnapshot;

const NOW: i64 = 1_800_000_000_000;

fn session() -> SessionSnapshot {
    SessionSnapshot {
        id: "sess_1".into(),
        status: SessionStatus::Active,
        user: Some(UserSnapshot {
            id: "user_1".into(),
            first_name: Some("Ada".into()),
            ..Default::default()
        }),
        expire_at: Some(NOW + 3_600_000),
        last_active_at: Some(NOW - 1000),
        ..Default::default()
    }
}

#[test]
fn basic_passes_only_for_a_loaded_signed_in_tab() {
    assert_eq!(
        basic(&LoadStatus::Ready, Some(&session())).status,
        CheckStatus::Pass
    );
    assert_eq!(basic(&LoadStatus::Ready, None).status, CheckStatus::Fail);
    assert_eq!(
        basic(&LoadStatus::Loading, Some(&session())).status,
        CheckStatus::Fail
    );
    let pending = SessionSnapshot {
        status: SessionStatus::Pending,
        ..session()
    };
    assert_eq!(
        basic(&LoadStatus::Ready, Some(&pending)).status,
        CheckStatus::Warn
    );
}

#[test]
fn custom_claims_names_what_is_missing_or_null() {
    let required = vec!["role".to_string(), "email".to_string(), "org".to_string()];
    let claims = json!({"role": null, "email": "ada@example.test"})
        .as_object()
        .unwrap()
        .clone();
    let check = custom_claims(Some("app"), &required, Some(Ok(claims)), Some("t.o.k".into()));
    assert_eq!(check.status, CheckStatus::Fail);
    assert_eq!(check.detail, "the \"app\" token lacks role, org");
    assert_eq!(check.token.as_deref(), Some("t.o.k"));
    assert_eq!(
        custom_claims(None, &required, None, None).status,
        CheckStatus::Info
    );
}

#[test]
fn refresh_tells_an_inactivity_timeout_from_a_fixed_lifetime() {
    let before = session();
    let extended = SessionSnapshot {
        last_active_at: Some(NOW),
        expire_at: Some(NOW + 7_200_000),
        ..session()
    };
    let check = refresh(&before, Ok(&extended));
    assert_eq!(
        (check.status, check.detail.as_str()),
        (
            CheckStatus::Pass,
            "last_active_at moved; expire_at moved 3600 s later"
        )
    );
    let fixed = SessionSnapshot {
        last_active_at: Some(NOW),
        ..session()
    };
    assert!(refresh(&before, Ok(&fixed)).detail.contains("maximum lifetime"));
    assert_eq!(refresh(&before, Ok(&before)).status, CheckStatus::Warn);
    assert_eq!(refresh(&before, Err("429".into())).status, CheckStatus::Fail);
}

#[test]
fn expiration_warns_about_clock_skew_beyond_five_seconds() {
    let in_sync = expiration(NOW, &session(), Some(NOW / 1000 - 2), Some(true));
    assert_eq!(in_sync.status, CheckStatus::Pass);
    assert_eq!(
        in_sync.detail,
        "expires in 1 h 0 min; activity extends it (inactivity timeout)"
    );
    let behind = expiration(NOW, &session(), Some(NOW / 1000 + 70), None);
    assert_eq!(behind.status, CheckStatus::Warn);
    assert!(
        behind
            .detail
            .ends_with("this browser's clock is 70 s behind Clerk's"),
        "{}",
        behind.detail
    );
    let over = SessionSnapshot {
        expire_at: Some(NOW - 1),
        ..session()
    };
    assert_eq!(expiration(NOW, &over, None, None).status, CheckStatus::Fail);
}

#[test]
fn storage_finds_jwts_wherever_they_hide() {
    let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJlMTIz";
    let clean = [(
        "localStorage",
        "clerk_environment".to_string(),
        r#"{"value":{"id":"env_1"}}"#.to_string(),
    )];
    assert_eq!(storage(&clean).status, CheckStatus::Pass);
    let leaky = [(
        "sessionStorage",
        "auth".to_string(),
        format!(r#"{{"token":"{jwt}"}}"#),
    )];
    let check = storage(&leaky);
    assert_eq!(
        (check.status, check.detail.as_str()),
        (CheckStatus::Fail, "a JWT is stored in sessionStorage[\"auth\"]")
    );
}

#[test]
fn cookie_attributes_are_judged_when_readable() {
    let base = CookieFacts {
        present: true,
        attributes_readable: true,
        same_site: Some("lax".into()),
        secure: Some(false),
        ..Default::default()
    };
    assert_eq!(cookie(&base).status, CheckStatus::Pass);
    assert_eq!(
        cookie(&CookieFacts {
            same_site: Some("none".into()),
            ..base.clone()
        })
        .status,
        CheckStatus::Fail
    );
    assert_eq!(
        cookie(&CookieFacts {
            https: true,
            ..base.clone()
        })
        .status,
        CheckStatus::Warn
    );
    assert_eq!(cookie(&CookieFacts::default()).status, CheckStatus::Warn);
    assert_eq!(
        cookie(&CookieFacts {
            present: true,
            ..Default::default()
        })
        .status,
        CheckStatus::Info
    );
}

#[test]
fn multi_session_flags_a_tab_that_lost_its_session() {
    let client = ClientSnapshot {
        sessions: vec![session()],
        ..Default::default()
    };
    assert_eq!(
        multi_session(Some(&client), Some("sess_1")).status,
        CheckStatus::Pass
    );
    assert_eq!(multi_session(Some(&client), None).status, CheckStatus::Warn);
    assert_eq!(multi_session(None, None).status, CheckStatus::Info);
}
