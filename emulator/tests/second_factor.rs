//! A user with second factors, over HTTP as clerk-js calls it: the sign-in stops at
//! `needs_second_factor`, the phone code is prepared then attempted, and the environment
//! says the instance offers multi-factor authentication.

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use clerk_emulator::{Access, Config, Emulator, Signer, VERIFICATION_CODE as CODE, router};
use serde_json::Value;
use tower::ServiceExt;

const CONFIG: &str = include_str!("../../tests/e2e/fixtures/second-factor.toml");

fn app() -> axum::Router {
    let signer = Signer::from_pem(include_str!("fixtures/test-key.pem")).unwrap();
    router(
        Emulator::with_access(Config::parse(CONFIG).unwrap(), signer, Access::loopback()),
        None,
    )
}

async fn call(app: &axum::Router, uri: &str, body: &str) -> (StatusCode, Value) {
    let request = Request::builder()
        .method("POST")
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "http://localhost:8080")
        .body(Body::from(body.to_owned()))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

/// A new browser: its dev-browser token.
async fn browser(app: &axum::Router) -> String {
    let (_, reply) = call(app, "/v1/dev_browser", "").await;
    reply["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_password_sign_in_stops_at_the_second_factor_until_the_texted_code() {
    let app = app();
    let token = browser(&app).await;
    let (status, started) = call(
        &app,
        &format!("/v1/client/sign_ins?__clerk_db_jwt={token}"),
        "identifier=katherine%40example.test&password=orbital-mechanics&strategy=password",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let sign_in = &started["response"];
    assert_eq!(sign_in["status"], "needs_second_factor");
    assert_eq!(sign_in["created_session_id"], Value::Null);
    assert_eq!(started["client"]["sessions"].as_array().unwrap().len(), 0);
    assert_eq!(started["client"]["sign_in"]["status"], "needs_second_factor");
    let factors = sign_in["supported_second_factors"].as_array().unwrap();
    let strategies: Vec<&str> = factors.iter().map(|f| f["strategy"].as_str().unwrap()).collect();
    assert_eq!(strategies, ["phone_code", "totp", "backup_code"]);
    assert_eq!(factors[0]["safe_identifier"], "+*******0100");
    let phone = factors[0]["phone_number_id"].as_str().unwrap();

    let id = sign_in["id"].as_str().unwrap();
    let path = |action: &str| format!("/v1/client/sign_ins/{id}/{action}?__clerk_db_jwt={token}");
    // A phone code must be sent first, and only to the account's own number.
    let (status, early) = call(
        &app,
        &path("attempt_second_factor"),
        &format!("strategy=phone_code&code={CODE}"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(early["errors"][0]["meta"]["param_name"], "strategy");
    let (status, _) = call(
        &app,
        &path("prepare_second_factor"),
        "strategy=phone_code&phone_number_id=idn_x",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, prepared) = call(
        &app,
        &path("prepare_second_factor"),
        &format!("strategy=phone_code&phone_number_id={phone}"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        prepared["response"]["second_factor_verification"]["status"],
        "unverified"
    );

    let (status, wrong) = call(
        &app,
        &path("attempt_second_factor"),
        "strategy=phone_code&code=111111",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong["errors"][0]["code"], "form_code_incorrect");
    let (status, done) = call(
        &app,
        &path("attempt_second_factor"),
        &format!("strategy=phone_code&code={CODE}"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(done["response"]["status"], "complete");
    let session = done["response"]["created_session_id"].as_str().unwrap();
    let sessions = done["client"]["sessions"].as_array().unwrap();
    let session = sessions.iter().find(|s| s["id"] == session).unwrap();
    assert_eq!(session["user"]["two_factor_enabled"], true);
    // Its tokens say both factors were just verified.
    assert_eq!(session["factor_verification_age"], serde_json::json!([0, 0]));
    assert_eq!(done["client"]["sign_in"], Value::Null);
}

#[tokio::test]
async fn totp_needs_no_prepare_and_strategies_not_offered_are_refused() {
    let app = app();
    let token = browser(&app).await;
    let (_, started) = call(
        &app,
        &format!("/v1/client/sign_ins?__clerk_db_jwt={token}"),
        "identifier=katherine%40example.test&password=orbital-mechanics&strategy=password",
    )
    .await;
    let id = started["response"]["id"].as_str().unwrap();
    let path = format!("/v1/client/sign_ins/{id}/attempt_second_factor?__clerk_db_jwt={token}");
    let (_, unknown) = call(&app, &path, &format!("strategy=email_code&code={CODE}")).await;
    assert_eq!(unknown["errors"][0]["code"], "strategy_for_user_invalid");
    let (status, done) = call(&app, &path, &format!("strategy=totp&code={CODE}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(done["response"]["status"], "complete");
}

#[tokio::test]
async fn device_trust_asks_a_new_browser_for_an_emailed_code_once() {
    let app = app();
    let token = browser(&app).await;
    let sign_in = format!("/v1/client/sign_ins?__clerk_db_jwt={token}");
    let password = "identifier=alan%40example.test&password=universal-machine&strategy=password";
    let (_, started) = call(&app, &sign_in, password).await;
    let response = &started["response"];
    assert_eq!(response["status"], "needs_client_trust");
    assert_eq!(response["client_trust_state"], "new");
    let factor = &response["supported_second_factors"][0];
    assert_eq!(factor["strategy"], "email_code");
    assert_eq!(factor["safe_identifier"], "alan@example.test");
    let id = response["id"].as_str().unwrap();
    let path = |action: &str| format!("/v1/client/sign_ins/{id}/{action}?__clerk_db_jwt={token}");
    // Not a phone: Alan has none.
    let (status, _) = call(
        &app,
        &path("prepare_second_factor"),
        "strategy=phone_code&phone_number_id=idn_phone_alan",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let address = factor["email_address_id"].as_str().unwrap();
    let (status, _) = call(
        &app,
        &path("prepare_second_factor"),
        &format!("strategy=email_code&email_address_id={address}"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, done) = call(
        &app,
        &path("attempt_second_factor"),
        &format!("strategy=email_code&code={CODE}"),
    )
    .await;
    assert_eq!(done["response"]["status"], "complete");

    // This browser is known now: signed out and back in, the password is enough.
    let session = done["response"]["created_session_id"].as_str().unwrap();
    call(
        &app,
        &format!("/v1/client/sessions/{session}/remove?__clerk_db_jwt={token}"),
        "",
    )
    .await;
    let (_, again) = call(&app, &sign_in, password).await;
    assert_eq!(again["response"]["status"], "complete");
}

#[tokio::test]
async fn the_environment_offers_the_configured_second_factors() {
    let app = app();
    let request = Request::builder()
        .uri("/v1/environment")
        .header(header::ORIGIN, "http://localhost:8080")
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let bytes = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    let environment: Value = serde_json::from_slice(&bytes).unwrap();
    let settings = &environment["user_settings"];
    assert_eq!(settings["sign_in"]["second_factor"]["enabled"], true);
    for (attribute, strategy) in [
        ("phone_number", "phone_code"),
        ("authenticator_app", "totp"),
        ("backup_code", "backup_code"),
    ] {
        assert_eq!(settings["attributes"][attribute]["used_for_second_factor"], true);
        assert_eq!(settings["attributes"][attribute]["second_factors"][0], strategy);
    }
    // Still not a way to sign in: the identifier stays the email address.
    assert_eq!(
        settings["attributes"]["phone_number"]["used_for_first_factor"],
        false
    );
}
