//! Who the emulator answers: loopback hosts and origins, and, on its own routes, only the
//! holder of the admin token. Ids that double as credentials cannot be guessed.

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, Request, StatusCode, header};
use clerk_emulator::{ADMIN_TOKEN_HEADER, Access, Config, DEFAULT_CONFIG, Emulator, Signer, router};
use serde_json::Value;
use tower::ServiceExt;

const ADMIN_TOKEN: &str = "test-admin-token";
const DEMO: &str = "http://localhost:8080";
const EVIL: &str = "https://evil.example";

fn app() -> axum::Router {
    let signer = Signer::from_pem(include_str!("fixtures/test-key.pem")).unwrap();
    let access = Access::loopback().with_admin_token(ADMIN_TOKEN);
    let emulator: Arc<Emulator> =
        Emulator::with_access(Config::parse(DEFAULT_CONFIG).unwrap(), signer, access);
    router(emulator, None)
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    json: Value,
}

/// `method uri` with `headers` and a form body, as a browser page would send it.
async fn send(app: &axum::Router, method: &str, uri: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    Reply {
        status,
        headers,
        json: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    }
}

async fn dev_browser(app: &axum::Router) -> String {
    let reply = send(app, "POST", "/v1/dev_browser", &[("origin", DEMO)]).await;
    reply.json["id"].as_str().unwrap().to_owned()
}

async fn active_sessions(app: &axum::Router, dev: &str) -> Vec<String> {
    let client = send(app, "GET", &format!("/v1/client?__clerk_db_jwt={dev}"), &[]).await;
    let sessions = client.json["response"]["sessions"].as_array().unwrap().clone();
    sessions
        .iter()
        .filter(|session| session["status"] == "active")
        .map(|session| session["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_foreign_origin_gets_no_cors_headers_and_its_simple_posts_do_nothing() {
    let app = app();
    let dev = dev_browser(&app).await;
    let before = active_sessions(&app, &dev).await;
    assert_eq!(before.len(), 2);

    // The demo's origin is answered and may read the answer.
    let allowed = send(
        &app,
        "GET",
        &format!("/v1/client?__clerk_db_jwt={dev}"),
        &[("origin", DEMO)],
    )
    .await;
    assert_eq!(allowed.status, StatusCode::OK);
    assert_eq!(allowed.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], DEMO);

    // A foreign page's preflight, and its "simple" form POST that signs out of everything
    // (what clerk-js itself sends, `?_method=DELETE`), are refused and carry no CORS grant.
    let sign_out_all = format!("/v1/client/sessions?_method=DELETE&__clerk_db_jwt={dev}");
    for (method, origin) in [("OPTIONS", EVIL), ("POST", EVIL), ("POST", "null")] {
        let refused = send(&app, method, &sign_out_all, &[("origin", origin)]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{method} from {origin}");
        assert_eq!(refused.json["errors"][0]["code"], "origin_not_allowed");
        for name in [
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        ] {
            assert!(
                !refused.headers.contains_key(&name),
                "{method} from {origin}: {name}"
            );
        }
    }
    assert_eq!(active_sessions(&app, &dev).await, before);

    // The same call from the demo's origin works: clerk-js' own transport is unchanged.
    let own = send(&app, "POST", &sign_out_all, &[("origin", DEMO)]).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(active_sessions(&app, &dev).await.is_empty());
}

#[tokio::test]
async fn a_non_loopback_host_is_refused_as_dns_rebinding() {
    let app = app();
    for host in ["evil.example", "evil.example:8787", "192.168.1.20:8787"] {
        for path in ["/v1/environment", "/.well-known/jwks.json", "/api/me"] {
            let refused = send(&app, "GET", path, &[("host", host)]).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{host} {path}");
            assert_eq!(refused.json["errors"][0]["code"], "host_not_allowed");
        }
        let admin = send(
            &app,
            "GET",
            "/__emulator/touches",
            &[("host", host), (ADMIN_TOKEN_HEADER, ADMIN_TOKEN)],
        )
        .await;
        assert_eq!(admin.status, StatusCode::FORBIDDEN, "even with the token: {host}");
    }
    for host in ["127.0.0.1:8787", "localhost:8080", "127.0.0.1", "[::1]:8787"] {
        let answered = send(&app, "GET", "/v1/environment", &[("host", host)]).await;
        assert_eq!(answered.status, StatusCode::OK, "{host}");
    }
}

#[tokio::test]
async fn the_admin_routes_need_the_admin_token() {
    let app = app();
    let dev = dev_browser(&app).await;
    let grace = active_sessions(&app, &dev).await[1].clone();
    let revoke = format!("/__emulator/sessions/{grace}/revoke");
    let routes = [
        ("GET", "/__emulator/health"),
        ("GET", "/__emulator/publishable_key"),
        ("GET", "/__emulator/touches"),
        ("POST", "/__emulator/clock"),
        ("POST", "/__emulator/faults"),
        ("DELETE", "/__emulator/faults"),
        ("POST", revoke.as_str()),
    ];
    for (method, path) in routes {
        for token in [None, Some(""), Some("test-admin-toke"), Some("TEST-ADMIN-TOKEN")] {
            let headers: Vec<(&str, &str)> = token.map(|t| (ADMIN_TOKEN_HEADER, t)).into_iter().collect();
            let refused = send(&app, method, path, &headers).await;
            assert_eq!(
                refused.status,
                StatusCode::UNAUTHORIZED,
                "{method} {path} with {token:?}"
            );
            assert_eq!(refused.json["errors"][0]["code"], "admin_token_invalid");
        }
    }
    assert_eq!(active_sessions(&app, &dev).await.len(), 2, "nothing was revoked");

    let revoked = send(&app, "POST", &revoke, &[(ADMIN_TOKEN_HEADER, ADMIN_TOKEN)]).await;
    assert_eq!(revoked.status, StatusCode::OK);
    assert_eq!(active_sessions(&app, &dev).await.len(), 1);
    let health = send(
        &app,
        "GET",
        "/__emulator/health",
        &[(ADMIN_TOKEN_HEADER, ADMIN_TOKEN)],
    )
    .await;
    assert_eq!(health.status, StatusCode::OK);
}

/// The longest run of leading characters two ids share after their prefix.
fn shared_start(a: &str, b: &str) -> usize {
    let (a, b) = (a.split_once('_').unwrap().1, b.split_once('_').unwrap().1);
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

#[tokio::test]
async fn ids_and_dev_browser_tokens_are_random_not_sequential() {
    let app = app();
    let mut tokens = Vec::new();
    let mut clients = Vec::new();
    let mut sessions = Vec::new();
    for _ in 0..4 {
        let dev = dev_browser(&app).await;
        let client = send(&app, "GET", &format!("/v1/client?__clerk_db_jwt={dev}"), &[]).await;
        clients.push(client.json["response"]["id"].as_str().unwrap().to_owned());
        sessions.extend(active_sessions(&app, &dev).await);
        tokens.push(dev);
    }
    for ids in [&tokens, &clients, &sessions] {
        for id in ids.iter() {
            // 128 random bits, as hex.
            let random = id.split_once('_').unwrap().1;
            assert_eq!(random.len(), 32, "{id}");
        }
        for pair in ids.windows(2) {
            // Counter-made ids made one after another share all but their last digits;
            // random ones share 8 leading hex digits once in 4 billion.
            assert!(shared_start(&pair[0], &pair[1]) < 8, "{pair:?}");
        }
    }
}
