//! The instance settings and seeded users, read from one TOML file.

use leptos_clerk::model::{InstanceType, PublishableKey};
use serde::Deserialize;

use serde_json::{Map, Value};

use crate::organizations::OrganizationsConfig;

/// The default config, also the file `emulator.toml` beside this crate's manifest.
pub const DEFAULT_CONFIG: &str = include_str!("../emulator.toml");

/// Everything the emulator is told about the instance it plays.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Instance-wide settings.
    pub instance: Instance,
    /// Users that exist from the start (the emulator's user directory adds those who sign up).
    #[serde(default)]
    pub users: Vec<User>,
    /// JWT templates, served by `POST /v1/client/sessions/{id}/tokens/{name}`.
    #[serde(default)]
    pub jwt_templates: Vec<JwtTemplate>,
    /// Roles and the organizations that exist from the start; off when absent.
    #[serde(default)]
    pub organizations: OrganizationsConfig,
}

/// Instance-wide settings.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    /// The Frontend API host the publishable key names.
    pub frontend_api: String,
    /// Shown by Clerk's UI.
    #[serde(default = "default_application_name")]
    pub application_name: String,
    /// Whether a browser may hold several signed-in sessions.
    #[serde(default = "yes")]
    pub multi_session: bool,
    /// Clerk's Device Trust: a password sign-in of a user without second factors, from a
    /// browser where they never had a session, stops at `needs_client_trust` until they
    /// prove an emailed code. Off by default.
    #[serde(default)]
    pub device_trust: bool,
    /// Seconds from sign-in to the hard end of a session.
    #[serde(default = "seven_days")]
    pub session_max_lifetime: u64,
    /// Seconds of inactivity that end a session; 0 for none.
    #[serde(default)]
    pub session_inactivity_timeout: u64,
    /// Seconds a session token is valid.
    #[serde(default = "one_minute")]
    pub token_lifetime: u64,
    /// The social sign-in strategies the instance offers (`["oauth_google"]`), each played
    /// by the emulator's own fake provider. None by default.
    #[serde(default)]
    pub social: Vec<String>,
}

/// A user account.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    /// Clerk user id (`user_…`).
    pub id: String,
    /// Given name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Family name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// Primary email address, also the sign-in identifier.
    pub email: String,
    /// Password for password sign-in.
    pub password: String,
    /// Whether every new browser starts with a session for this user.
    #[serde(default)]
    pub signed_in: bool,
    /// `public_metadata`, as a TOML table; JWT templates can read it.
    #[serde(default)]
    pub public_metadata: serde_json::Map<String, serde_json::Value>,
    /// `unsafe_metadata`, as a TOML table: what the user's own browser may write.
    #[serde(default)]
    pub unsafe_metadata: serde_json::Map<String, serde_json::Value>,
    /// The second factors this user turned on (multi-factor authentication): a sign-in then
    /// stops at `needs_second_factor` after the password or the emailed code. Every code
    /// is [`VERIFICATION_CODE`](crate::VERIFICATION_CODE), as Clerk's test phone numbers
    /// accept.
    #[serde(default)]
    pub second_factors: Vec<SecondFactor>,
    /// The user's phone number (E.164, e.g. Clerk's test number `+15555550100`), where a
    /// `phone_code` second factor "texts" its code.
    #[serde(default)]
    pub phone_number: Option<String>,
}

/// A second factor a user may have (Clerk's strategy names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecondFactor {
    /// A code texted to the user's phone number (needs `phone_number`).
    PhoneCode,
    /// A code from an authenticator app.
    Totp,
    /// One of the user's backup codes.
    BackupCode,
}

impl SecondFactor {
    /// Clerk's strategy name.
    pub fn strategy(self) -> &'static str {
        match self {
            SecondFactor::PhoneCode => "phone_code",
            SecondFactor::Totp => "totp",
            SecondFactor::BackupCode => "backup_code",
        }
    }
}

fn default_application_name() -> String {
    "clerk-emulator".into()
}
fn yes() -> bool {
    true
}
fn seven_days() -> u64 {
    7 * 24 * 3600
}
/// The default lifetime of session tokens and of JWT templates' tokens, in seconds.
pub(crate) fn one_minute() -> u64 {
    60
}

impl Config {
    /// Parses and checks a config.
    pub fn parse(text: &str) -> Result<Self, String> {
        let config: Config = toml::from_str(text).map_err(|error| error.to_string())?;
        if !config.instance.frontend_api.contains('.') {
            return Err("instance.frontend_api must be a host with a dot (clerk-js rejects others)".into());
        }
        if config.instance.token_lifetime == 0 || config.instance.session_max_lifetime == 0 {
            return Err("token_lifetime and session_max_lifetime must be positive".into());
        }
        let mut ids: Vec<&str> = config.users.iter().map(|u| u.id.as_str()).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|pair| pair[0] == pair[1]) {
            return Err("two users share an id".into());
        }
        let mut emails: Vec<String> = config
            .users
            .iter()
            .map(|u| u.email.to_ascii_lowercase())
            .collect();
        emails.sort_unstable();
        if emails.windows(2).any(|pair| pair[0] == pair[1]) {
            return Err("two users share an email address".into());
        }
        if let Some(user) = config
            .users
            .iter()
            .find(|u| u.second_factors.contains(&SecondFactor::PhoneCode) && u.phone_number.is_none())
        {
            return Err(format!(
                "{}: the phone_code second factor needs a phone_number",
                user.id
            ));
        }
        config.organizations.check(&ids)?;
        Ok(config)
    }

    /// Development instances (dev-browser flow) are those on Clerk's development hosts.
    pub fn is_development(&self) -> bool {
        const DEV_SUFFIXES: [&str; 4] = [".lcl.dev", ".lclstage.dev", ".stg.dev", ".accounts.dev"];
        DEV_SUFFIXES
            .iter()
            .any(|suffix| self.instance.frontend_api.ends_with(suffix))
    }

    /// What the publishable key says the instance is (`pk_test_` or `pk_live_`).
    pub fn instance_type(&self) -> InstanceType {
        if self.is_development() {
            InstanceType::Development
        } else {
            InstanceType::Production
        }
    }

    /// The publishable key for this instance (leptos-clerk's encoder, the inverse of the
    /// parser the browser half uses).
    pub fn publishable_key(&self) -> String {
        PublishableKey::encode(self.instance_type(), &self.instance.frontend_api)
    }

    /// Every token's `iss`: the Frontend API's URL. Defined once so that the tokens the
    /// emulator signs and the demo API's verifier agree on it.
    pub fn issuer(&self) -> String {
        format!("https://{}", self.instance.frontend_api)
    }

    /// The JWT template with this name.
    pub fn template(&self, name: &str) -> Option<&JwtTemplate> {
        self.jwt_templates.iter().find(|template| template.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_config_is_valid_and_seeds_two_sessions() {
        let config = Config::parse(DEFAULT_CONFIG).unwrap();
        assert!(config.is_development());
        assert_eq!(config.users.iter().filter(|u| u.signed_in).count(), 2);
        assert_eq!(
            config.publishable_key(),
            "pk_test_bGVwdG9zLWNsZXJrLWVtdWxhdG9yLmNsZXJrLmFjY291bnRzLmRldiQ"
        );
    }

    #[test]
    fn bad_configs_are_refused_with_a_reason() {
        assert!(Config::parse("[instance]\nfrontend_api = \"localhost\"").is_err());
        assert!(Config::parse("[instance]\nfrontend_api = \"a.b\"\nsurprise = 1").is_err());
        let twins = "[instance]\nfrontend_api = \"a.b\"\n[[users]]\nid=\"u\"\nemail=\"a\"\npassword=\"p\"\n[[users]]\nid=\"u\"\nemail=\"b\"\npassword=\"p\"";
        assert_eq!(Config::parse(twins).unwrap_err(), "two users share an id");
        let same_email = twins.replace("id=\"u\"\nemail=\"b\"", "id=\"v\"\nemail=\"A\"");
        assert_eq!(
            Config::parse(&same_email).unwrap_err(),
            "two users share an email address"
        );
        let no_phone = "[instance]\nfrontend_api = \"a.b\"\n[[users]]\nid=\"u\"\nemail=\"a\"\npassword=\"p\"\nsecond_factors=[\"phone_code\"]";
        assert!(
            Config::parse(no_phone)
                .unwrap_err()
                .contains("needs a phone_number")
        );
        assert!(Config::parse(&no_phone.replace("phone_code", "sms")).is_err());
    }
}

/// One `[[jwt_templates]]` entry of the config.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JwtTemplate {
    /// The name `getToken({template})` asks for.
    pub name: String,
    /// Seconds the token is valid. Default: 60.
    #[serde(default = "one_minute")]
    pub lifetime: u64,
    /// The custom claims, as a TOML table; strings may hold shortcodes.
    #[serde(default)]
    pub claims: Map<String, Value>,
}
