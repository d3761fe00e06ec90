//! `/v1/client/sign_ins…`: password or email-code sign-in for the instance's users
//! (configured or signed up).
//!
//! Either in one call (`identifier` + `password`) or in two (`identifier`, then
//! `attempt_first_factor` with `strategy=password`), or in three with an emailed code
//! (`identifier`, `prepare_first_factor` with `strategy=email_code` and the user's
//! `email_address_id`, then `attempt_first_factor` with the code: no email is sent, the code
//! is always [`VERIFICATION_CODE`](super::VERIFICATION_CODE)). A user with second factors then stops at
//! `needs_second_factor` ([`super::second_factor`]). A completed sign-in adds a session to
//! the client; the app then makes it active with `setActive`, as with real Clerk.
//! A failed attempt changes nothing.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::sign_ups::check_code;
use super::{ATTEMPT_LIFETIME_MS, ApiError, Call, second_factor, sessions};
use crate::config::User;
use crate::store::{Client, SignInAttempt};
use crate::users::Users;

/// `POST /v1/client/sign_ins`.
pub fn create(call: &Call<'_>, client: &mut Client) -> Result<Value, ApiError> {
    if let Some(strategy) = call.text("strategy").filter(|s| s.starts_with("oauth_")) {
        return super::oauth::create(call, client, strategy);
    }
    // Nothing that names or proves an account (clerk-js adds `locale`, `timezone`…); a
    // blank `identifier=` from a form is still the "Enter email address." below.
    if !call.request.form.contains_key("identifier")
        && ["password", "strategy", "ticket", "transfer"]
            .iter()
            .all(|field| call.text(field).is_none())
    {
        return Ok(super::oauth::blank(call, client));
    }
    let identifier = call
        .text("identifier")
        .ok_or_else(|| ApiError::missing("identifier", "Enter email address."))?;
    let user = find_user(call, identifier)?;
    may_sign_in(call, client, &user)?;
    match call.request.form.get("password") {
        Some(password) => {
            check_password(&user, password)?;
            Ok(second_factor::after_first_factor(
                call, client, identifier, &user, true,
            ))
        }
        None => {
            let attempt = new_attempt(call, identifier, &user);
            let sign_in = sign_in_json(&attempt, &user, "needs_first_factor", None);
            client.sign_in = Some(attempt);
            client.updated_at = call.now;
            Ok(call.reply(client, sign_in))
        }
    }
}

/// How long a prepared sign-in code is offered for (Clerk: ten minutes).
const CODE_LIFETIME_MS: i64 = 10 * 60 * 1000;

/// `POST /v1/client/sign_ins/{id}/prepare_first_factor` with `strategy=email_code` and the
/// user's `email_address_id`: "emails" the code.
pub fn prepare_first_factor(call: &Call<'_>, client: &mut Client, id: &str) -> Result<Value, ApiError> {
    let user_id = current(client, id)?.user_id.clone();
    let user = call.user(&user_id)?;
    let form = &call.request.form;
    if form.get("strategy").map(String::as_str) != Some("email_code") {
        return Err(invalid_strategy());
    }
    if form.get("email_address_id") != Some(&crate::json::email_address_id(&user)) {
        return Err(ApiError::form(
            "form_param_value_invalid",
            "is invalid",
            "email_address_id must name the email address of the account signing in.",
            "email_address_id",
        ));
    }
    let attempt = client.sign_in.as_mut().ok_or_else(ApiError::not_found)?;
    attempt.code_expire_at = Some(call.now + CODE_LIFETIME_MS);
    let sign_in = sign_in_json(attempt, &user, attempt.status(), None);
    client.updated_at = call.now;
    Ok(call.reply(client, sign_in))
}

/// `POST /v1/client/sign_ins/{id}/attempt_first_factor` with `strategy=password` and the
/// password, or `strategy=email_code` and the code (after `prepare_first_factor`).
pub fn attempt_first_factor(call: &Call<'_>, client: &mut Client, id: &str) -> Result<Value, ApiError> {
    // Owned: `complete` changes the client it belongs to.
    let attempt = current(client, id)?.clone();
    let form = &call.request.form;
    let user = call.user(&attempt.user_id)?;
    match form.get("strategy").map(String::as_str) {
        Some("password") => check_password(&user, form.get("password").map_or("", String::as_str))?,
        Some("email_code") if attempt.code_expire_at.is_some() => check_code(call)?,
        Some("email_code") => {
            return Err(ApiError::form(
                // Clerk's own code for this case is not documented; this generic one says
                // what went wrong in its message.
                "form_param_value_invalid",
                "is invalid",
                "Prepare the email_code factor first: no code was sent for this sign-in.",
                "strategy",
            ));
        }
        _ => return Err(invalid_strategy()),
    }
    may_sign_in(call, client, &user)?;
    let by_password = form.get("strategy").map(String::as_str) == Some("password");
    Ok(second_factor::after_first_factor(
        call,
        client,
        &attempt.identifier,
        &user,
        by_password,
    ))
}

fn invalid_strategy() -> ApiError {
    ApiError::form(
        "strategy_for_user_invalid",
        "Invalid verification strategy",
        "Only the password and email_code strategies are available on clerk-emulator.",
        "strategy",
    )
}

/// `GET /v1/client/sign_ins/{id}`.
pub fn reload(call: &Call<'_>, client: &mut Client, id: &str) -> Result<Value, ApiError> {
    let attempt = current(client, id)?;
    let user = call.user(&attempt.user_id)?;
    let sign_in = sign_in_json(attempt, &user, attempt.status(), None);
    Ok(call.reply(client, sign_in))
}

/// The client's sign-in in progress if it is `id`; Clerk's 404 otherwise.
pub(super) fn current<'c>(client: &'c Client, id: &str) -> Result<&'c SignInAttempt, ApiError> {
    client
        .sign_in
        .as_ref()
        .filter(|attempt| attempt.id == id)
        .ok_or_else(ApiError::not_found)
}

/// A new sign-in of `user`, named by `identifier`, starting now. One constructor for the
/// attempt a two-step sign-in leaves pending and the one a one-step sign-in completes.
pub(super) fn new_attempt(call: &Call<'_>, identifier: &str, user: &User) -> SignInAttempt {
    SignInAttempt {
        id: crate::random::id("sia"),
        identifier: identifier.to_owned(),
        user_id: user.id.clone(),
        created_at: call.now,
        code_expire_at: None,
        second_factor: None,
        oauth: None,
    }
}

fn find_user(call: &Call<'_>, identifier: &str) -> Result<User, ApiError> {
    call.emulator.users.by_email(identifier).ok_or_else(|| {
        ApiError::form(
            "form_identifier_not_found",
            "Couldn't find your account.",
            "Couldn't find your account.",
            "identifier",
        )
    })
}

pub(super) fn check_password(user: &User, password: &str) -> Result<(), ApiError> {
    if password == user.password {
        return Ok(());
    }
    Err(ApiError::form(
        "form_password_incorrect",
        "Password is incorrect. Try again, or use another method.",
        "Password is incorrect. Try again, or use another method.",
        "password",
    ))
}

/// Refuses a second session where Clerk would: in single-session mode, or for a user who
/// is already signed in on this client (naming that session, which the UI then selects).
pub(super) fn may_sign_in(call: &Call<'_>, client: &Client, user: &User) -> Result<(), ApiError> {
    may_add_session(call, client)?;
    match client.signed_in().find(|session| session.user_id == user.id) {
        Some(existing) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "identifier_already_signed_in",
            "You're already signed in.",
            "You're already signed in with this account in this browser.",
        )
        .session(&existing.id)),
        None => Ok(()),
    }
}

/// Refuses a second session in single-session mode, as Clerk does for sign-in and sign-up.
pub(super) fn may_add_session(call: &Call<'_>, client: &Client) -> Result<(), ApiError> {
    if !call.emulator.config.instance.multi_session && client.signed_in().next().is_some() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "session_exists",
            "You're already signed in.",
            "You're already signed in.",
        ));
    }
    Ok(())
}

/// Adds the new session and answers with a `complete` sign-in naming it.
pub(super) fn complete(call: &Call<'_>, client: &mut Client, identifier: &str, user: &User) -> Value {
    let session_id = sessions::start(call, client, &user.id);
    let attempt = client
        .sign_in
        .take()
        .unwrap_or_else(|| new_attempt(call, identifier, user));
    let sign_in = sign_in_json(&attempt, user, "complete", Some(&session_id));
    call.reply(client, sign_in)
}

/// The client's sign-in in progress as `SignInJSON`, or `null`.
pub fn in_progress(client: &Client, users: &Users) -> Value {
    client
        .sign_in
        .as_ref()
        .and_then(|attempt| {
            if let Some(oauth) = &attempt.oauth {
                return Some(super::oauth::sign_in_json(attempt, oauth));
            }
            let user = users.get(&attempt.user_id)?;
            Some(sign_in_json(attempt, &user, attempt.status(), None))
        })
        .unwrap_or(Value::Null)
}

/// `SignInJSON`.
pub(super) fn sign_in_json(
    attempt: &SignInAttempt,
    user: &User,
    status: &str,
    session_id: Option<&str>,
) -> Value {
    json!({
        "object": "sign_in",
        "id": attempt.id,
        "status": status,
        "supported_identifiers": ["email_address"],
        "identifier": attempt.identifier,
        "supported_first_factors": [
            {"strategy": "password"},
            {
                "strategy": "email_code",
                "email_address_id": crate::json::email_address_id(user),
                "safe_identifier": user.email,
                "primary": true,
            },
        ],
        "supported_second_factors": second_factor::supported(user, status),
        "first_factor_verification": attempt.code_expire_at.map(|expire_at| json!({
            "status": if status == "complete" { "verified" } else { "unverified" },
            "strategy": "email_code",
            "attempts": 0,
            "expire_at": expire_at,
        })),
        "second_factor_verification": second_factor::verification(attempt, status),
        "user_data": {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "image_url": "",
            "has_image": false,
        },
        "created_session_id": session_id,
        "client_trust_state": second_factor::client_trust_state(attempt),
        "abandon_at": attempt.created_at + ATTEMPT_LIFETIME_MS,
    })
}
