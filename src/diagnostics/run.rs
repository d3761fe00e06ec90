//! The browser half of the checks: gather what each one needs, then let `evaluate` judge.

use js_sys::Reflect;
use leptos::prelude::GetUntracked;
use wasm_bindgen::{JsCast, JsValue};

use super::evaluate::{self, CookieFacts};
use super::report::{Check, CheckStatus, DiagnosticsReport};
use crate::actions::{GetToken, GetTokenOptions};
use crate::bindings::{Clerk, clerk_error};
use crate::claims::{Jwt, VerifyOptions, verify};
use crate::context::ClerkContext;
use crate::model::SessionSnapshot;

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
            let issued_at = fresh.1;
            checks.push(fresh.0);
            checks.push(custom_claims(options).await);
            checks.push(evaluate::multi_session(
                resources.client.as_ref(),
                Some(&session.id),
            ));
            let (refresh, after, extends) = refresh(session, options.touch).await;
            checks.push(refresh);
            let now = js_sys::Date::now() as i64;
            checks.push(evaluate::expiration(
                now,
                after.as_ref().unwrap_or(session),
                issued_at,
                extends,
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
    checks.push(evaluate::cookie(&cookie_facts().await));
    DiagnosticsReport {
        checks,
        finished_at: js_sys::Date::now() as i64,
    }
}

/// Fetches a fresh session token and verifies it; also returns its `iat` for the skew check.
async fn jwt_verify(clerk: &ClerkContext, options: &DiagnosticsOptions) -> (Check, Option<i64>) {
    let token = match GetToken::new()
        .call(GetTokenOptions::default().skip_cache(true))
        .await
    {
        Ok(token) => token,
        Err(error) => {
            return (
                evaluate::jwt_verify(None, Err(format!("getToken() failed: {error}"))),
                None,
            );
        }
    };
    let issued_at = Jwt::decode(&token)
        .ok()
        .and_then(|jwt| jwt.payload.get("iat").and_then(|v| v.as_i64()));
    let Some(jwks_url) = clerk.jwks_url() else {
        return (
            evaluate::jwt_verify(Some(token), Err("the instance's JWKS URL is unknown".into())),
            issued_at,
        );
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
    (check, issued_at)
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

/// Touches the current session once; returns the check, the session after, and whether the
/// touch moved `expire_at`.
async fn refresh(before: &SessionSnapshot, touch: bool) -> (Check, Option<SessionSnapshot>, Option<bool>) {
    if !touch {
        let check = Check::new(
            "refresh",
            "Does a touch register?",
            CheckStatus::Info,
            "skipped: touching was turned off",
        );
        return (check, None, None);
    }
    let live = Clerk::from_window().and_then(|clerk| clerk.session());
    let Some(live) = live else {
        return (
            evaluate::refresh(before, Err("the session is gone".into())),
            None,
            None,
        );
    };
    // Compare with the live object clerk-js updates in place, not the provider's copy.
    let before = live.snapshot().unwrap_or_else(|| before.clone());
    match live.touch().await {
        Ok(()) => {
            let after = live.snapshot().unwrap_or_else(|| before.clone());
            let extends = before.expire_at.zip(after.expire_at).map(|(b, a)| a > b);
            (evaluate::refresh(&before, Ok(&after)), Some(after), extends)
        }
        Err(error) => (
            evaluate::refresh(&before, Err(clerk_error(error).to_string())),
            None,
            None,
        ),
    }
}

fn storage_entries() -> Vec<(&'static str, String, String)> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let areas = [
        ("localStorage", window.local_storage()),
        ("sessionStorage", window.session_storage()),
    ];
    let mut entries = Vec::new();
    for (name, storage) in areas {
        let Some(storage) = storage.ok().flatten() else {
            continue;
        };
        for index in 0..storage.length().unwrap_or(0) {
            if let Some(key) = storage.key(index).ok().flatten() {
                let value = storage.get_item(&key).ok().flatten().unwrap_or_default();
                entries.push((name, key, value));
            }
        }
    }
    entries
}

async fn cookie_facts() -> CookieFacts {
    let window = web_sys::window();
    let document = window.as_ref().and_then(|w| w.document());
    let cookies = document
        .and_then(|d| Reflect::get(&d, &"cookie".into()).ok())
        .and_then(|c| c.as_string())
        .unwrap_or_default();
    let present = cookies
        .split(';')
        .any(|pair| pair.trim().starts_with("__session="));
    let https = page_origin().is_some_and(|origin| origin.starts_with("https:"));
    let mut facts = CookieFacts {
        present,
        https,
        ..CookieFacts::default()
    };
    // The CookieStore API (where the browser has it) tells attributes document.cookie hides.
    let store = window
        .and_then(|w| Reflect::get(&w, &"cookieStore".into()).ok())
        .filter(|s| s.is_object());
    let Some(store) = store else { return facts };
    let get = Reflect::get(&store, &"get".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(pending) = get.and_then(|get| get.call1(&store, &"__session".into()).ok()) else {
        return facts;
    };
    let Ok(item) = crate::bindings::settle(pending).await else {
        return facts;
    };
    facts.attributes_readable = true;
    if item.is_object() {
        let field = |key: &str| Reflect::get(&item, &key.into()).unwrap_or(JsValue::UNDEFINED);
        facts.present = true;
        facts.same_site = field("sameSite").as_string();
        facts.secure = field("secure").as_bool();
        facts.expires = field("expires").as_f64().map(|ms| ms as i64);
    }
    facts
}

fn page_origin() -> Option<String> {
    web_sys::window()?.location().origin().ok()
}
