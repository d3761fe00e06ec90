//! `/v1/client/sign_ins/{id}/prepare_second_factor` and `…/attempt_second_factor`: the
//! second factor of a user who turned one on (`second_factors` in the config).
//!
//! After the first factor (password or emailed code) such a sign-in waits at
//! `needs_second_factor` and lists the user's `supported_second_factors`. A `phone_code`
//! is "texted" by `prepare_second_factor` (`strategy=phone_code`, the user's
//! `phone_number_id`); `totp` and `backup_code` need no prepare, as at Clerk. No message is
//! sent and every code is [`VERIFICATION_CODE`](super::VERIFICATION_CODE), the code Clerk's test phone numbers
//! (`+1 (XXX) 555-0100` to `555-0199`) accept in development instances. The emulator takes
//! it for `totp` and `backup_code` too: it keeps no authenticator secret or backup codes.
//!
//! With `device_trust` on (Clerk's Device Trust), a password sign-in of a user without
//! second factors from a browser where they never had a session stops at
//! `needs_client_trust`, offering an `email_code` second factor to their address.

use serde_json::{Value, json};

use super::sign_ins::{complete, current, may_sign_in, new_attempt, sign_in_json};
use super::sign_ups::check_code;
use super::{ApiError, Call};
use crate::config::{SecondFactor, User};
use crate::store::{Client, PendingSecondFactor, SignInAttempt};

/// How long a texted code is offered for (Clerk: ten minutes).
const CODE_LIFETIME_MS: i64 = 10 * 60 * 1000;

/// The first factor passed: completes the sign-in, or leaves it waiting for a second
/// factor: the user's own (`needs_second_factor`), or, with Device Trust on, an emailed
/// code for a password sign-in from a browser where the user never had a session
/// (`needs_client_trust`; the user's own second factors take precedence, as at Clerk).
pub fn after_first_factor(
    call: &Call<'_>,
    client: &mut Client,
    identifier: &str,
    user: &User,
    by_password: bool,
) -> Value {
    let new_device = client.sessions.iter().all(|session| session.user_id != user.id);
    let client_trust = call.emulator.config.instance.device_trust
        && by_password
        && new_device
        && user.second_factors.is_empty();
    if user.second_factors.is_empty() && !client_trust {
        return complete(call, client, identifier, user);
    }
    let mut attempt = client
        .sign_in
        .take()
        .unwrap_or_else(|| new_attempt(call, identifier, user));
    attempt.second_factor = Some(PendingSecondFactor {
        client_trust,
        code_sent: None,
    });
    let sign_in = sign_in_json(&attempt, user, attempt.status(), None);
    client.sign_in = Some(attempt);
    client.updated_at = call.now;
    call.reply(client, sign_in)
}

/// `POST …/prepare_second_factor`: "texts" (`strategy=phone_code`, the user's
/// `phone_number_id`) or, for Device Trust, "emails" (`strategy=email_code`, the user's
/// `email_address_id`) the code.
pub fn prepare(call: &Call<'_>, client: &mut Client, id: &str) -> Result<Value, ApiError> {
    let user = waiting_user(call, client, id)?;
    let client_trust = current(client, id)?.status() == "needs_client_trust";
    let (strategy, param, expected) = match call.text("strategy") {
        Some("phone_code") if !client_trust && user.second_factors.contains(&SecondFactor::PhoneCode) => (
            "phone_code",
            "phone_number_id",
            crate::json::phone_number_id(&user),
        ),
        Some("email_code") if client_trust => (
            "email_code",
            "email_address_id",
            crate::json::email_address_id(&user),
        ),
        _ => {
            return Err(invalid_strategy(
                "only a supported phone_code or email_code is prepared",
            ));
        }
    };
    if call.text(param) != Some(expected.as_str()) {
        return Err(ApiError::form(
            "form_param_value_invalid",
            "is invalid",
            format!("{param} must name the account's own, as supported_second_factors does."),
            "strategy",
        ));
    }
    let attempt = client.sign_in.as_mut().ok_or_else(ApiError::not_found)?;
    if let Some(pending) = attempt.second_factor.as_mut() {
        pending.code_sent = Some((strategy, call.now + CODE_LIFETIME_MS));
    }
    let sign_in = sign_in_json(attempt, &user, attempt.status(), None);
    client.updated_at = call.now;
    Ok(call.reply(client, sign_in))
}

/// `POST …/attempt_second_factor` with `strategy` (`phone_code` or `email_code` after a
/// prepare, `totp`, `backup_code`) and `code`: the right code completes the sign-in.
pub fn attempt(call: &Call<'_>, client: &mut Client, id: &str) -> Result<Value, ApiError> {
    let user = waiting_user(call, client, id)?;
    let attempt = current(client, id)?.clone();
    let strategy = call.text("strategy").unwrap_or_default();
    let offered = supported(&user, attempt.status());
    let offered = offered.as_array().map(Vec::as_slice).unwrap_or_default();
    if !offered.iter().any(|factor| factor["strategy"] == strategy) {
        return Err(invalid_strategy(
            "use one of the sign-in's supported_second_factors",
        ));
    }
    let sent = attempt
        .second_factor
        .as_ref()
        .and_then(|pending| pending.code_sent)
        .is_some_and(|(sent, _)| sent == strategy);
    if matches!(strategy, "phone_code" | "email_code") && !sent {
        return Err(ApiError::form(
            "form_param_value_invalid",
            "is invalid",
            format!("Prepare the {strategy} factor first: no code was sent for this sign-in."),
            "strategy",
        ));
    }
    check_code(call)?;
    may_sign_in(call, client, &user)?;
    let mut reply = complete(call, client, &attempt.identifier, &user);
    // The new session's tokens say a second factor was just verified (`fva: [0, 0]`).
    let session_id = reply["response"]["created_session_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    if let Some(session) = client.session_mut(&session_id) {
        session.second_factor_verified_at = Some(call.now);
        // The piggybacked client (and its tokens) again, now with that age.
        reply = call.reply(client, reply["response"].take());
    }
    Ok(reply)
}

/// The user of the client's sign-in `id`, which must be waiting for its second factor.
fn waiting_user(call: &Call<'_>, client: &Client, id: &str) -> Result<User, ApiError> {
    let attempt = current(client, id)?;
    if attempt.second_factor.is_none() {
        return Err(ApiError::form(
            "sign_in_not_ready_for_second_factor",
            "is invalid",
            "This sign-in does not need a second factor now (status needs_first_factor).",
            "strategy",
        ));
    }
    call.user(&attempt.user_id)
}

fn invalid_strategy(hint: &str) -> ApiError {
    ApiError::form(
        "strategy_for_user_invalid",
        "Invalid verification strategy",
        format!("Invalid verification strategy for this user: {hint}."),
        "strategy",
    )
}

/// `supported_second_factors`, once the first factor passed (Clerk fills it in only then):
/// the user's own, or for Device Trust their email address; empty before.
pub fn supported(user: &User, status: &str) -> Value {
    match status {
        "needs_second_factor" => crate::json::second_factors(user),
        "needs_client_trust" => json!([{
            "strategy": "email_code",
            "email_address_id": crate::json::email_address_id(user),
            "safe_identifier": user.email,
            "primary": true,
        }]),
        _ => json!([]),
    }
}

/// `second_factor_verification`: the sent code's, once one was sent.
pub fn verification(attempt: &SignInAttempt, status: &str) -> Value {
    let sent = attempt
        .second_factor
        .as_ref()
        .and_then(|pending| pending.code_sent);
    match sent {
        Some((strategy, expire_at)) => json!({
            "object": "verification_otp",
            "status": if status == "complete" { "verified" } else { "unverified" },
            "strategy": strategy,
            "attempts": 0,
            "expire_at": expire_at,
        }),
        None => Value::Null,
    }
}

/// `client_trust_state`: `new` while Device Trust asks for a code; unknown (`null`) otherwise.
pub fn client_trust_state(attempt: &SignInAttempt) -> Value {
    match &attempt.second_factor {
        Some(pending) if pending.client_trust => json!("new"),
        _ => Value::Null,
    }
}
