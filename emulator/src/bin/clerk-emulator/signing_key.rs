//! The instance's signing key: a fresh one, or the `--key` file, but never the test
//! fixture's.

use std::path::Path;

use clerk_emulator::Signer;

/// The `kid` of `tests/fixtures/test-key.pem`. That private key is published in the
/// repository, so anyone can sign tokens with it: a backend that once trusted an emulator
/// running on it would accept forged tokens. The binary refuses it; tests load it through
/// the library.
const FIXTURE_KEY_KID: &str = "ins_emulator_411971528f95fc79";

/// A signer with the key in `path`, or with a fresh key.
pub fn load(path: Option<&Path>) -> Result<Signer, String> {
    let Some(path) = path else {
        return Signer::generate();
    };
    let pem = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    refuse_fixture(Signer::from_pem(&pem)?)
}

fn refuse_fixture(signer: Signer) -> Result<Signer, String> {
    if signer.kid() == FIXTURE_KEY_KID {
        return Err(
            "refusing the test fixture key: its private half is public, so anyone could sign \
             tokens this emulator's JWKS vouches for. Leave out --key for a fresh key, or make \
             one: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048"
                .into(),
        );
    }
    Ok(signer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixture_key_is_refused_and_others_are_not() {
        let fixture = Signer::from_pem(include_str!("../../../tests/fixtures/test-key.pem")).unwrap();
        assert_eq!(fixture.kid(), FIXTURE_KEY_KID);
        assert!(refuse_fixture(fixture).is_err());
        assert!(refuse_fixture(Signer::generate().unwrap()).is_ok());
    }
}
