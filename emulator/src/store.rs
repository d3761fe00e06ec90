//! The emulator's data: browsers' clients, their sessions and their sign-ins and sign-ups
//! in progress.

use std::collections::HashMap;

use crate::config::Config;
use crate::random;

/// One browser's Clerk client.
#[derive(Clone, Debug)]
pub struct Client {
    pub id: String,
    pub sessions: Vec<Session>,
    pub last_active_session_id: Option<String>,
    /// The sign-in in progress, if one is waiting for its first or second factor.
    pub sign_in: Option<SignInAttempt>,
    /// The sign-up in progress, if one is waiting for its email address to be verified.
    pub sign_up: Option<SignUpAttempt>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A sign-in that has named its user but not yet proven it (`needs_first_factor`).
#[derive(Clone, Debug)]
pub struct SignInAttempt {
    pub id: String,
    pub identifier: String,
    pub user_id: String,
    pub created_at: i64,
    /// Set by `prepare_first_factor` (`email_code`): until when the "emailed" code is offered.
    pub code_expire_at: Option<i64>,
    /// Set once the first factor passed for a user with second factors: the sign-in waits
    /// at `needs_second_factor`.
    pub second_factor: Option<PendingSecondFactor>,
    /// Set for an `oauth_<provider>` sign-in (`crate::fapi::oauth`); its user is only known
    /// once the provider answers, so `identifier` and `user_id` stay empty until then.
    pub oauth: Option<OAuthAttempt>,
}

/// A sign-in waiting for its second factor.
#[derive(Clone, Debug, Default)]
pub struct PendingSecondFactor {
    /// Device Trust asks (`needs_client_trust`), not the user's own second factors.
    pub client_trust: bool,
    /// Set by `prepare_second_factor`: the strategy whose code was "sent", and until when it
    /// is offered.
    pub code_sent: Option<(&'static str, i64)>,
}

impl SignInAttempt {
    /// Clerk's status for a sign-in still in progress.
    pub fn status(&self) -> &'static str {
        match &self.second_factor {
            Some(pending) if pending.client_trust => "needs_client_trust",
            Some(_) => "needs_second_factor",
            None => "needs_first_factor",
        }
    }
}

/// An OAuth sign-in waiting for (or back from) the emulator's fake provider.
#[derive(Clone, Debug)]
pub struct OAuthAttempt {
    /// `oauth_google`…
    pub strategy: String,
    /// The OAuth `state` that ties the provider's answer to this client and sign-in.
    pub state: String,
    /// The fake provider's consent page, until the provider has answered.
    pub provider_url: String,
    /// Where the callback sends the browser unless the sign-in completed (the app's
    /// `/sso-callback`).
    pub redirect_url: String,
    /// Where the callback sends the browser when the sign-in completed, if the app said.
    pub action_complete_redirect_url: Option<String>,
    /// The session the sign-in created (`complete`).
    pub created_session_id: Option<String>,
    /// Why the verification failed (Clerk's error JSON), if it did.
    pub error: Option<serde_json::Value>,
}

/// A sign-up that has its email address and password but has not yet proven the address
/// (`missing_requirements`). The account is only created once it has.
#[derive(Clone, Debug)]
pub struct SignUpAttempt {
    pub id: String,
    pub email: String,
    pub password: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// When the code "sent" by `prepare_verification` expires; `None` before that call.
    pub code_expire_at: Option<i64>,
    pub created_at: i64,
}

/// Lifecycle of a session, in Clerk's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionStatus {
    Active,
    Ended,
    Expired,
    Removed,
    Revoked,
}

impl SessionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Active => "active",
            SessionStatus::Ended => "ended",
            SessionStatus::Expired => "expired",
            SessionStatus::Removed => "removed",
            SessionStatus::Revoked => "revoked",
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
    /// When the user last proved their first factor in this session: at sign-in, then at
    /// each reverification. Session tokens report its age in minutes (`fva`).
    pub first_factor_verified_at: i64,
    /// When the user last proved a second factor in this session (a sign-in through
    /// `attempt_second_factor`); `None` for sessions that never did.
    pub second_factor_verified_at: Option<i64>,
}

impl Session {
    /// Clerk's `factor_verification_age`: minutes since the first and the second factor
    /// were verified (-1: no second factor in this session).
    pub fn factor_verification_age(&self, now: i64) -> [i64; 2] {
        let minutes = |at: i64| (now - at).max(0) / 60_000;
        [
            minutes(self.first_factor_verified_at),
            self.second_factor_verified_at.map_or(-1, minutes),
        ]
    }
}

/// All clients, found by the dev-browser token or the `__client` cookie that names them.
#[derive(Debug, Default)]
pub struct Store {
    clients: HashMap<String, Client>,
    /// Dev-browser token → client id.
    dev_browsers: HashMap<String, String>,
}

impl Store {
    /// A new client with a session for each of `signed_in` (user ids).
    pub fn create_client(&mut self, signed_in: &[String], now: i64) -> String {
        let id = random::id("client");
        let mut client = Client {
            id: id.clone(),
            sessions: Vec::new(),
            last_active_session_id: None,
            sign_in: None,
            sign_up: None,
            created_at: now,
            updated_at: now,
        };
        for user_id in signed_in {
            client.add_session(random::id("sess"), user_id, now);
        }
        client.last_active_session_id = client.sessions.first().map(|s| s.id.clone());
        self.clients.insert(id.clone(), client);
        id
    }

    /// Registers a dev browser for a new client (signed in as `signed_in`) and returns its
    /// token.
    pub fn create_dev_browser(&mut self, signed_in: &[String], now: i64) -> String {
        let client_id = self.create_client(signed_in, now);
        let token = random::id("dvb");
        self.dev_browsers.insert(token.clone(), client_id);
        token
    }

    /// Every client, for the emulator's own admin routes.
    pub fn clients_mut(&mut self) -> impl Iterator<Item = &mut Client> {
        self.clients.values_mut()
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

    /// The active sessions.
    pub fn signed_in(&self) -> impl Iterator<Item = &Session> {
        self.sessions
            .iter()
            .filter(|session| session.status == SessionStatus::Active)
    }

    /// The session clerk-js makes current when it loads this client (`#defaultSession`):
    /// the last active one if it is still active, else the first active one.
    pub fn current_session_mut(&mut self) -> Option<&mut Session> {
        let last_active = self.last_active_session_id.clone();
        let index = self
            .sessions
            .iter()
            .position(|s| s.status == SessionStatus::Active && Some(&s.id) == last_active.as_ref())
            .or_else(|| {
                self.sessions
                    .iter()
                    .position(|s| s.status == SessionStatus::Active)
            })?;
        self.sessions.get_mut(index)
    }

    /// Adds a new active session for `user_id`.
    pub fn add_session(&mut self, id: String, user_id: &str, now: i64) {
        self.sessions.push(Session {
            id,
            user_id: user_id.to_owned(),
            status: SessionStatus::Active,
            created_at: now,
            updated_at: now,
            last_active_at: now,
            last_active_organization_id: None,
            first_factor_verified_at: now,
            second_factor_verified_at: None,
        });
        self.updated_at = now;
    }

    /// Ends session `id` with `status` (removed, ended…); false if it is not active here.
    pub fn end_session(&mut self, id: &str, status: SessionStatus, now: i64) -> bool {
        let Some(session) = self.session_mut(id).filter(|s| s.status == SessionStatus::Active) else {
            return false;
        };
        session.status = status;
        session.updated_at = now;
        if self.last_active_session_id.as_deref() == Some(id) {
            self.last_active_session_id = None;
        }
        self.updated_at = now;
        true
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
