//! Base64 in its two alphabets, small enough to keep a dependency out of the wasm.

const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Standard base64 without padding (what publishable keys use).
pub(crate) fn encode_standard(bytes: &[u8]) -> String {
    encode(bytes, STANDARD)
}

/// base64url without padding (what JWTs use; the server half's cookie suffix).
#[cfg(any(test, feature = "server"))]
pub(crate) fn encode_url(bytes: &[u8]) -> String {
    encode(bytes, URL_SAFE)
}

/// Standard base64; padding optional. `None` on any other character.
///
/// Leftover bits in the last character are ignored, as `atob` (which clerk-js decodes
/// publishable keys with) ignores them.
pub(crate) fn decode_standard(text: &str) -> Option<Vec<u8>> {
    decode(text, STANDARD, LeftoverBits::Ignored)
}

/// base64url; padding optional. `None` on any other character, and on leftover bits that
/// are not zero: `@clerk/backend` refuses a JWT part spelled that way, so a token whose
/// last character was changed is refused here too, even where the bytes would decode alike.
pub(crate) fn decode_url(text: &str) -> Option<Vec<u8>> {
    decode(text, URL_SAFE, LeftoverBits::MustBeZero)
}

/// base64url, leftover bits ignored: how Node's WebCrypto reads a JWK's numbers, which
/// `@clerk/backend` imports the instance's keys with.
#[cfg(feature = "server")]
pub(crate) fn decode_url_loose(text: &str) -> Option<Vec<u8>> {
    decode(text, URL_SAFE, LeftoverBits::Ignored)
}

/// What to make of the bits of the last character that complete no byte.
#[derive(Clone, Copy, PartialEq)]
enum LeftoverBits {
    Ignored,
    MustBeZero,
}

fn encode(bytes: &[u8], alphabet: &[u8; 64]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(alphabet[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

fn decode(text: &str, alphabet: &[u8; 64], leftover: LeftoverBits) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    // A length of 1 mod 4 cannot come from any byte string.
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut bits, mut count) = (0u32, 0u32);
    for byte in text.bytes() {
        let value = alphabet.iter().position(|&c| c == byte)? as u32;
        bits = bits << 6 | value;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    if leftover == LeftoverBits::MustBeZero && bits != 0 {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_in_both_alphabets() {
        for bytes in [
            &b""[..],
            b"f",
            b"fo",
            b"foo",
            b"\xfb\xff\xfe",
            b"leptos-clerk emulator",
        ] {
            assert_eq!(decode_url(&encode_url(bytes)).as_deref(), Some(bytes));
            assert_eq!(decode_standard(&encode_standard(bytes)).as_deref(), Some(bytes));
        }
        assert_eq!(encode_url(b"\xfb\xff"), "-_8");
        assert_eq!(encode_standard(b"\xfb\xff"), "+/8");
    }

    #[test]
    fn refuses_foreign_characters_and_impossible_lengths() {
        assert_eq!(decode_url("+/8"), None);
        assert_eq!(decode_url("a"), None);
        assert_eq!(decode_url("ab c"), None);
        assert_eq!(decode_url("é"), None);
    }

    #[test]
    fn base64url_refuses_leftover_bits_that_are_not_zero() {
        // "-_8" is 0xfb 0xff; "-_9" spells the same bytes with a stray bit after them.
        assert_eq!(decode_url("-_8").as_deref(), Some(&b"\xfb\xff"[..]));
        assert_eq!(decode_url("-_9"), None);
        #[cfg(feature = "server")]
        assert_eq!(decode_url_loose("-_9").as_deref(), Some(&b"\xfb\xff"[..]));
        assert_eq!(decode_url("Zh"), None);
        assert_eq!(decode_url("Zg").as_deref(), Some(&b"f"[..]));
        // Publishable keys are read as `atob` reads them.
        assert_eq!(decode_standard("+/9").as_deref(), Some(&b"\xfb\xff"[..]));
    }
}
