//! [`SessionClaims`]: Clerk's session token, typed, in both its v2 and v1 shapes.

use serde_json::{Map, Value};

use super::jwt::{Jwt, JwtError};

/// The organization a session acts for, with permissions expanded the way Clerk does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrganizationClaims {
    /// `org_…`
    pub id: String,
    /// The organization's slug.
    pub slug: Option<String>,
    /// The member's role, as Clerk reports it: `org:admin` (v2 tokens carry `admin` and
    /// clerk-js prefixes it; v1 tokens carry it prefixed).
    pub role: Option<String>,
    /// `org:<feature>:<permission>` keys.
    pub permissions: Vec<String>,
}

/// Who is impersonating the user (`act`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActorClaims {
    /// The impersonator's id.
    pub subject: String,
    /// Everything else the claim carries.
    pub extra: Map<String, Value>,
}

/// Clerk's session token claims. v2 tokens (`"v": 2`) carry the organization in `o` and
/// features in `fea`; v1 tokens in `org_id`, `org_role`, `org_slug`, `org_permissions`. Both
/// read into the same fields.
///
/// ```
/// use leptos_clerk::claims::{Jwt, SessionClaims};
/// // {"alg":"RS256"} . {"iss":"https://x.clerk.accounts.dev","sub":"user_1","sid":"sess_1","exp":2000000000,"iat":1999999940,"v":2,
/// //   "o":{"id":"org_1","slg":"acme","rol":"admin","per":"read,manage","fpm":"3,2"},"fea":"o:reports,o:billing"} . (signature)
/// let token = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL3guY2xlcmsuYWNjb3VudHMuZGV2Iiwic3ViIjoidXNlcl8xIiwic2lkIjoic2Vzc18xIiwiZXhwIjoyMDAwMDAwMDAwLCJpYXQiOjE5OTk5OTk5NDAsInYiOjIsIm8iOnsiaWQiOiJvcmdfMSIsInNsZyI6ImFjbWUiLCJyb2wiOiJhZG1pbiIsInBlciI6InJlYWQsbWFuYWdlIiwiZnBtIjoiMywyIn0sImZlYSI6Im86cmVwb3J0cyxvOmJpbGxpbmcifQ.c2ln";
/// let claims = SessionClaims::from_jwt(&Jwt::decode(token).unwrap()).unwrap();
/// let org = claims.organization.as_ref().unwrap();
/// // Bit i of each fpm entry, least significant first, grants the i-th of `per`: 3 = both, 2 = manage.
/// assert_eq!(org.permissions, ["org:reports:read", "org:reports:manage", "org:billing:manage"]);
/// assert_eq!(org.role.as_deref(), Some("org:admin"));
/// assert!(claims.has_role("org:admin"));
/// assert!(claims.has_permission("org:billing:manage") && !claims.has_permission("org:billing:read"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct SessionClaims {
    /// `iss`: the Frontend API URL that minted it.
    pub issuer: String,
    /// `sub`: the user id.
    pub user_id: String,
    /// `sid`: the session id.
    pub session_id: Option<String>,
    /// `azp`: the origin the token was minted for.
    pub authorized_party: Option<String>,
    /// `exp`, in seconds since the epoch.
    pub expires_at: i64,
    /// `iat`, in seconds.
    pub issued_at: Option<i64>,
    /// `nbf`, in seconds.
    pub not_before: Option<i64>,
    /// `v`: 2 for the current format, 1 when absent.
    pub version: u32,
    /// `sts`: `active` or `pending`.
    pub session_status: Option<String>,
    /// `fva`: minutes since the first and second factor were verified (-1: never).
    pub factor_verification_age: Option<(i64, i64)>,
    /// The active organization, if any.
    pub organization: Option<OrganizationClaims>,
    /// The impersonator, if the session is an impersonation.
    pub actor: Option<ActorClaims>,
    /// Every claim, including custom ones.
    pub all: Map<String, Value>,
}

impl SessionClaims {
    /// Reads the claims of a decoded token.
    pub fn from_jwt(jwt: &Jwt) -> Result<Self, JwtError> {
        Self::from_payload(&jwt.payload)
    }

    /// Reads the claims of a payload.
    pub fn from_payload(payload: &Map<String, Value>) -> Result<Self, JwtError> {
        let version = match payload.get("v") {
            None | Some(Value::Null) => 1,
            Some(v) => v
                .as_u64()
                .and_then(|v| u32::try_from(v).ok())
                .ok_or(wrong("v", "a number"))?,
        };
        // clerk-js reads `o` and `fea` for `v: 2` only; any other version has the v1 claims.
        let organization = if version == 2 {
            org_v2(payload)?
        } else {
            org_v1(payload)?
        };
        Ok(Self {
            issuer: required_text(payload, "iss")?,
            user_id: required_text(payload, "sub")?,
            session_id: text(payload, "sid")?,
            authorized_party: text(payload, "azp")?,
            expires_at: seconds(payload, "exp")?.ok_or(JwtError::MissingClaim("exp"))?,
            issued_at: seconds(payload, "iat")?,
            not_before: seconds(payload, "nbf")?,
            version,
            session_status: text(payload, "sts")?,
            factor_verification_age: factor_ages(payload.get("fva")),
            organization,
            actor: match payload.get("act") {
                Some(Value::Object(act)) => Some(ActorClaims {
                    subject: required_text(act, "sub")?,
                    extra: act
                        .iter()
                        .filter(|(k, _)| *k != "sub")
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                }),
                None | Some(Value::Null) => None,
                Some(_) => return Err(wrong("act", "an object")),
            },
            all: payload.clone(),
        })
    }
}

/// `fva`: two ages in minutes, each -1 (never) or at least 0, read as Clerk's `has()` reads
/// them (fractions rounded down, which keeps every "fewer minutes than" answer). Any other
/// shape is no ages at all, so a reverification check fails, as Clerk's does; the token
/// itself stays readable.
fn factor_ages(fva: Option<&Value>) -> Option<(i64, i64)> {
    let Some(Value::Array(ages)) = fva else {
        return None;
    };
    let age = |value: &Value| {
        value
            .as_f64()
            .filter(|age| age.is_finite() && (*age == -1.0 || *age >= 0.0))
            .map(|age| age.floor() as i64)
    };
    match ages.as_slice() {
        [first, second] => age(first).zip(age(second)),
        _ => None,
    }
}

/// v2: `o: {id, slg, rol, per, fpm}` and `fea`, read as clerk-js 6 reads them
/// (`@clerk/shared`'s `jwtPayloadParser`):
///
/// - the organization's features are the `fea` entries scoped `o`, `ou` or `uo`, in order;
///   an entry without a `scope:` is malformed;
/// - `fpm` holds one decimal per feature, of any width; bit `i` of it, counted from the
///   least significant, grants the `i`-th name of `per`; a feature without an `fpm`
///   entry, or whose entry is not a decimal, grants nothing;
/// - the role is reported as `org:<rol>`.
///
/// So `per: "read,manage"`, `fpm: "2"` (binary `10`) grants `manage` only.
fn org_v2(payload: &Map<String, Value>) -> Result<Option<OrganizationClaims>, JwtError> {
    let o = match payload.get("o") {
        Some(Value::Object(o)) => o,
        None | Some(Value::Null) => return Ok(None),
        Some(_) => return Err(wrong("o", "an object")),
    };
    let features = organization_features(text(payload, "fea")?.as_deref())?;
    let mut expanded = Vec::new();
    // Clerk grants nothing unless both are there and non-empty.
    if let (Some(per), Some(fpm)) = (
        text(o, "per")?.filter(|p| !p.is_empty()),
        text(o, "fpm")?.filter(|f| !f.is_empty()),
    ) {
        let permissions: Vec<&str> = per.split(',').map(str::trim).collect();
        let masks: Vec<&str> = fpm.split(',').map(str::trim).collect();
        for (feature, mask) in features.iter().zip(masks) {
            let granted = low_bits(mask, permissions.len()).unwrap_or_default();
            for (permission, _) in permissions.iter().zip(granted).filter(|(_, bit)| *bit) {
                expanded.push(format!("org:{feature}:{permission}"));
            }
        }
    }
    Ok(Some(OrganizationClaims {
        id: required_text(o, "id")?,
        slug: text(o, "slg")?,
        role: text(o, "rol")?
            .filter(|r| !r.is_empty())
            .map(|role| format!("org:{role}")),
        permissions: expanded,
    }))
}

/// The features of `fea` that belong to the organization: scopes `o`, `ou` and `uo`.
fn organization_features(fea: Option<&str>) -> Result<Vec<String>, JwtError> {
    let Some(fea) = fea.filter(|fea| !fea.is_empty()) else {
        return Ok(Vec::new());
    };
    let mut features = Vec::new();
    for entry in fea.split(',').map(str::trim) {
        let (scope, name) = entry
            .split_once(':')
            .ok_or_else(|| wrong("fea", "comma-separated scope:feature entries"))?;
        if matches!(scope, "o" | "ou" | "uo") {
            features.push(name.to_owned());
        }
    }
    Ok(features)
}

/// The lowest `count` bits of the decimal `digits` (any width), least significant first;
/// `None` unless it is a non-empty run of ASCII digits. Only the low bits matter, so the
/// number is kept modulo 2^`count`, a limb at a time: linear in its length.
fn low_bits(digits: &str, count: usize) -> Option<Vec<bool>> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let limbs = count.div_ceil(64).max(1);
    let mut value = vec![0_u64; limbs];
    for digit in digits.bytes().map(|b| u64::from(b - b'0')) {
        // value = value × 10 + digit, dropping what overflows the top limb.
        let mut carry = digit;
        for limb in &mut value {
            let wide = u128::from(*limb) * 10 + u128::from(carry);
            *limb = wide as u64;
            carry = (wide >> 64) as u64;
        }
    }
    Some((0..count).map(|i| value[i / 64] >> (i % 64) & 1 == 1).collect())
}

/// v1: `org_id`, `org_slug`, `org_role`, `org_permissions`.
fn org_v1(payload: &Map<String, Value>) -> Result<Option<OrganizationClaims>, JwtError> {
    let Some(id) = text(payload, "org_id")? else {
        return Ok(None);
    };
    let permissions = match payload.get("org_permissions") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        None | Some(Value::Null) => Vec::new(),
        Some(_) => return Err(wrong("org_permissions", "an array of strings")),
    };
    Ok(Some(OrganizationClaims {
        id,
        slug: text(payload, "org_slug")?,
        role: text(payload, "org_role")?,
        permissions,
    }))
}

fn wrong(claim: &str, expected: &'static str) -> JwtError {
    JwtError::WrongClaimType {
        claim: claim.to_owned(),
        expected,
    }
}

fn text(object: &Map<String, Value>, key: &'static str) -> Result<Option<String>, JwtError> {
    match object.get(key) {
        Some(Value::String(text)) => Ok(Some(text.clone())),
        None | Some(Value::Null) => Ok(None),
        Some(_) => Err(wrong(key, "a string")),
    }
}

fn required_text(object: &Map<String, Value>, key: &'static str) -> Result<String, JwtError> {
    text(object, key)?.ok_or(JwtError::MissingClaim(key))
}

/// A NumericDate: whole seconds (fractions are dropped, as JWT allows them).
pub(crate) fn seconds(object: &Map<String, Value>, key: &'static str) -> Result<Option<i64>, JwtError> {
    match object.get(key) {
        Some(Value::Number(n)) => n
            .as_i64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.is_finite() && f.abs() < 1e15)
                    .map(|f| f as i64)
            })
            .map(Some)
            .ok_or(wrong(key, "a number of seconds")),
        None | Some(Value::Null) => Ok(None),
        Some(_) => Err(wrong(key, "a number of seconds")),
    }
}
