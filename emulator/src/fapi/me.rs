//! `/v1/me…`: the signed-in user's own resources. clerk-js names the user by the session it
//! acts for (`?_clerk_session_id=`); the client is found as for every other route.

use serde_json::Value;

use super::{ApiError, Call, envelope};
use crate::json;
use crate::store::Client;

/// `GET /v1/me/sessions/active`: the user's signed-in sessions with their latest activity,
/// for the profile's "Active devices". A **bare array**: clerk-js reads the payload itself,
/// not a `{response, client}` wrapper.
///
/// The emulator keeps no devices, so it lists the user's session in this browser only,
/// never other accounts' sessions that share the browser in multi-session mode.
pub fn active_sessions(call: &Call<'_>, client: &mut Client) -> Result<Value, ApiError> {
    let (_, user_id) = acting(call, client)?;
    let config = &call.emulator.config;
    Ok(client
        .signed_in()
        .filter(|session| session.user_id == user_id)
        .map(|session| json::session_with_activity(session, config))
        .collect())
}

/// `GET /v1/me`: the acting user, as `user.reload()` asks for it, with the client
/// piggybacked (clerk-js forces a client update from this reply, and emits).
pub fn user(call: &Call<'_>, client: &mut Client) -> Result<Value, ApiError> {
    let (session_id, _) = acting(call, client)?;
    let sessions = call.sessions_json(client);
    let user = sessions
        .iter()
        .find(|session| session["id"] == session_id.as_str())
        .map(|session| session["user"].clone())
        .ok_or_else(ApiError::signed_out)?;
    Ok(envelope(user, call.client_json_with(client, sessions)))
}

/// The signed-in session the call acts for (`?_clerk_session_id=`, else the client's last
/// active one) and its user's id.
fn acting(call: &Call<'_>, client: &Client) -> Result<(String, String), ApiError> {
    let acting = call
        .request
        .query
        .get("_clerk_session_id")
        .or(client.last_active_session_id.as_ref());
    client
        .signed_in()
        .find(|session| Some(&session.id) == acting)
        .map(|session| (session.id.clone(), session.user_id.clone()))
        .ok_or_else(ApiError::signed_out)
}
