//! [`ClerkServerFnClient`]: Leptos server functions called with the session token.

use std::future::Future;

use leptos::server_fn::Bytes;
use leptos::server_fn::client::Client;
use leptos::server_fn::client::browser::BrowserClient;
use leptos::server_fn::error::FromServerFnError;
use leptos::server_fn::request::browser::BrowserRequest;
use leptos::server_fn::response::browser::BrowserResponse;
use send_wrapper::SendWrapper;

use super::get_token::{GetToken, GetTokenOptions};

/// A client for Leptos server functions that sends the current session token as a Bearer
/// header, so that a call does not depend on the `__session` cookie, which is stale a minute
/// after clerk-js last refreshed it (a tab that slept, a call made as the page wakes up). A
/// server function is never redirected through Clerk's handshake: with a stale cookie and no
/// header it would be signed out.
///
/// The token is clerk-js' cached one (refreshed before it expires); before clerk-js has
/// loaded, or signed out, the call goes without the header and the cookie speaks for it.
/// Everything else is Leptos' own browser client.
///
/// ```ignore
/// use leptos::prelude::*;
/// use leptos_clerk::ClerkServerFnClient;
///
/// #[server(client = ClerkServerFnClient)]
/// async fn my_orders() -> Result<Vec<String>, ServerFnError> {
///     let auth = leptos_clerk::axum::server_auth()?;
///     Ok(vec![format!("the orders of {}", auth.user_id())])
/// }
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ClerkServerFnClient;

impl<Error, InputStreamError, OutputStreamError> Client<Error, InputStreamError, OutputStreamError>
    for ClerkServerFnClient
where
    Error: FromServerFnError,
    InputStreamError: FromServerFnError,
    OutputStreamError: FromServerFnError,
{
    type Request = BrowserRequest;
    type Response = BrowserResponse;

    fn send(request: Self::Request) -> impl Future<Output = Result<Self::Response, Error>> + Send {
        SendWrapper::new(async move {
            if let Ok(token) = GetToken::new().call(GetTokenOptions::default()).await {
                request.headers().set("Authorization", &format!("Bearer {token}"));
            }
            <BrowserClient as Client<Error, InputStreamError, OutputStreamError>>::send(request).await
        })
    }

    fn open_websocket(
        path: &str,
    ) -> impl Future<
        Output = Result<
            (
                impl futures::Stream<Item = Result<Bytes, Bytes>> + Send + 'static,
                impl futures::Sink<Bytes> + Send + 'static,
            ),
            Error,
        >,
    > + Send {
        <BrowserClient as Client<Error, InputStreamError, OutputStreamError>>::open_websocket(path)
    }

    fn spawn(future: impl Future<Output = ()> + Send + 'static) {
        <BrowserClient as Client<Error, InputStreamError, OutputStreamError>>::spawn(future);
    }
}
