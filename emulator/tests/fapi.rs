//! The emulator over HTTP, as clerk-js calls it: shapes, piggybacked clients, errors.

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use clerk_emulator::{Config, DEFAULT_CONFIG, Emulator, router};
use serde_json::Value;
use tower::ServiceExt;

struct Reply {
    status: StatusCode,
    json: Value,
    set_cookie: Option<String>,
}

async fn call(app: &axum::Router, method: &str, uri: &str, body: &str) -> Reply {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "http://localhost:8080")
        .body(Body::from(body.to_owned()))
        .unwrap();
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

fn app() -> axum::Router {
    router(Emulator::new(Config::parse(DEFAULT_CONFIG).unwrap(), 7), None)
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
        &format!("/v1/client/sessions/{sid}/tokens/hasura?__clerk_db_jwt={token}"),
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
