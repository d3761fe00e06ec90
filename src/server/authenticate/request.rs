//! [`RequestFacts`]: what request authentication reads from a request, read as
//! `@clerk/backend` reads it.

/// A request as authentication sees it: its method, URL and headers. Cookies are read from
/// the `Cookie` header the way Clerk's backend reads them (the first of a name wins; values
/// are trimmed and percent-decoded).
///
/// ```
/// use leptos_clerk::server::authenticate::RequestFacts;
/// let request = RequestFacts::new("GET", "https://example.com/account?tab=1")
///     .header("cookie", "__client_uat=0; __session=abc");
/// assert_eq!(request.cookie("__session"), Some("abc".to_owned()));
/// assert_eq!(request.query("tab"), Some("1".to_owned()));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestFacts {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
}

impl RequestFacts {
    /// A request for the absolute `url` (scheme and host included: the handshake and the
    /// referrer check need the origin).
    pub fn new(method: impl Into<String>, url: impl Into<String>) -> Self {
        Self {
            method: method.into(),
            url: url.into(),
            headers: Vec::new(),
        }
    }

    /// Adds a header (names are case-insensitive; a repeated header adds a value).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers
            .push((name.into().to_ascii_lowercase(), value.into()));
        self
    }

    /// The URL, as given.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The method, as sent (`GET`, `POST`…).
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The header's values joined by `, `, as the Fetch API's `Headers.get` does; `None`
    /// when absent or empty.
    pub fn header_value(&self, name: &str) -> Option<String> {
        let name = name.to_ascii_lowercase();
        let values: Vec<&str> = self
            .headers
            .iter()
            .filter(|(each, _)| *each == name)
            .map(|(_, value)| value.as_str())
            .collect();
        Some(values.join(", ")).filter(|joined| !values.is_empty() && !joined.is_empty())
    }

    /// The cookie's value, when there is a non-empty one.
    pub fn cookie(&self, name: &str) -> Option<String> {
        let header = self.header_value("cookie")?;
        parse_cookie(&header, name).filter(|value| !value.is_empty())
    }

    /// The URL's query parameter (the first of that name), decoded; `None` when absent.
    pub fn query(&self, name: &str) -> Option<String> {
        let query = self.url.split('#').next()?.split_once('?')?.1;
        query.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (form_decode(key) == name).then(|| form_decode(value))
        })
    }

    /// Whether the URL has the query parameter at all (even empty).
    pub(super) fn has_query(&self, name: &str) -> bool {
        self.query(name).is_some()
    }

    /// `scheme://host[:port]` of the URL.
    pub(super) fn origin(&self) -> Option<&str> {
        origin_of(&self.url)
    }
}

/// `scheme://authority` of an absolute URL, lower-cased scheme and host not normalised
/// further (enough to compare a referrer with the request's own URL).
pub(super) fn origin_of(url: &str) -> Option<&str> {
    let scheme_end = url.find("://")?;
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    (authority_end > 0).then(|| &url[..scheme_end + 3 + authority_end])
}

/// The host of an absolute URL (no port).
pub(super) fn host_of(url: &str) -> Option<&str> {
    let origin = origin_of(url)?;
    let authority = &origin[origin.find("://")? + 3..];
    let authority = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    Some(match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    })
}

/// The `cookie` package's `parse` (what `@clerk/backend` uses), for one name: segments
/// split on `;`, those without `=` skipped, name and value trimmed of spaces and tabs, the
/// first of a name kept, the value percent-decoded when it decodes.
fn parse_cookie(header: &str, wanted: &str) -> Option<String> {
    if header.len() < 2 {
        return None;
    }
    header.split(';').find_map(|segment| {
        let (name, value) = segment.split_once('=')?;
        (trim_spaces(name) == wanted)
            .then(|| percent_decode(trim_spaces(value)).unwrap_or_else(|| trim_spaces(value).to_owned()))
    })
}

fn trim_spaces(text: &str) -> &str {
    text.trim_matches([' ', '\t'])
}

/// `decodeURIComponent`, or `None` where it would throw (a bad escape, or bytes that are
/// not UTF-8).
fn percent_decode(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_owned());
    }
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = text.get(index + 1..index + 3)?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

/// `application/x-www-form-urlencoded` decoding, as `URLSearchParams` does it (`+` is a
/// space; a bad escape stays as it is).
pub(super) fn form_decode(text: &str) -> String {
    let spaced = text.replace('+', " ");
    percent_decode(&spaced).unwrap_or(spaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_cookies(header: &str) -> RequestFacts {
        RequestFacts::new("GET", "https://example.com/").header("Cookie", header)
    }

    #[test]
    fn cookies_are_read_as_clerk_reads_them() {
        let request = with_cookies(" a = 1 ;b=2;a=3; junk ;c=%41%42; d=%E0%A4%A; e=");
        assert_eq!(request.cookie("a"), Some("1".into()), "trimmed, the first wins");
        assert_eq!(request.cookie("b"), Some("2".into()));
        assert_eq!(request.cookie("c"), Some("AB".into()), "percent-decoded");
        assert_eq!(request.cookie("d"), Some("%E0%A4%A".into()), "a bad escape stays");
        assert_eq!(request.cookie("e"), None, "empty is absent");
        assert_eq!(request.cookie("junk"), None);
    }

    #[test]
    fn urls_give_their_query_origin_and_host() {
        let request = RequestFacts::new("GET", "https://example.com:8443/a?x=1&y=a+b%21&x=2#frag");
        assert_eq!(request.query("x"), Some("1".into()));
        assert_eq!(request.query("y"), Some("a b!".into()));
        assert_eq!(request.query("z"), None);
        assert_eq!(request.origin(), Some("https://example.com:8443"));
        assert_eq!(host_of("https://user@example.com:8443/"), Some("example.com"));
        assert_eq!(origin_of("not a url"), None);
    }
}
