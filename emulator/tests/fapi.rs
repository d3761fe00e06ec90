//! The emulator over HTTP, as clerk-js calls it: shapes, piggybacked clients, errors.

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use clerk_emulator::{
    ADMIN_TOKEN_HEADER, Access, Config, DEFAULT_CONFIG, Emulator, Signer, StaticSite,
    TEMPLATE_TOKEN_CATEGORY, VERIFICATION_CODE as CODE, router,
};
use serde_json::{Value, json};
use tower::ServiceExt;

struct Reply {
    status: StatusCode,
    json: Value,
    set_cookie: Option<String>,
}

/// The admin token the tests' emulators are given.
const ADMIN_TOKEN: &str = "test-admin-token";

/// A FAPI call as clerk-js makes it: form-encoded, from the demo's origin.
async fn call(app: &axum::Router, method: &str, uri: &str, body: &str) -> Reply {
    send(app, method, uri, "application/x-www-form-urlencoded", body).await
}

/// A call to one of the emulator's own JSON routes, with the admin token.
async fn admin(app: &axum::Router, method: &str, path: &str, json: &str) -> Reply {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(ADMIN_TOKEN_HEADER, ADMIN_TOKEN)
        .body(Body::from(json.to_owned()))
        .unwrap();
    reply(app, request).await
}

async fn send(app: &axum::Router, method: &str, uri: &str, content_type: &str, body: &str) -> Reply {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ORIGIN, "http://localhost:8080")
        .body(Body::from(body.to_owned()))
        .unwrap();
    reply(app, request).await
}

async fn reply(app: &axum::Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let set_cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .map(|v| v.to_str().unwrap().to_owned());
    let bytes = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Reply {
        status,
        json,
        set_cookie,
    }
}

/// One key for every test: generating RSA keys is the slow part of starting an emulator.
fn signer() -> Signer {
    Signer::from_pem(include_str!("fixtures/test-key.pem")).unwrap()
}

fn emulator(config: &str) -> axum::Router {
    router(instance(config), None)
}

/// An emulator of `config` for loopback callers, with [`ADMIN_TOKEN`].
fn instance(config: &str) -> Arc<Emulator> {
    let access = Access::loopback().with_admin_token(ADMIN_TOKEN);
    Emulator::with_access(Config::parse(config).unwrap(), signer(), access)
}

fn app() -> axum::Router {
    emulator(DEFAULT_CONFIG)
}

async fn dev_browser(app: &axum::Router) -> String {
    let reply = call(app, "POST", "/__clerk/v1/dev_browser", "").await;
    assert_eq!(reply.status, StatusCode::OK);
    reply.json["id"].as_str().unwrap().to_owned()
}

fn decode_claims(jwt: &str) -> Value {
    use base64::Engine;
    let payload = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap()
}

#[tokio::test]
async fn a_new_browser_loads_a_client_with_the_two_seeded_sessions() {
    let app = app();
    let token = dev_browser(&app).await;
    let env = call(
        &app,
        "POST",
        &format!("/__clerk/v1/environment?_method=PATCH&__clerk_db_jwt={token}"),
        "",
    )
    .await;
    assert_eq!(env.json["object"], "environment");
    assert_eq!(env.json["auth_config"]["single_session_mode"], false);

    let reply = call(
        &app,
        "GET",
        &format!("/__clerk/v1/client?__clerk_db_jwt={token}"),
        "",
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let client = &reply.json["response"];
    assert_eq!(reply.json["client"], Value::Null);
    let sessions = client["sessions"].as_array().unwrap();
    let names: Vec<&str> = sessions
        .iter()
        .map(|s| s["user"]["first_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ada", "Grace"]);
    assert_eq!(client["last_active_session_id"], sessions[0]["id"]);
    for session in sessions {
        assert_eq!(session["status"], "active");
        let claims = decode_claims(session["last_active_token"]["jwt"].as_str().unwrap());
        assert_eq!(claims["sid"], session["id"]);
        assert_eq!(claims["sub"], session["user"]["id"]);
        assert!(session["expire_at"].as_i64().unwrap() > session["last_active_at"].as_i64().unwrap());
    }
}

#[tokio::test]
async fn each_browser_gets_its_own_client() {
    let app = app();
    let (a, b) = (dev_browser(&app).await, dev_browser(&app).await);
    let client = |token: String| {
        let app = app.clone();
        async move {
            call(&app, "GET", &format!("/v1/client?__clerk_db_jwt={token}"), "")
                .await
                .json["response"]["id"]
                .clone()
        }
    };
    assert_ne!(client(a).await, client(b).await);
}

#[tokio::test]
async fn touch_piggybacks_the_client_and_tokens_are_bare() {
    let app = app();
    let token = dev_browser(&app).await;
    let client = call(&app, "GET", &format!("/v1/client?__clerk_db_jwt={token}"), "")
        .await
        .json["response"]
        .clone();
    let second = client["sessions"][1]["id"].as_str().unwrap().to_owned();

    let touch = call(
        &app,
        "POST",
        &format!("/__clerk/v1/client/sessions/{second}/touch?__clerk_db_jwt={token}"),
        "active_organization_id=&intent=select_session",
    )
    .await;
    assert_eq!(touch.status, StatusCode::OK);
    assert_eq!(touch.json["response"]["id"], second.as_str());
    assert_eq!(touch.json["client"]["last_active_session_id"], second.as_str());

    let minted = call(
        &app,
        "POST",
        &format!("/__clerk/v1/client/sessions/{second}/tokens?__clerk_db_jwt={token}"),
        "",
    )
    .await;
    assert_eq!(minted.json["object"], "token");
    assert!(
        minted.json.get("response").is_none(),
        "token replies must not be wrapped"
    );
    let claims = decode_claims(minted.json["jwt"].as_str().unwrap());
    assert_eq!(claims["sid"], second.as_str());
    assert_eq!(claims["azp"], "http://localhost:8080");
    assert_eq!(claims["v"], 2);
}

#[tokio::test]
async fn unknown_routes_and_templates_get_clerks_404_shape() {
    let app = app();
    for path in [
        "/v1/nope",
        "/__clerk/v1/client/sessions/sess_x/frobnicate",
        "/anything",
    ] {
        let reply = call(&app, "GET", path, "").await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(reply.json["errors"][0]["code"], "resource_not_found", "{path}");
        assert!(reply.json["errors"][0]["long_message"].is_string());
    }
    let token = dev_browser(&app).await;
    let sid = call(&app, "GET", &format!("/v1/client?__clerk_db_jwt={token}"), "")
        .await
        .json["response"]["sessions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let template = call(
        &app,
        "POST",
        &format!("/v1/client/sessions/{sid}/tokens/no-such-template?__clerk_db_jwt={token}"),
        "",
    )
    .await;
    assert_eq!(template.status, StatusCode::NOT_FOUND);
    assert_eq!(template.json["errors"][0]["message"], "JWT template not found");
}

#[tokio::test]
async fn malformed_bodies_get_a_422_and_change_nothing() {
    let app = app();
    let token = dev_browser(&app).await;
    let before = call(&app, "GET", &format!("/v1/client?__clerk_db_jwt={token}"), "")
        .await
        .json["response"]
        .clone();
    let sid = before["sessions"][1]["id"].as_str().unwrap().to_owned();
    let reply = call(
        &app,
        "POST",
        &format!("/v1/client/sessions/{sid}/touch?__clerk_db_jwt={token}"),
        "a=%ZZ%FF%FE",
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.json["errors"][0]["code"], "form_param_format_invalid");
    let after = call(&app, "GET", &format!("/v1/client?__clerk_db_jwt={token}"), "")
        .await
        .json["response"]
        .clone();
    assert_eq!(after["last_active_session_id"], before["last_active_session_id"]);
}

#[tokio::test]
async fn an_unknown_dev_browser_is_told_to_get_a_new_one() {
    let reply = call(
        &app(),
        "GET",
        "/v1/client?__clerk_db_jwt=dvb_from_another_run",
        "",
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json["errors"][0]["code"], "dev_browser_unauthenticated");
}

#[tokio::test]
async fn without_a_dev_browser_the_client_lives_in_a_cookie() {
    let app = app();
    let first = call(&app, "GET", "/v1/client", "").await;
    let cookie = first.set_cookie.expect("a __client cookie");
    assert!(cookie.starts_with("__client=client_"), "{cookie}");
    assert!(cookie.contains("HttpOnly"));
}

async fn client_of(app: &axum::Router, token: &str) -> Value {
    call(app, "GET", &format!("/v1/client?__clerk_db_jwt={token}"), "")
        .await
        .json["response"]
        .clone()
}

fn ids_with_status(client: &Value, status: &str) -> Vec<String> {
    client["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["status"] == status)
        .map(|s| s["user"]["first_name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn password_sign_in_adds_a_session_to_the_client() {
    let app = app();
    let token = dev_browser(&app).await;
    let reply = call(
        &app,
        "POST",
        &format!("/v1/client/sign_ins?__clerk_db_jwt={token}"),
        "identifier=Alan%40example.test&password=universal-machine&strategy=password",
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json["response"]["status"], "complete");
    let created = reply.json["response"]["created_session_id"].as_str().unwrap();
    let sessions = reply.json["client"]["sessions"].as_array().unwrap();
    let alan = sessions
        .iter()
        .find(|s| s["id"] == created)
        .expect("the new session is piggybacked");
    assert_eq!(alan["user"]["first_name"], "Alan");
    assert_eq!(
        ids_with_status(&reply.json["client"], "active"),
        ["Ada", "Grace", "Alan"]
    );
}

#[tokio::test]
async fn two_step_sign_in_needs_the_first_factor() {
    let app = app();
    let token = dev_browser(&app).await;
    let started = call(
        &app,
        "POST",
        &format!("/v1/client/sign_ins?__clerk_db_jwt={token}"),
        "identifier=alan%40example.test",
    )
    .await;
    assert_eq!(started.json["response"]["status"], "needs_first_factor");
    assert_eq!(
        started.json["client"]["sign_in"]["id"],
        started.json["response"]["id"]
    );
    let id = started.json["response"]["id"].as_str().unwrap();
    let path = format!("/v1/client/sign_ins/{id}/attempt_first_factor?__clerk_db_jwt={token}");
    let wrong = call(&app, "POST", &path, "strategy=password&password=nope").await;
    assert_eq!(wrong.json["errors"][0]["code"], "form_password_incorrect");
    let done = call(
        &app,
        "POST",
        &path,
        "strategy=password&password=universal-machine",
    )
    .await;
    assert_eq!(done.json["response"]["status"], "complete");
    assert_eq!(done.json["client"]["sign_in"], Value::Null);
}

#[tokio::test]
async fn email_code_sign_in_prepares_then_takes_the_code() {
    let app = app();
    let token = dev_browser(&app).await;
    let started = call(
        &app,
        "POST",
        &format!("/v1/client/sign_ins?__clerk_db_jwt={token}"),
        "identifier=alan%40example.test",
    )
    .await;
    let factors = &started.json["response"]["supported_first_factors"];
    let email_code = factors
        .as_array()
        .unwrap()
        .iter()
        .find(|factor| factor["strategy"] == "email_code")
        .expect("an email_code factor");
    assert_eq!(email_code["safe_identifier"], "alan@example.test");
    let address = email_code["email_address_id"].as_str().unwrap();
    let id = started.json["response"]["id"].as_str().unwrap();
    let attempt = format!("/v1/client/sign_ins/{id}/attempt_first_factor?__clerk_db_jwt={token}");
    let prepare = format!("/v1/client/sign_ins/{id}/prepare_first_factor?__clerk_db_jwt={token}");

    // No code was sent yet, and a code is only sent to the account's own address.
    let early = call(&app, "POST", &attempt, "strategy=email_code&code=424242").await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    let elsewhere = call(
        &app,
        "POST",
        &prepare,
        "strategy=email_code&email_address_id=idn_other",
    )
    .await;
    assert_eq!(elsewhere.json["errors"][0]["code"], "form_param_value_invalid");

    let prepared = call(
        &app,
        "POST",
        &prepare,
        &format!("strategy=email_code&email_address_id={address}"),
    )
    .await;
    assert_eq!(prepared.json["response"]["status"], "needs_first_factor");
    assert_eq!(
        prepared.json["response"]["first_factor_verification"]["strategy"],
        "email_code"
    );
    let wrong = call(&app, "POST", &attempt, "strategy=email_code&code=111111").await;
    assert_eq!(wrong.json["errors"][0]["code"], "form_code_incorrect");
    let done = call(&app, "POST", &attempt, "strategy=email_code&code=424242").await;
    assert_eq!(done.json["response"]["status"], "complete");
    assert!(done.json["response"]["created_session_id"].is_string());
}

#[tokio::test]
async fn failed_sign_ins_get_clerks_errors_and_change_nothing() {
    let app = app();
    let token = dev_browser(&app).await;
    let before = client_of(&app, &token).await;
    let cases = [
        (
            "identifier=alan%40example.test&password=wrong",
            "form_password_incorrect",
            "password",
        ),
        (
            "identifier=nobody%40example.test&password=x",
            "form_identifier_not_found",
            "identifier",
        ),
        (
            "identifier=ada%40example.test&password=analytical-engine",
            "identifier_already_signed_in",
            "",
        ),
        ("password=x", "form_param_missing", "identifier"),
    ];
    for (body, code, param) in cases {
        let reply = call(
            &app,
            "POST",
            &format!("/v1/client/sign_ins?__clerk_db_jwt={token}"),
            body,
        )
        .await;
        assert!(reply.status.is_client_error(), "{body}");
        assert_eq!(reply.json["errors"][0]["code"], code, "{body}");
        if !param.is_empty() {
            assert_eq!(reply.json["errors"][0]["meta"]["param_name"], param, "{body}");
        }
    }
    let after = client_of(&app, &token).await;
    assert_eq!(after["sessions"], before["sessions"]);
}

#[tokio::test]
async fn single_session_mode_refuses_a_second_sign_in() {
    let text = DEFAULT_CONFIG.replace("multi_session = true", "multi_session = false");
    let app = emulator(&text);
    let token = dev_browser(&app).await;
    let reply = call(
        &app,
        "POST",
        &format!("/v1/client/sign_ins?__clerk_db_jwt={token}"),
        "identifier=alan%40example.test&password=universal-machine",
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json["errors"][0]["code"], "session_exists");
}

#[tokio::test]
async fn remove_end_and_sign_out_of_all() {
    let app = app();
    let token = dev_browser(&app).await;
    let client = client_of(&app, &token).await;
    let (ada, grace) = (
        client["sessions"][0]["id"].as_str().unwrap(),
        client["sessions"][1]["id"].as_str().unwrap(),
    );

    let removed = call(
        &app,
        "POST",
        &format!("/v1/client/sessions/{grace}/remove?__clerk_db_jwt={token}"),
        "",
    )
    .await;
    assert_eq!(removed.json["response"]["status"], "removed");
    assert_eq!(ids_with_status(&removed.json["client"], "active"), ["Ada"]);

    let ended = call(
        &app,
        "POST",
        &format!("/v1/client/sessions/{ada}/end?__clerk_db_jwt={token}"),
        "",
    )
    .await;
    assert_eq!(ended.json["response"]["status"], "ended");
    let token_after_end = call(
        &app,
        "POST",
        &format!("/v1/client/sessions/{ada}/tokens?__clerk_db_jwt={token}"),
        "",
    )
    .await;
    assert_eq!(token_after_end.status, StatusCode::UNAUTHORIZED);

    let fresh = dev_browser(&app).await;
    let all = call(
        &app,
        "POST",
        &format!("/v1/client/sessions?_method=DELETE&__clerk_db_jwt={fresh}"),
        "",
    )
    .await;
    assert_eq!(all.json["response"]["object"], "client");
    assert_eq!(all.json["client"], Value::Null);
    assert!(ids_with_status(&all.json["response"], "active").is_empty());
}

#[tokio::test]
async fn the_admin_route_revokes_a_session_server_side() {
    let app = app();
    let token = dev_browser(&app).await;
    let grace = client_of(&app, &token).await["sessions"][1]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reply = admin(&app, "POST", &format!("/__emulator/sessions/{grace}/revoke"), "").await;
    assert_eq!(reply.json["revoked"], grace.as_str());
    assert_eq!(
        ids_with_status(&client_of(&app, &token).await, "revoked"),
        ["Grace"]
    );
    let again = admin(&app, "POST", &format!("/__emulator/sessions/{grace}/revoke"), "").await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn user_reload_answers_the_acting_user_with_metadata_the_backend_changed() {
    let app = app();
    let token = dev_browser(&app).await;
    let me = call(&app, "GET", &format!("/v1/me?__clerk_db_jwt={token}"), "").await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json["response"]["id"], "user_ada");
    assert_eq!(me.json["response"]["public_metadata"], json!({"role": "admin"}));
    assert_eq!(me.json["response"]["unsafe_metadata"], json!({"theme": "dark"}));

    let changed = admin(
        &app,
        "POST",
        "/__emulator/users/user_ada/metadata",
        r#"{"public_metadata": {"role": "admin", "plan": "pro"}}"#,
    )
    .await;
    assert_eq!(changed.status, StatusCode::OK);
    let me = call(&app, "GET", &format!("/v1/me?__clerk_db_jwt={token}"), "").await;
    assert_eq!(
        me.json["response"]["public_metadata"],
        json!({"role": "admin", "plan": "pro"})
    );
    assert_eq!(
        me.json["response"]["unsafe_metadata"],
        json!({"theme": "dark"}),
        "left as it was"
    );
    // The client rides along (clerk-js updates from it and emits), with the same user.
    let sessions = me.json["client"]["sessions"].as_array().unwrap();
    assert_eq!(sessions[0]["user"]["public_metadata"]["plan"], "pro");

    // clerk-js names the session it acts for; Grace has no metadata.
    let grace = sessions[1]["id"].as_str().unwrap();
    let her = call(
        &app,
        "GET",
        &format!("/v1/me?__clerk_db_jwt={token}&_clerk_session_id={grace}"),
        "",
    )
    .await;
    assert_eq!(her.json["response"]["id"], "user_grace");
    assert_eq!(her.json["response"]["public_metadata"], json!({}));

    let unknown = admin(&app, "POST", "/__emulator/users/user_nobody/metadata", "{}").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn demo_api_routes_take_faults_by_path() {
    let app = app();
    admin(
        &app,
        "POST",
        "/__emulator/faults",
        r#"{"route": "api/me", "status": 401}"#,
    )
    .await;
    let refused = call(&app, "GET", "/api/me", "").await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.json["errors"][0]["code"], "authentication_invalid");
    // Used up: the next call reaches the API, which wants a token.
    let next = call(&app, "GET", "/api/me", "").await;
    assert_eq!(next.json["error"], "unauthenticated");
}

fn app_with(replacements: &[(&str, &str)]) -> axum::Router {
    let mut text = DEFAULT_CONFIG.to_owned();
    for (from, to) in replacements {
        assert!(text.contains(from), "{from}");
        text = text.replace(from, to);
    }
    emulator(&text)
}

#[tokio::test]
async fn touch_moves_expiry_until_the_maximum_lifetime_then_expiry_gets_401() {
    let app = app_with(&[
        (
            "session_inactivity_timeout = 0",
            "session_inactivity_timeout = 600",
        ),
        ("session_max_lifetime = 604800", "session_max_lifetime = 900"),
    ]);
    let token = dev_browser(&app).await;
    let session = client_of(&app, &token).await["sessions"][0].clone();
    let (sid, created) = (
        session["id"].as_str().unwrap().to_owned(),
        session["created_at"].as_i64().unwrap(),
    );
    // min(last active + 10 min, created + 15 min)
    assert_eq!(session["expire_at"].as_i64().unwrap(), created + 600_000);

    // Five minutes later a touch moves expiry to now + 10 min.
    admin(&app, "POST", "/__emulator/clock", r#"{"offset_ms": 300000}"#).await;
    let touch = format!("/v1/client/sessions/{sid}/touch?__clerk_db_jwt={token}");
    let moved = call(&app, "POST", &touch, "").await.json["response"]["expire_at"]
        .as_i64()
        .unwrap();
    assert!(
        moved >= created + 900_000 - 1000,
        "capped by max lifetime: {moved} vs {}",
        created + 900_000
    );
    assert_eq!(moved, created + 900_000);

    // Past the maximum lifetime the session is expired and a touch gets Clerk's 401.
    admin(&app, "POST", "/__emulator/clock", r#"{"offset_ms": 901000}"#).await;
    let late = call(&app, "POST", &touch, "").await;
    assert_eq!(late.status, StatusCode::UNAUTHORIZED);
    assert_eq!(client_of(&app, &token).await["sessions"][0]["status"], "expired");

    let log = admin(&app, "GET", "/__emulator/touches", "").await.json;
    let statuses: Vec<i64> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["status"].as_i64().unwrap())
        .collect();
    assert_eq!(statuses, [200, 401]);
    assert!(log[1]["at"].as_i64().unwrap() - log[0]["at"].as_i64().unwrap() >= 600_000);
}

#[tokio::test]
async fn injected_faults_hit_the_next_n_calls_of_their_route_only() {
    let app = app();
    let token = dev_browser(&app).await;
    let sid = client_of(&app, &token).await["sessions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    admin(
        &app,
        "POST",
        "/__emulator/faults",
        r#"{"route":"touch","status":429,"count":3}"#,
    )
    .await;
    let touch = format!("/v1/client/sessions/{sid}/touch?__clerk_db_jwt={token}");
    let mut statuses = vec![];
    for _ in 0..4 {
        statuses.push(call(&app, "POST", &touch, "").await.status.as_u16());
    }
    assert_eq!(statuses, [429, 429, 429, 200]);
    let tokens = call(
        &app,
        "POST",
        &format!("/v1/client/sessions/{sid}/tokens?__clerk_db_jwt={token}"),
        "",
    )
    .await;
    assert_eq!(tokens.status, StatusCode::OK, "other routes are untouched");

    admin(
        &app,
        "POST",
        "/__emulator/faults",
        r#"{"route":"client","status":500,"count":5}"#,
    )
    .await;
    admin(&app, "DELETE", "/__emulator/faults", "").await;
    assert_eq!(
        call(&app, "GET", &format!("/v1/client?__clerk_db_jwt={token}"), "")
            .await
            .status,
        StatusCode::OK
    );

    let bad = admin(
        &app,
        "POST",
        "/__emulator/faults",
        r#"{"route":"touch","explode":true}"#,
    )
    .await;
    assert!(bad.status.is_client_error(), "unknown fault fields are refused");
}

#[tokio::test]
async fn a_dropped_connection_breaks_the_body() {
    let app = app();
    let token = dev_browser(&app).await;
    admin(
        &app,
        "POST",
        "/__emulator/faults",
        r#"{"route":"client","drop":true}"#,
    )
    .await;
    let request = Request::builder()
        .uri(format!("/v1/client?__clerk_db_jwt={token}"))
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert!(to_bytes(response.into_body(), 1 << 20).await.is_err());
}

#[tokio::test]
async fn templates_mint_rs256_tokens_that_the_jwks_verifies() {
    use base64::Engine;
    use rsa::pkcs1v15::{Signature, VerifyingKey};
    use rsa::signature::Verifier;

    let app = app();
    let token = dev_browser(&app).await;
    let sid = client_of(&app, &token).await["sessions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let minted = call(
        &app,
        "POST",
        &format!("/v1/client/sessions/{sid}/tokens/app?__clerk_db_jwt={token}"),
        "",
    )
    .await;
    assert_eq!(minted.status, StatusCode::OK);
    let jwt = minted.json["jwt"].as_str().unwrap();
    let claims = decode_claims(jwt);
    assert_eq!(claims["role"], "admin", "{{user.public_metadata.role}} filled in");
    assert_eq!(claims["sub"], "user_ada");
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        300
    );

    let jwks = call(&app, "GET", "/__clerk/.well-known/jwks.json", "").await.json;
    let key = &jwks["keys"][0];
    let b64 = |s: &str| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(s)
            .unwrap()
    };
    let header: Value = serde_json::from_slice(&b64(jwt.split('.').next().unwrap())).unwrap();
    assert_eq!(header["kid"], key["kid"]);
    // Not a session token, and it says so: Clerk's template category, and no session id.
    assert_eq!(
        (&header["typ"], &header["cat"]),
        (&"JWT".into(), &TEMPLATE_TOKEN_CATEGORY.into())
    );
    assert_eq!(claims.get("sid"), None);
    let public = rsa::RsaPublicKey::new(
        rsa::BigUint::from_bytes_be(&b64(key["n"].as_str().unwrap())),
        rsa::BigUint::from_bytes_be(&b64(key["e"].as_str().unwrap())),
    )
    .unwrap();
    let (signed, signature) = jwt.rsplit_once('.').unwrap();
    let signature = Signature::try_from(b64(signature).as_slice()).unwrap();
    assert!(
        VerifyingKey::<sha2::Sha256>::new(public)
            .verify(signed.as_bytes(), &signature)
            .is_ok()
    );
}

#[tokio::test]
async fn the_demo_api_answers_the_verified_session_and_401_without_one() {
    let app = app();
    let token = dev_browser(&app).await;
    let session = client_of(&app, &token).await["sessions"][0].clone();
    let jwt = session["last_active_token"]["jwt"].as_str().unwrap().to_owned();
    let request = Request::builder()
        .uri("/api/me")
        .header(header::AUTHORIZATION, format!("Bearer {jwt}"))
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let me: Value = serde_json::from_slice(&to_bytes(response.into_body(), 1 << 16).await.unwrap()).unwrap();
    assert_eq!(me["user_id"], "user_ada");
    assert_eq!(me["session_id"], session["id"]);
    assert_eq!(
        call(&app, "GET", "/api/me", "").await.status,
        StatusCode::UNAUTHORIZED
    );
}

/// `GET path` with `jwt` as the bearer token: status and JSON body.
async fn api_as(app: &axum::Router, path: &str, jwt: &str) -> (StatusCode, Value) {
    let request = Request::builder()
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {jwt}"))
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let body = to_bytes(response.into_body(), 1 << 16).await.unwrap();
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

#[tokio::test]
async fn the_demo_api_refuses_template_tokens_and_users_without_the_billing_permission() {
    let app = app();
    let token = dev_browser(&app).await;
    let session = client_of(&app, &token).await["sessions"][0].clone();
    let (sid, jwt) = (
        session["id"].as_str().unwrap(),
        session["last_active_token"]["jwt"].as_str().unwrap(),
    );
    for template in ["supabase", "hasura", "app"] {
        let path = format!("/v1/client/sessions/{sid}/tokens/{template}?__clerk_db_jwt={token}");
        let minted = call(&app, "POST", &path, "").await;
        let template_jwt = minted.json["jwt"].as_str().unwrap();
        assert_eq!(
            api_as(&app, "/api/me", template_jwt).await.0,
            StatusCode::UNAUTHORIZED,
            "{template}"
        );
    }
    assert_eq!(api_as(&app, "/api/me", jwt).await.0, StatusCode::OK);
    let (status, body) = api_as(&app, "/api/org/billing", jwt).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body,
        serde_json::json!({"error": "forbidden", "message": "You do not have access to this resource."})
    );
}

#[tokio::test]
async fn the_environment_offers_email_and_password_with_every_settings_object() {
    let env = call(&app(), "GET", "/v1/environment", "").await.json;
    let attributes = &env["user_settings"]["attributes"];
    assert_eq!(attributes["email_address"]["required"], true);
    assert_eq!(
        attributes["email_address"]["verifications"],
        serde_json::json!(["email_code"])
    );
    assert_eq!(attributes["password"]["enabled"], true);
    assert_eq!(
        attributes["password"]["used_for_first_factor"], false,
        "else password becomes an identifier"
    );
    assert_eq!(attributes["phone_number"]["enabled"], false);
    assert_eq!(env["user_settings"]["sign_up"]["captcha_enabled"], false);
    assert_eq!(env["user_settings"]["password_settings"]["min_length"], 8);
    assert_eq!(env["commerce_settings"]["billing"]["user"]["enabled"], false);
    assert_eq!(
        env["commerce_settings"]["billing"]["organization"]["enabled"],
        false
    );
    assert_eq!(env["api_keys_settings"]["user_api_keys_enabled"], false);
    assert_eq!(env["display_config"]["instance_environment_type"], "development");
    assert_eq!(env["display_config"]["application_name"], "leptos-clerk demo");
    assert_eq!(env["display_config"]["captcha_public_key"], Value::Null);
}

/// `POST /v1/client/sign_ups` as SignUp sends it (blank optional names, locale, timezone).
async fn start_sign_up(app: &axum::Router, token: &str, email: &str, password: &str) -> Reply {
    call(
        app,
        "POST",
        &format!("/v1/client/sign_ups?__clerk_db_jwt={token}"),
        &format!(
            "email_address={}&password={password}&first_name=&last_name=&locale=en-US&timezone=Europe%2FParis",
            email.replace('@', "%40")
        ),
    )
    .await
}

#[tokio::test]
async fn sign_up_verifies_the_email_with_the_fixed_code_then_signs_in() {
    let app = app();
    let token = dev_browser(&app).await;
    let created = start_sign_up(&app, &token, "new@example.test", "hunter2hunter2").await;
    assert_eq!(created.status, StatusCode::OK);
    let sign_up = &created.json["response"];
    assert_eq!(sign_up["status"], "missing_requirements");
    assert_eq!(sign_up["unverified_fields"], serde_json::json!(["email_address"]));
    assert_eq!(sign_up["missing_fields"], serde_json::json!([]));
    assert_eq!(sign_up["first_name"], Value::Null, "a blank name is no name");
    let verification = &sign_up["verifications"]["email_address"];
    assert_eq!(verification["strategy"], Value::Null);
    assert_eq!(verification["next_action"], "needs_prepare");
    assert_eq!(
        created.json["client"]["sign_up"], *sign_up,
        "the UI reads client.sign_up"
    );
    let id = sign_up["id"].as_str().unwrap().to_owned();
    let reloaded = call(
        &app,
        "GET",
        &format!("/v1/client/sign_ups/{id}?__clerk_db_jwt={token}"),
        "",
    )
    .await;
    assert_eq!(reloaded.json["response"]["id"], id.as_str());

    let prepared = call(
        &app,
        "POST",
        &format!("/v1/client/sign_ups/{id}/prepare_verification?__clerk_db_jwt={token}"),
        "strategy=email_code",
    )
    .await;
    let verification = &prepared.json["client"]["sign_up"]["verifications"]["email_address"];
    assert_eq!(verification["strategy"], "email_code");
    assert_eq!(verification["next_action"], "needs_attempt");
    let prepared_at = prepared.json["client"]["updated_at"].as_i64().unwrap();
    assert_eq!(
        verification["expire_at"].as_i64().unwrap(),
        prepared_at + 600_000,
        "the code is offered for ten minutes"
    );

    let done = call(
        &app,
        "POST",
        &format!("/v1/client/sign_ups/{id}/attempt_verification?__clerk_db_jwt={token}"),
        &format!("code={CODE}&strategy=email_code"),
    )
    .await;
    assert_eq!(done.status, StatusCode::OK);
    let sign_up = &done.json["response"];
    assert_eq!(sign_up["status"], "complete");
    assert_eq!(sign_up["verifications"]["email_address"]["status"], "verified");
    let user_id = sign_up["created_user_id"].as_str().unwrap();
    assert!(user_id.starts_with("user_"), "{user_id}");
    let client = &done.json["client"];
    assert_eq!(client["sign_up"], Value::Null);
    let session = client["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == sign_up["created_session_id"])
        .expect("the new session is piggybacked");
    assert_eq!(session["status"], "active");
    assert_eq!(session["user"]["id"], user_id);
    assert_eq!(session["user"]["first_name"], Value::Null);
    assert_eq!(
        session["user"]["email_addresses"][0]["email_address"],
        "new@example.test"
    );

    // The account outlives the sign-up: another browser signs in with its password.
    let other = dev_browser(&app).await;
    let signed_in = call(
        &app,
        "POST",
        &format!("/v1/client/sign_ins?__clerk_db_jwt={other}"),
        "identifier=NEW%40example.test&password=hunter2hunter2",
    )
    .await;
    assert_eq!(signed_in.json["response"]["status"], "complete");
    let session_id = signed_in.json["response"]["created_session_id"].clone();
    let session = signed_in.json["client"]["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == session_id)
        .unwrap()
        .clone();
    assert_eq!(session["user"]["id"], user_id);
}

#[tokio::test]
async fn a_wrong_code_is_refused_and_creates_nothing() {
    let app = app();
    let token = dev_browser(&app).await;
    let created = start_sign_up(&app, &token, "new@example.test", "hunter2hunter2").await;
    let id = created.json["response"]["id"].as_str().unwrap().to_owned();
    let attempt = format!("/v1/client/sign_ups/{id}/attempt_verification?__clerk_db_jwt={token}");
    for body in ["code=123456&strategy=email_code", "code=&strategy=email_code", ""] {
        let wrong = call(&app, "POST", &attempt, body).await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let error = &wrong.json["errors"][0];
        assert_eq!(error["code"], "form_code_incorrect");
        assert_eq!(error["long_message"], "Incorrect code");
        assert_eq!(error["meta"]["param_name"], "code");
    }
    let client = client_of(&app, &token).await;
    assert_eq!(client["sign_up"]["id"], id.as_str(), "the sign-up is still open");
    assert_eq!(ids_with_status(&client, "active"), ["Ada", "Grace"]);
    let sign_in = call(
        &app,
        "POST",
        &format!("/v1/client/sign_ins?__clerk_db_jwt={}", dev_browser(&app).await),
        "identifier=new%40example.test&password=hunter2hunter2",
    )
    .await;
    assert_eq!(sign_in.json["errors"][0]["code"], "form_identifier_not_found");

    // The code is accepted without a prepare (the UI skips it when told a code is out).
    let done = call(&app, "POST", &attempt, &format!("code={CODE}")).await;
    assert_eq!(done.json["response"]["status"], "complete");
    let again = call(&app, "POST", &attempt, &format!("code={CODE}")).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "a finished sign-up is gone");
}

#[tokio::test]
async fn sign_up_refuses_taken_addresses_short_passwords_and_missing_fields() {
    let app = app();
    let token = dev_browser(&app).await;
    let cases = [
        (
            "Ada@Example.test",
            "long enough",
            "form_identifier_exists",
            "email_address",
        ),
        (
            "new@example.test",
            "short",
            "form_password_length_too_short",
            "password",
        ),
        ("", "long enough", "form_param_missing", "email_address"),
        (
            "not-an-address",
            "long enough",
            "form_param_format_invalid",
            "email_address",
        ),
        ("new@example.test", "", "form_param_missing", "password"),
    ];
    for (email, password, code, param) in cases {
        let reply = start_sign_up(&app, &token, email, password).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{email} {password}"
        );
        assert_eq!(reply.json["errors"][0]["code"], code, "{email} {password}");
        assert_eq!(
            reply.json["errors"][0]["meta"]["param_name"], param,
            "{email} {password}"
        );
    }
    assert_eq!(client_of(&app, &token).await["sign_up"], Value::Null);
    let unknown = call(
        &app,
        "POST",
        &format!("/v1/client/sign_ups/sua_nope/attempt_verification?__clerk_db_jwt={token}"),
        &format!("code={CODE}"),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn signing_up_twice_with_one_address_lets_only_the_first_finish() {
    let app = app();
    let (a, b) = (dev_browser(&app).await, dev_browser(&app).await);
    let first = start_sign_up(&app, &a, "twin@example.test", "long enough").await;
    let second = start_sign_up(&app, &b, "twin@example.test", "long enough").await;
    let attempt = |token: &str, reply: &Reply| {
        format!(
            "/v1/client/sign_ups/{}/attempt_verification?__clerk_db_jwt={token}",
            reply.json["response"]["id"].as_str().unwrap()
        )
    };
    let won = call(&app, "POST", &attempt(&a, &first), &format!("code={CODE}")).await;
    assert_eq!(won.json["response"]["status"], "complete");
    let lost = call(&app, "POST", &attempt(&b, &second), &format!("code={CODE}")).await;
    assert_eq!(lost.json["errors"][0]["code"], "form_identifier_exists");
    assert_eq!(
        ids_with_status(&client_of(&app, &b).await, "active"),
        ["Ada", "Grace"]
    );
}

#[tokio::test]
async fn single_session_mode_refuses_a_sign_up_beside_a_session() {
    let app = emulator(&DEFAULT_CONFIG.replace("multi_session = true", "multi_session = false"));
    let token = dev_browser(&app).await;
    let reply = start_sign_up(&app, &token, "new@example.test", "long enough").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json["errors"][0]["code"], "session_exists");
}

#[tokio::test]
async fn already_signed_in_names_the_existing_session() {
    let app = app();
    let token = dev_browser(&app).await;
    let ada = client_of(&app, &token).await["sessions"][0]["id"].clone();
    let reply = call(
        &app,
        "POST",
        &format!("/v1/client/sign_ins?__clerk_db_jwt={token}"),
        "identifier=ada%40example.test&locale=en-US",
    )
    .await;
    assert_eq!(reply.json["errors"][0]["code"], "identifier_already_signed_in");
    assert_eq!(reply.json["errors"][0]["meta"]["session_id"], ada);
}

#[tokio::test]
async fn active_sessions_are_a_bare_array_of_the_users_sessions_here() {
    let app = app();
    let token = dev_browser(&app).await;
    let grace = client_of(&app, &token).await["sessions"][1]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reply = call(
        &app,
        "GET",
        &format!("/v1/me/sessions/active?_clerk_session_id={grace}&__clerk_db_jwt={token}"),
        "",
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let sessions = reply.json.as_array().expect("a bare array");
    assert_eq!(
        sessions.len(),
        1,
        "Ada's session in this browser is not Grace's device"
    );
    assert_eq!(sessions[0]["id"], grace.as_str());
    assert_eq!(sessions[0]["status"], "active");
    let activity = &sessions[0]["latest_activity"];
    assert_eq!(activity["browser_name"], "Chrome");
    assert_eq!(activity["ip_address"], "127.0.0.1");
    assert_eq!(activity["is_mobile"], false);

    // Without a session id: the client's last active session (Ada's).
    let last = call(
        &app,
        "GET",
        &format!("/__clerk/v1/me/sessions/active?__clerk_db_jwt={token}"),
        "",
    )
    .await;
    assert_eq!(last.json.as_array().unwrap().len(), 1);
    assert_ne!(last.json[0]["id"], grace.as_str());

    admin(&app, "POST", &format!("/__emulator/sessions/{grace}/revoke"), "").await;
    let gone = call(
        &app,
        "GET",
        &format!("/v1/me/sessions/active?_clerk_session_id={grace}&__clerk_db_jwt={token}"),
        "",
    )
    .await;
    assert_eq!(gone.status, StatusCode::UNAUTHORIZED);
}

/// `GET path` of a router serving static files: status and body text.
async fn get_text(app: &axum::Router, path: &str) -> (StatusCode, String) {
    let request = Request::builder().uri(path).body(Body::empty()).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn the_served_app_answers_its_own_routes_with_index_html() {
    let dir = std::env::temp_dir().join(format!("clerk-emulator-spa-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>app</title>").unwrap();
    std::fs::write(dir.join("assets/app.js"), "console.log(1)").unwrap();
    let site = StaticSite {
        dir: dir.clone(),
        strict_csp: false,
    };
    let app = router(instance(DEFAULT_CONFIG), Some(site));
    for path in [
        "/",
        "/sign-in",
        "/sign-up",
        "/sign-up/verify-email-address",
        "/sign-in/",
    ] {
        let (status, body) = get_text(&app, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(body.contains("<title>app</title>"), "{path}: {body}");
    }
    assert_eq!(
        get_text(&app, "/assets/app.js").await,
        (StatusCode::OK, "console.log(1)".into())
    );
    for path in ["/assets/missing.js", "/favicon.ico"] {
        assert_eq!(get_text(&app, path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
    let health = admin(&app, "GET", "/__emulator/health", "").await;
    assert_eq!(health.status, StatusCode::OK, "the emulator's routes come first");
    assert_eq!(
        get_text(&app, "/__emulator/health").await.0,
        StatusCode::UNAUTHORIZED,
        "not the app's index.html without the admin token either"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn with_strict_csp_each_page_gets_a_fresh_nonce_named_by_its_policy() {
    let dir = std::env::temp_dir().join(format!("clerk-emulator-csp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = r#"<script type="module" nonce="{{__TRUNK NONCE__}}">init()</script>"#;
    std::fs::write(dir.join("index.html"), page).unwrap();
    let site = StaticSite {
        dir: dir.clone(),
        strict_csp: true,
    };
    let app = router(instance(DEFAULT_CONFIG), Some(site));
    let mut nonces = Vec::new();
    for _ in 0..2 {
        let response = app
            .clone()
            .oneshot(Request::get("/").body(Body::empty()).unwrap())
            .await
            .unwrap();
        let policy = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(response.headers()["cache-control"], "no-store");
        let bytes = to_bytes(response.into_body(), 1 << 20).await.unwrap();
        let body = String::from_utf8(bytes.to_vec()).unwrap();
        let nonce = body
            .split("nonce=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned();
        assert_eq!(nonce.len(), 32, "{body}");
        assert!(policy.contains(&format!("'nonce-{nonce}'")), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[1], "a nonce is never reused");
    std::fs::remove_dir_all(dir).unwrap();
}
