//! The user directory: the config's users, plus those who sign up while the emulator runs.

use std::sync::RwLock;

use crate::config::User;
use crate::locks;

/// Passwords' length limits, in characters: what the environment tells clerk-js and what
/// sign-up enforces, so the form's hints and the server's answers agree.
pub const PASSWORD_MIN_LENGTH: usize = 8;
/// See [`PASSWORD_MIN_LENGTH`].
pub const PASSWORD_MAX_LENGTH: usize = 72;

/// Every account of the instance. Lookups hand out copies, so no lock is held beyond the
/// call that takes it (and none is ever held while the store's is taken).
#[derive(Debug)]
pub struct Users {
    users: RwLock<Vec<User>>,
}

/// New metadata for a user, as posted to `/__emulator/users/{id}/metadata`; a field left
/// out stays as it is.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetadataChange {
    /// The new `public_metadata`.
    #[serde(default)]
    pub public_metadata: Option<serde_json::Map<String, serde_json::Value>>,
    /// The new `unsafe_metadata`.
    #[serde(default)]
    pub unsafe_metadata: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Why a new account was refused: its email address already has one.
#[derive(Debug)]
pub struct EmailTaken;

impl Users {
    /// A directory holding the config's users.
    pub fn new(seed: Vec<User>) -> Self {
        Self {
            users: RwLock::new(seed),
        }
    }

    /// The user with this id.
    pub fn get(&self, id: &str) -> Option<User> {
        self.read(|users| users.iter().find(|user| user.id == id).cloned())
    }

    /// Every account, in the order they were made (the fake OAuth provider offers each).
    pub fn all(&self) -> Vec<User> {
        self.read(<[User]>::to_vec)
    }

    /// The user whose email address this is (compared case-insensitively, as Clerk does).
    pub fn by_email(&self, email: &str) -> Option<User> {
        self.read(|users| {
            users
                .iter()
                .find(|user| user.email.eq_ignore_ascii_case(email))
                .cloned()
        })
    }

    /// Adds an account, unless its email address is taken. Checked and inserted under one
    /// lock, so two browsers signing up with one address cannot both succeed.
    pub fn add(&self, user: User) -> Result<(), EmailTaken> {
        let mut users = locks::write(&self.users);
        if users
            .iter()
            .any(|known| known.email.eq_ignore_ascii_case(&user.email))
        {
            return Err(EmailTaken);
        }
        users.push(user);
        Ok(())
    }

    /// The ids of the users every new browser starts signed in as (`signed_in = true`).
    pub fn signed_in_from_start(&self) -> Vec<String> {
        self.read(|users| {
            users
                .iter()
                .filter(|user| user.signed_in)
                .map(|user| user.id.clone())
                .collect()
        })
    }

    /// Replaces the metadata this change names (as Clerk's Backend API `PATCH
    /// /users/{id}/metadata` would, minus its deep merge); `false` for an unknown user.
    pub fn set_metadata(&self, id: &str, change: MetadataChange) -> bool {
        let mut users = locks::write(&self.users);
        let Some(user) = users.iter_mut().find(|user| user.id == id) else {
            return false;
        };
        if let Some(public) = change.public_metadata {
            user.public_metadata = public;
        }
        if let Some(unsafe_metadata) = change.unsafe_metadata {
            user.unsafe_metadata = unsafe_metadata;
        }
        true
    }

    fn read<T>(&self, f: impl FnOnce(&[User]) -> T) -> T {
        f(&locks::read(&self.users))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, DEFAULT_CONFIG};

    fn user(id: &str, email: &str) -> User {
        User {
            id: id.into(),
            first_name: None,
            last_name: None,
            email: email.into(),
            password: "long enough".into(),
            signed_in: false,
            public_metadata: Default::default(),
            unsafe_metadata: Default::default(),
            second_factors: Vec::new(),
            phone_number: None,
        }
    }

    #[test]
    fn new_accounts_are_found_and_their_addresses_stay_unique() {
        let users = Users::new(Config::parse(DEFAULT_CONFIG).unwrap().users);
        assert_eq!(users.signed_in_from_start(), ["user_ada", "user_grace"]);
        assert!(users.add(user("user_new", "new@example.test")).is_ok());
        assert_eq!(users.get("user_new").unwrap().email, "new@example.test");
        assert_eq!(users.by_email("NEW@example.test").unwrap().id, "user_new");
        assert!(users.add(user("user_twin", "Ada@Example.test")).is_err());
        assert!(users.get("user_twin").is_none());
    }
}
