//! `/v1/client/sign_ups…`: email + password sign-up, with the address verified by a code.
//!
//! Three calls, as Clerk's `<SignUp>` makes them: `create` (email address and password;
//! `missing_requirements`, the address unverified), `prepare_verification` (`email_code`:
//! Clerk would email a code; the emulator sends nothing) and `attempt_verification` with
//! the code, which creates the account and a session and answers `complete`. The sign-up in
//! progress rides on the client (`client.sign_up`), where the UI reads it. A failed call
//! changes nothing.

use serde_json::{Map, Value, json};

use super::{ATTEMPT_LIFETIME_MS, ApiError, Call, sessions, sign_ins};
use crate::config::User;
use crate::store::{Client, SignUpAttempt};
use crate::users::{PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH};

/// The email verification code every sign-up accepts: no email is ever sent, so this is
/// the code to type. It is the code Clerk's own test mode accepts for `+clerk_test`
/// addresses, so tests written against the emulator read the same against Clerk.
pub const VERIFICATION_CODE: &str = "424242";

/// The call's `code` is [`VERIFICATION_CODE`], or Clerk's "Incorrect code" on the code field
/// (the same answer for every factor that takes a code).
pub(super) fn check_code(call: &Call<'_>) -> Result<(), ApiError> {
    if call.text("code") == Some(VERIFICATION_CODE) {
        return Ok(());
    }
    Err(ApiError::form(
        "form_code_incorrect",
        "is incorrect",
        "Incorrect code",
        "code",
    ))
}

/// How long a prepared code is offered for (Clerk: ten minutes). Informational: the
/// emulator accepts [`VERIFICATION_CODE`] at any time, even without `prepare_verification`.
const CODE_LIFETIME_MS: i64 = 10 * 60 * 1000;

/// The only verification strategy the emulator offers.
const EMAIL_CODE: &str = "email_code";

/// `POST /v1/client/sign_ups` with `email_address` and `password` (and, ignored when empty,
/// `first_name`/`last_name`; clerk-js' other keys such as `locale` are ignored).
pub fn create(call: &Call<'_>, client: &mut Client) -> Result<Value, ApiError> {
    let email = call
        .text("email_address")
        .ok_or_else(|| ApiError::missing("email_address", "Enter email address."))?;
    if !looks_like_email(email) {
        return Err(ApiError::form(
            "form_param_format_invalid",
            "is invalid",
            "email_address must be a valid email address.",
            "email_address",
        ));
    }
    let password = call
        .request
        .form
        .get("password")
        .filter(|password| !password.is_empty())
        .ok_or_else(|| ApiError::missing("password", "Enter password."))?;
    check_password_length(password)?;
    if call.emulator.users.by_email(email).is_some() {
        return Err(email_taken());
    }
    sign_ins::may_add_session(call, client)?;
    let attempt = SignUpAttempt {
        id: crate::random::id("sua"),
        email: email.to_owned(),
        password: password.clone(),
        first_name: call.text("first_name").map(str::to_owned),
        last_name: call.text("last_name").map(str::to_owned),
        code_expire_at: None,
        created_at: call.now,
    };
    let sign_up = sign_up_json(&attempt, None);
    client.sign_up = Some(attempt);
    client.updated_at = call.now;
    Ok(call.reply(client, sign_up))
}

/// `POST /v1/client/sign_ups/{id}/prepare_verification` with `strategy=email_code`: "sends"
/// the code, i.e. marks the verification as waiting for [`VERIFICATION_CODE`].
pub fn prepare_verification(call: &Call<'_>, client: &mut Client, id: &str) -> Result<Value, ApiError> {
    match call.request.form.get("strategy").map(String::as_str) {
        Some(EMAIL_CODE) => {}
        Some(_) => return Err(unsupported_strategy()),
        None => return Err(ApiError::missing("strategy", "Enter strategy.")),
    }
    let attempt = current(client, id)?;
    attempt.code_expire_at = Some(call.now + CODE_LIFETIME_MS);
    let sign_up = sign_up_json(attempt, None);
    client.updated_at = call.now;
    Ok(call.reply(client, sign_up))
}

/// `POST /v1/client/sign_ups/{id}/attempt_verification` with `code` (and
/// `strategy=email_code`, which may be left out): with [`VERIFICATION_CODE`], creates the
/// account and a session on this client and answers `complete`; the app then selects the
/// session with `setActive`, as after a sign-in.
pub fn attempt_verification(call: &Call<'_>, client: &mut Client, id: &str) -> Result<Value, ApiError> {
    if call
        .request
        .form
        .get("strategy")
        .is_some_and(|strategy| strategy != EMAIL_CODE)
    {
        return Err(unsupported_strategy());
    }
    let attempt = current(client, id)?.clone();
    check_code(call)?;
    // Checked again: the browser may have signed in since `create`.
    sign_ins::may_add_session(call, client)?;
    let user = User {
        id: crate::random::id("user"),
        first_name: attempt.first_name.clone(),
        last_name: attempt.last_name.clone(),
        email: attempt.email.clone(),
        password: attempt.password.clone(),
        signed_in: false,
        public_metadata: Map::new(),
        unsafe_metadata: Map::new(),
        second_factors: Vec::new(),
        phone_number: None,
    };
    // Another browser may have taken the address since `create`.
    call.emulator.users.add(user.clone()).map_err(|_| email_taken())?;
    let session_id = sessions::start(call, client, &user.id);
    client.sign_up = None;
    let created = Created {
        session_id: &session_id,
        user_id: &user.id,
    };
    let sign_up = sign_up_json(&attempt, Some(created));
    Ok(call.reply(client, sign_up))
}

/// `GET /v1/client/sign_ups/{id}`.
pub fn reload(call: &Call<'_>, client: &mut Client, id: &str) -> Result<Value, ApiError> {
    let sign_up = sign_up_json(current(client, id)?, None);
    Ok(call.reply(client, sign_up))
}

/// The client's sign-up in progress as `SignUpJSON`, or `null`.
pub fn in_progress(client: &Client) -> Value {
    client
        .sign_up
        .as_ref()
        .map_or(Value::Null, |attempt| sign_up_json(attempt, None))
}

/// The client's sign-up in progress if it is `id`; Clerk's 404 otherwise.
fn current<'c>(client: &'c mut Client, id: &str) -> Result<&'c mut SignUpAttempt, ApiError> {
    client
        .sign_up
        .as_mut()
        .filter(|attempt| attempt.id == id)
        .ok_or_else(ApiError::not_found)
}

/// One `@`, something on both sides, no spaces: enough to refuse what is clearly not an
/// address without second-guessing Clerk's own rules.
fn looks_like_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.contains('@')
                && !email.contains(char::is_whitespace)
        }
        None => false,
    }
}

fn check_password_length(password: &str) -> Result<(), ApiError> {
    let length = password.chars().count();
    if length < PASSWORD_MIN_LENGTH {
        return Err(ApiError::form(
            "form_password_length_too_short",
            "Password is too short.",
            format!("Passwords must be {PASSWORD_MIN_LENGTH} characters or more."),
            "password",
        ));
    }
    if length > PASSWORD_MAX_LENGTH {
        return Err(ApiError::form(
            "form_password_length_too_long",
            "Password is too long.",
            format!("Passwords must be {PASSWORD_MAX_LENGTH} characters or fewer."),
            "password",
        ));
    }
    Ok(())
}

fn email_taken() -> ApiError {
    ApiError::form(
        "form_identifier_exists",
        "That email address is taken. Please try another.",
        "That email address is taken. Please try another.",
        "email_address",
    )
}

fn unsupported_strategy() -> ApiError {
    ApiError::form(
        "form_param_value_invalid",
        "is invalid",
        "Only the email_code strategy is available on clerk-emulator.",
        "strategy",
    )
}

/// What a completed sign-up created.
struct Created<'a> {
    session_id: &'a str,
    user_id: &'a str,
}

/// The email address's verification: waiting for `prepare`, then for the code, then done.
///
/// The strategy is null before `prepare`: SignUp's code card then calls `prepare` itself
/// (it skips that only for an `email_code` verification already under way, so that a
/// reload does not re-send the code).
fn email_verification(attempt: &SignUpAttempt, verified: bool) -> Value {
    let (status, strategy, attempts, next_action) = match (verified, attempt.code_expire_at) {
        (true, _) => ("verified", Some(EMAIL_CODE), Some(1), ""),
        (false, Some(_)) => ("unverified", Some(EMAIL_CODE), Some(0), "needs_attempt"),
        (false, None) => ("unverified", None, None, "needs_prepare"),
    };
    json!({
        "status": status,
        "strategy": strategy,
        "attempts": attempts,
        "expire_at": attempt.code_expire_at,
        "next_action": next_action,
        "supported_strategies": [EMAIL_CODE],
    })
}

/// `SignUpJSON`: `missing_requirements` with the address unverified (needing `prepare`
/// until it is prepared), or `complete` with what it created.
fn sign_up_json(attempt: &SignUpAttempt, created: Option<Created<'_>>) -> Value {
    let email_verification = email_verification(attempt, created.is_some());
    let (status, unverified) = match created {
        Some(_) => ("complete", json!([])),
        None => ("missing_requirements", json!(["email_address"])),
    };
    json!({
        "object": "sign_up",
        "id": attempt.id,
        "status": status,
        "required_fields": ["email_address", "password"],
        "optional_fields": [],
        // Must be an array: the UI calls `missingFields.some(…)` unchecked.
        "missing_fields": [],
        "unverified_fields": unverified,
        "verifications": {
            "email_address": email_verification,
            "phone_number": null,
            "web3_wallet": null,
            "external_account": null,
        },
        "username": null,
        "email_address": attempt.email,
        "phone_number": null,
        "web3_wallet": null,
        "first_name": attempt.first_name,
        "last_name": attempt.last_name,
        "has_password": true,
        "password_enabled": true,
        "unsafe_metadata": {},
        "custom_action": false,
        "external_id": null,
        "legal_accepted_at": null,
        "locale": null,
        "created_session_id": created.as_ref().map(|c| c.session_id),
        "created_user_id": created.as_ref().map(|c| c.user_id),
        "abandon_at": attempt.created_at + ATTEMPT_LIFETIME_MS,
    })
}
