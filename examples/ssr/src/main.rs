//! The server: renders the app per request (`leptos_axum`), authenticates page loads as
//! Clerk's server SDKs do (`ClerkLayer` in handshake mode), serves the built assets, and
//! forwards `/__clerk` to the Frontend API, as Clerk's proxy set-up does.
//!
//! Environment: `SITE_DIR` (the built site: `pkg/`, `clerk-js/`, `switcher.css`),
//! `ADDRESS` (default `127.0.0.1:3000`; port 0 picks one), `CLERK_PUBLISHABLE_KEY` (default
//! clerk-emulator's), and `CLERK_FRONTEND_API`, the Frontend API's origin (clerk-emulator's
//! `http://127.0.0.1:<port>` offline; by default the publishable key's own host).

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use leptos_clerk::axum::{ClerkAuth, ClerkLayer};
use leptos_clerk::model::PublishableKey;
use leptos_clerk::server::{HttpJwks, Verifier};
use leptos_clerk_example_ssr::app::{App, server_publishable_key, shell};
use tower_http::services::ServeDir;

#[tokio::main]
async fn main() {
    let site = std::env::var("SITE_DIR").unwrap_or_else(|_| "target/example-ssr".to_owned());
    let address = std::env::var("ADDRESS").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    let publishable_key = server_publishable_key();
    let key = PublishableKey::parse(&publishable_key).expect("a valid publishable key");
    let issuer = format!("https://{}", key.frontend_api);
    let frontend_api = std::env::var("CLERK_FRONTEND_API").unwrap_or_else(|_| issuer.clone());
    let verifier = Verifier::with_jwks_source(HttpJwks::new(format!("{frontend_api}/.well-known/jwks.json")))
        .issuer(issuer)
        .build();
    let clerk = ClerkLayer::new(Arc::new(verifier))
        .handshake(&publishable_key)
        .expect("a valid publishable key")
        .proxy_url("/__clerk");

    let options = LeptosOptions::builder()
        .output_name("leptos_clerk_example_ssr")
        .site_root(site.clone())
        .build();
    let routes = generate_route_list(App);
    let pages = Router::new()
        // A JSON API beside the pages: `ClerkAuth` answers 401 by itself when signed out.
        .route(
            "/api/me",
            axum::routing::get(|auth: ClerkAuth| async move { auth.user_id().to_owned() }),
        )
        .leptos_routes(&options, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .layer(clerk)
        .with_state(options);
    let proxy = Router::new().fallback(forward).with_state(Arc::new(Forward {
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client"),
        frontend_api,
    }));
    let app = Router::new()
        .nest("/__clerk", proxy)
        .nest_service("/pkg", ServeDir::new(format!("{site}/pkg")))
        .nest_service("/clerk-js", ServeDir::new(format!("{site}/clerk-js")))
        .route_service(
            "/switcher.css",
            tower_http::services::ServeFile::new(format!("{site}/switcher.css")),
        )
        .merge(pages);

    let listener = tokio::net::TcpListener::bind(&address)
        .await
        .expect("the address is free");
    // The end-to-end tests read this line to find the port.
    println!("listening on http://{}", listener.local_addr().expect("bound"));
    axum::serve(listener, app).await.expect("the server runs");
}

/// Where `/__clerk` goes.
struct Forward {
    client: reqwest::Client,
    frontend_api: String,
}

/// Forwards one request to the Frontend API and its answer back, redirects and cookies
/// included (Clerk's proxy: the browser only ever talks to the app's origin).
async fn forward(State(forward): State<Arc<Forward>>, request: Request) -> Response {
    let path = request.uri().path_and_query().map_or("/", |path| path.as_str());
    let url = format!("{}{path}", forward.frontend_api);
    let method = request.method().clone();
    let headers = request.headers().clone();
    let Ok(body) = axum::body::to_bytes(request.into_body(), 1 << 20).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let sent = forward
        .client
        .request(method, url)
        .headers(without_hop_by_hop(headers))
        .body(body)
        .send()
        .await;
    let Ok(answer) = sent else {
        return StatusCode::BAD_GATEWAY.into_response();
    };
    let status = answer.status();
    let headers = without_hop_by_hop(answer.headers().clone());
    let body = answer.bytes().await.unwrap_or_default();
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    response
}

/// The headers of one hop, which a proxy must not pass on.
fn without_hop_by_hop(mut headers: HeaderMap) -> HeaderMap {
    for name in [
        header::CONNECTION,
        header::TRANSFER_ENCODING,
        header::CONTENT_LENGTH,
        header::UPGRADE,
    ] {
        headers.remove(name);
    }
    headers
}
