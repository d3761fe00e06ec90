//! The OAuth round trip over HTTP, as clerk-js and the browser make it: the sign-in that
//! names the provider, the fake provider's page, `/v1/oauth_callback` and its redirect.

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use clerk_emulator::{Access, Config, DEFAULT_CONFIG, Emulator, Signer, router};
use serde_json::Value;
use tower::ServiceExt;

const ORIGIN: &str = "http://localhost:8080";

struct Reply {
    status: StatusCode,
    location: Option<String>,
    text: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or(Value::Null)
    }
}

async fn send(app: &axum::Router, method: &str, uri: &str, body: &str) -> Reply {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, ORIGIN)
        .body(Body::from(body.to_owned()))
        .unwrap();
    reply(app, request).await
}

/// What `app` answers to `request`.
async fn reply(app: &axum::Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_owned());
    let bytes = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    Reply {
        status,
        location,
        text: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// A browser's navigation: no Origin header.
async fn navigate(app: &axum::Router, uri: &str) -> Reply {
    let request = Request::builder().uri(uri).body(Body::empty()).unwrap();
    reply(app, request).await
}

fn app() -> axum::Router {
    let signer = Signer::from_pem(include_str!("fixtures/test-key.pem")).unwrap();
    let emulator = Emulator::with_access(Config::parse(DEFAULT_CONFIG).unwrap(), signer, Access::loopback());
    router(emulator, None)
}

async fn dev_browser(app: &axum::Router) -> String {
    let reply = send(app, "POST", "/v1/dev_browser", "").await;
    reply.json()["id"].as_str().unwrap().to_owned()
}

/// Starts a Google sign-in; returns the provider URL's path and query.
async fn start(app: &axum::Router, token: &str, complete: Option<&str>) -> String {
    let mut body = format!(
        "strategy=oauth_google&redirect_url=http%3A%2F%2Flocalhost%3A8080%2Fsso-callback%3F__clerk_db_jwt%3D{token}"
    );
    if let Some(complete) = complete {
        body.push_str(&format!("&action_complete_redirect_url={complete}"));
    }
    let reply = send(
        app,
        "POST",
        &format!("/__clerk/v1/client/sign_ins?__clerk_db_jwt={token}"),
        &body,
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let verification = &reply.json()["response"]["first_factor_verification"];
    assert_eq!(verification["status"], "unverified");
    assert_eq!(verification["strategy"], "oauth_google");
    let url = verification["external_verification_redirect_url"]
        .as_str()
        .unwrap();
    let path = url
        .strip_prefix(ORIGIN)
        .expect("the provider is on the page's origin");
    assert!(
        path.starts_with("/__clerk/v1/oauth_emulator/authorize?state="),
        "{url}"
    );
    path.to_owned()
}

async fn client(app: &axum::Router, token: &str) -> Value {
    send(app, "GET", &format!("/v1/client?__clerk_db_jwt={token}"), "")
        .await
        .json()["response"]
        .clone()
}

#[tokio::test]
async fn the_environment_offers_google() {
    let env = send(&app(), "GET", "/v1/environment", "").await.json();
    let google = &env["user_settings"]["social"]["oauth_google"];
    assert_eq!(google["enabled"], true);
    assert_eq!(google["authenticatable"], true);
    assert_eq!(google["strategy"], "oauth_google");
    assert_eq!(google["name"], "Google");
}

#[tokio::test]
async fn choosing_an_account_signs_it_in_and_redirects_to_the_complete_url() {
    let app = app();
    let token = dev_browser(&app).await;
    let provider = start(&app, &token, Some("%2F")).await;
    let page = navigate(&app, &provider).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text.contains("clerk-emulator's fake Google"),
        "{}",
        page.text
    );
    assert!(page.text.contains("Continue as Alan Turing"));
    let state = provider.split("state=").nth(1).unwrap();
    let back = navigate(
        &app,
        &format!("/__clerk/v1/oauth_callback?code=user_alan&state={state}"),
    )
    .await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    assert_eq!(back.location.as_deref(), Some("http://localhost:8080/"));
    let client = client(&app, &token).await;
    let alan = client["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["user"]["id"] == "user_alan")
        .expect("a session for Alan");
    assert_eq!(client["last_active_session_id"], alan["id"]);
    assert_eq!(client["sign_in"], Value::Null);
    // The state is spent.
    let again = navigate(&app, &format!("/v1/oauth_callback?code=user_alan&state={state}")).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn without_a_complete_url_the_callback_route_gets_the_completed_sign_in() {
    let app = app();
    let token = dev_browser(&app).await;
    let provider = start(&app, &token, None).await;
    let state = provider.split("state=").nth(1).unwrap();
    let back = navigate(&app, &format!("/v1/oauth_callback?code=user_alan&state={state}")).await;
    assert_eq!(
        back.location,
        Some(format!(
            "http://localhost:8080/sso-callback?__clerk_db_jwt={token}"
        ))
    );
    let sign_in = client(&app, &token).await["sign_in"].clone();
    assert_eq!(sign_in["status"], "complete");
    assert_eq!(sign_in["first_factor_verification"]["status"], "verified");
    assert!(
        sign_in["created_session_id"]
            .as_str()
            .unwrap()
            .starts_with("sess_")
    );
}

#[tokio::test]
async fn an_account_signed_in_here_or_a_refusal_goes_back_to_the_callback_route_with_the_reason() {
    let app = app();
    let token = dev_browser(&app).await;
    // Ada is signed in from the start in the default config.
    let ada_session = client(&app, &token).await["sessions"][0]["id"].clone();
    let provider = start(&app, &token, Some("%2F")).await;
    let state = provider.split("state=").nth(1).unwrap();
    let back = navigate(&app, &format!("/v1/oauth_callback?code=user_ada&state={state}")).await;
    assert!(
        back.location
            .unwrap()
            .starts_with("http://localhost:8080/sso-callback?")
    );
    let verification = client(&app, &token).await["sign_in"]["first_factor_verification"].clone();
    assert_eq!(verification["status"], "failed");
    assert_eq!(verification["error"]["code"], "identifier_already_signed_in");
    assert_eq!(verification["error"]["meta"]["session_id"], ada_session);

    let provider = start(&app, &token, Some("%2F")).await;
    let state = provider.split("state=").nth(1).unwrap();
    let back = navigate(
        &app,
        &format!("/v1/oauth_callback?error=access_denied&state={state}"),
    )
    .await;
    assert!(
        back.location
            .unwrap()
            .starts_with("http://localhost:8080/sso-callback?")
    );
    let sign_in = client(&app, &token).await["sign_in"].clone();
    assert_eq!(
        sign_in["first_factor_verification"]["error"]["code"],
        "oauth_access_denied"
    );
    // <SignIn> then starts over with an empty sign-in.
    let blank = send(
        &app,
        "POST",
        &format!("/v1/client/sign_ins?__clerk_db_jwt={token}"),
        "locale=en-GB",
    )
    .await;
    assert_eq!(blank.json()["response"]["status"], "needs_identifier");
    assert_eq!(blank.json()["client"]["sign_in"], Value::Null);
}

#[tokio::test]
async fn redirects_only_to_origins_the_emulator_serves() {
    let app = app();
    let token = dev_browser(&app).await;
    for body in [
        "strategy=oauth_google&redirect_url=https%3A%2F%2Fevil.test%2Fcb",
        "strategy=oauth_google&redirect_url=%2Fsso-callback",
        "strategy=oauth_google&redirect_url=http%3A%2F%2Flocalhost%3A8080%2Fcb&action_complete_redirect_url=https%3A%2F%2Fevil.test%2F",
        "strategy=oauth_google&redirect_url=http%3A%2F%2Flocalhost%3A8080%2Fcb&action_complete_redirect_url=%2F%2Fevil.test%2F",
        "strategy=oauth_github&redirect_url=http%3A%2F%2Flocalhost%3A8080%2Fcb",
    ] {
        let reply = send(
            &app,
            "POST",
            &format!("/v1/client/sign_ins?__clerk_db_jwt={token}"),
            body,
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    }
}
