//! The pure half of the checks: from what was observed to pass, warn or fail, with the fix.

use serde_json::{Map, Value};

use super::report::{Check, CheckStatus};
use crate::claims::VerifyError;
use crate::model::{ClientSnapshot, LoadStatus, SessionSnapshot, SessionStatus, human_duration};

/// Clock skew worth a warning: Clerk's backends allow 5 s.
const SKEW_WARN_MS: i64 = 5_000;

/// Loaded, signed in, with an active session.
pub fn basic(status: &LoadStatus, session: Option<&SessionSnapshot>) -> Check {
    let check = |status, detail: String| Check::new("basic", "Loaded and signed in?", status, detail);
    match (status, session) {
        (LoadStatus::Failed(error), _) => check(CheckStatus::Fail, format!("clerk-js did not load: {error}"))
            .fix("Check the publishable key, the proxy URL and that clerk.browser.js is reachable."),
        (LoadStatus::Loading, _) => check(CheckStatus::Fail, "clerk-js is still loading".into())
            .fix("Run the checks once the page shows the session."),
        (_, None) => check(CheckStatus::Fail, "nobody is signed in in this tab".into())
            .fix("Sign in (or choose an account) first; the other checks need a session."),
        (_, Some(session)) if session.status == SessionStatus::Pending => check(
            CheckStatus::Warn,
            format!("session {} is pending: it has a task to finish first", session.id),
        )
        .fix("Finish the session task (e.g. choose an organization); pending sessions count as signed out."),
        (loaded, Some(session)) => {
            let degraded = if *loaded == LoadStatus::Degraded {
                " (degraded: Clerk's API unreachable)"
            } else {
                ""
            };
            let who = session
                .user
                .as_ref()
                .map(|u| u.display_name())
                .unwrap_or_else(|| "an unnamed user".into());
            check(
                CheckStatus::Pass,
                format!(
                    "signed in as {who}, session {} is {}{degraded}",
                    session.id, session.status
                ),
            )
        }
    }
}

/// A freshly fetched token verified against the JWKS.
pub fn jwt_verify(token: Option<String>, result: Result<Option<String>, String>) -> Check {
    let check =
        |status, detail: String| Check::new("jwt-verify", "Does a fresh token verify?", status, detail);
    match result {
        Ok(kid) => check(
            CheckStatus::Pass,
            format!("a fresh session token verified against the instance's JWKS (kid {})", kid.as_deref().unwrap_or("none")),
        ),
        Err(message) => check(CheckStatus::Fail, message).fix(
            "Compare the token's iss with your publishable key's instance, the azp with this origin, and the clocks.",
        ),
    }
    .token(token)
}

/// The fix for a verification error, in the words a developer searches for.
pub fn verify_fix(error: &VerifyError) -> &'static str {
    match error {
        VerifyError::WrongIssuer { .. } => {
            "The token comes from another instance: check that the publishable key matches."
        }
        VerifyError::UnauthorizedParty(_) => {
            "Add this origin to the authorized parties, or check which origin the page runs on."
        }
        VerifyError::NotASessionToken(_) => {
            "This is not a session token: verify JWT template tokens as templates, not as sessions."
        }
        VerifyError::MissingAuthorizedParty => {
            "The token was minted without an Origin (azp): session tokens from a browser carry one."
        }
        VerifyError::Expired { .. }
        | VerifyError::NotYetValid { .. }
        | VerifyError::IssuedInFuture { .. } => {
            "The clocks disagree: sync this machine's clock (Clerk allows 5 s of skew)."
        }
        VerifyError::UnknownKey(_) => {
            "The token's kid is not in the JWKS: it was signed by another instance or key."
        }
        VerifyError::Keys(_) => "The JWKS could not be fetched: check the proxy or the Frontend API URL.",
        _ => "The token is not a valid Clerk session token.",
    }
}

/// A JWT template's token carries every required claim (present and not null).
pub fn custom_claims(
    template: Option<&str>,
    required: &[String],
    outcome: Option<Result<Map<String, Value>, String>>,
    token: Option<String>,
) -> Check {
    let check =
        |status, detail: String| Check::new("custom-claims", "Are the custom claims there?", status, detail);
    let Some(template) = template else {
        return check(CheckStatus::Info, "no JWT template to check".into())
            .fix("Pass a template name and the claims it must carry to run this check.");
    };
    let claims = match outcome {
        None => return check(CheckStatus::Fail, "no token to read".into()),
        Some(Err(message)) => {
            return check(
                CheckStatus::Fail,
                format!("getToken({{template: \"{template}\"}}) failed: {message}"),
            )
            .fix("Check the template's name in the Clerk dashboard (JWT templates).")
            .token(token);
        }
        Some(Ok(claims)) => claims,
    };
    let missing: Vec<&str> = required
        .iter()
        .map(String::as_str)
        .filter(|name| claims.get(*name).is_none_or(Value::is_null))
        .collect();
    if missing.is_empty() {
        check(CheckStatus::Pass, format!("the \"{template}\" token carries {}", required.join(", ")))
    } else {
        check(CheckStatus::Fail, format!("the \"{template}\" token lacks {}", missing.join(", "))).fix(
            "Add the claims to the template; a shortcode such as {{user.public_metadata.role}} is empty when the user has no such metadata.",
        )
    }
    .token(token)
}

/// The client's sessions, their statuses, and which one this tab uses.
pub fn multi_session(client: Option<&ClientSnapshot>, current: Option<&str>) -> Check {
    let check = |status, detail: String| Check::new("multi-session", "Which sessions exist?", status, detail);
    let Some(client) = client.filter(|c| !c.sessions.is_empty()) else {
        return check(CheckStatus::Info, "the client has no sessions".into());
    };
    let listed: Vec<String> = client
        .sessions
        .iter()
        .map(|s| {
            let mark = if Some(s.id.as_str()) == current {
                ", this tab"
            } else {
                ""
            };
            format!("{} ({}{mark})", s.id, s.status)
        })
        .collect();
    let signed_in = client.signed_in_sessions().count();
    let count = match client.sessions.len() {
        1 => "1 session".to_owned(),
        n => format!("{n} sessions"),
    };
    let detail = format!("{count}, {signed_in} signed in: {}", listed.join(", "));
    if current.is_none() && signed_in > 0 {
        check(CheckStatus::Warn, detail)
            .fix("This tab lost its session while others are signed in: choose one (setActive).")
    } else {
        check(CheckStatus::Pass, detail)
    }
}

/// A touch moved `last_active_at` (and `expire_at`, when the instance has an inactivity
/// timeout).
pub fn refresh(before: &SessionSnapshot, after: Result<&SessionSnapshot, String>) -> Check {
    let check = |status, detail: String| Check::new("refresh", "Does a touch register?", status, detail);
    let after = match after {
        Ok(after) => after,
        Err(message) => {
            return check(CheckStatus::Fail, format!("session.touch() failed: {message}"))
                .fix("The Frontend API refused the touch: check the network and the session's status.");
        }
    };
    let active_moved = after.last_active_at > before.last_active_at;
    let expiry = match (before.expire_at, after.expire_at) {
        (Some(b), Some(a)) if a > b => format!("expire_at moved {} s later", (a - b) / 1000),
        (Some(_), Some(_)) => {
            "expire_at did not move: sessions here end at a fixed time (their maximum lifetime), so touching cannot extend them".into()
        }
        _ => "expire_at is unknown".into(),
    };
    if active_moved {
        check(CheckStatus::Pass, format!("last_active_at moved; {expiry}"))
    } else {
        check(
            CheckStatus::Warn,
            format!("last_active_at did not move; {expiry}"),
        )
        .fix("The server ignored the touch: is the session still active?")
    }
}

/// Time left, what bounds it, and the skew between this clock and the token's `iat`.
pub fn expiration(
    now_ms: i64,
    session: &SessionSnapshot,
    issued_at_secs: Option<i64>,
    touch_extends: Option<bool>,
) -> Check {
    let check = |status, detail: String| {
        Check::new(
            "expiration",
            "When does it expire, and are clocks in sync?",
            status,
            detail,
        )
    };
    let Some(expire_at) = session.expire_at else {
        return check(CheckStatus::Warn, "the session has no expire_at".into());
    };
    let left = expire_at - now_ms;
    let bound = match touch_extends {
        Some(true) => "; activity extends it (inactivity timeout)",
        Some(false) => "; activity cannot extend it (maximum lifetime)",
        None => "",
    };
    let mut detail = format!("expires in {}{bound}", human_duration(left));
    let skew = issued_at_secs.map(|iat| now_ms - iat * 1000);
    if let Some(skew) = skew.filter(|skew| skew.abs() > SKEW_WARN_MS) {
        let direction = if skew > 0 { "ahead of" } else { "behind" };
        detail.push_str(&format!(
            "; this browser's clock is {} s {direction} Clerk's",
            skew.abs() / 1000
        ));
        return check(CheckStatus::Warn, detail)
            .fix("Sync the clock: beyond 5 s of skew backends reject tokens as expired or not yet valid.");
    }
    if left <= 0 {
        return check(CheckStatus::Fail, detail).fix("The session is over: sign in again.");
    }
    check(CheckStatus::Pass, detail)
}

/// No JWT in localStorage or sessionStorage (`entries` are `(storage, key, value)`).
pub fn storage(entries: &[(&'static str, String, String)]) -> Check {
    let check =
        |status, detail: String| Check::new("storage", "Are tokens kept out of web storage?", status, detail);
    let leaks: Vec<String> = entries
        .iter()
        .filter(|(_, _, value)| contains_jwt(value))
        .map(|(area, key, _)| format!("{area}[\"{key}\"]"))
        .collect();
    if leaks.is_empty() {
        let read = match entries.len() {
            1 => "1 entry read".to_owned(),
            n => format!("{n} entries read"),
        };
        check(
            CheckStatus::Pass,
            format!("no JWT in localStorage or sessionStorage ({read})"),
        )
    } else {
        check(CheckStatus::Fail, format!("a JWT is stored in {}", leaks.join(", ")))
            .fix("Do not store tokens: any script on the page can read web storage. Ask getToken() when you need one.")
    }
}

/// `header.payload.signature` with JSON-object parts (`eyJ…`) anywhere in the text.
fn contains_jwt(text: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'))
        .any(|word| {
            let parts: Vec<&str> = word.split('.').collect();
            parts.len() == 3
                && parts[0].starts_with("eyJ")
                && parts[1].starts_with("eyJ")
                && parts[2].len() > 10
        })
}

/// What the browser says about the `__session` cookie.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CookieFacts {
    /// Whether `__session` exists.
    pub present: bool,
    /// `SameSite`, when the CookieStore API could read it.
    pub same_site: Option<String>,
    /// `Secure`, when readable.
    pub secure: Option<bool>,
    /// Expiry, epoch ms, when readable (`None` for a session cookie too).
    pub expires: Option<i64>,
    /// Whether the CookieStore API was there to read the attributes.
    pub attributes_readable: bool,
    /// Whether the page is served over https.
    pub https: bool,
}

/// The `__session` cookie: present, and with attributes that keep it safe.
pub fn cookie(facts: &CookieFacts) -> Check {
    let check =
        |status, detail: String| Check::new("cookie", "Is the __session cookie sound?", status, detail);
    if !facts.present {
        return check(CheckStatus::Warn, "no __session cookie".into())
            .fix("clerk-js writes it for server-side rendering; without it your backend sees no session.");
    }
    if !facts.attributes_readable {
        return check(
            CheckStatus::Info,
            "__session is set; this browser cannot show its attributes (no CookieStore API)".into(),
        );
    }
    let same_site = facts.same_site.clone().unwrap_or_else(|| "unknown".into());
    let detail = format!(
        "__session is set: SameSite={same_site}, Secure={}, {}",
        facts.secure.map_or("unknown".into(), |s| s.to_string()),
        if facts.expires.is_some() {
            "expires"
        } else {
            "session cookie"
        }
    );
    if same_site.eq_ignore_ascii_case("none") && facts.secure != Some(true) {
        return check(CheckStatus::Fail, detail)
            .fix("SameSite=None needs Secure, or browsers drop the cookie.");
    }
    if facts.https && facts.secure == Some(false) {
        return check(CheckStatus::Warn, detail).fix("On https the cookie should be Secure.");
    }
    check(CheckStatus::Pass, detail)
}

#[cfg(test)]
mod tests;
