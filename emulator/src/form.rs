//! Strict `application/x-www-form-urlencoded` parsing: malformed input is an error, not
//! silently "repaired" into different values.

use std::collections::HashMap;

/// Parses `a=1&b=x%20y` into a map; `None` if a `%` escape is broken or a value is not UTF-8.
pub fn parse(text: &[u8]) -> Option<HashMap<String, String>> {
    let text = std::str::from_utf8(text).ok()?;
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            Some((decode(name)?, decode(value)?))
        })
        .collect()
}

fn decode(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut input = text.bytes();
    while let Some(byte) = input.next() {
        match byte {
            b'+' => bytes.push(b' '),
            b'%' => {
                let hex = [input.next()?, input.next()?];
                bytes.push(u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?);
            }
            other => bytes.push(other),
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_what_clerk_js_sends() {
        let form = parse(b"active_organization_id=&intent=select_session&name=Ada+L%C3%B6velace").unwrap();
        assert_eq!(form["active_organization_id"], "");
        assert_eq!(form["intent"], "select_session");
        assert_eq!(form["name"], "Ada Lövelace");
        assert!(parse(b"").unwrap().is_empty());
    }

    #[test]
    fn refuses_broken_escapes_and_bad_utf8() {
        for bad in [&b"a=%ZZ"[..], b"a=%F", b"a=%FF%FE", b"\xff=1"] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }
}
