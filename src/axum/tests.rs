//! The layer, the extractor and the guard through a real axum router (tower `oneshot`).

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::routing::get;
use http::{Request, StatusCode, header};
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};
use serde_json::{Value, json};
use tower::ServiceExt;

use super::*;
use crate::server::Verifier;

const KEY_PEM: &str = include_str!("../../emulator/tests/fixtures/test-key.pem");
const ISSUER: &str = "https://x.clerk.accounts.dev";

fn token(org_role: Option<&str>) -> String {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    let mut claims = json!({"iss": ISSUER, "sub": "user_1", "sid": "sess_1", "iat": now, "nbf": now - 10, "exp": now + 60, "v": 2});
    if let Some(role) = org_role {
        claims["o"] = json!({"id": "org_1", "rol": role});
    }
    clerk_emulator::Signer::from_pem(KEY_PEM).unwrap().sign(&claims)
}

/// A verifier for the test key's tokens, with the test issuer.
fn verifier() -> Arc<Verifier> {
    let public = rsa::RsaPrivateKey::from_pkcs8_pem(KEY_PEM)
        .unwrap()
        .to_public_key();
    let pem = public.to_public_key_pem(Default::default()).unwrap();
    Arc::new(Verifier::with_public_key_pem(pem).issuer(ISSUER).build())
}

fn app() -> Router {
    Router::new()
        .route("/public", get(|| async { "hello" }))
        .route(
            "/api/me",
            get(|auth: ClerkAuth| async move { format!("{} {:?}", auth.user_id(), auth.session_id()) }),
        )
        .route(
            "/api/admin/stats",
            get(|auth: ClerkAuth| async move { format!("stats for {:?}", auth.org_id()) }),
        )
        .route("/api/administrators", get(|| async { "not under /api/admin" }))
        .layer(protect("/api/admin", Require::role("org:admin")))
        .layer(ClerkLayer::new(verifier()))
}

async fn get_with(path: &str, header: Option<(header::HeaderName, String)>) -> (StatusCode, String) {
    let mut request = Request::builder().uri(path);
    if let Some((name, value)) = header {
        request = request.header(name, value);
    }
    let response = app().oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let body = String::from_utf8(to_bytes(response.into_body(), 1 << 16).await.unwrap().to_vec()).unwrap();
    (status, body)
}

fn bearer(token: String) -> Option<(header::HeaderName, String)> {
    Some((header::AUTHORIZATION, format!("Bearer {token}")))
}

#[tokio::test]
async fn a_valid_token_from_either_source_passes() {
    assert_eq!(
        get_with("/api/me", bearer(token(None))).await,
        (StatusCode::OK, "user_1 Some(\"sess_1\")".into())
    );
    let cookie = Some((
        header::COOKIE,
        format!("theme=dark; __session={}; other=1", token(None)),
    ));
    assert_eq!(get_with("/api/me", cookie).await.0, StatusCode::OK);
    assert_eq!(get_with("/public", None).await, (StatusCode::OK, "hello".into()));
}

#[tokio::test]
async fn missing_or_invalid_tokens_are_401_with_a_json_body_that_tells_nothing() {
    let (status, body) = get_with("/api/me", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let json: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["error"], "unauthenticated");

    let mut tampered = token(None);
    tampered.insert(tampered.len() - 5, 'x');
    let (status, invalid_body) = get_with("/api/me", bearer(tampered)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        invalid_body, body,
        "the reason goes to the log, not to the client"
    );
}

#[tokio::test]
async fn protect_needs_the_role_under_its_prefix_only() {
    let (status, body) = get_with("/api/admin/stats", bearer(token(Some("member")))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        json!({"error": "forbidden", "message": "You do not have access to this resource."})
    );
    assert_eq!(
        get_with("/api/admin/stats", bearer(token(Some("admin")))).await,
        (StatusCode::OK, "stats for Some(\"org_1\")".into())
    );
    assert_eq!(
        get_with("/api/admin/stats", None).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get_with("/api/administrators", None).await.0,
        StatusCode::OK,
        "a prefix is a path segment"
    );
}

/// A token signed by the instance key with these claims merged over a session token's,
/// and this header (`{"alg":"RS256"}` and the key id, plus `header`).
fn signed(extra_claims: Value, header: Value) -> String {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    let mut claims = json!({"iss": ISSUER, "sub": "user_1", "sid": "sess_1", "iat": now, "nbf": now - 10, "exp": now + 60, "v": 2});
    for (key, value) in extra_claims.as_object().unwrap() {
        if value.is_null() {
            claims.as_object_mut().unwrap().remove(key);
        } else {
            claims[key] = value.clone();
        }
    }
    clerk_emulator::Signer::from_pem(KEY_PEM)
        .unwrap()
        .sign_with_header(&claims, header.as_object().unwrap())
}

#[tokio::test]
async fn tokens_of_other_classes_signed_by_the_same_key_are_not_sessions() {
    let cases = [
        ("a JWT template's token (no sid)", json!({"sid": null}), json!({})),
        ("an OAuth access token", json!({}), json!({"typ": "at+jwt"})),
        (
            "a machine token",
            json!({"sub": "mch_2x8", "sid": null}),
            json!({}),
        ),
        ("an M2M category", json!({}), json!({"cat": "cl_B7d4PD333AAA"})),
        ("another type", json!({}), json!({"typ": "JWS"})),
    ];
    for (what, claims, header) in cases {
        let (status, _) = get_with("/api/me", bearer(signed(claims, header))).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}");
    }
    for header in [json!({"typ": "JWT"}), json!({"cat": "cl_B7d4PD111AAA"})] {
        let (status, _) = get_with("/api/me", bearer(signed(json!({}), header.clone()))).await;
        assert_eq!(status, StatusCode::OK, "a session token with {header}");
    }
}

#[tokio::test]
async fn a_pending_session_is_signed_out_unless_the_layer_says_otherwise() {
    let pending = signed(json!({"sts": "pending"}), json!({}));
    let (status, _) = get_with("/api/me", bearer(pending.clone())).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let lenient = Router::new()
        .route(
            "/api/me",
            get(|auth: ClerkAuth| async move { auth.user_id().to_owned() }),
        )
        .layer(ClerkLayer::new(verifier()).treat_pending_as_signed_out(false));
    let request = Request::builder()
        .uri("/api/me")
        .header(header::AUTHORIZATION, format!("Bearer {pending}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(lenient.oneshot(request).await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn refusals_are_not_cached_and_a_401_names_its_scheme() {
    let response = app()
        .oneshot(Request::builder().uri("/api/me").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.headers()[header::WWW_AUTHENTICATE], "Bearer");
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
}

/// What a file server or proxy behind the guard could make of a path: each spelling of
/// `/api/admin/stats` is guarded (403 for a member), not passed through.
#[tokio::test]
async fn protect_guards_every_spelling_of_its_prefix() {
    let files = Router::new()
        .fallback(|| async { "a file the guard must cover" })
        .layer(protect("/api/admin", Require::role("org:admin")))
        .layer(ClerkLayer::new(verifier()));
    for spelling in [
        "/api/admin/stats",
        "/api/%61dmin/stats",
        "//api/admin/stats",
        "/./api/admin/stats",
        "/api/x/../admin/stats",
        "/API/Admin/stats",
        "/api%2Fadmin/stats",
    ] {
        let request = Request::builder()
            .uri(spelling)
            .header(header::AUTHORIZATION, format!("Bearer {}", token(Some("member"))))
            .body(Body::empty())
            .unwrap();
        let status = files.clone().oneshot(request).await.unwrap().status();
        assert_eq!(status, StatusCode::FORBIDDEN, "{spelling}");
    }
}

/// Inside a nested router axum strips the nest's prefix; the guard still covers a prefix
/// written in full, through the request's original URI.
#[tokio::test]
async fn protect_inside_a_nested_router_covers_its_prefix_written_either_way() {
    for prefix in ["/api/admin", "/admin"] {
        let inner = Router::new()
            .route("/admin/stats", get(|| async { "stats" }))
            .layer(protect(prefix, Require::role("org:admin")));
        let app = Router::new()
            .nest("/api", inner)
            .layer(ClerkLayer::new(verifier()));
        let request = Request::builder()
            .uri("/api/admin/stats")
            .body(Body::empty())
            .unwrap();
        let status = app.oneshot(request).await.unwrap().status();
        assert_eq!(status, StatusCode::UNAUTHORIZED, "protect({prefix:?}) in a nest");
    }
}

#[test]
#[should_panic(expected = "a path prefix starts with `/`")]
fn a_prefix_without_a_leading_slash_is_refused_at_start_up() {
    let _ = protect("api/admin", Require::signed_in());
}

/// A hostile page's form post carries the user's cookie, and is signed out; the site's own
/// page (or an allowed origin) is not.
#[tokio::test]
async fn a_cookie_on_a_cross_site_post_is_signed_out() {
    let app = Router::new()
        .route(
            "/api/notes",
            axum::routing::post(|auth: ClerkAuth| async move { auth.user_id().to_owned() }),
        )
        .layer(ClerkLayer::new(verifier()).allowed_origins(["https://app.example.com"]));
    let post = |origin: &str| {
        Request::builder()
            .method("POST")
            .uri("/api/notes")
            .header(header::HOST, "api.example.com")
            .header(header::ORIGIN, origin)
            .header(header::COOKIE, format!("__session={}", token(None)))
            .body(Body::empty())
            .unwrap()
    };
    for (origin, expected) in [
        ("https://evil.example", StatusCode::UNAUTHORIZED),
        ("https://api.example.com", StatusCode::OK),
        ("https://app.example.com", StatusCode::OK),
    ] {
        let status = app.clone().oneshot(post(origin)).await.unwrap().status();
        assert_eq!(status, expected, "from {origin}");
    }
}

/// `pk_<kind>_` + base64("x.clerk.accounts.dev$"): the test issuer's instance.
fn key(kind: &str) -> String {
    format!("pk_{kind}_eC5jbGVyay5hY2NvdW50cy5kZXYk")
}

fn handshake_app(kind: &str, proxy: Option<&str>) -> Router {
    let layer = ClerkLayer::new(verifier()).handshake(&key(kind)).unwrap();
    let layer = match proxy {
        Some(proxy) => layer.proxy_url(proxy),
        None => layer,
    };
    Router::new()
        .route("/public", get(|| async { "hello" }))
        .route(
            "/api/me",
            get(|auth: ClerkAuth| async move { auth.user_id().to_owned() }),
        )
        .layer(layer)
}

async fn send(app: Router, path: &str, headers: &[(&str, String)]) -> http::Response<Body> {
    let mut request = Request::builder().uri(path).header("host", "app.test");
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    app.oneshot(request.body(Body::empty()).unwrap()).await.unwrap()
}

fn header_values(response: &http::Response<Body>, name: &str) -> Vec<String> {
    response
        .headers()
        .get_all(name)
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_first_page_load_in_development_handshakes() {
    let document = ("sec-fetch-dest", "document".to_owned());
    let response = send(handshake_app("test", None), "/public?tab=1", &[document]).await;
    assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
    let location = header_values(&response, "location").remove(0);
    assert!(
        location.starts_with(
            "https://x.clerk.accounts.dev/v1/client/handshake?redirect_url=http%3A%2F%2Fapp.test%2Fpublic%3Ftab%3D1&"
        ),
        "{location}"
    );
    assert!(
        location.contains("&__clerk_hs_reason=dev-browser-missing&format=token"),
        "{location}"
    );
    assert_eq!(header_values(&response, "cache-control"), ["no-store"]);
    assert_eq!(
        header_values(&response, "set-cookie"),
        ["__clerk_redirect_count=1; SameSite=Lax; HttpOnly; Max-Age=2"]
    );
    assert_eq!(header_values(&response, "x-clerk-auth-status"), ["handshake"]);
}

#[tokio::test]
async fn the_handshake_goes_through_the_apps_proxy() {
    let document = ("sec-fetch-dest", "document".to_owned());
    let response = send(handshake_app("test", Some("/__clerk")), "/", &[document]).await;
    let location = header_values(&response, "location").remove(0);
    assert!(
        location.starts_with("http://app.test/__clerk/v1/client/handshake?"),
        "{location}"
    );
}

#[tokio::test]
async fn a_fresh_session_cookie_signs_a_page_load_in_privately() {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    let cookies = format!("__session={}; __client_uat={}", token(None), now - 100);
    let headers = [("sec-fetch-dest", "document".to_owned()), ("cookie", cookies)];
    let response = send(handshake_app("live", None), "/api/me", &headers).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header_values(&response, "x-clerk-auth-status"), ["signed-in"]);
    assert_eq!(header_values(&response, "cache-control"), ["private"]);
    let body = to_bytes(response.into_body(), 1024).await.unwrap();
    assert_eq!(body, "user_1");
}

#[tokio::test]
async fn a_fetch_is_signed_out_never_redirected() {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    let headers = [
        ("sec-fetch-dest", "empty".to_owned()),
        ("cookie", format!("__client_uat={}", now - 100)),
    ];
    let response = send(handshake_app("live", None), "/api/me", &headers).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(header_values(&response, "location").is_empty());
    assert_eq!(header_values(&response, "x-clerk-auth-status"), ["signed-out"]);
    assert_eq!(
        header_values(&response, "x-clerk-auth-reason"),
        ["client-uat-but-no-session-token"]
    );
}

/// What a server-rendered page would be seeded with: the `AuthSeed` the layer left.
#[cfg(feature = "ssr")]
async fn seed_of(layer: ClerkLayer, headers: &[(&str, String)]) -> crate::model::AuthSeed {
    use crate::model::AuthSeed;
    let app = Router::new()
        .route(
            "/",
            get(|request: Request<Body>| async move {
                match request.extensions().get::<AuthSeed>() {
                    Some(seed) => serde_json::to_string(seed).unwrap(),
                    None => "none".to_owned(),
                }
            }),
        )
        .layer(layer);
    let response = send(app, "/", headers).await;
    let body = to_bytes(response.into_body(), 4096).await.unwrap();
    serde_json::from_slice(&body).unwrap_or_else(|_| panic!("{body:?}"))
}

#[cfg(feature = "ssr")]
#[tokio::test]
async fn the_seed_is_the_verified_claims_and_signed_out_only_when_the_handshake_settled_it() {
    use crate::model::AuthSeed;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    let document = ("sec-fetch-dest", "document".to_owned());
    let signed_in = [
        document.clone(),
        (
            "cookie",
            format!("__session={}; __client_uat={}", token(None), now - 100),
        ),
    ];
    let handshake = || ClerkLayer::new(verifier()).handshake(&key("live")).unwrap();
    let seed = seed_of(handshake(), &signed_in).await;
    let claims = seed.claims().expect("signed in");
    assert_eq!(claims.user_id, "user_1");
    let AuthSeed::SignedIn { claims } = seed else {
        unreachable!()
    };
    assert!(
        !serde_json::to_string(&claims).unwrap().contains("eyJ"),
        "the seed carries claims, never a token"
    );
    assert_eq!(
        seed_of(handshake(), std::slice::from_ref(&document)).await,
        AuthSeed::SignedOut
    );
    // Without the handshake, no token may still be a signed-in browser with a stale token.
    assert_eq!(
        seed_of(ClerkLayer::new(verifier()), &[document]).await,
        AuthSeed::Unknown
    );
    let plain = seed_of(ClerkLayer::new(verifier()), &signed_in[1..]).await;
    assert_eq!(plain.claims().map(|c| c.user_id), Some("user_1".to_owned()));
}

/// Runs `call` as `leptos_axum` runs a server function: the request's parts and the
/// response's options in context. Returns its answer and the status it set, if any.
#[cfg(feature = "ssr")]
fn in_server_fn<T>(
    authentication: Option<Authentication>,
    call: impl FnOnce() -> T,
) -> (T, Option<StatusCode>, Option<String>) {
    use leptos::prelude::{Owner, provide_context};
    let mut request = Request::builder().uri("/api/my_orders");
    if let Some(authentication) = authentication {
        request = request.extension(authentication);
    }
    let (parts, ()) = request.body(()).unwrap().into_parts();
    let response = leptos_axum::ResponseOptions::default();
    let answer = Owner::new().with(|| {
        provide_context(parts);
        provide_context(response.clone());
        call()
    });
    let set = response.0.read().unwrap();
    let scheme = set
        .headers
        .get(header::WWW_AUTHENTICATE)
        .map(|value| value.to_str().unwrap().to_owned());
    (answer, set.status, scheme)
}

#[cfg(feature = "ssr")]
#[test]
fn server_functions_answer_401_signed_out_and_403_without_the_permission() {
    use crate::claims::{Jwt, SessionClaims};
    let member = || {
        let jwt = Jwt::decode(&token(Some("org:member"))).unwrap();
        Authentication::SignedIn(ClerkAuth::new(SessionClaims::from_jwt(&jwt).unwrap()))
    };
    let (answer, status, scheme) = in_server_fn(Some(member()), server_auth);
    assert_eq!(answer.unwrap().user_id(), "user_1");
    assert_eq!((status, scheme), (None, None), "a call that passes sets nothing");

    for signed_out in [
        None,
        Some(Authentication::SignedOut),
        Some(Authentication::Pending(match member() {
            Authentication::SignedIn(auth) => auth,
            _ => unreachable!(),
        })),
    ] {
        let (answer, status, scheme) = in_server_fn(signed_out, server_auth);
        assert_eq!(answer.unwrap_err(), ServerAuthError::SignedOut);
        assert_eq!(status, Some(StatusCode::UNAUTHORIZED));
        assert_eq!(scheme.as_deref(), Some("Bearer"));
    }

    let (answer, status, _) = in_server_fn(Some(member()), || server_protect(&Require::role("org:admin")));
    assert_eq!(answer.unwrap_err(), ServerAuthError::Forbidden);
    assert_eq!(status, Some(StatusCode::FORBIDDEN));
    let (answer, status, _) = in_server_fn(Some(member()), || server_protect(&Require::role("org:member")));
    assert!(answer.is_ok());
    assert_eq!(status, None);
    let (answer, status, _) = in_server_fn(None, || server_protect(&Require::role("org:member")));
    assert_eq!(answer.unwrap_err(), ServerAuthError::SignedOut);
    assert_eq!(status, Some(StatusCode::UNAUTHORIZED));
}
