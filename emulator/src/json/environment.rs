//! `EnvironmentJSON`: the instance as clerk-js and Clerk's UI components see it.
//!
//! clerk-js replaces a sub-object's defaults wholesale when one is present, and the UI
//! dereferences several of them unchecked, so every sub-object here is complete: all
//! attributes, all `sign_up` keys, both billing sides. Everything that would reach the
//! network (captcha, zxcvbn, images, Protect, One Tap) is off.

use leptos_clerk::model::InstanceType;
use serde_json::{Value, json};

use crate::config::Config;
use crate::users::{PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH};

/// The whole environment. Email + password only: email is the identifier (verified with a
/// code at sign-up), password the first factor; organizations as the config says; every
/// other attribute and billing are off.
pub fn environment(config: &Config) -> Value {
    let instance = &config.instance;
    json!({
        "object": "environment",
        "id": "env_emulator",
        "auth_config": {
            "object": "auth_config",
            "id": "aac_emulator",
            // false is what gives UserButton its "Add account" and session list.
            "single_session_mode": !instance.multi_session,
            "claimed_at": null,
            "reverification": false,
            "preferred_channels": null,
        },
        "display_config": display_config(config),
        "user_settings": user_settings(config),
        "organization_settings": super::organization::settings(&config.organizations),
        // Read unchecked at load (`billing.user.enabled`…): both sides must be present.
        "commerce_settings": {
            "billing": {
                "stripe_publishable_key": null,
                "organization": {"enabled": false, "has_paid_plans": false},
                "user": {"enabled": false, "has_paid_plans": false},
            },
        },
        "api_keys_settings": {"user_api_keys_enabled": false, "orgs_api_keys_enabled": false},
        "maintenance_mode": false,
        "client_debug_mode": false,
    })
}

/// Names and links. The empty URLs leave every redirect to the app's `Clerk.load` options
/// (clerk-js 6 ignores `after_sign_in_url` and friends anyway); the empty logo and the null
/// captcha keys keep the page offline.
fn display_config(config: &Config) -> Value {
    let environment_type = match config.instance_type() {
        InstanceType::Development => "development",
        InstanceType::Production => "production",
    };
    json!({
        "object": "display_config",
        "id": "display_config_emulator",
        "instance_environment_type": environment_type,
        "application_name": config.instance.application_name,
        "preferred_sign_in_strategy": "password",
        "branded": false,
        "show_devmode_warning": false,
        "captcha_public_key": null,
        "captcha_public_key_invisible": null,
        "captcha_widget_type": null,
        "captcha_provider": "turnstile",
        "captcha_oauth_bypass": [],
        "captcha_heartbeat": false,
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
        "waitlist_url": "",
        "after_join_waitlist_url": "",
        "organization_profile_url": "",
        "create_organization_url": "",
        "after_create_organization_url": "",
        "after_leave_organization_url": "",
        "support_email": null,
        "terms_url": null,
        "privacy_policy_url": null,
    })
}

/// What a user is made of and how they prove it; `organizations` lets users create them.
fn user_settings(config: &Config) -> Value {
    let organizations = config.organizations.enabled;
    let social = &config.instance.social;
    let mut settings = json!({
        "attributes": {
            // The sign-in identifier; verified by `email_code` at sign-up (never
            // `email_link`, which would make SignUp show a link card instead of the code).
            "email_address": {
                "enabled": true,
                "required": true,
                "used_for_first_factor": true,
                "first_factors": ["email_code"],
                "used_for_second_factor": false,
                "second_factors": [],
                "verifications": ["email_code"],
                "verify_at_sign_up": true,
            },
            // `used_for_first_factor` must stay false, or "password" becomes an identifier.
            "password": {
                "enabled": true,
                "required": true,
                "used_for_first_factor": false,
                "first_factors": [],
                "used_for_second_factor": false,
                "second_factors": [],
                "verifications": [],
                "verify_at_sign_up": false,
            },
            "phone_number": disabled(),
            "username": disabled(),
            "web3_wallet": disabled(),
            "first_name": disabled(),
            "last_name": disabled(),
            "authenticator_app": disabled(),
            "backup_code": disabled(),
            "passkey": disabled(),
        },
        "actions": {"delete_self": false, "create_organization": organizations},
        "attack_protection": {"enumeration_protection": {"enabled": false}},
        "enterprise_sso": {"enabled": false, "self_serve_sso": false},
        "passkey_settings": {"allow_autofill": false, "show_sign_in_button": false},
        "password_settings": {
            "min_length": PASSWORD_MIN_LENGTH,
            "max_length": PASSWORD_MAX_LENGTH,
            "disable_hibp": true,
            // true would make the UI download zxcvbn.
            "show_zxcvbn": false,
            "min_zxcvbn_strength": 0,
            "require_special_char": false,
            "require_numbers": false,
            "require_uppercase": false,
            "require_lowercase": false,
            "enforce_hibp_on_sign_in": false,
        },
        "sign_in": {"second_factor": {"required": false, "enabled": false}},
        // All four of mode, progressive, captcha_enabled and legal_consent_enabled are read
        // unchecked; captcha off keeps Turnstile from loading.
        "sign_up": {
            "mode": "public",
            "progressive": true,
            "captcha_enabled": false,
            "legal_consent_enabled": false,
            "allowlist_only": false,
            "custom_action_required": false,
            "mfa": {"required": false},
        },
        "social": crate::fapi::oauth::social_settings(social),
        "username_settings": {"min_length": 4, "max_length": 64},
    });
    super::second_factor::advertise(&mut settings, &config.users);
    settings
}

/// An attribute the instance does not use.
fn disabled() -> Value {
    json!({
        "enabled": false,
        "required": false,
        "used_for_first_factor": false,
        "first_factors": [],
        "used_for_second_factor": false,
        "second_factors": [],
        "verifications": [],
        "verify_at_sign_up": false,
    })
}
