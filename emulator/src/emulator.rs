//! The emulator as a value: config, users, data, clock, signer, access rules, faults and the
//! touch log.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::access::Access;
use crate::clock::Clock;
use crate::config::Config;
use crate::faults::Faults;
use crate::locks::lock;
use crate::organizations::Organizations;
use crate::store::{SessionStatus, Store};
use crate::token::Signer;
use crate::users::Users;

/// One emulated Clerk instance.
pub struct Emulator {
    /// The instance settings and the users it starts with.
    pub config: Config,
    /// Every account: the config's, then those who sign up.
    pub users: Users,
    /// Roles, organizations and memberships: the config's, then those users create.
    pub organizations: Organizations,
    /// Browsers' clients and their sessions.
    pub store: Mutex<Store>,
    /// Its notion of now, which tests can shift.
    pub clock: Clock,
    /// The instance's signing key.
    pub signer: Signer,
    /// Which hosts and origins it answers, and its admin token.
    pub access: Access,
    /// Faults queued by tests.
    pub faults: Faults,
    touches: Mutex<VecDeque<TouchRecord>>,
}

/// How many touches the log keeps: enough for any test to read back, and a bound, so a
/// long run under load keeps the emulator's memory flat.
pub const TOUCH_LOG_LIMIT: usize = 10_000;

/// One `touch` call that reached the emulator.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct TouchRecord {
    /// The touched session.
    pub session_id: String,
    /// The emulator's clock when it arrived, epoch ms.
    pub at: i64,
    /// The HTTP status it got (an injected fault's included).
    pub status: u16,
    /// clerk-js' `intent` form field: `focus` for its own touch on window focus,
    /// `select_session`/`select_org` from `setActive`, empty from a plain `session.touch()`.
    pub intent: String,
}

impl Emulator {
    /// A fresh instance signing with a new RSA key, for loopback callers.
    pub fn new(config: Config) -> Result<Arc<Self>, String> {
        Ok(Self::with_signer(config, Signer::generate()?))
    }

    /// A fresh instance signing with `signer`'s key, for loopback callers, with a random
    /// admin token.
    pub fn with_signer(config: Config, signer: Signer) -> Arc<Self> {
        Self::with_access(config, signer, Access::loopback())
    }

    /// A fresh instance signing with `signer`'s key and answering whom `access` allows.
    pub fn with_access(config: Config, signer: Signer, access: Access) -> Arc<Self> {
        Arc::new(Self {
            users: Users::new(config.users.clone()),
            organizations: Organizations::new(&config.organizations, Clock::default().now_ms()),
            config,
            store: Mutex::new(Store::default()),
            clock: Clock::default(),
            signer,
            access,
            faults: Faults::default(),
            touches: Mutex::new(VecDeque::new()),
        })
    }

    /// Mints a dev-browser token naming a new client.
    pub fn create_dev_browser(&self) -> String {
        let now = self.clock.now_ms();
        let signed_in = self.users.signed_in_from_start();
        let mut store = lock(&self.store);
        store.create_dev_browser(&signed_in, now)
    }

    /// Ends session `id` from the server side (as a dashboard revocation would), in
    /// whichever client holds it. The browser finds out at its next token refresh.
    pub fn revoke_session(&self, id: &str) -> bool {
        let now = self.clock.now_ms();
        let mut store = lock(&self.store);
        store
            .clients_mut()
            .any(|client| client.end_session(id, SessionStatus::Revoked, now))
    }

    /// Makes session `id`'s first factor `minutes` old, as if the user had proven it that
    /// long ago: what a test needs before an action that requires a recent reverification.
    /// False if no client holds the session.
    pub fn age_first_factor(&self, id: &str, minutes: i64) -> bool {
        let now = self.clock.now_ms();
        let mut store = lock(&self.store);
        let session = store.clients_mut().find_map(|client| client.session_mut(id));
        if let Some(session) = session {
            session.first_factor_verified_at = now - minutes.max(0) * 60_000;
            true
        } else {
            false
        }
    }

    /// A session token for session `id` as `/tokens` would have minted it `age_secs` ago
    /// (for its active organization, `azp` the app's origin if given): with an age above the
    /// token lifetime, an expired `__session` for a server-side test, without moving the
    /// emulator's clock (which would move every client's `updated_at` and `__client_uat`
    /// too). `None` if no client holds the session.
    pub fn aged_session_token(&self, id: &str, age_secs: u64, azp: Option<&str>) -> Option<String> {
        let age_ms = i64::try_from(age_secs)
            .unwrap_or(i64::MAX / 1000)
            .saturating_mul(1000);
        let issued = self.clock.now_ms().saturating_sub(age_ms);
        let mut store = lock(&self.store);
        let session = store.clients_mut().find_map(|client| client.session_mut(id))?;
        let organization = session.last_active_organization_id.clone();
        Some(crate::fapi::mint_session_token(
            self,
            session,
            organization.as_deref(),
            azp,
            issued,
        ))
    }

    /// Notes a touch of `session_id` answered with `status`.
    pub fn log_touch(&self, session_id: &str, status: u16, intent: &str) {
        let record = TouchRecord {
            session_id: session_id.to_owned(),
            at: self.clock.now_ms(),
            status,
            intent: intent.to_owned(),
        };
        let mut touches = lock(&self.touches);
        if touches.len() == TOUCH_LOG_LIMIT {
            touches.pop_front();
        }
        touches.push_back(record);
    }

    /// The last [`TOUCH_LOG_LIMIT`] touches, oldest first.
    pub fn touches(&self) -> Vec<TouchRecord> {
        lock(&self.touches).iter().cloned().collect()
    }
}
