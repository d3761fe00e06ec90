//! `GET /v1/client/handshake` and production's `__client_uat`, judged by leptos-clerk's own
//! port of `@clerk/backend`'s request authentication (`server::authenticate`, tested against
//! Clerk's code in `tests/differential/authenticate.rs`): the app's server sends the browser
//! to the emulator, and what comes back must verify, resolve, and leave cookies with which
//! the next request is signed in without another handshake.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use clerk_emulator::{
    ADMIN_TOKEN_HEADER, Access, Config, DEFAULT_CONFIG, Emulator, SESSION_TOKEN_CATEGORY, Signer, router,
};
use leptos_clerk::claims::VerifyError;
use leptos_clerk::server::authenticate::{
    Authenticated, ClerkInstance, HandshakeSession, RequestFacts, RequestState, authenticate_request,
    resolve_handshake,
};
use leptos_clerk::server::{JwksSource, Verifier};
use serde_json::{Value, json};
use tower::ServiceExt;

const ADMIN_TOKEN: &str = "test-admin-token";
/// The app a server-rendered page is served from (the emulator allows loopback origins).
const APP: &str = "http://localhost:3000";
const PRODUCTION_HOST: &str = "clerk.leptos-clerk.test";

fn signer() -> Signer {
    Signer::from_pem(include_str!("fixtures/test-key.pem")).unwrap()
}

fn development() -> Config {
    Config::parse(DEFAULT_CONFIG).unwrap()
}

fn production() -> Config {
    let text = DEFAULT_CONFIG.replace(
        "frontend_api = \"leptos-clerk-emulator.clerk.accounts.dev\"",
        &format!("frontend_api = \"{PRODUCTION_HOST}\""),
    );
    let config = Config::parse(&text).unwrap();
    assert!(!config.is_development());
    config
}

fn app(config: &Config) -> axum::Router {
    let access = Access::loopback().with_admin_token(ADMIN_TOKEN);
    router(Emulator::with_access(config.clone(), signer(), access), None)
}

/// The emulator's JWKS, as the app's verifier would fetch it.
struct Keys(String);

impl JwksSource for Keys {
    fn fetch(&self) -> Pin<Box<dyn Future<Output = Result<String, String>> + Send + '_>> {
        Box::pin(async move { Ok(self.0.clone()) })
    }
}

/// The app's verifier: the emulator's keys, its issuer, the app as the only party.
fn verifier(config: &Config) -> Verifier {
    Verifier::with_jwks_source(Keys(signer().jwks().to_string()))
        .issuer(config.issuer())
        .authorized_parties([APP])
        .build()
}

fn instance(config: &Config) -> ClerkInstance {
    ClerkInstance::new(&config.publishable_key()).unwrap()
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

struct Reply {
    status: StatusCode,
    location: Option<String>,
    set_cookies: Vec<String>,
    cache_control: Option<String>,
    json: Value,
}

/// The browser's request to the emulator: `path_and_query`, on the app's host (through the
/// `/__clerk` proxy, or the emulator's own port: cookies ignore ports), with `cookies`.
async fn browse(app: &axum::Router, method: &str, path_and_query: &str, cookies: &Jar) -> Reply {
    let mut request = Request::builder()
        .method(method)
        .uri(path_and_query)
        .header(header::HOST, "localhost:3000");
    if !cookies.0.is_empty() {
        request = request.header(header::COOKIE, cookies.header());
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let text = |name| {
        response
            .headers()
            .get(name)
            .map(|v: &header::HeaderValue| v.to_str().unwrap().to_owned())
    };
    let (status, location, cache_control) = (
        response.status(),
        text(header::LOCATION),
        text(header::CACHE_CONTROL),
    );
    let set_cookies = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let bytes = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    Reply {
        status,
        location,
        set_cookies,
        cache_control,
        json: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    }
}

/// A browser's cookies for the app's host: `Set-Cookie` directives applied in order (every
/// cookie here has `Path=/`; `Max-Age=0` deletes).
#[derive(Clone, Debug, Default)]
struct Jar(BTreeMap<String, String>);

impl Jar {
    fn apply<'a>(&mut self, directives: impl IntoIterator<Item = &'a String>) {
        for directive in directives {
            let (pair, attributes) = directive.split_once(';').unwrap_or((directive, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attributes.contains("Max-Age=0") {
                self.0.remove(name);
            } else {
                self.0.insert(name.to_owned(), value.to_owned());
            }
        }
    }

    fn set(&mut self, name: &str, value: &str) {
        self.0.insert(name.to_owned(), value.to_owned());
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    fn header(&self) -> String {
        let pairs: Vec<String> = self.0.iter().map(|(n, v)| format!("{n}={v}")).collect();
        pairs.join("; ")
    }
}

/// A page load of `url` at the app, with the browser's cookies.
fn page(url: &str, cookies: &Jar) -> RequestFacts {
    let request = RequestFacts::new("GET", url)
        .header("accept", "text/html")
        .header("sec-fetch-dest", "document");
    if cookies.0.is_empty() {
        request
    } else {
        request.header("cookie", cookies.header())
    }
}

/// The app's server authenticating `request`, with the emulator behind `/__clerk`.
async fn app_server(config: &Config, request: &RequestFacts) -> Authenticated {
    authenticate_request(
        request,
        &instance(config),
        &verifier(config),
        Some("/__clerk"),
        now(),
    )
    .await
    .unwrap()
}

fn set_cookies(authenticated: &Authenticated) -> Vec<String> {
    authenticated
        .headers
        .iter()
        .filter(|(name, _)| *name == "set-cookie")
        .map(|(_, value)| value.clone())
        .collect()
}

/// The path and query of an absolute URL on the app.
fn on_app(url: &str) -> &str {
    url.strip_prefix(APP)
        .unwrap_or_else(|| panic!("{url} is not on the app"))
}

fn decode(segment: &str) -> Value {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(segment).unwrap()).unwrap()
}

/// The `__clerk_handshake` query parameter of a development redirect.
fn envelope_in(location: &str) -> String {
    let query = location.split_once('?').unwrap().1;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("__clerk_handshake="))
        .unwrap()
        .to_owned()
}

/// The handshake URL on the emulator for `query` (its `redirect_url` form-encoded).
fn handshake(redirect_url: &str, rest: &str) -> String {
    let encoded: String = url_encode(redirect_url);
    format!("/__clerk/v1/client/handshake?redirect_url={encoded}&format=token{rest}")
}

fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn dev_browser(app: &axum::Router) -> String {
    let reply = browse(app, "POST", "/__clerk/v1/dev_browser", &Jar::default()).await;
    reply.json["id"].as_str().unwrap().to_owned()
}

async fn admin(app: &axum::Router, path: &str, body: Value) -> (StatusCode, Value) {
    let request = Request::builder()
        .method("POST")
        .uri(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(ADMIN_TOKEN_HEADER, ADMIN_TOKEN)
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

#[tokio::test]
async fn development_a_first_visit_comes_back_signed_in_and_stays_so() {
    let config = development();
    let emulator = app(&config);
    let mut browser = Jar::default();

    // No cookie at all: a development app always handshakes first.
    let first = app_server(&config, &page(&format!("{APP}/account?tab=1"), &browser)).await;
    assert!(
        matches!(&first.state, RequestState::Handshake { reason, .. } if reason.to_string() == "dev-browser-missing"),
        "{:?}",
        first.state
    );
    let to_emulator = first.location().unwrap();
    let reply = browse(&emulator, "GET", on_app(to_emulator), &browser).await;
    assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT, "{}", reply.json);
    assert_eq!(reply.cache_control.as_deref(), Some("no-store"));
    // Development: the envelope travels in the URL, nothing in a cookie.
    assert!(reply.set_cookies.is_empty(), "{:?}", reply.set_cookies);
    let back = reply.location.unwrap();
    assert!(
        back.starts_with(&format!("{APP}/account?tab=1&__clerk_handshake=")),
        "{back}"
    );

    // The app verifies the envelope with the emulator's keys, sets the cookies and sends
    // the browser on to the clean URL.
    let resolved = app_server(&config, &page(&back, &browser)).await;
    assert_eq!(resolved.state, RequestState::SignedIn, "{:?}", resolved.headers);
    let claims = &resolved.verified.as_ref().unwrap().claims;
    assert_eq!(claims.user_id, "user_ada");
    assert_eq!(claims.authorized_party.as_deref(), Some(APP));
    assert_eq!(resolved.location(), Some(format!("{APP}/account?tab=1").as_str()));
    let directives = set_cookies(&resolved);
    browser.apply(&directives);
    assert!(
        browser
            .get("__clerk_db_jwt")
            .is_some_and(|dvb| dvb.starts_with("dvb_"))
    );
    let uat: i64 = browser.get("__client_uat").unwrap().parse().unwrap();
    assert!(uat > 0 && uat <= claims.issued_at.unwrap());

    // The next page load is signed in from the cookies alone.
    let next = app_server(&config, &page(&format!("{APP}/account?tab=1"), &browser)).await;
    assert_eq!(next.state, RequestState::SignedIn);
    assert!(next.headers.is_empty(), "{:?}", next.headers);
    assert_eq!(next.verified.unwrap().claims.session_id, claims.session_id);

    // clerk-js, handed the same dev browser, sees the same client and session.
    let dvb = browser.get("__clerk_db_jwt").unwrap().to_owned();
    let client = browse(
        &emulator,
        "GET",
        &format!("/v1/client?__clerk_db_jwt={dvb}"),
        &Jar::default(),
    )
    .await;
    assert_eq!(
        client.json["response"]["last_active_session_id"].as_str(),
        claims.session_id.as_deref()
    );
}

#[tokio::test]
async fn development_directives_name_the_suffixed_cookies_when_the_app_reads_them() {
    let config = development();
    let emulator = app(&config);
    let dvb = dev_browser(&emulator).await;
    let suffix = instance(&config).cookie_suffix().to_owned();
    let url = handshake(
        &format!("{APP}/?x=1#top"),
        &format!("&suffixed_cookies=true&__clerk_hs_reason=dev-browser-sync&__clerk_db_jwt={dvb}"),
    );
    let reply = browse(&emulator, "GET", &url, &Jar::default()).await;
    assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT, "{}", reply.json);
    let location = reply.location.unwrap();
    assert!(location.ends_with("#top"), "{location}");
    let envelope = envelope_in(location.trim_end_matches("#top"));

    // Signed like a session token: the same key, `kid`, `typ`, `alg` and `cat`.
    let header = decode(envelope.split('.').next().unwrap());
    assert_eq!(
        header,
        json!({"alg": "RS256", "typ": "JWT", "kid": signer().kid(), "cat": SESSION_TOKEN_CATEGORY})
    );
    let directives = verifier(&config).verify_handshake(&envelope).await.unwrap();
    let names: Vec<&str> = directives.iter().map(|d| d.split('=').next().unwrap()).collect();
    let suffixed = |name: &str| format!("{name}_{suffix}");
    assert_eq!(
        names,
        [
            "__clerk_db_jwt",
            &suffixed("__clerk_db_jwt"),
            "__client_uat",
            &suffixed("__client_uat"),
            "__session",
            &suffixed("__session"),
        ]
    );
    // The dev browser the app sent is the one handed back; clerk-js writes its cookies so.
    assert!(directives[0].starts_with(&format!(
        "__clerk_db_jwt={dvb}; Path=/; Max-Age=31536000; SameSite=Lax"
    )));
    assert!(
        directives[2].ends_with("; Path=/; Domain=localhost; Max-Age=31536000; SameSite=Strict"),
        "{}",
        directives[2]
    );
    assert!(
        directives
            .iter()
            .all(|d| !d.contains("HttpOnly") && !d.contains("Secure"))
    );

    // The library's resolution: the suffixed session token, the clean URL.
    let request = RequestFacts::new("GET", location.as_str());
    let resolution = resolve_handshake(&request, &instance(&config), directives);
    let HandshakeSession::Token(token) = resolution.session else {
        panic!("the handshake carries no session token: {:?}", resolution.session);
    };
    let verified = verifier(&config).verify(&token).await.unwrap();
    assert_eq!(verified.claims.user_id, "user_ada");
    assert_eq!(
        resolution.location.as_deref(),
        Some(format!("{APP}/?x=1#top").as_str())
    );
}

#[tokio::test]
async fn an_unknown_dev_browser_gets_a_new_client_and_says_so() {
    let config = development();
    let emulator = app(&config);
    let url = handshake(
        &format!("{APP}/"),
        "&suffixed_cookies=false&__clerk_db_jwt=dvb_gone",
    );
    let reply = browse(&emulator, "GET", &url, &Jar::default()).await;
    assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
    let directives = verifier(&config)
        .verify_handshake(&envelope_in(&reply.location.unwrap()))
        .await
        .unwrap();
    let dvb = directives[0].strip_prefix("__clerk_db_jwt=").unwrap();
    assert!(dvb.starts_with("dvb_") && !dvb.starts_with("dvb_gone"), "{dvb}");
}

#[tokio::test]
async fn a_signed_out_client_gets_the_clearing_directives_and_the_app_renders_signed_out() {
    let config = development();
    let emulator = app(&config);
    let dvb = dev_browser(&emulator).await;
    let signed_out = browse(
        &emulator,
        "POST",
        &format!("/v1/client/sessions?_method=DELETE&__clerk_db_jwt={dvb}"),
        &Jar::default(),
    )
    .await;
    assert_eq!(signed_out.status, StatusCode::OK);

    let url = handshake(
        &format!("{APP}/"),
        &format!("&suffixed_cookies=false&__clerk_db_jwt={dvb}"),
    );
    let reply = browse(&emulator, "GET", &url, &Jar::default()).await;
    let back = reply.location.unwrap();
    let directives = verifier(&config)
        .verify_handshake(&envelope_in(&back))
        .await
        .unwrap();
    assert!(
        directives.contains(
            &"__client_uat=0; Path=/; Domain=localhost; Max-Age=31536000; SameSite=Strict".to_owned()
        ),
        "{directives:?}"
    );
    assert_eq!(
        directives.last().unwrap(),
        "__session=; Path=/; Max-Age=0; SameSite=Lax"
    );

    let resolved = app_server(&config, &page(&back, &Jar::default())).await;
    assert!(
        matches!(&resolved.state, RequestState::SignedOut { reason } if reason.to_string() == "session-token-missing"),
        "{:?}",
        resolved.state
    );
    // With the cookies it replayed, the next page load is signed out without a handshake.
    let mut browser = Jar::default();
    browser.apply(&set_cookies(&resolved));
    let next = app_server(&config, &page(&format!("{APP}/"), &browser)).await;
    assert!(
        matches!(&next.state, RequestState::SignedOut { reason } if reason.to_string() == "session-token-and-uat-missing"),
        "{:?}",
        next.state
    );
    assert!(next.location().is_none());
}

#[tokio::test]
async fn production_an_expired_session_comes_back_signed_in_through_the_cookie_transport() {
    let config = production();
    let emulator = app(&config);
    let mut browser = Jar::default();

    // clerk-js loads: the Frontend API names the client in `__client` and, in production,
    // sets `__client_uat` itself.
    let loaded = browse(&emulator, "GET", "/__clerk/v1/client", &browser).await;
    browser.apply(&loaded.set_cookies);
    let updated_at = loaded.json["response"]["updated_at"].as_i64().unwrap();
    assert_eq!(
        browser.get("__client_uat"),
        Some((updated_at / 1000).to_string().as_str())
    );
    let session_id = loaded.json["response"]["last_active_session_id"]
        .as_str()
        .unwrap()
        .to_owned();

    // A `__session` minted two minutes ago, when the client last changed: it has expired.
    let (status, aged) = admin(
        &emulator,
        &format!("/__emulator/sessions/{session_id}/token"),
        json!({"age_secs": 120, "azp": APP}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{aged}");
    let aged = aged["jwt"].as_str().unwrap().to_owned();
    let iat = decode(aged.split('.').nth(1).unwrap())["iat"].as_i64().unwrap();
    assert!(matches!(
        verifier(&config).verify(&aged).await,
        Err(VerifyError::Expired { .. })
    ));
    browser.set("__session", &aged);
    browser.set("__client_uat", &iat.to_string());
    browser.0.retain(|name, _| !name.starts_with("__client_uat_"));

    let first = app_server(&config, &page(&format!("{APP}/dashboard"), &browser)).await;
    assert!(
        matches!(&first.state, RequestState::Handshake { reason, .. }
            if reason.to_string() == "session-token-expired-refresh-non-eligible-no-refresh-cookie"),
        "{:?}",
        first.state
    );
    let reply = browse(&emulator, "GET", on_app(first.location().unwrap()), &browser).await;
    assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT, "{}", reply.json);
    // Production: back to the very URL, the envelope in a short-lived cookie.
    assert_eq!(
        reply.location.as_deref(),
        Some(format!("{APP}/dashboard").as_str())
    );
    let transport = reply
        .set_cookies
        .iter()
        .find(|c| c.starts_with("__clerk_handshake="))
        .unwrap();
    assert!(
        transport.ends_with("; Path=/; Max-Age=60; HttpOnly; SameSite=Lax"),
        "{transport}"
    );
    browser.apply(&reply.set_cookies);

    let resolved = app_server(&config, &page(&format!("{APP}/dashboard"), &browser)).await;
    assert_eq!(resolved.state, RequestState::SignedIn, "{:?}", resolved.headers);
    assert!(resolved.location().is_none(), "production renders at once");
    let claims = &resolved.verified.as_ref().unwrap().claims;
    assert_eq!(claims.session_id.as_deref(), Some(session_id.as_str()));
    let directives = set_cookies(&resolved);
    assert_eq!(directives[0], "__clerk_handshake=; Path=/; Max-Age=0");
    assert!(
        directives.iter().any(
            |d| d.ends_with("; Path=/; Domain=localhost; Max-Age=31536000; SameSite=Lax")
                && d.starts_with("__client_uat=")
        ),
        "{directives:?}"
    );
    browser.apply(&directives);
    assert!(browser.get("__clerk_handshake").is_none());

    let next = app_server(&config, &page(&format!("{APP}/dashboard"), &browser)).await;
    assert_eq!(next.state, RequestState::SignedIn);
    assert!(next.headers.is_empty(), "{:?}", next.headers);
}

#[tokio::test]
async fn production_sets_client_uat_when_the_client_changes_and_only_then() {
    let config = production();
    let emulator = app(&config);
    let suffix = instance(&config).cookie_suffix().to_owned();
    let mut browser = Jar::default();
    let loaded = browse(&emulator, "GET", "/v1/client", &browser).await;
    let uat = loaded.json["response"]["updated_at"].as_i64().unwrap() / 1000;
    assert_eq!(
        loaded.set_cookies[1..],
        [
            format!("__client_uat={uat}; Path=/; Domain=localhost; Max-Age=31536000; SameSite=Lax"),
            format!("__client_uat_{suffix}={uat}; Path=/; Domain=localhost; Max-Age=31536000; SameSite=Lax"),
        ]
    );
    browser.apply(&loaded.set_cookies);

    // Nothing changed: the browser's copy is current.
    let again = browse(&emulator, "GET", "/v1/client", &browser).await;
    assert!(again.set_cookies.is_empty(), "{:?}", again.set_cookies);

    // Signing out of everything: `0`.
    let signed_out = browse(&emulator, "POST", "/v1/client/sessions?_method=DELETE", &browser).await;
    assert_eq!(signed_out.status, StatusCode::OK);
    assert!(
        signed_out.set_cookies[0].starts_with("__client_uat=0; "),
        "{:?}",
        signed_out.set_cookies
    );
    browser.apply(&signed_out.set_cookies);
    assert_eq!(browser.get(&format!("__client_uat_{suffix}")), Some("0"));

    // Signing in (a password sign-in completes at once): the new time.
    let request = Request::builder()
        .method("POST")
        .uri("/v1/client/sign_ins")
        .header(header::HOST, "localhost:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, browser.header())
        .body(Body::from(
            "identifier=ada%40example.test&password=analytical-engine&strategy=password",
        ))
        .unwrap();
    let response = emulator.clone().oneshot(request).await.unwrap();
    let cookies: Vec<String> = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert_eq!(response.status(), StatusCode::OK);
    let value = cookies[0]
        .strip_prefix("__client_uat=")
        .and_then(|rest| rest.split(';').next())
        .unwrap();
    assert!(value.parse::<i64>().unwrap() >= uat, "{cookies:?}");
}

#[tokio::test]
async fn development_never_sets_client_uat_from_the_frontend_api() {
    let emulator = app(&development());
    let dvb = dev_browser(&emulator).await;
    let reply = browse(
        &emulator,
        "POST",
        &format!("/v1/client/sessions?_method=DELETE&__clerk_db_jwt={dvb}"),
        &Jar::default(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.set_cookies.is_empty(), "{:?}", reply.set_cookies);
}

#[tokio::test]
async fn the_nonce_format_and_foreign_or_relative_redirects_are_refused() {
    let emulator = app(&development());
    let refused = |url: String| {
        let emulator = emulator.clone();
        async move {
            let reply = browse(&emulator, "GET", &url, &Jar::default()).await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{url}");
            assert!(reply.location.is_none());
            reply.json["errors"][0].clone()
        }
    };
    let nonce = refused(format!(
        "/v1/client/handshake?redirect_url={}&format=nonce",
        url_encode(APP)
    ))
    .await;
    assert_eq!(nonce["code"], "form_param_value_invalid");
    assert_eq!(nonce["meta"]["param_name"], "format");
    assert!(nonce["long_message"].as_str().unwrap().contains("format=token"));

    let missing = refused("/v1/client/handshake?format=token".into()).await;
    assert_eq!(missing["code"], "form_param_missing");
    for url in [
        "https://evil.example/",
        "/relative",
        "//evil.example/",
        "javascript:alert(1)",
        "http://localhost.evil.example/",
    ] {
        let error = refused(handshake(url, "")).await;
        assert_eq!(error["meta"]["param_name"], "redirect_url", "{url}");
    }
}

#[tokio::test]
async fn aged_tokens_need_the_admin_token_and_a_known_session() {
    let emulator = app(&development());
    let (status, _) = admin(
        &emulator,
        "/__emulator/sessions/sess_nobody/token",
        json!({"age_secs": 120}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let request = Request::builder()
        .method("POST")
        .uri("/__emulator/sessions/sess_nobody/token")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(r#"{"age_secs": 1}"#))
        .unwrap();
    let response = emulator.oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn faults_reach_the_handshake_by_its_route_name() {
    let emulator = app(&development());
    let request = Request::builder()
        .method("POST")
        .uri("/__emulator/faults")
        .header(header::CONTENT_TYPE, "application/json")
        .header(ADMIN_TOKEN_HEADER, ADMIN_TOKEN)
        .body(Body::from(r#"{"route": "client/handshake", "status": 500}"#))
        .unwrap();
    assert_eq!(
        emulator.clone().oneshot(request).await.unwrap().status(),
        StatusCode::OK
    );
    let reply = browse(
        &emulator,
        "GET",
        &handshake(&format!("{APP}/"), ""),
        &Jar::default(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
}

/// Clerk's verdicts on `cases` from `tests/handshake.mjs` (Node, `@clerk/backend`); `None`
/// when Node or the packages are missing and `LEPTOS_CLERK_DIFFERENTIAL` does not require
/// them (`cargo xtask test` installs them).
fn clerks_verdicts(cases: &[Value]) -> Option<Vec<Value>> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let manifest = env!("CARGO_MANIFEST_DIR");
    let root = std::path::Path::new(manifest).join("..");
    let installed = root.join("node_modules/@clerk/backend/package.json").exists();
    let child = Command::new("node")
        .arg(format!("{manifest}/tests/handshake.mjs"))
        .current_dir(&root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn();
    let (true, Ok(mut child)) = (installed, child) else {
        let required = std::env::var("LEPTOS_CLERK_DIFFERENTIAL").is_ok_and(|v| v == "required");
        assert!(
            !required,
            "this test needs node and `npm ci` (run `cargo xtask test`)"
        );
        eprintln!("skipped: no node or no node_modules (`cargo xtask test` runs it)");
        return None;
    };
    let input: String = cases.iter().map(|case| format!("{case}\n")).collect();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(output.status.success(), "the Node side failed: {output:?}");
    let verdicts: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(verdicts.len(), cases.len());
    Some(verdicts)
}

/// Our reading of a request, in the shape of `tests/handshake.mjs`' verdicts.
fn our_verdict(authenticated: &Authenticated) -> Value {
    let (status, reason) = match &authenticated.state {
        RequestState::SignedIn => ("signed-in", None),
        RequestState::SignedOut { reason } => ("signed-out", Some(reason.to_string())),
        RequestState::Handshake { reason, .. } => ("handshake", Some(reason.to_string())),
    };
    json!({
        "status": status,
        "reason": reason,
        "user_id": authenticated.verified.as_ref().map(|v| v.claims.user_id.clone()),
        "location": authenticated.location(),
        "set_cookies": set_cookies(authenticated),
    })
}

/// The emulator is our second opinion, `@clerk/backend` the judge: every handshake the
/// emulator answers (development and production, signed in and out, plain and suffixed
/// cookies) must read the same to Clerk's `authenticateRequest` as to ours, and sign in
/// exactly when the client has a session.
#[tokio::test]
async fn clerks_backend_reads_the_emulators_handshakes_as_leptos_clerk_does() {
    let mut cases = Vec::new();
    let mut ours = Vec::new();
    for config in [development(), production()] {
        for signed_out in [false, true] {
            for suffixed in [false, true] {
                let emulator = app(&config);
                let mut browser = Jar::default();
                let mut query = String::new();
                if config.is_development() {
                    let dvb = dev_browser(&emulator).await;
                    query = format!("&__clerk_db_jwt={dvb}");
                    browser.set("__clerk_db_jwt", &dvb);
                } else {
                    let loaded = browse(&emulator, "GET", "/v1/client", &browser).await;
                    browser.apply(&loaded.set_cookies);
                }
                if signed_out {
                    let path = format!("/v1/client/sessions?_method=DELETE{query}");
                    let reply = browse(&emulator, "POST", &path, &browser).await;
                    assert_eq!(reply.status, StatusCode::OK);
                    browser.apply(&reply.set_cookies);
                }
                let url = handshake(
                    &format!("{APP}/page?x=1"),
                    &format!("&suffixed_cookies={suffixed}&__clerk_hs_reason=session-token-missing{query}"),
                );
                let reply = browse(&emulator, "GET", &url, &browser).await;
                assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT, "{}", reply.json);
                browser.apply(&reply.set_cookies);
                let back = reply.location.unwrap();
                let headers = [
                    ("accept", "text/html".to_owned()),
                    ("sec-fetch-dest", "document".to_owned()),
                    ("cookie", browser.header()),
                ];
                let mut request = RequestFacts::new("GET", back.as_str());
                for (name, value) in &headers {
                    request = request.header(*name, value.clone());
                }
                let verdict = our_verdict(&app_server(&config, &request).await);
                assert_eq!(
                    verdict["status"],
                    if signed_out { "signed-out" } else { "signed-in" },
                    "{verdict}"
                );
                ours.push(verdict);
                cases.push(json!({
                    "publishable_key": config.publishable_key(),
                    "jwk": signer().jwks()["keys"][0],
                    "authorized_party": APP,
                    "url": back,
                    "headers": headers,
                }));
            }
        }
    }
    let Some(clerks) = clerks_verdicts(&cases) else {
        return;
    };
    for ((ours, clerks), case) in ours.iter().zip(&clerks).zip(&cases) {
        assert_eq!(ours, clerks, "{case}");
    }
    eprintln!(
        "@clerk/backend and leptos-clerk agree on {} emulator handshakes",
        cases.len()
    );
}
