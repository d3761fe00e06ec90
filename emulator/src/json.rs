//! Clerk's JSON shapes (`@clerk/shared` `json.d.ts`): what clerk-js parses.

use serde_json::{Value, json};

use crate::config::{Config, User};
use crate::store::{Client, Session};

/// `EnvironmentJSON`: what clerk-js needs to load, with everything that would reach the
/// network (captcha, telemetry, images) off.
pub fn environment(config: &Config) -> Value {
    let instance = &config.instance;
    json!({
        "object": "environment",
        "id": "env_emulator",
        "auth_config": {
            "object": "auth_config",
            "id": "aac_emulator",
            "single_session_mode": !instance.multi_session,
            "claimed_at": null,
            "reverification": false,
        },
        "display_config": {
            "object": "display_config",
            "id": "display_config_emulator",
            "instance_environment_type": if config.is_development() { "development" } else { "production" },
            "application_name": instance.application_name,
            "preferred_sign_in_strategy": "password",
            "branded": false,
            "captcha_public_key": null,
            "captcha_widget_type": null,
            "captcha_public_key_invisible": null,
            "captcha_provider": null,
            "captcha_oauth_bypass": [],
            "captcha_heartbeat": false,
            "show_devmode_warning": false,
            "google_one_tap_client_id": null,
            "theme": {},
            "logo_image_url": "",
            "favicon_image_url": "",
            "home_url": "",
            "sign_in_url": "",
            "sign_up_url": "",
            "user_profile_url": "",
            "after_sign_in_url": "",
            "after_sign_up_url": "",
            "after_sign_out_one_url": "",
            "after_sign_out_all_url": "",
            "after_switch_session_url": "",
            "support_email": null,
            "terms_url": null,
            "privacy_policy_url": null,
            "waitlist_url": "",
            "after_join_waitlist_url": "",
        },
        "organization_settings": {
            "object": "organization_settings",
            "enabled": false,
            "max_allowed_memberships": 0,
            "force_organization_selection": false,
            "actions": {"admin_delete": false},
            "domains": {"enabled": false, "enrollment_modes": [], "default_role": null},
        },
        "maintenance_mode": false,
    })
}

/// `ClientJSON` with every session the client holds.
pub fn client(
    client: &Client,
    config: &Config,
    sign_in: Value,
    token_for: &dyn Fn(&Session) -> String,
) -> Value {
    let sessions: Vec<Value> = client
        .sessions
        .iter()
        .filter_map(|session| {
            let user = config.user(&session.user_id)?;
            Some(self::session(session, user, config, &token_for(session)))
        })
        .collect();
    json!({
        "object": "client",
        "id": client.id,
        "sessions": sessions,
        "sign_in": sign_in,
        "sign_up": null,
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

/// `UserJSON`: one verified email address, no image (so nothing is fetched from Clerk's CDN).
pub fn user(user: &User) -> Value {
    let email_id = format!("idn_{}", user.id.trim_start_matches("user_"));
    json!({
        "object": "user",
        "id": user.id,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "username": null,
        "image_url": "",
        "has_image": false,
        "primary_email_address_id": email_id,
        "primary_phone_number_id": null,
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
        "phone_numbers": [],
        "web3_wallets": [],
        "external_accounts": [],
        "enterprise_accounts": [],
        "passkeys": [],
        "organization_memberships": [],
        "public_metadata": {},
        "unsafe_metadata": {},
        "password_enabled": true,
        "two_factor_enabled": false,
        "totp_enabled": false,
        "backup_code_enabled": false,
        "create_organization_enabled": false,
        "delete_self_enabled": false,
        "last_sign_in_at": null,
        "created_at": 0,
        "updated_at": 0,
    })
}

/// Clerk's error envelope.
pub fn errors(code: &str, message: &str, long_message: &str, param_name: Option<&str>) -> Value {
    let meta = match param_name {
        Some(name) => json!({"param_name": name}),
        None => json!({}),
    };
    json!({
        "errors": [{"code": code, "message": message, "long_message": long_message, "meta": meta}],
        "clerk_trace_id": "emulator",
    })
}
