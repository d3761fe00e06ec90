//! Which session token a request carries: `Authorization: Bearer …` first, else the
//! `__session` cookie, which a state-changing request may use only from an allowed origin.

use std::sync::Arc;

use http::{HeaderMap, Method, header};

use super::auth::RequestRefusal;

/// The token a request carries, or why its cookie may not be used.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum CarriedToken {
    None,
    Bearer(String),
    Cookie(String),
    Refused(RequestRefusal),
}

/// When a cookie-borne token may be used on a state-changing request.
#[derive(Clone, Debug)]
pub(crate) struct CookiePolicy {
    /// Off only by [`ClerkLayer::check_cookie_origin`](super::ClerkLayer::check_cookie_origin).
    pub(crate) check_origin: bool,
    /// Origins, besides the request's own host, whose pages may send such requests.
    pub(crate) allowed_origins: Arc<[String]>,
}

impl Default for CookiePolicy {
    fn default() -> Self {
        Self {
            check_origin: true,
            allowed_origins: Arc::from([]),
        }
    }
}

/// The request's token. A bearer token is the client's own choice, so it needs no origin
/// check: a browser never attaches one by itself. A cookie is attached to every request to
/// the site, even one a hostile page sends, so on an unsafe method the request must show
/// that it comes from the site itself or an allowed origin.
pub(crate) fn carried_token(method: &Method, headers: &HeaderMap, policy: &CookiePolicy) -> CarriedToken {
    if let Some(token) = bearer(headers) {
        return CarriedToken::Bearer(token);
    }
    let mut cookies = session_cookies(headers);
    cookies.dedup();
    let token = match cookies.as_slice() {
        [] => return CarriedToken::None,
        [token] => token.clone(),
        _ => return CarriedToken::Refused(RequestRefusal::ConflictingCookies),
    };
    if policy.check_origin && !is_safe(method) && !from_allowed_origin(headers, &policy.allowed_origins) {
        return CarriedToken::Refused(RequestRefusal::CrossSiteCookie);
    }
    CarriedToken::Cookie(token)
}

/// The `Authorization` header's token, read as `@clerk/backend` reads it: `Bearer <token>`,
/// or a bare token without a scheme; another scheme carries none. Like Clerk, only the text
/// up to a second space counts, and `Bearer ` with nothing after it is read as the token
/// `Bearer` (which then fails to verify, rather than falling back to the cookie). Unlike
/// Clerk, the scheme is matched without regard to case, as RFC 9110 §11.1 asks.
fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let mut parts = value.split(' ');
    let scheme = parts.next().unwrap_or_default();
    match parts.next() {
        None | Some("") => Some(scheme.to_owned()).filter(|token| !token.is_empty()),
        Some(token) if scheme.eq_ignore_ascii_case("bearer") => Some(token.to_owned()),
        Some(_) => None,
    }
}

/// Every non-empty `__session` value, sorted, so that equal ones sit together.
fn session_cookies(headers: &HeaderMap) -> Vec<String> {
    let mut values: Vec<String> = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(name, value)| *name == "__session" && !value.is_empty())
        .map(|(_, value)| value.to_owned())
        .collect();
    values.sort_unstable();
    values
}

/// Methods that must not change state (RFC 9110 §9.2.1): a forged one can do no harm.
fn is_safe(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// Whether the browser says the request comes from the site itself (`Sec-Fetch-Site:
/// same-origin`, or `none` for one the user started), or its `Origin` is the request's own
/// host or an allowed origin. A request that says neither is refused: every browser since
/// 2020 sends `Origin` on these methods, and other clients send bearer tokens.
fn from_allowed_origin(headers: &HeaderMap, allowed: &[String]) -> bool {
    let text = |name| headers.get(name).and_then(|value| value.to_str().ok());
    if matches!(text("sec-fetch-site"), Some("same-origin" | "none")) {
        return true;
    }
    let Some(origin) = text(header::ORIGIN.as_str()) else {
        return false;
    };
    let own_host = origin
        .split_once("://")
        .is_some_and(|(_, authority)| Some(authority) == text(header::HOST.as_str()));
    own_host
        || allowed
            .iter()
            .any(|allowed| allowed.trim_end_matches('/') == origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    fn policy(allowed: &[&str]) -> CookiePolicy {
        CookiePolicy {
            check_origin: true,
            allowed_origins: allowed.iter().map(|o| o.to_string()).collect(),
        }
    }

    #[test]
    fn the_authorization_header_reads_as_clerk_reads_it() {
        let read = |value: &str| bearer(&headers(&[("authorization", value)]));
        assert_eq!(read("Bearer abc"), Some("abc".into()));
        assert_eq!(read("bearer abc"), Some("abc".into()));
        assert_eq!(read("abc"), Some("abc".into()), "a bare token");
        assert_eq!(read("Bearer abc def"), Some("abc".into()), "up to a second space");
        assert_eq!(read("Bearer "), Some("Bearer".into()), "nothing after the scheme");
        assert_eq!(read("Bearer  abc"), Some("Bearer".into()));
        assert_eq!(read("Basic dXNlcjpwYXNz"), None);
        assert_eq!(read(""), None);
    }

    #[test]
    fn bearer_wins_over_the_cookie() {
        let request = headers(&[("authorization", "Bearer abc"), ("cookie", "__session=def")]);
        assert_eq!(
            carried_token(&Method::POST, &request, &policy(&[])),
            CarriedToken::Bearer("abc".into())
        );
    }

    #[test]
    fn a_cookie_on_a_safe_method_needs_no_origin() {
        let request = headers(&[("cookie", "a=1; __session=def")]);
        assert_eq!(
            carried_token(&Method::GET, &request, &policy(&[])),
            CarriedToken::Cookie("def".into())
        );
    }

    #[test]
    fn a_cookie_on_an_unsafe_method_needs_the_site_or_an_allowed_origin() {
        let cases: &[(&[(&'static str, &str)], bool)] = &[
            (&[("sec-fetch-site", "same-origin")], true),
            (&[("sec-fetch-site", "none")], true),
            (
                &[("origin", "https://app.example.com"), ("host", "app.example.com")],
                true,
            ),
            (
                &[
                    ("origin", "https://admin.example.com"),
                    ("host", "api.example.com"),
                ],
                true,
            ),
            (
                &[("origin", "https://evil.example"), ("host", "app.example.com")],
                false,
            ),
            (&[("origin", "null"), ("host", "app.example.com")], false),
            (
                &[
                    ("sec-fetch-site", "cross-site"),
                    ("origin", "https://evil.example"),
                ],
                false,
            ),
            (&[("sec-fetch-site", "same-site")], false),
            (&[], false),
        ];
        for (extra, allowed) in cases {
            let mut request = headers(extra);
            request.append("cookie", "__session=def".parse().unwrap());
            let carried = carried_token(&Method::POST, &request, &policy(&["https://admin.example.com/"]));
            let expected = if *allowed {
                CarriedToken::Cookie("def".into())
            } else {
                CarriedToken::Refused(RequestRefusal::CrossSiteCookie)
            };
            assert_eq!(carried, expected, "{extra:?}");
        }
    }

    #[test]
    fn the_origin_check_can_be_turned_off() {
        let request = headers(&[("cookie", "__session=def"), ("origin", "https://evil.example")]);
        let off = CookiePolicy {
            check_origin: false,
            ..policy(&[])
        };
        assert_eq!(
            carried_token(&Method::DELETE, &request, &off),
            CarriedToken::Cookie("def".into())
        );
    }

    #[test]
    fn different_session_cookies_are_refused_and_repeats_are_one() {
        let planted = headers(&[("cookie", "__session=mine; __session=theirs")]);
        assert_eq!(
            carried_token(&Method::GET, &planted, &policy(&[])),
            CarriedToken::Refused(RequestRefusal::ConflictingCookies)
        );
        let repeated = headers(&[
            ("cookie", "__session=mine"),
            ("cookie", "__session=mine; __session="),
        ]);
        assert_eq!(
            carried_token(&Method::GET, &repeated, &policy(&[])),
            CarriedToken::Cookie("mine".into())
        );
    }
}
