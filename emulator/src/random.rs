//! Unguessable values from the operating system's random source: ids, dev-browser tokens,
//! the admin token.
//!
//! Ids double as credentials here: a dev-browser token alone names a browser's client, and
//! with it every session the client holds. So they must not be guessable from one another
//! or from the start time.

use rsa::rand_core::{OsRng, RngCore};

/// `bytes` random bytes as lower-case hex (twice as many characters).
pub fn hex(bytes: usize) -> String {
    let mut buffer = vec![0; bytes];
    // The RSA crate's OS generator is already a dependency (it makes the signing key).
    OsRng.fill_bytes(&mut buffer);
    buffer.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// A fresh id with Clerk's prefix (`sess_…`, `client_…`, `dvb_…`) and 128 random bits.
pub fn id(prefix: &str) -> String {
    format!("{prefix}_{}", hex(16))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_their_prefix_and_never_repeat() {
        let ids: std::collections::HashSet<String> = (0..1000).map(|_| id("sess")).collect();
        assert_eq!(ids.len(), 1000);
        assert!(ids.iter().all(|id| id.starts_with("sess_") && id.len() == 5 + 32));
    }
}
