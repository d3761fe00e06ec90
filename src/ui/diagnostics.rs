//! The browser half of the checks: gather what each one needs, then let `evaluate` judge.

use leptos::prelude::GetUntracked;

use crate::claims::{Jwt, VerifyOptions};
use crate::diagnostics::evaluate;
use crate::diagnostics::{Check, CheckStatus, DiagnosticsReport};
use crate::js::Clerk;
use crate::js::dom::{cookie_facts, page_origin, storage_entries};
use crate::js::time::now_ms;
use crate::model::SessionSnapshot;
use crate::runtime::{ClerkContext, verify};
use crate::ui::actions::{GetToken, GetTokenOptions};

/// What to check beyond the basics.
///
/// ```
/// use leptos_clerk::DiagnosticsOptions;
/// let options = DiagnosticsOptions::default().template("hasura", ["https://hasura.io/jwt/claims"]);
/// # let _ = options;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiagnosticsOptions {
    template: Option<String>,
    required_claims: Vec<String>,
    authorized_parties: Option<Vec<String>>,
    touch: bool,
}

impl Default for DiagnosticsOptions {
    fn default() -> Self {
        Self {
            template: None,
            required_claims: Vec::new(),
            authorized_parties: None,
            touch: true,
        }
    }
}

impl DiagnosticsOptions {
    /// Check that JWT template `name` carries these top-level claims (present, not null).
    pub fn template<I, S>(mut self, name: impl Into<String>, required_claims: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.template = Some(name.into());
        self.required_claims = required_claims.into_iter().map(Into::into).collect();
        self
    }

    /// Origins a token's `azp` may name. Default: this page's origin.
    pub fn authorized_parties<I, S>(mut self, parties: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.authorized_parties = Some(parties.into_iter().map(Into::into).collect());
        self
    }

    /// Whether the refresh check may touch the session. Default: yes.
    pub fn touch(mut self, touch: bool) -> Self {
        self.touch = touch;
        self
    }
}

/// Runs every check against the live clerk-js and returns the report. The refresh check
/// touches the session once (unless told not to); nothing else changes anything.
pub async fn run_diagnostics(clerk: ClerkContext, options: &DiagnosticsOptions) -> DiagnosticsReport {
    let status = clerk.status().get_untracked();
    let resources = clerk.resources().get_untracked();
    let session = resources.session.get().cloned();
    let mut checks = vec![evaluate::basic(&status, session.as_ref())];

    match (status.is_loaded(), &session) {
        (true, Some(session)) => {
            let fresh = jwt_verify(&clerk, options).await;
            checks.push(fresh.check);
            checks.push(custom_claims(options).await);
            checks.push(evaluate::multi_session(
                resources.client.as_ref(),
                Some(&session.id),
            ));
            let touched = refresh(session, options.touch).await;
            checks.push(touched.check);
            checks.push(evaluate::expiration(
                now_ms(),
                touched.after.as_ref().unwrap_or(session),
                fresh.issued_at,
                touched.extends,
            ));
        }
        _ => {
            for (id, title) in [
                ("jwt-verify", "Does a fresh token verify?"),
                ("custom-claims", "Are the custom claims there?"),
                ("multi-session", "Which sessions exist?"),
                ("refresh", "Does a touch register?"),
                ("expiration", "When does it expire, and are clocks in sync?"),
            ] {
                checks.push(Check::new(
                    id,
                    title,
                    CheckStatus::Info,
                    "needs a signed-in session",
                ));
            }
        }
    }
    checks.push(evaluate::storage(&storage_entries()));
    checks.push(evaluate::cookie(&cookie_facts("__session").await));
    DiagnosticsReport {
        checks,
        finished_at: now_ms(),
    }
}

/// The token check, and what the expiration check needs from it.
struct FreshToken {
    check: Check,
    /// The token's `iat`, for the clock-skew check.
    issued_at: Option<i64>,
}

/// The refresh check, and what the expiration check needs from it.
struct Touched {
    check: Check,
    /// The session after the touch, when there was one.
    after: Option<SessionSnapshot>,
    /// Whether the touch moved `expire_at`, when that is known.
    extends: Option<bool>,
}

/// Fetches a fresh session token and verifies it.
async fn jwt_verify(clerk: &ClerkContext, options: &DiagnosticsOptions) -> FreshToken {
    let token = match GetToken::new()
        .call(GetTokenOptions::default().skip_cache(true))
        .await
    {
        Ok(token) => token,
        Err(error) => {
            return FreshToken {
                check: evaluate::jwt_verify(None, Err(format!("getToken() failed: {error}"))),
                issued_at: None,
            };
        }
    };
    let issued_at = Jwt::decode(&token)
        .ok()
        .and_then(|jwt| jwt.payload.get("iat").and_then(|v| v.as_i64()));
    let Some(jwks_url) = clerk.jwks_url() else {
        return FreshToken {
            check: evaluate::jwt_verify(Some(token), Err("the instance's JWKS URL is unknown".into())),
            issued_at,
        };
    };
    let mut verify_options = VerifyOptions::default().authorized_parties(
        options
            .authorized_parties
            .clone()
            .unwrap_or_else(|| page_origin().into_iter().collect()),
    );
    if let Some(issuer) = clerk.issuer() {
        verify_options = verify_options.issuer(issuer);
    }
    let check = match verify(&token, &jwks_url, &verify_options).await {
        Ok(jwt) => evaluate::jwt_verify(Some(token), Ok(jwt.header.kid)),
        Err(error) => {
            evaluate::jwt_verify(Some(token), Err(error.to_string())).fix(evaluate::verify_fix(&error))
        }
    };
    FreshToken { check, issued_at }
}

async fn custom_claims(options: &DiagnosticsOptions) -> Check {
    let Some(template) = options.template.as_deref() else {
        return evaluate::custom_claims(None, &[], None, None);
    };
    let outcome = GetToken::new()
        .call(GetTokenOptions::default().template(template))
        .await;
    let (outcome, token) = match outcome {
        Ok(token) => (
            Jwt::decode(&token)
                .map(|jwt| jwt.payload)
                .map_err(|e| e.to_string()),
            Some(token),
        ),
        Err(error) => (Err(error.to_string()), None),
    };
    evaluate::custom_claims(Some(template), &options.required_claims, Some(outcome), token)
}

/// Touches the current session once.
async fn refresh(before: &SessionSnapshot, touch: bool) -> Touched {
    let untouched = |check| Touched {
        check,
        after: None,
        extends: None,
    };
    if !touch {
        return untouched(Check::new(
            "refresh",
            "Does a touch register?",
            CheckStatus::Info,
            "skipped: touching was turned off",
        ));
    }
    let live = Clerk::from_window().and_then(|clerk| clerk.session());
    let Some(live) = live else {
        return untouched(evaluate::refresh(before, Err("the session is gone".into())));
    };
    // Compare with the live object clerk-js updates in place, not the provider's copy.
    let before = live.snapshot().unwrap_or_else(|| before.clone());
    match live.touch().await {
        Ok(()) => {
            let after = live.snapshot().unwrap_or_else(|| before.clone());
            let extends = before.expire_at.zip(after.expire_at).map(|(b, a)| a > b);
            Touched {
                check: evaluate::refresh(&before, Ok(&after)),
                after: Some(after),
                extends,
            }
        }
        Err(error) => untouched(evaluate::refresh(&before, Err(error.to_string()))),
    }
}
