//! Organizations over HTTP, as clerk-js and Clerk's organization components call them:
//! memberships in the user, switching with a touch, tokens carrying the permissions,
//! creating one, members and roles, and what hostile or mistaken calls get back.

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use base64::Engine;
use clerk_emulator::{Config, DEFAULT_CONFIG, Emulator, Signer, router};
use serde_json::{Value, json};
use tower::ServiceExt;

/// A FAPI call as clerk-js makes it (form-encoded, from the demo's origin): status and JSON.
async fn call(app: &axum::Router, method: &str, uri: &str, body: &str) -> (StatusCode, Value) {
    let request = Request::builder()
        .method(method)
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

fn app() -> axum::Router {
    let signer = Signer::from_pem(include_str!("fixtures/test-key.pem")).unwrap();
    router(
        Emulator::with_signer(Config::parse(DEFAULT_CONFIG).unwrap(), signer),
        None,
    )
}

/// A new browser: its dev-browser token and its client's sessions (Ada's, then Grace's).
async fn browser(app: &axum::Router) -> (String, Vec<Value>) {
    let (_, dev) = call(app, "POST", "/v1/dev_browser", "").await;
    let token = dev["id"].as_str().unwrap().to_owned();
    let (_, client) = call(app, "GET", &format!("/v1/client?__clerk_db_jwt={token}"), "").await;
    let sessions = client["response"]["sessions"].as_array().unwrap().clone();
    (token, sessions)
}

fn claims(jwt: &Value) -> Value {
    let payload = jwt.as_str().unwrap().split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

/// A session's id.
fn id(session: &Value) -> &str {
    session["id"].as_str().unwrap()
}

/// `POST …/sessions/{id}/touch` with `active_organization_id`: the status and the session.
async fn switch(app: &axum::Router, token: &str, session: &str, organization: &str) -> (StatusCode, Value) {
    let (status, reply) = call(
        app,
        "POST",
        &format!("/v1/client/sessions/{session}/touch?__clerk_db_jwt={token}"),
        &format!("active_organization_id={organization}&intent=select_org"),
    )
    .await;
    (status, reply["response"].clone())
}

#[tokio::test]
async fn seeded_sessions_start_on_the_personal_account_and_list_their_memberships() {
    let app = app();
    let (_, sessions) = browser(&app).await;
    let ada = &sessions[0];
    assert_eq!(ada["last_active_organization_id"], Value::Null);
    assert_eq!(claims(&ada["last_active_token"]["jwt"]).get("o"), None);
    let memberships = ada["user"]["organization_memberships"].as_array().unwrap();
    let summary: Vec<(&str, &str, &str)> = memberships
        .iter()
        .map(|m| {
            (
                m["organization"]["slug"].as_str().unwrap(),
                m["role"].as_str().unwrap(),
                m["role_name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [("acme", "org:admin", "Admin"), ("globex", "org:member", "Member")]
    );
    let acme = &memberships[0];
    assert_eq!(acme["object"], "organization_membership");
    assert_eq!(acme["organization"]["id"], "org_acme");
    assert_eq!(acme["organization"]["members_count"], 2);
    assert_eq!(acme["organization"]["has_image"], false);
    assert_eq!(acme["public_user_data"]["identifier"], "ada@example.test");
    let permissions = acme["permissions"].as_array().unwrap();
    assert!(permissions.contains(&json!("org:billing:manage")));
    assert!(permissions.contains(&json!("org:sys_memberships:manage")));
    assert_eq!(ada["user"]["create_organization_enabled"], true);

    let grace = &sessions[1]["user"]["organization_memberships"];
    assert_eq!(grace[1]["role"], "org:billing_manager");

    let (_, env) = call(&app, "GET", "/v1/environment", "").await;
    assert_eq!(env["organization_settings"]["enabled"], true);
    assert_eq!(env["organization_settings"]["creator_role"], "org:admin");
    assert_eq!(env["organization_settings"]["domains"]["enabled"], false);
}

#[tokio::test]
async fn a_touch_switches_the_organization_and_the_token_carries_its_permissions() {
    let app = app();
    let (token, sessions) = browser(&app).await;
    let ada = id(&sessions[0]);

    let (status, session) = switch(&app, &token, ada, "org_acme").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(session["last_active_organization_id"], "org_acme");
    let token_claims = claims(&session["last_active_token"]["jwt"]);
    assert_eq!(
        token_claims["o"],
        json!({"id": "org_acme", "slg": "acme", "rol": "admin", "per": "read,manage", "fpm": "3,3"})
    );
    assert_eq!(token_claims["fea"], "o:docs,o:billing");

    // A slug names an organization as well as its id does.
    let (_, session) = switch(&app, &token, ada, "globex").await;
    assert_eq!(session["last_active_organization_id"], "org_globex");
    let o = &claims(&session["last_active_token"]["jwt"])["o"];
    assert_eq!(
        (&o["rol"], &o["per"], &o["fpm"]),
        (&json!("member"), &json!("read"), &json!("1,0"))
    );

    let (_, session) = switch(&app, &token, ada, "").await;
    assert_eq!(session["last_active_organization_id"], Value::Null);
    assert_eq!(claims(&session["last_active_token"]["jwt"]).get("o"), None);
}

#[tokio::test]
async fn an_organization_the_user_is_not_in_is_refused_and_changes_nothing() {
    let app = app();
    let (token, sessions) = browser(&app).await;
    let ada = id(&sessions[0]);
    switch(&app, &token, ada, "org_acme").await;
    for organization in ["org_nope", "org_%3Cscript%3E", "nope"] {
        let (status, reply) = call(
            &app,
            "POST",
            &format!("/v1/client/sessions/{ada}/touch?__clerk_db_jwt={token}"),
            &format!("active_organization_id={organization}"),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{organization}");
        assert_eq!(
            reply["errors"][0]["code"],
            "organization_not_found_or_unauthorized"
        );
    }
    let (_, client) = call(&app, "GET", &format!("/v1/client?__clerk_db_jwt={token}"), "").await;
    assert_eq!(
        client["response"]["sessions"][0]["last_active_organization_id"],
        "org_acme"
    );
}

#[tokio::test]
async fn a_token_is_for_the_organization_clerk_js_names_else_the_active_one() {
    let app = app();
    let (token, sessions) = browser(&app).await;
    let ada = id(&sessions[0]);
    switch(&app, &token, ada, "org_acme").await;
    let mint = |body: &'static str| {
        let app = app.clone();
        let uri = format!("/v1/client/sessions/{ada}/tokens?__clerk_db_jwt={token}");
        async move {
            let (status, reply) = call(&app, "POST", &uri, body).await;
            (status, claims(&reply["jwt"])["o"]["id"].clone())
        }
    };
    assert_eq!(
        mint("organization_id=org_globex").await,
        (StatusCode::OK, json!("org_globex"))
    );
    assert_eq!(mint("").await, (StatusCode::OK, json!("org_acme")));
    assert_eq!(mint("organization_id=").await, (StatusCode::OK, Value::Null));
    let (status, reply) = call(
        &app,
        "POST",
        &format!("/v1/client/sessions/{ada}/tokens?__clerk_db_jwt={token}"),
        "organization_id=org_nope",
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        reply["errors"][0]["code"],
        "organization_not_found_or_unauthorized"
    );
}

#[tokio::test]
async fn the_users_memberships_come_page_by_page() {
    let app = app();
    let (token, sessions) = browser(&app).await;
    let grace = id(&sessions[1]);
    let (status, reply) = call(
        &app,
        "GET",
        &format!("/v1/me/organization_memberships?paginated=true&limit=1&offset=1&_clerk_session_id={grace}&__clerk_db_jwt={token}"),
        "",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(reply["response"]["total_count"], 2);
    let data = reply["response"]["data"].as_array().unwrap();
    assert_eq!(data.len(), 1);
    assert_eq!(data[0]["organization"]["name"], "Globex");
    assert_eq!(data[0]["role"], "org:billing_manager");
    assert_eq!(reply["client"]["object"], "client");

    for path in [
        "organization_invitations?status=pending",
        "organization_suggestions?status=pending",
    ] {
        let (status, reply) = call(&app, "GET", &format!("/v1/me/{path}&__clerk_db_jwt={token}"), "").await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(reply["response"], json!({"data": [], "total_count": 0}), "{path}");
    }

    let (status, reply) = call(
        &app,
        "GET",
        &format!("/v1/me/organization_memberships?limit=ten&__clerk_db_jwt={token}"),
        "",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply["errors"][0]["meta"]["param_name"], "limit");
}

#[tokio::test]
async fn an_organization_shows_its_members_and_roles_to_its_members_only() {
    let app = app();
    let (token, _) = browser(&app).await;
    let get = |path: String| {
        let app = app.clone();
        let token = token.clone();
        async move {
            let separator = if path.contains('?') { '&' } else { '?' };
            call(
                &app,
                "GET",
                &format!("/v1/{path}{separator}__clerk_db_jwt={token}"),
                "",
            )
            .await
        }
    };
    let (status, reply) = get("organizations/org_acme".into()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(reply["response"]["object"], "organization");
    assert_eq!(reply["response"]["name"], "Acme");
    assert_eq!(reply["response"]["members_count"], 2);

    let (_, reply) = get("organizations/org_acme/memberships?paginated=true&limit=10&offset=0".into()).await;
    let members: Vec<(&str, &str)> = reply["response"]["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["public_user_data"]["identifier"].as_str().unwrap(),
                m["role"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        members,
        [
            ("ada@example.test", "org:admin"),
            ("grace@example.test", "org:member")
        ]
    );
    assert_eq!(reply["response"]["total_count"], 2);

    let (_, reply) = get("organizations/org_acme/roles".into()).await;
    let roles = reply["response"]["data"].as_array().unwrap();
    let keys: Vec<&str> = roles.iter().map(|r| r["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["org:admin", "org:member", "org:billing_manager"]);
    assert_eq!(roles[0]["is_creator_eligible"], true);
    assert_eq!(roles[0]["permissions"][0]["type"], "user");

    let (status, reply) = get("organizations/org_acme/invitations?status=pending".into()).await;
    assert_eq!(
        (status, &reply["response"]["total_count"]),
        (StatusCode::OK, &json!(0))
    );

    for missing in [
        "organizations/org_nope",
        "organizations/org_nope/memberships",
        "organizations/x/roles",
    ] {
        let (status, reply) = get(missing.into()).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
        assert_eq!(
            reply["errors"][0]["code"],
            "organization_not_found_or_unauthorized"
        );
    }
    let (status, reply) = get("organizations/org_acme/logo/extra".into()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(reply["errors"][0]["code"], "resource_not_found");
}

#[tokio::test]
async fn creating_an_organization_makes_the_creator_its_admin_at_once() {
    let app = app();
    let (token, sessions) = browser(&app).await;
    let grace = id(&sessions[1]);
    let (status, reply) = call(
        &app,
        "POST",
        &format!("/v1/organizations?_clerk_session_id={grace}&__clerk_db_jwt={token}"),
        "name=Initech",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let created = &reply["response"];
    assert_eq!(
        (&created["name"], &created["slug"]),
        (&json!("Initech"), &json!("initech"))
    );
    assert!(created["id"].as_str().unwrap().starts_with("org_"));
    // The piggybacked client already lists it, so clerk-js' listeners see it at once.
    let session = reply["client"]["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == grace)
        .unwrap();
    let memberships = session["user"]["organization_memberships"].as_array().unwrap();
    let initech = memberships
        .iter()
        .find(|m| m["organization"]["id"] == created["id"])
        .unwrap();
    assert_eq!(initech["role"], "org:admin");
    assert_eq!(session["last_active_organization_id"], Value::Null);
    // Ada, not a member, cannot read it.
    let (status, _) = call(
        &app,
        "GET",
        &format!(
            "/v1/organizations/{}?__clerk_db_jwt={token}",
            created["id"].as_str().unwrap()
        ),
        "",
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_new_organization_needs_a_name_and_a_free_well_formed_slug() {
    let app = app();
    let (token, _) = browser(&app).await;
    let create = |body: String| {
        let app = app.clone();
        let uri = format!("/v1/organizations?__clerk_db_jwt={token}");
        async move { call(&app, "POST", &uri, &body).await }
    };
    let long = format!("name={}", "x".repeat(300));
    for (body, code, param) in [
        ("", "form_param_missing", "name"),
        ("name=+++", "form_param_missing", "name"),
        ("name=Again&slug=acme", "form_identifier_exists", "slug"),
        (
            "name=Again&slug=Not%20A%20Slug",
            "form_param_format_invalid",
            "slug",
        ),
        (long.as_str(), "form_param_max_length_exceeded", "name"),
    ] {
        let (status, reply) = create(body.to_owned()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(reply["errors"][0]["code"], code, "{body}");
        assert_eq!(reply["errors"][0]["meta"]["param_name"], param, "{body}");
    }
    let (_, client) = call(&app, "GET", &format!("/v1/client?__clerk_db_jwt={token}"), "").await;
    let memberships = &client["response"]["sessions"][0]["user"]["organization_memberships"];
    assert_eq!(memberships.as_array().unwrap().len(), 2, "nothing was created");
}

#[tokio::test]
async fn the_demo_billing_api_needs_the_billing_permission() {
    let app = app();
    let (token, sessions) = browser(&app).await;
    let ada = id(&sessions[0]);
    let billing = |jwt: Option<String>| {
        let app = app.clone();
        async move {
            let mut request = Request::builder().uri("/api/org/billing");
            if let Some(jwt) = jwt {
                request = request.header(header::AUTHORIZATION, format!("Bearer {jwt}"));
            }
            let response = app.oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
            let status = response.status();
            let bytes = to_bytes(response.into_body(), 1 << 16).await.unwrap();
            (status, serde_json::from_slice::<Value>(&bytes).unwrap())
        }
    };
    let jwt_in = |session: &Value| Some(session["last_active_token"]["jwt"].as_str().unwrap().to_owned());

    let (_, acme) = switch(&app, &token, ada, "org_acme").await;
    assert_eq!(
        billing(jwt_in(&acme)).await,
        (StatusCode::OK, json!({"ok": true}))
    );
    let (_, globex) = switch(&app, &token, ada, "org_globex").await;
    assert_eq!(billing(jwt_in(&globex)).await.0, StatusCode::FORBIDDEN);
    let (_, personal) = switch(&app, &token, ada, "").await;
    assert_eq!(billing(jwt_in(&personal)).await.0, StatusCode::FORBIDDEN);
    assert_eq!(billing(None).await.0, StatusCode::UNAUTHORIZED);

    // Grace is Globex's billing manager.
    let grace = id(&sessions[1]);
    let (_, globex) = switch(&app, &token, grace, "org_globex").await;
    assert_eq!(billing(jwt_in(&globex)).await.0, StatusCode::OK);
}

#[test]
fn organization_configs_that_name_nothing_are_refused() {
    let with = |extra: &str| Config::parse(&format!("{DEFAULT_CONFIG}\n{extra}"));
    let seed = |members: &str| {
        format!("[[organizations.seed]]\nid = \"org_x\"\nname = \"X\"\nslug = \"x\"\nmembers = [{members}]")
    };
    assert!(with(&seed("{ user = \"user_ada\", role = \"org:admin\" }")).is_ok());
    for (extra, error) in [
        (
            seed("{ user = \"user_nobody\", role = \"org:admin\" }"),
            "no user",
        ),
        (seed("{ user = \"user_ada\", role = \"org:owner\" }"), "no role"),
        (
            seed(
                "{ user = \"user_ada\", role = \"org:admin\" }, { user = \"user_ada\", role = \"org:member\" }",
            ),
            "twice",
        ),
        (seed("").replace("slug = \"x\"", "slug = \"acme\""), "taken"),
        (
            "[[organizations.roles]]\nkey = \"org:x\"\nname = \"X\"\npermissions = [\"docs:read\"]".into(),
            "not org:<feature>:<action>",
        ),
        (
            "[[organizations.roles]]\nkey = \"admin\"\nname = \"X\"".into(),
            "org:<name>",
        ),
    ] {
        let refused = with(&extra).unwrap_err();
        assert!(refused.contains(error), "{extra}: {refused}");
    }
}
