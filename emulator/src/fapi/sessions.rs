//! `/v1/client/sessions…`: touch, tokens, sign out of one, sign out of all; and the one
//! place a session is born, for sign-in and sign-up alike.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::{ApiError, Call, organizations};
use crate::store::{Client, Session, SessionStatus};
use crate::templates::Shortcodes;
use crate::token::standard_claims;

/// `POST …/{id}/touch`: records activity, selects the session (and organization) as the
/// client's last active one. This is what `setActive` and `session.touch()` send.
pub fn touch(call: &Call<'_>, client: &mut Client, id: &str) -> Result<Value, ApiError> {
    let session = active_session(client, id)?;
    // An id or a slug of one of the user's organizations; anything else is refused.
    let organization = organizations::requested(call, &session.user_id, "active_organization_id")?.flatten();
    session.last_active_at = call.now;
    session.updated_at = call.now;
    session.last_active_organization_id = organization;
    client.last_active_session_id = Some(id.to_owned());
    client.updated_at = call.now;
    Ok(call.session_reply(client, id))
}

/// `POST …/{id}/tokens`: a fresh session token, bare (`{object: "token", jwt}`).
pub fn token(call: &Call<'_>, client: &mut Client, id: &str) -> Result<Value, ApiError> {
    let session = active_session(client, id)?;
    // clerk-js names the organization the token is for (blank: the personal account),
    // which may differ from the session's active one; without the field, the active one.
    let organization = organizations::requested(call, &session.user_id, "organization_id")?
        .unwrap_or_else(|| session.last_active_organization_id.clone());
    // Every token counts as activity, as on Clerk's servers.
    session.last_active_at = call.now;
    let jwt = call.session_token_for(session, organization.as_deref());
    Ok(json!({"object": "token", "jwt": jwt}))
}

/// `POST …/{id}/tokens/{template}`: a token shaped by a JWT template of the config, or
/// Clerk's 404 when there is no such template.
pub fn template_token(call: &Call<'_>, client: &mut Client, id: &str, name: &str) -> Result<Value, ApiError> {
    let config = &call.emulator.config;
    let template = config.template(name).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "resource_not_found",
            "JWT template not found",
            format!("No JWT template named {name:?} exists on this instance."),
        )
    })?;
    let session = active_session(client, id)?;
    session.last_active_at = call.now;
    let user = call.user(&session.user_id)?;
    let shortcodes = Shortcodes {
        user: &user,
        session_id: &session.id,
        organization_id: session.last_active_organization_id.as_deref(),
    };
    let mut claims = standard_claims(
        &call.emulator.config.issuer(),
        &user.id,
        call.request.origin.as_deref(),
        call.now,
        template.lifetime,
    );
    if let Value::Object(standard) = &mut claims {
        standard.extend(template.render(&shortcodes));
    }
    // A template's token is not a session token: Clerk marks it with its own `cat` (and
    // gives it no `sid`), so a backend that takes only session tokens refuses it.
    Ok(json!({"object": "token", "jwt": call.emulator.signer.sign_template(&claims)}))
}

/// Adds a new active session for `user_id` to the client and returns its id: what a
/// completed sign-in or sign-up does. The app then selects it with `setActive` (a touch),
/// as with Clerk.
pub fn start(call: &Call<'_>, client: &mut Client, user_id: &str) -> String {
    let session_id = crate::random::id("sess");
    client.add_session(session_id.clone(), user_id, call.now);
    session_id
}

/// `POST …/{id}/remove`: signs this browser out of one session (multi-session sign-out).
pub fn remove(call: &Call<'_>, client: &mut Client, id: &str) -> Result<Value, ApiError> {
    finish(call, client, id, SessionStatus::Removed)
}

/// `POST …/{id}/end`: ends the session.
pub fn end(call: &Call<'_>, client: &mut Client, id: &str) -> Result<Value, ApiError> {
    finish(call, client, id, SessionStatus::Ended)
}

fn finish(call: &Call<'_>, client: &mut Client, id: &str, status: SessionStatus) -> Result<Value, ApiError> {
    if client.sessions.iter().all(|session| session.id != id) {
        return Err(ApiError::not_found());
    }
    // Ending a session that already ended changes nothing; the reply still shows it.
    client.end_session(id, status, call.now);
    Ok(call.session_reply(client, id))
}

/// `DELETE /v1/client/sessions`: signs this browser out of every session. Replies with the
/// client itself as the resource.
pub fn sign_out_all(call: &Call<'_>, client: &mut Client) -> Result<Value, ApiError> {
    let active: Vec<String> = client.signed_in().map(|session| session.id.clone()).collect();
    for id in active {
        client.end_session(&id, SessionStatus::Removed, call.now);
    }
    client.updated_at = call.now;
    Ok(call.client_reply(client))
}

/// Session `id` of this client if it is still active; otherwise the 401 clerk-js expects
/// (it then re-reads the client and notices the session is gone) or a 404.
fn active_session<'c>(client: &'c mut Client, id: &str) -> Result<&'c mut Session, ApiError> {
    match client.session_mut(id) {
        Some(session) if session.status == SessionStatus::Active => Ok(session),
        Some(_) => Err(ApiError::signed_out()),
        None => Err(ApiError::not_found()),
    }
}
