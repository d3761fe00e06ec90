//! Fault injection for tests: make the next N calls of a route slow, fail or drop.

use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::locks::lock;

/// One queued fault, as posted to `/__emulator/faults`:
/// `{"route": "touch", "status": 429, "count": 3}`, `{"route": "client", "latency_ms": 800}`,
/// `{"route": "tokens", "drop": true}`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    /// The route's name: a session action (`touch`, `tokens`, `remove`, `end`) or the path
    /// after `/v1/` (`client`, `environment`, `client/sign_ins`…); for the demo API, its
    /// path without the leading slash (`api/me`).
    pub route: String,
    /// Answer with this HTTP status (and Clerk's error shape) instead of handling the call.
    #[serde(default)]
    pub status: Option<u16>,
    /// Wait this long before answering.
    #[serde(default)]
    pub latency_ms: u64,
    /// Break the connection instead of answering.
    #[serde(default)]
    pub drop: bool,
    /// How many calls it affects. Default: 1.
    #[serde(default = "one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}

/// The queue of faults, consumed call by call.
#[derive(Debug, Default)]
pub struct Faults {
    queue: Mutex<Vec<FaultSpec>>,
}

impl Faults {
    pub fn add(&self, spec: FaultSpec) {
        if spec.count > 0 {
            lock(&self.queue).push(spec);
        }
    }

    pub fn clear(&self) {
        lock(&self.queue).clear();
    }

    /// The fault queued for exactly `route` (not `*`), if any; counts it down.
    pub fn take_exact(&self, route: &str) -> Option<FaultSpec> {
        self.take_where(|fault| fault.route == route)
    }

    /// The fault for this call of `route`, if one is queued; counts it down.
    pub fn take(&self, route: &str) -> Option<FaultSpec> {
        self.take_where(|fault| fault.route == route || fault.route == "*")
    }

    fn take_where(&self, matches: impl Fn(&FaultSpec) -> bool) -> Option<FaultSpec> {
        let mut queue = lock(&self.queue);
        let index = queue.iter().position(matches)?;
        let fault = queue[index].clone();
        queue[index].count -= 1;
        if queue[index].count == 0 {
            queue.remove(index);
        }
        Some(fault)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_used_up_in_order_and_only_for_their_route() {
        let faults = Faults::default();
        faults.add(serde_json::from_str(r#"{"route":"touch","status":429,"count":2}"#).unwrap());
        faults.add(serde_json::from_str(r#"{"route":"touch","status":500}"#).unwrap());
        assert_eq!(faults.take("tokens"), None);
        let statuses: Vec<Option<u16>> = (0..4)
            .map(|_| faults.take("touch").and_then(|f| f.status))
            .collect();
        assert_eq!(statuses, [Some(429), Some(429), Some(500), None]);
    }
}
