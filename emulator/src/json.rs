//! Clerk's JSON shapes (`@clerk/shared` `json.d.ts`): what clerk-js parses.

mod environment;
pub mod organization;
mod second_factor;

use serde_json::{Map, Value, json};

pub use environment::environment;
pub use second_factor::{phone_number_id, second_factors};

use crate::config::{Config, User};
use crate::store::{Client, Session};

/// `ClientJSON`: its sessions (as `SessionJSON`) and its sign-in and sign-up in progress
/// (`SignInJSON`, `SignUpJSON` or `null`). clerk-js' mounted SignIn and SignUp read their
/// step's state from these two, not from the replies' `response`.
pub fn client(client: &Client, sessions: Vec<Value>, sign_in: Value, sign_up: Value) -> Value {
    json!({
        "object": "client",
        "id": client.id,
        "sessions": sessions,
        "sign_in": sign_in,
        "sign_up": sign_up,
        "last_active_session_id": client.last_active_session_id,
        "last_authentication_strategy": null,
        // null: never send the browser through Safari's ITP "touch" redirect.
        "cookie_expires_at": null,
        "captcha_bypass": true,
        "created_at": client.created_at,
        "updated_at": client.updated_at,
    })
}

/// `SessionJSON`, with the user and a fresh `last_active_token` (clerk-js requires one).
pub fn session(session: &Session, user: &User, config: &Config, jwt: &str) -> Value {
    json!({
        "object": "session",
        "id": session.id,
        "status": session.status.as_str(),
        "expire_at": session.expire_at(config),
        "abandon_at": session.abandon_at(config),
        "last_active_at": session.last_active_at,
        "last_active_organization_id": session.last_active_organization_id,
        "last_active_token": {"object": "token", "jwt": jwt},
        "actor": null,
        "tasks": null,
        "factor_verification_age": [0, -1],
        "created_at": session.created_at,
        "updated_at": session.updated_at,
        "user": self::user(user),
        "public_user_data": {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "image_url": "",
            "has_image": false,
            "identifier": user.email,
            "user_id": user.id,
        },
    })
}

/// The id of `user`'s (only) email address, as `UserJSON` and a sign-in's factors name it.
pub fn email_address_id(user: &User) -> String {
    format!("idn_{}", user.id.trim_start_matches("user_"))
}

/// `UserJSON`: one verified email address, no image (so nothing is fetched from Clerk's CDN).
pub fn user(user: &User) -> Value {
    let email_id = email_address_id(user);
    json!({
        "object": "user",
        "id": user.id,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "username": null,
        "image_url": "",
        "has_image": false,
        "primary_email_address_id": email_id,
        "primary_phone_number_id": user.phone_number.as_ref().map(|_| second_factor::phone_number_id(user)),
        "primary_web3_wallet_id": null,
        "email_addresses": [{
            "object": "email_address",
            "id": email_id,
            "email_address": user.email,
            "verification": {"status": "verified", "strategy": "email_code", "attempts": null, "expire_at": null},
            "linked_to": [],
            "created_at": 0,
            "updated_at": 0,
        }],
        "phone_numbers": second_factor::phone_numbers(user),
        "web3_wallets": [],
        "external_accounts": [],
        "enterprise_accounts": [],
        "passkeys": [],
        "organization_memberships": [],
        "public_metadata": user.public_metadata,
        "unsafe_metadata": user.unsafe_metadata,
        "password_enabled": true,
        "two_factor_enabled": !user.second_factors.is_empty(),
        "totp_enabled": user.second_factors.contains(&crate::config::SecondFactor::Totp),
        "backup_code_enabled": user.second_factors.contains(&crate::config::SecondFactor::BackupCode),
        "create_organization_enabled": false,
        "delete_self_enabled": false,
        "last_sign_in_at": null,
        "created_at": 0,
        "updated_at": 0,
    })
}

/// A signed-in session with its latest activity (`SessionWithActivitiesJSON`), as the
/// profile's "Active devices" lists it. The emulator knows no devices: every browser is
/// Chrome on this machine, which the UI shows as "Desktop device", "Chrome", "127.0.0.1".
pub fn session_with_activity(session: &Session, config: &Config) -> Value {
    json!({
        "object": "session",
        "id": session.id,
        "status": session.status.as_str(),
        "expire_at": session.expire_at(config),
        "abandon_at": session.abandon_at(config),
        "last_active_at": session.last_active_at,
        "actor": null,
        "latest_activity": {
            "object": "session_activity",
            "id": format!("sess_act_{}", session.id.trim_start_matches("sess_")),
            "device_type": null,
            "is_mobile": false,
            "browser_name": "Chrome",
            "browser_version": null,
            "ip_address": "127.0.0.1",
            "city": null,
            "country": null,
        },
    })
}

/// Clerk's error envelope.
pub fn errors(code: &str, message: &str, long_message: &str, meta: Map<String, Value>) -> Value {
    json!({
        "errors": [{"code": code, "message": message, "long_message": long_message, "meta": meta}],
        "clerk_trace_id": "emulator",
    })
}
