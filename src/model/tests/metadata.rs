//! A user's metadata copied as JSON, from well-formed and hostile shapes.

use serde_json::json;

use super::{Obj, obj, text};
use crate::model::{FieldProblem, RawValue, UserMetadata};

fn read(user: RawValue<Obj>) -> Option<UserMetadata> {
    match user {
        RawValue::Object(user) => UserMetadata::read(&user, "user"),
        _ => unreachable!(),
    }
}

#[test]
fn metadata_is_copied_as_json_and_missing_fields_are_empty_objects() {
    let metadata = read(obj([
        ("id", text("user_ada")),
        (
            "publicMetadata",
            obj([
                ("role", text("admin")),
                ("teams", RawValue::List(vec![text("core"), text("docs")])),
                ("level", RawValue::Number(3.0)),
                ("ratio", RawValue::Number(0.5)),
                (
                    "nested",
                    obj([("gone", RawValue::Missing), ("none", RawValue::Null)]),
                ),
                ("beta", RawValue::Bool(true)),
            ]),
        ),
    ]))
    .unwrap();
    assert_eq!(metadata.user_id, "user_ada");
    assert_eq!(
        serde_json::Value::Object(metadata.public_metadata.clone()),
        json!({"role": "admin", "teams": ["core", "docs"], "level": 3, "ratio": 0.5, "nested": {"none": null}, "beta": true})
    );
    assert_eq!(metadata.public("level"), Some(&json!(3)));
    assert!(metadata.unsafe_metadata.is_empty());
    assert!(metadata.problems.is_empty());
}

#[test]
fn a_user_without_an_id_has_no_metadata() {
    assert_eq!(read(obj([("publicMetadata", obj([]))])), None);
}

#[test]
fn what_json_cannot_hold_is_left_out_with_its_path() {
    let metadata = read(obj([
        ("id", text("user_ada")),
        ("publicMetadata", text("admin")),
        (
            "unsafeMetadata",
            obj([
                ("callback", RawValue::Other("function")),
                ("score", RawValue::Number(f64::NAN)),
                (
                    "list",
                    RawValue::List(vec![RawValue::Number(f64::INFINITY), text("kept")]),
                ),
                ("theme", text("dark")),
            ]),
        ),
    ]))
    .unwrap();
    assert!(metadata.public_metadata.is_empty());
    assert_eq!(
        serde_json::Value::Object(metadata.unsafe_metadata),
        json!({"list": [null, "kept"], "theme": "dark"})
    );
    let paths: Vec<String> = metadata.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        paths,
        [
            "user.publicMetadata should be an object but is string",
            "user.unsafeMetadata.callback should be a JSON value but is function",
            "user.unsafeMetadata.list[0] should be a finite number but is NaN or Infinity",
            "user.unsafeMetadata.score should be a finite number but is NaN or Infinity",
        ]
    );
}

#[test]
fn deep_or_huge_metadata_stops_at_the_limits() {
    let mut deep = obj([("leaf", text("bottom"))]);
    for _ in 0..40 {
        deep = obj([("down", deep)]);
    }
    let wide = RawValue::List((0..20_000).map(|i| RawValue::Number(f64::from(i))).collect());
    let metadata = read(obj([
        ("id", text("user_ada")),
        ("publicMetadata", obj([("deep", deep)])),
        ("unsafeMetadata", obj([("wide", wide)])),
    ]))
    .unwrap();
    let problems: Vec<_> = metadata.problems.iter().map(|p| p.problem.clone()).collect();
    assert_eq!(
        problems,
        [
            FieldProblem::TooLarge("nested more than 32 levels"),
            FieldProblem::TooLarge("more than 10000 values")
        ]
    );
    assert!(
        metadata.problems[0]
            .path
            .starts_with("user.publicMetadata.deep.down.down")
    );
    assert_eq!(
        metadata.unsafe_metadata["wide"].as_array().map(Vec::len),
        Some(20_000)
    );
}
