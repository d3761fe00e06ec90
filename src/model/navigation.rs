//! Where a navigation clerk-js asks for goes: inside the app (a path for its router) or out
//! of it (a full page load).

/// The in-app path (`/path?query#hash`) for `to`, when `to` stays on the page's `origin`;
/// `None` when it leaves it (another origin, another scheme, a protocol-relative `//host`).
///
/// clerk-js hands its `routerPush`/`routerReplace` a path already (it strips the origin of
/// same-origin URLs and loads other origins itself), but the callbacks are plain JS
/// functions that anything on the page can call, so a full URL is handled too.
///
/// ```
/// use leptos_clerk::model::in_app_path;
/// let origin = "http://127.0.0.1:8080";
/// assert_eq!(in_app_path("/sign-in/factor-one", origin).as_deref(), Some("/sign-in/factor-one"));
/// assert_eq!(in_app_path("http://127.0.0.1:8080/account?x=1", origin).as_deref(), Some("/account?x=1"));
/// assert_eq!(in_app_path("https://accounts.example.com/sign-in", origin), None);
/// ```
pub fn in_app_path(to: &str, origin: &str) -> Option<String> {
    let to = to.trim();
    if to.starts_with("//") {
        return None;
    }
    if to.starts_with('/') {
        return Some(to.to_owned());
    }
    let origin = origin.trim_end_matches('/');
    // Origins compare case-insensitively in scheme and host; paths do not.
    let rest = to
        .get(..origin.len())
        .filter(|head| !origin.is_empty() && head.eq_ignore_ascii_case(origin))
        .map(|_| &to[origin.len()..])?;
    match rest.chars().next() {
        None => Some("/".to_owned()),
        Some('/') if !rest.starts_with("//") => Some(rest.to_owned()),
        Some('?' | '#') => Some(format!("/{rest}")),
        // `http://host:80800` or `http://host.evil`: another origin that shares a prefix.
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::in_app_path;

    const ORIGIN: &str = "http://127.0.0.1:8080";

    #[test]
    fn paths_stay_as_they_are() {
        for path in [
            "/",
            "/sign-in",
            "/sign-in/factor-one?redirect_url=%2F#x",
            " /account ",
        ] {
            assert_eq!(in_app_path(path, ORIGIN).as_deref(), Some(path.trim()));
        }
    }

    #[test]
    fn same_origin_urls_lose_their_origin() {
        assert_eq!(in_app_path(ORIGIN, ORIGIN).as_deref(), Some("/"));
        assert_eq!(
            in_app_path("http://127.0.0.1:8080/", ORIGIN).as_deref(),
            Some("/")
        );
        assert_eq!(
            in_app_path("HTTP://127.0.0.1:8080/a?b#c", ORIGIN).as_deref(),
            Some("/a?b#c")
        );
        assert_eq!(
            in_app_path("http://127.0.0.1:8080?q=1", ORIGIN).as_deref(),
            Some("/?q=1")
        );
        assert_eq!(
            in_app_path("http://127.0.0.1:8080#top", ORIGIN).as_deref(),
            Some("/#top")
        );
    }

    #[test]
    fn other_origins_leave_the_app() {
        for to in [
            "https://127.0.0.1:8080/a",
            "http://127.0.0.1:80801/a",
            "http://127.0.0.1:8080.evil.test/a",
            "http://127.0.0.1:8080//evil.test/a",
            "//evil.test/a",
            "https://accounts.example.com/sign-in",
            "javascript:alert(1)",
            "relative/path",
            "",
        ] {
            assert_eq!(in_app_path(to, ORIGIN), None, "{to}");
        }
        assert_eq!(in_app_path("/a", ""), Some("/a".to_owned()));
        assert_eq!(in_app_path("http://x/a", ""), None);
    }
}
