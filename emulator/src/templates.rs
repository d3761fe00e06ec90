//! JWT templates: named token shapes with their own lifetime and custom claims, whose
//! string values may hold Clerk's shortcodes (`{{user.id}}`, `{{user.public_metadata.role}}`,
//! `{{org.id}}`…).

use serde_json::{Map, Value, json};

use crate::config::{JwtTemplate, User};

/// Claims every token carries, which a template cannot replace.
const RESERVED: [&str; 6] = ["iss", "sub", "iat", "nbf", "exp", "azp"];

/// What shortcodes can name.
pub struct Shortcodes<'a> {
    pub user: &'a User,
    pub session_id: &'a str,
    pub organization_id: Option<&'a str>,
}

impl JwtTemplate {
    /// The template's custom claims with shortcodes filled in. Reserved claims are left
    /// to the caller.
    pub fn render(&self, shortcodes: &Shortcodes<'_>) -> Map<String, Value> {
        self.claims
            .iter()
            .filter(|(name, _)| !RESERVED.contains(&name.as_str()))
            .map(|(name, value)| (name.clone(), render(value, shortcodes)))
            .collect()
    }
}

fn render(value: &Value, shortcodes: &Shortcodes<'_>) -> Value {
    match value {
        Value::String(text) => render_text(text, shortcodes),
        Value::Array(items) => Value::Array(items.iter().map(|item| render(item, shortcodes)).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(key, value)| (key.clone(), render(value, shortcodes)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A string that is exactly one shortcode takes the value's own type (a metadata array
/// stays an array; a missing value is null); shortcodes inside other text are spliced in as
/// text.
fn render_text(text: &str, shortcodes: &Shortcodes<'_>) -> Value {
    let trimmed = text.trim();
    if let Some(path) = trimmed
        .strip_prefix("{{")
        .and_then(|rest| rest.strip_suffix("}}"))
        && !path.contains("{{")
    {
        return lookup(path.trim(), shortcodes);
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        match lookup(rest[start + 2..start + end].trim(), shortcodes) {
            Value::String(s) => out.push_str(&s),
            Value::Null => {}
            other => out.push_str(&other.to_string()),
        }
        rest = &rest[start + end + 2..];
    }
    out.push_str(rest);
    Value::String(out)
}

fn lookup(path: &str, shortcodes: &Shortcodes<'_>) -> Value {
    let user = shortcodes.user;
    let mut parts = path.split('.');
    match (parts.next(), parts.next()) {
        (Some("user"), Some("id")) => json!(user.id),
        (Some("user"), Some("first_name")) => json!(user.first_name),
        (Some("user"), Some("last_name")) => json!(user.last_name),
        (Some("user"), Some("primary_email_address")) => json!(user.email),
        (Some("user"), Some("public_metadata")) => parts
            .fold(Value::Object(user.public_metadata.clone()), |value, key| {
                value.get(key).cloned().unwrap_or(Value::Null)
            }),
        (Some("session"), Some("id")) => json!(shortcodes.session_id),
        (Some("org"), Some("id")) => json!(shortcodes.organization_id),
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user() -> User {
        toml::from_str(
            r#"
            id = "user_ada"
            first_name = "Ada"
            email = "ada@example.test"
            password = "x"
            public_metadata = { role = "admin", teams = ["core", "docs"] }
            "#,
        )
        .unwrap()
    }

    fn template(claims: &str) -> JwtTemplate {
        toml::from_str(&format!("name = \"t\"\nclaims = {claims}")).unwrap()
    }

    #[test]
    fn shortcodes_fill_hasura_and_supabase_style_templates() {
        let user = user();
        let codes = Shortcodes {
            user: &user,
            session_id: "sess_1",
            organization_id: None,
        };
        let hasura = template(
            r#"{ "https://hasura.io/jwt/claims" = { "x-hasura-user-id" = "{{user.id}}", "x-hasura-default-role" = "user", "x-hasura-allowed-roles" = ["user"] } }"#,
        );
        assert_eq!(
            Value::Object(hasura.render(&codes)),
            json!({"https://hasura.io/jwt/claims": {"x-hasura-user-id": "user_ada", "x-hasura-default-role": "user", "x-hasura-allowed-roles": ["user"]}})
        );
        let custom = template(
            r#"{ role = "{{user.public_metadata.role}}", teams = "{{user.public_metadata.teams}}", greeting = "Hi {{user.first_name}} ({{session.id}})", org = "{{org.id}}", missing = "{{user.public_metadata.nope}}" }"#,
        );
        assert_eq!(
            Value::Object(custom.render(&codes)),
            json!({"role": "admin", "teams": ["core", "docs"], "greeting": "Hi Ada (sess_1)", "org": null, "missing": null})
        );
    }

    #[test]
    fn reserved_claims_cannot_be_overridden() {
        let user = user();
        let codes = Shortcodes {
            user: &user,
            session_id: "s",
            organization_id: None,
        };
        let sneaky = template(r#"{ sub = "someone_else", exp = 99999999999, aud = "app" }"#);
        assert_eq!(Value::Object(sneaky.render(&codes)), json!({"aud": "app"}));
    }
}
