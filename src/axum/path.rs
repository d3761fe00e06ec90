//! Request paths in the one form [`protect`](super::protect) compares: what a file server,
//! a proxy or a router that decodes and normalises might make of the path, so that a path
//! which reaches a protected resource after any of them is covered too.

/// How many rounds of percent-decoding are undone, as many as `@clerk/backend` undoes for dot
/// segments: more than any chain of decoders would.
const DECODE_ROUNDS: usize = 10;

/// `path` percent-decoded (up to ten times), with `\` read as `/`, empty and `.` segments
/// dropped, `..` resolved (never above the root), and ASCII letters lowered: `/API//x/../Admin/%61`
/// and `/api/admin/a` are the same path. It never has a trailing `/` (the root is `/`).
///
/// Lowering case makes `/Admin` and `/admin` one path: a case-insensitive file system serves
/// both from the same file, so a guard must treat them alike.
pub(crate) fn canonical(path: &str) -> String {
    let mut decoded = path.to_owned();
    for _ in 0..DECODE_ROUNDS {
        let next = percent_decoded(&decoded);
        if next == decoded {
            break;
        }
        decoded = next;
    }
    let mut segments: Vec<String> = Vec::new();
    for segment in decoded.split(['/', '\\']) {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            _ => segments.push(segment.to_ascii_lowercase()),
        }
    }
    format!("/{}", segments.join("/"))
}

/// Whether canonical `path` is canonical `prefix` or below it.
pub(crate) fn is_within(path: &str, prefix: &str) -> bool {
    prefix == "/"
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// One round of percent-decoding. Escapes that are not two hex digits stay as they are, and
/// bytes that do not form UTF-8 are replaced (they cannot spell a prefix anyway).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escape = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escape {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_path_is_one_path() {
        for spelling in [
            "/api/admin/x",
            "/api/admin/x/",
            "//api//admin/x",
            "/./api/admin/./x",
            "/api/other/../admin/x",
            "/../api/admin/x",
            "/API/Admin/X",
            "/api/%61dmin/x",
            "/api%2Fadmin/x",
            "/api%5cadmin/x",
            "/api/%2561dmin/x",
            "/api/%252561dmin/x",
            "\\api\\admin\\x",
        ] {
            assert_eq!(canonical(spelling), "/api/admin/x", "{spelling}");
        }
    }

    #[test]
    fn malformed_escapes_and_odd_bytes_do_not_panic() {
        assert_eq!(canonical("/a%zz/%"), "/a%zz/%");
        assert_eq!(canonical("/%ff%fe"), "/\u{fffd}\u{fffd}");
        assert_eq!(canonical(""), "/");
        assert_eq!(canonical("/.."), "/");
    }

    #[test]
    fn within_means_the_prefix_or_below_it() {
        assert!(is_within("/api/admin", "/api/admin"));
        assert!(is_within("/api/admin/x", "/api/admin"));
        assert!(!is_within("/api/administrators", "/api/admin"));
        assert!(!is_within("/api", "/api/admin"));
        assert!(is_within("/anything", "/"));
    }
}
