//! `/v1/client/sessions/{id}/verify…`: reverification, what Clerk's `UserVerification`
//! component (opened by `useReverification` when a backend answers "reverify first") drives.
//! The user proves their password again; the session's `fva` starts from zero.
//!
//! Only the password exists here, so every level falls back to the first factor, as FAPI
//! does for a user with no second factor.

use serde_json::{Value, json};

use super::sign_ins::check_password;
use super::{ApiError, Call};
use crate::store::{Client, Session, SessionStatus};

/// `POST …/{id}/verify` (`level`): starts a reverification, which needs the first factor.
pub fn start(call: &Call<'_>, client: &mut Client, id: &str) -> Result<Value, ApiError> {
    let level = requested_level(call)?;
    let session = active(client, id)?.clone();
    Ok(reply(
        call,
        client,
        &session,
        &level,
        "needs_first_factor",
        Value::Null,
    ))
}

/// `POST …/{id}/verify/prepare_first_factor`: nothing to send for a password.
pub fn prepare_first_factor(call: &Call<'_>, client: &mut Client, id: &str) -> Result<Value, ApiError> {
    let session = active(client, id)?.clone();
    password_only(call)?;
    Ok(reply(
        call,
        client,
        &session,
        "first_factor",
        "needs_first_factor",
        Value::Null,
    ))
}

/// `POST …/{id}/verify/attempt_first_factor` (`strategy=password`, `password`): the right
/// password completes the reverification and resets the first factor's age.
pub fn attempt_first_factor(call: &Call<'_>, client: &mut Client, id: &str) -> Result<Value, ApiError> {
    password_only(call)?;
    let user_id = active(client, id)?.user_id.clone();
    let user = call.user(&user_id)?;
    check_password(
        &user,
        call.request.form.get("password").map_or("", String::as_str),
    )?;
    let session = active(client, id)?;
    session.first_factor_verified_at = call.now;
    session.updated_at = call.now;
    let session = session.clone();
    client.updated_at = call.now;
    let verification = json!({"object": "verification", "status": "verified", "strategy": "password",
        "attempts": 1, "expire_at": null});
    Ok(reply(
        call,
        client,
        &session,
        "first_factor",
        "complete",
        verification,
    ))
}

fn requested_level(call: &Call<'_>) -> Result<String, ApiError> {
    match call.text("level") {
        Some(level @ ("first_factor" | "second_factor" | "multi_factor")) => Ok(level.to_owned()),
        _ => Err(ApiError::form(
            "form_param_value_invalid",
            "is invalid",
            "level must be first_factor, second_factor or multi_factor.",
            "level",
        )),
    }
}

fn password_only(call: &Call<'_>) -> Result<(), ApiError> {
    if call.text("strategy") == Some("password") {
        return Ok(());
    }
    Err(ApiError::form(
        "strategy_for_user_invalid",
        "Invalid verification strategy",
        "Only the password strategy is available on clerk-emulator.",
        "strategy",
    ))
}

fn active<'c>(client: &'c mut Client, id: &str) -> Result<&'c mut Session, ApiError> {
    match client.session_mut(id) {
        Some(session) if session.status == SessionStatus::Active => Ok(session),
        Some(_) => Err(ApiError::signed_out()),
        None => Err(ApiError::not_found()),
    }
}

/// `{response: <session_reverification>, client}`; its `session` carries a fresh token, which
/// clerk-js caches, so the next request already shows the new `fva`.
fn reply(
    call: &Call<'_>,
    client: &Client,
    session: &Session,
    level: &str,
    status: &str,
    first: Value,
) -> Value {
    let verification = json!({
        "object": "session_reverification",
        "level": level,
        "status": status,
        "supported_first_factors": [{"strategy": "password"}],
        "supported_second_factors": [],
        "first_factor_verification": first,
        "second_factor_verification": null,
        "session": call.session_json(session).unwrap_or(Value::Null),
    });
    call.reply(client, verification)
}
