//! What the hooks hand out to act on Clerk: `Copy` handles with an async `call`.
//!
//! Each reads `window.Clerk` fresh when called and returns a [`ClerkError`](crate::ClerkError)
//! the page can show; none of them changes the provider's state directly: clerk-js emits,
//! and the signals follow.

mod fetch;
mod flow_state;
mod get_token;
mod organization;
mod redirect;
mod redirect_callback;
mod reload_user;
mod server_fn_client;
mod set_active;
mod sign_in;
mod sign_in_email_code;
mod sign_in_redirect;
mod sign_in_second_factor;
mod sign_out;
mod sign_up;

pub use fetch::{ApiReply, ApiRequest, AuthenticatedFetch, FetchError};
pub(crate) use flow_state::FlowState;
pub use get_token::{GetToken, GetTokenOptions};
pub use organization::{CreateOrganizationAction, ListInvitations, ListMemberships};
pub use redirect::{
    RedirectOptions, redirect_to_after_sign_out, redirect_to_sign_in, redirect_to_sign_up,
    redirect_to_user_profile,
};
pub use redirect_callback::{RedirectCallbackOptions, handle_redirect_callback};
pub use reload_user::ReloadUser;
pub use server_fn_client::ClerkServerFnClient;
pub use set_active::{SetActive, SetActiveOptions};
pub use sign_in::SignInWithPassword;
pub use sign_in_email_code::SignInWithEmailCode;
pub use sign_in_redirect::SignInWithRedirect;
pub use sign_in_second_factor::SignInSecondFactor;
pub use sign_out::{SignOut, SignOutOptions};
pub use sign_up::SignUpWithPassword;
