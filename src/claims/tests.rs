//! The decoder and claim types against tokens clerk-emulator signs, and hostile ones.

use serde_json::{Value, json};

use super::*;
use crate::encoding::encode_url;

const NOW: i64 = 1_800_000_000;

fn b64(value: &Value) -> String {
    encode_url(value.to_string().as_bytes())
}

/// An unsigned-looking token with these parts (the signature is not checked here).
fn token(header: &Value, payload: &Value) -> String {
    format!("{}.{}.c2ln", b64(header), b64(payload))
}

fn session_payload() -> Value {
    json!({"iss": "https://x.clerk.accounts.dev", "sub": "user_1", "sid": "sess_1", "azp": "http://localhost:8080",
           "exp": NOW + 60, "iat": NOW, "nbf": NOW - 10, "v": 2, "fva": [3, -1], "sts": "active"})
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn tokens_the_emulator_signs_decode_into_session_claims() {
    let signer =
        clerk_emulator::Signer::from_pem(include_str!("../../emulator/tests/fixtures/test-key.pem")).unwrap();
    let jwt = Jwt::decode(&signer.sign(&session_payload())).unwrap();
    assert_eq!(jwt.header.alg, "RS256");
    assert!(jwt.header.kid.as_deref().unwrap().starts_with("ins_emulator_"));
    assert_eq!(jwt.signature().len(), 256, "a 2048-bit RSA signature");
    let claims = SessionClaims::from_jwt(&jwt).unwrap();
    assert_eq!(claims.user_id, "user_1");
    assert_eq!(claims.session_id.as_deref(), Some("sess_1"));
    assert_eq!(claims.version, 2);
    assert_eq!(claims.factor_verification_age, Some((3, -1)));
    assert_eq!(claims.session_status.as_deref(), Some("active"));
    assert_eq!(claims.organization, None);
    let options = VerifyOptions::default()
        .issuer("https://x.clerk.accounts.dev")
        .authorized_parties(["http://localhost:8080"]);
    assert_eq!(check_claims(&jwt, NOW, &options), Ok(()));
}

#[test]
fn v1_organization_claims_still_read() {
    let mut payload = session_payload();
    payload["v"] = Value::Null;
    payload["org_id"] = json!("org_1");
    payload["org_role"] = json!("org:admin");
    payload["org_slug"] = json!("acme");
    payload["org_permissions"] = json!(["org:sys_memberships:manage"]);
    let claims =
        SessionClaims::from_jwt(&Jwt::decode(&token(&json!({"alg": "RS256"}), &payload)).unwrap()).unwrap();
    assert_eq!(claims.version, 1);
    let org = claims.organization.clone().unwrap();
    assert_eq!((org.id.as_str(), org.slug.as_deref()), ("org_1", Some("acme")));
    assert!(claims.has_role("admin") && claims.has_role("org:admin") && !claims.has_role("member"));
    assert!(claims.has_permission("org:sys_memberships:manage"));
}

#[test]
fn v2_permissions_expand_per_feature_and_ignore_user_features() {
    let mut payload = session_payload();
    payload["o"] = json!({"id": "org_1", "rol": "member", "per": "read,write,delete", "fpm": "4,7,0"});
    payload["fea"] = json!("o:docs,u:profile,o:admin,o:empty");
    let claims =
        SessionClaims::from_jwt(&Jwt::decode(&token(&json!({"alg": "RS256"}), &payload)).unwrap()).unwrap();
    assert_eq!(
        claims.organization.unwrap().permissions,
        [
            "org:docs:delete",
            "org:admin:read",
            "org:admin:write",
            "org:admin:delete"
        ]
    );
}

/// The organization `SessionClaims` reads from a v2 payload with this `o` and `fea`.
fn v2_organization(o: Value, fea: &str) -> Result<crate::claims::OrganizationClaims, JwtError> {
    let mut payload = session_payload();
    payload["v"] = json!(2);
    payload["o"] = o;
    payload["fea"] = json!(fea);
    let jwt = Jwt::decode(&token(&json!({"alg": "RS256"}), &payload)).unwrap();
    SessionClaims::from_jwt(&jwt).map(|claims| claims.organization.expect("an organization"))
}

fn sorted(mut permissions: Vec<String>) -> Vec<String> {
    permissions.sort();
    permissions
}

/// Clerk's own vectors for its parser (`@clerk/shared`, `jwtPayloadParser.spec.ts`): the
/// same `o` and `fea`, the same permissions (clerk-js compares them as sets).
#[test]
fn v2_permissions_match_clerks_published_vectors() {
    let cases: &[(&str, &str, &str, &[&str])] = &[
        (
            "o:impersonation",
            "read,manage",
            "3",
            &["org:impersonation:read", "org:impersonation:manage"],
        ),
        (
            "o:impersonation,o:memberships",
            "read,manage",
            "1,3",
            &[
                "org:impersonation:read",
                "org:memberships:read",
                "org:memberships:manage",
            ],
        ),
        (
            "o:impersonation,o:memberships,o:feature3",
            "read,manage",
            "1,3",
            &[
                "org:impersonation:read",
                "org:memberships:read",
                "org:memberships:manage",
            ],
        ),
        (
            "uo:impersonation,o:memberships,uo:feature3",
            "read,manage",
            "1,3,1",
            &[
                "org:impersonation:read",
                "org:memberships:read",
                "org:memberships:manage",
                "org:feature3:read",
            ],
        ),
        (
            "ou:memberships,u:impersonation",
            "read,manage",
            "3",
            &["org:memberships:read", "org:memberships:manage"],
        ),
        (
            "o:billing,o:email,o:fraud,o:instance,o:staging_plans",
            "manage,read",
            "3,3,3,3,1",
            &[
                "org:billing:manage",
                "org:billing:read",
                "org:email:manage",
                "org:email:read",
                "org:fraud:manage",
                "org:fraud:read",
                "org:instance:manage",
                "org:instance:read",
                "org:staging_plans:manage",
            ],
        ),
        (
            "o:repositories,o:projects",
            "read,create,update,delete,revoke",
            "7,21",
            &[
                "org:repositories:read",
                "org:repositories:create",
                "org:repositories:update",
                "org:projects:read",
                "org:projects:update",
                "org:projects:revoke",
            ],
        ),
        (
            "o:repositories,o:projects,o:webhooks,o:impersonation",
            "read,manage",
            "1,2,3",
            &[
                "org:repositories:read",
                "org:projects:manage",
                "org:webhooks:read",
                "org:webhooks:manage",
            ],
        ),
        (
            "o:repositories,uo:projects,u:goldprofileborder",
            "read,create,update,delete,revoke",
            "7,21",
            &[
                "org:repositories:read",
                "org:repositories:create",
                "org:repositories:update",
                "org:projects:read",
                "org:projects:update",
                "org:projects:revoke",
            ],
        ),
    ];
    for (fea, per, fpm, expected) in cases {
        let o = json!({"id": "org_id", "rol": "admin", "slg": "org_slug", "per": per, "fpm": fpm});
        let organization = v2_organization(o, fea).unwrap();
        let expected: Vec<String> = expected.iter().map(|p| (*p).to_owned()).collect();
        assert_eq!(
            sorted(organization.permissions),
            sorted(expected),
            "fea {fea:?}, per {per:?}, fpm {fpm:?}"
        );
        assert_eq!(
            organization.role.as_deref(),
            Some("org:admin"),
            "the role is reported prefixed"
        );
    }
}

#[test]
fn v2_without_per_or_fpm_grants_nothing_and_still_names_the_role() {
    let o = json!({"id": "org_id", "rol": "admin", "slg": "org_slug"});
    let organization = v2_organization(o, "u:impersonation,u:memberships,u:feature3").unwrap();
    assert!(organization.permissions.is_empty());
    assert_eq!(organization.role.as_deref(), Some("org:admin"));
}

#[test]
fn v2_masks_wider_than_64_bits_grant_the_high_permissions() {
    let per: Vec<String> = (0..70).map(|i| format!("p{i}")).collect();
    // 2^69 + 1: the first and the seventieth permission.
    let o = json!({"id": "org_id", "per": per.join(","), "fpm": "590295810358705651713"});
    let organization = v2_organization(o, "o:wide").unwrap();
    assert_eq!(organization.permissions, ["org:wide:p0", "org:wide:p69"]);
    assert_eq!(organization.role, None);
}

#[test]
fn v2_a_mask_that_is_not_a_decimal_grants_nothing_for_its_feature_only() {
    let o = json!({"id": "org_id", "per": "read,manage", "fpm": "x,2, 1 ,-1"});
    let organization = v2_organization(o, "o:a,o:b,o:c,o:d").unwrap();
    assert_eq!(organization.permissions, ["org:b:manage", "org:c:read"]);
}

#[test]
fn v2_a_feature_without_a_scope_is_malformed() {
    let o = json!({"id": "org_id", "per": "read", "fpm": "1"});
    assert!(matches!(
        v2_organization(o.clone(), "o:a,oops"),
        Err(JwtError::WrongClaimType { ref claim, .. }) if claim == "fea"
    ));
    assert!(
        v2_organization(o, "o:a,").is_err(),
        "an empty entry has no scope either"
    );
}

#[test]
fn template_claims_read_into_your_own_type() {
    #[derive(serde::Deserialize)]
    struct Hasura {
        #[serde(rename = "https://hasura.io/jwt/claims")]
        hasura: HasuraClaims,
    }
    #[derive(serde::Deserialize)]
    struct HasuraClaims {
        #[serde(rename = "x-hasura-user-id")]
        user_id: String,
    }
    let payload =
        json!({"sub": "user_1", "exp": NOW, "https://hasura.io/jwt/claims": {"x-hasura-user-id": "user_1"}});
    let jwt = Jwt::decode(&token(&json!({"alg": "RS256"}), &payload)).unwrap();
    assert_eq!(jwt.claims::<Hasura>().unwrap().hasura.user_id, "user_1");
    assert!(matches!(jwt.claims::<HasuraClaims>(), Err(JwtError::Shape(_))));
}

#[test]
fn hostile_tokens_are_typed_errors() {
    let header = b64(&json!({"alg": "RS256"}));
    let payload = b64(&session_payload());
    let ten_megabytes = format!("{header}.{}.c2ln", "A".repeat(10 * 1024 * 1024));
    let cases: Vec<(String, JwtError)> = vec![
        ("".into(), JwtError::NotThreeParts),
        ("a.b".into(), JwtError::NotThreeParts),
        ("a.b.c.d".into(), JwtError::NotThreeParts),
        (format!("{header}.{payload}."), JwtError::NotThreeParts),
        (
            format!("{header}.{payload}.c2ln!"),
            JwtError::BadBase64 { part: "signature" },
        ),
        (
            format!("@@.{payload}.c2ln"),
            JwtError::BadBase64 { part: "header" },
        ),
        (
            format!("{header}.{}.c2ln", encode_url(b"[1,2]")),
            JwtError::NotAnObject { part: "payload" },
        ),
        (
            format!("{}.{payload}.c2ln", encode_url(b"{\"typ\":\"JWT\"}")),
            JwtError::MissingClaim("alg"),
        ),
        (
            ten_megabytes.clone(),
            JwtError::TooLarge {
                len: ten_megabytes.len(),
            },
        ),
    ];
    for (bad, expected) in cases {
        assert_eq!(Jwt::decode(&bad).unwrap_err(), expected, "{:.60}", bad);
    }
    assert!(matches!(
        Jwt::decode(&format!("{header}.{}.c2ln", encode_url(b"{not json"))),
        Err(JwtError::BadJson { part: "payload", .. })
    ));
    let mut no_exp = session_payload();
    no_exp.as_object_mut().unwrap().remove("exp");
    let jwt = Jwt::decode(&token(&json!({"alg": "RS256"}), &no_exp)).unwrap();
    assert_eq!(
        SessionClaims::from_jwt(&jwt).unwrap_err(),
        JwtError::MissingClaim("exp")
    );
    assert_eq!(
        check_claims(&jwt, NOW, &VerifyOptions::default()),
        Err(VerifyError::Malformed(JwtError::MissingClaim("exp")))
    );
    let mut wrong = session_payload();
    wrong["exp"] = json!("tomorrow");
    wrong["sub"] = json!(42);
    let jwt = Jwt::decode(&token(&json!({"alg": "RS256"}), &wrong)).unwrap();
    assert!(matches!(
        SessionClaims::from_jwt(&jwt),
        Err(JwtError::WrongClaimType { .. })
    ));
}

#[test]
fn only_rs256_is_accepted_each_refusal_with_its_reason() {
    let header = |alg: &str| JwtHeader {
        alg: alg.into(),
        kid: None,
        typ: None,
        cat: None,
    };
    assert_eq!(check_algorithm(&header("RS256")), Ok(()));
    assert_eq!(check_algorithm(&header("none")), Err(VerifyError::Unsigned));
    assert_eq!(check_algorithm(&header("NONE")), Err(VerifyError::Unsigned));
    assert_eq!(
        check_algorithm(&header("HS256")),
        Err(VerifyError::SymmetricAlgorithm("HS256".into()))
    );
    assert_eq!(
        check_algorithm(&header("ES256")),
        Err(VerifyError::UnsupportedAlgorithm("ES256".into()))
    );
}

#[test]
fn time_issuer_and_party_checks_each_fail_on_their_own() {
    let jwt = Jwt::decode(&token(&json!({"alg": "RS256"}), &session_payload())).unwrap();
    let options = VerifyOptions::default();
    assert_eq!(
        check_claims(&jwt, NOW + 64, &options),
        Ok(()),
        "within the 5 s leeway"
    );
    assert_eq!(
        check_claims(&jwt, NOW + 65, &options),
        Err(VerifyError::Expired {
            expired_at: NOW + 60,
            now: NOW + 65
        }),
        "valid before exp + leeway, not at it (as @clerk/backend)"
    );
    assert_eq!(
        check_claims(&jwt, NOW - 16, &options),
        Err(VerifyError::NotYetValid {
            not_before: NOW - 10,
            now: NOW - 16
        })
    );
    let mut future = session_payload();
    future["nbf"] = Value::Null;
    let future = Jwt::decode(&token(&json!({"alg": "RS256"}), &future)).unwrap();
    assert_eq!(
        check_claims(&future, NOW - 6, &options),
        Err(VerifyError::IssuedInFuture {
            issued_at: NOW,
            now: NOW - 6
        })
    );
    let issuer = options.clone().issuer("https://clerk.example.com");
    assert!(matches!(
        check_claims(&jwt, NOW, &issuer),
        Err(VerifyError::WrongIssuer { .. })
    ));
    let parties = options.authorized_parties(["https://example.com"]);
    assert_eq!(
        check_claims(&jwt, NOW, &parties),
        Err(VerifyError::UnauthorizedParty("http://localhost:8080".into()))
    );
}

/// With authorized parties configured, `@clerk/backend` refuses a token whose `azp` is
/// missing, empty or not a string (`assertAuthorizedPartiesClaim`); without, it accepts any.
#[test]
fn with_authorized_parties_a_token_must_name_one() {
    let parties = VerifyOptions::default().authorized_parties(["https://example.com"]);
    for azp in [
        None,
        Some(json!("")),
        Some(json!(["https://example.com"])),
        Some(json!(1)),
    ] {
        let mut payload = session_payload();
        match &azp {
            Some(azp) => payload["azp"] = azp.clone(),
            None => {
                payload.as_object_mut().unwrap().remove("azp");
            }
        }
        let jwt = Jwt::decode(&token(&json!({"alg": "RS256"}), &payload)).unwrap();
        assert_eq!(
            check_claims(&jwt, NOW, &parties),
            Err(VerifyError::MissingAuthorizedParty),
            "azp {azp:?}"
        );
        assert_eq!(
            check_claims(&jwt, NOW, &VerifyOptions::default()),
            Ok(()),
            "no parties: any azp, azp {azp:?}"
        );
    }
    let mut payload = session_payload();
    payload["azp"] = json!("https://example.com");
    let jwt = Jwt::decode(&token(&json!({"alg": "RS256"}), &payload)).unwrap();
    assert_eq!(check_claims(&jwt, NOW, &parties), Ok(()));
}

#[test]
fn a_jwks_finds_keys_by_kid() {
    let set =
        Jwks::parse(r#"{"keys":[{"kty":"RSA","kid":"a","n":"AQAB","e":"AQAB"},{"kty":"EC","kid":"b"}]}"#)
            .unwrap();
    assert_eq!(set.rsa_key(Some("a")).and_then(|k| k.kid.as_deref()), Some("a"));
    assert!(set.rsa_key(Some("b")).is_none(), "not an RSA key");
    assert!(
        set.rsa_key(None).is_some(),
        "the only RSA key, for a token without kid"
    );
    assert!(Jwks::parse("[]").is_err());
}

#[test]
fn extreme_times_in_a_token_explain_themselves_without_overflowing() {
    let errors = [
        VerifyError::Expired {
            expired_at: i64::MIN,
            now: NOW,
        },
        VerifyError::NotYetValid {
            not_before: i64::MAX,
            now: -1,
        },
        VerifyError::IssuedInFuture {
            issued_at: i64::MAX,
            now: -1,
        },
    ];
    let texts: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(texts[0], format!("expired {} s ago", i64::MAX));
    assert!(texts[1].starts_with("not valid for another 9223372036854775807 s"));
    assert!(texts[2].starts_with("issued 9223372036854775807 s in the future"));
}

#[test]
fn debug_output_never_holds_the_token() {
    let raw = token(&json!({"alg": "RS256"}), &session_payload());
    let jwt = Jwt::decode(&raw).unwrap();
    let shown = format!("{jwt:?}");
    let signature = raw.rsplit('.').next().unwrap();
    assert!(!shown.contains(&raw) && !shown.contains(signature), "{shown}");
    assert!(
        shown.contains("user_1"),
        "the claims are still there to debug with"
    );
}

mod has {
    use serde_json::json;

    use crate::claims::{FactorLevel, Require, Reverification, SessionClaims};

    fn claims(extra: serde_json::Value) -> SessionClaims {
        let mut payload =
            json!({"iss": "https://clerk.example.com", "sub": "user_1", "sid": "sess_1", "exp": 2000000000});
        for (key, value) in extra.as_object().unwrap() {
            payload[key] = value.clone();
        }
        SessionClaims::from_payload(payload.as_object().unwrap()).unwrap()
    }

    #[test]
    fn role_and_permission_are_both_needed_and_org_is_added() {
        let member = claims(
            json!({"org_id": "org_1", "org_role": "org:admin", "org_permissions": ["org:billing:manage"]}),
        );
        assert!(member.has(&Require::role("admin")));
        assert!(member.has(&Require::role("org:org:admin")));
        assert!(member.has(&Require::permission("billing:manage").and_role("org:admin")));
        assert!(!member.has(&Require::permission("billing:manage").and_role("member")));
        let no_org = claims(json!({"org_role": "org:admin"}));
        assert!(
            !no_org.has(&Require::role("admin")),
            "a role needs an organization"
        );
    }

    #[test]
    fn features_and_plans_read_their_scopes() {
        let user = claims(json!({"fea": "u:reports,ou:export,o:billing", "pla": "u:pro"}));
        assert!(user.has(&Require::feature("reports")));
        assert!(user.has(&Require::feature("user:export")) && user.has(&Require::feature("org:export")));
        assert!(!user.has(&Require::feature("u:billing")));
        assert!(
            !user.has(&Require::feature("team:billing")),
            "an unknown scope fails"
        );
        assert!(user.has(&Require::plan("pro").and_feature("billing")));
        assert!(!user.has(&Require::plan("org:pro")));
        let malformed = claims(json!({"fea": "reports"}));
        assert!(!malformed.has(&Require::feature("reports")));
    }

    #[test]
    fn reverification_reads_the_factor_ages() {
        let fresh = claims(json!({"fva": [3, -1]}));
        assert!(fresh.has(&Require::reverification(Reverification::Strict)));
        assert!(fresh.has(&Require::reverification(Reverification::StrictMfa)));
        let old_second = claims(json!({"fva": [3, 30]}));
        assert!(!old_second.has(&Require::reverification(Reverification::Strict)));
        assert!(old_second.has(&Require::reverification(Reverification::Moderate)));
        let custom =
            |level, after_minutes| Require::reverification(Reverification::Custom { level, after_minutes });
        assert!(old_second.has(&custom(FactorLevel::FirstFactor, 4)));
        assert!(!old_second.has(&custom(FactorLevel::MultiFactor, 4)));
        assert!(
            !old_second.has(&custom(FactorLevel::FirstFactor, 0)),
            "0 minutes is invalid"
        );
        for unreadable in [json!([3]), json!("3,4"), json!([-2, 0]), json!([1.5, null])] {
            let claims = claims(json!({ "fva": unreadable }));
            assert_eq!(claims.factor_verification_age, None, "{unreadable}");
            assert!(!claims.has(&Require::reverification(Reverification::Lax)));
        }
        assert_eq!(
            claims(json!({"fva": [1.5, -1]})).factor_verification_age,
            Some((1, -1))
        );
    }

    #[test]
    fn nothing_asked_is_any_signed_in_user() {
        assert!(claims(json!({})).has(&Require::signed_in()));
    }
}
