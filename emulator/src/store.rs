//! The emulator's data: browsers' clients and their sessions.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::config::Config;

/// One browser's Clerk client.
#[derive(Clone, Debug)]
pub struct Client {
    pub id: String,
    pub sessions: Vec<Session>,
    pub last_active_session_id: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// Lifecycle of a session, in Clerk's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionStatus {
    Active,
    Ended,
    Expired,
    Removed,
}

impl SessionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Active => "active",
            SessionStatus::Ended => "ended",
            SessionStatus::Expired => "expired",
            SessionStatus::Removed => "removed",
        }
    }
}

/// One signed-in (or formerly signed-in) session.
#[derive(Clone, Debug)]
pub struct Session {
    pub id: String,
    pub user_id: String,
    pub status: SessionStatus,
    pub created_at: i64,
    pub updated_at: i64,
    pub last_active_at: i64,
    pub last_active_organization_id: Option<String>,
}

/// All clients, found by the dev-browser token or the `__client` cookie that names them.
#[derive(Debug, Default)]
pub struct Store {
    clients: HashMap<String, Client>,
    /// Dev-browser token → client id.
    dev_browsers: HashMap<String, String>,
    next_id: AtomicU64,
    /// Makes ids unique across restarts, so a browser's stale token never names a new client.
    epoch: u64,
}

impl Store {
    pub fn new(epoch: u64) -> Self {
        Self {
            epoch,
            ..Self::default()
        }
    }

    /// A fresh id with Clerk's prefix, e.g. `sess_…`.
    pub fn new_id(&self, prefix: &str) -> String {
        let n = self.next_id.fetch_add(1, Ordering::Relaxed);
        format!("{prefix}_{:x}{n:04x}", self.epoch)
    }

    /// A new client with a session for every user the config marks `signed_in`.
    pub fn create_client(&mut self, config: &Config, now: i64) -> String {
        let id = self.new_id("client");
        let sessions: Vec<Session> = config
            .users
            .iter()
            .filter(|user| user.signed_in)
            .map(|user| Session {
                id: self.new_id("sess"),
                user_id: user.id.clone(),
                status: SessionStatus::Active,
                created_at: now,
                updated_at: now,
                last_active_at: now,
                last_active_organization_id: None,
            })
            .collect();
        let client = Client {
            id: id.clone(),
            last_active_session_id: sessions.first().map(|s| s.id.clone()),
            sessions,
            created_at: now,
            updated_at: now,
        };
        self.clients.insert(id.clone(), client);
        id
    }

    /// Registers a dev browser for a new client and returns its token.
    pub fn create_dev_browser(&mut self, config: &Config, now: i64) -> String {
        let client_id = self.create_client(config, now);
        let token = self.new_id("dvb");
        self.dev_browsers.insert(token.clone(), client_id);
        token
    }

    /// The client id a dev-browser token names.
    pub fn client_of_dev_browser(&self, token: &str) -> Option<&str> {
        self.dev_browsers.get(token).map(String::as_str)
    }

    pub fn client(&self, id: &str) -> Option<&Client> {
        self.clients.get(id)
    }

    pub fn client_mut(&mut self, id: &str) -> Option<&mut Client> {
        self.clients.get_mut(id)
    }
}

impl Client {
    pub fn session_mut(&mut self, id: &str) -> Option<&mut Session> {
        self.sessions.iter_mut().find(|session| session.id == id)
    }
}

impl Session {
    /// When the server ends the session: its maximum lifetime, or sooner after inactivity.
    pub fn expire_at(&self, config: &Config) -> i64 {
        let instance = &config.instance;
        let hard = self.created_at + secs_ms(instance.session_max_lifetime);
        match instance.session_inactivity_timeout {
            0 => hard,
            idle => hard.min(self.last_active_at + secs_ms(idle)),
        }
    }

    /// When an unused session is abandoned (Clerk keeps this beyond `expire_at`).
    pub fn abandon_at(&self, config: &Config) -> i64 {
        self.created_at + secs_ms(config.instance.session_max_lifetime).saturating_mul(4)
    }

    /// Marks the session expired once its time has passed; true if it is still active.
    pub fn refresh_status(&mut self, config: &Config, now: i64) -> bool {
        if self.status == SessionStatus::Active && now >= self.expire_at(config) {
            self.status = SessionStatus::Expired;
            self.updated_at = now;
        }
        self.status == SessionStatus::Active
    }
}

fn secs_ms(secs: u64) -> i64 {
    i64::try_from(secs)
        .unwrap_or(i64::MAX / 1000)
        .saturating_mul(1000)
}
