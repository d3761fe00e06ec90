//! `/v1/client/sign_ins/{id}/prepare_second_factor` and `…/attempt_second_factor`: the
//! second factor of a user who turned one on (`second_factors` in the config).
//!
//! After the first factor (password or emailed code) such a sign-in waits at
//! `needs_second_factor` and lists the user's `supported_second_factors`. A `phone_code`
//! is "texted" by `prepare_second_factor` (`strategy=phone_code`, the user's
//! `phone_number_id`); `totp` and `backup_code` need no prepare, as at Clerk. No message is
//! sent and every code is [`VERIFICATION_CODE`], the code Clerk's test phone numbers
//! (`+1 (XXX) 555-0100` to `555-0199`) accept in development instances. The emulator takes
//! it for `totp` and `backup_code` too: it keeps no authenticator secret or backup codes.

use serde_json::{Value, json};

use super::sign_ins::{complete, current, may_sign_in, new_attempt, sign_in_json};
use super::sign_ups::VERIFICATION_CODE;
use super::{ApiError, Call};
use crate::config::{SecondFactor, User};
use crate::store::{Client, PendingSecondFactor, SignInAttempt};

/// How long a texted code is offered for (Clerk: ten minutes).
const CODE_LIFETIME_MS: i64 = 10 * 60 * 1000;

/// The first factor passed: completes the sign-in, or, for a user with second factors,
/// leaves it waiting at `needs_second_factor`.
pub fn after_first_factor(call: &Call<'_>, client: &mut Client, identifier: &str, user: &User) -> Value {
    if user.second_factors.is_empty() {
        return complete(call, client, identifier, user);
    }
    let mut attempt = client
        .sign_in
        .take()
        .unwrap_or_else(|| new_attempt(call, identifier, user));
    attempt.second_factor = Some(PendingSecondFactor::default());
    let sign_in = sign_in_json(&attempt, user, attempt.status(), None);
    client.sign_in = Some(attempt);
    client.updated_at = call.now;
    call.reply(client, sign_in)
}

/// `POST …/prepare_second_factor` with `strategy=phone_code` and the user's
/// `phone_number_id`: "texts" the code.
pub fn prepare(call: &Call<'_>, client: &mut Client, id: &str) -> Result<Value, ApiError> {
    let user = waiting_user(call, client, id)?;
    if call.text("strategy") != Some("phone_code") || !user.second_factors.contains(&SecondFactor::PhoneCode)
    {
        return Err(invalid_strategy(
            "phone_code is the only second factor to prepare",
        ));
    }
    if call.text("phone_number_id") != Some(crate::json::phone_number_id(&user).as_str()) {
        return Err(ApiError::form(
            "form_param_value_invalid",
            "is invalid",
            "phone_number_id must name the phone number of the account signing in.",
            "phone_number_id",
        ));
    }
    let attempt = client.sign_in.as_mut().ok_or_else(ApiError::not_found)?;
    if let Some(pending) = attempt.second_factor.as_mut() {
        pending.phone_code_expire_at = Some(call.now + CODE_LIFETIME_MS);
    }
    let sign_in = sign_in_json(attempt, &user, attempt.status(), None);
    client.updated_at = call.now;
    Ok(call.reply(client, sign_in))
}

/// `POST …/attempt_second_factor` with `strategy` (`phone_code` after a prepare, `totp`,
/// `backup_code`) and `code`: the right code completes the sign-in.
pub fn attempt(call: &Call<'_>, client: &mut Client, id: &str) -> Result<Value, ApiError> {
    let user = waiting_user(call, client, id)?;
    let attempt = current(client, id)?.clone();
    let strategy = call.text("strategy").unwrap_or_default();
    let Some(factor) = user.second_factors.iter().find(|f| f.strategy() == strategy) else {
        return Err(invalid_strategy("use one of the user's supported_second_factors"));
    };
    let prepared = attempt
        .second_factor
        .as_ref()
        .and_then(|pending| pending.phone_code_expire_at)
        .is_some();
    if *factor == SecondFactor::PhoneCode && !prepared {
        return Err(ApiError::form(
            "form_param_value_invalid",
            "is invalid",
            "Prepare the phone_code factor first: no code was sent for this sign-in.",
            "strategy",
        ));
    }
    if call.text("code") != Some(VERIFICATION_CODE) {
        return Err(ApiError::form(
            "form_code_incorrect",
            "is incorrect",
            "Incorrect code",
            "code",
        ));
    }
    may_sign_in(call, client, &user)?;
    Ok(complete(call, client, &attempt.identifier, &user))
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

/// `supported_second_factors`: the user's, once the first factor passed (Clerk fills it in
/// only then); empty before.
pub fn supported(user: &User, status: &str) -> Value {
    if status != "needs_second_factor" {
        return json!([]);
    }
    crate::json::second_factors(user)
}

/// `second_factor_verification`: the texted code's, once one was sent.
pub fn verification(attempt: &SignInAttempt, status: &str) -> Value {
    let expire_at = attempt
        .second_factor
        .as_ref()
        .and_then(|pending| pending.phone_code_expire_at);
    match expire_at {
        Some(expire_at) => json!({
            "object": "verification_otp",
            "status": if status == "complete" { "verified" } else { "unverified" },
            "strategy": "phone_code",
            "attempts": 0,
            "expire_at": expire_at,
        }),
        None => Value::Null,
    }
}
