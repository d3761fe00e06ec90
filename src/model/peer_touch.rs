//! [`PeerTouch`]: what another tab says after touching a session.

use super::raw::{RawObject, RawValue};
use super::time::time_ms;

/// "Session `session_id` now expires at `expire_at`", as one tab tells the others on the
/// refresher's `BroadcastChannel`. Any script of the origin can post there, so a message is
/// untrusted input like any other: [`read`](Self::read) accepts only a non-empty id and a
/// time that [`time_ms`] accepts (finite, within years of now, not `1e300`).
///
/// ```
/// use std::collections::BTreeMap;
/// use leptos_clerk::model::{PeerTouch, RawObject, RawValue};
///
/// #[derive(Clone, Debug)]
/// struct Message(BTreeMap<&'static str, RawValue<Message>>);
/// impl RawObject for Message {
///     fn get(&self, key: &str) -> RawValue<Self> {
///         self.0.get(key).cloned().unwrap_or(RawValue::Missing)
///     }
/// }
/// let message = |expire_at: f64| Message(BTreeMap::from([
///     ("sessionId", RawValue::Text("sess_1".into())),
///     ("expireAt", RawValue::Number(expire_at)),
/// ]));
/// assert_eq!(
///     PeerTouch::read(&message(1_800_000_000_000.0)),
///     Some(PeerTouch { session_id: "sess_1".into(), expire_at: 1_800_000_000_000 }),
/// );
/// assert_eq!(PeerTouch::read(&message(1e300)), None, "a hostile time is ignored");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeerTouch {
    /// The session that was touched.
    pub session_id: String,
    /// Its `expire_at` after the touch, epoch ms.
    pub expire_at: i64,
}

impl PeerTouch {
    /// The message's fields under the names the refresher posts them with.
    pub const SESSION_ID: &'static str = "sessionId";
    /// See [`SESSION_ID`](Self::SESSION_ID).
    pub const EXPIRE_AT: &'static str = "expireAt";

    /// Reads a message; `None` unless it is a well-formed peer touch.
    pub fn read<O: RawObject>(message: &O) -> Option<Self> {
        let session_id = match message.get(Self::SESSION_ID) {
            RawValue::Text(id) if !id.is_empty() => id,
            _ => return None,
        };
        let expire_at = time_ms(&message.get(Self::EXPIRE_AT)).ok().flatten()?;
        Some(Self {
            session_id,
            expire_at,
        })
    }
}
