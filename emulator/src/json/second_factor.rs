//! The JSON that second factors add: a user's phone number and flags (`UserJSON`), a
//! sign-in's `supported_second_factors`, and the environment's attributes that tell clerk-js
//! and Clerk's UI that the instance offers them.

use serde_json::{Value, json};

use crate::config::{SecondFactor, User};

/// The id of `user`'s (only) phone number, as `UserJSON` and `phone_code` factors name it.
pub fn phone_number_id(user: &User) -> String {
    format!("idn_phone_{}", user.id.trim_start_matches("user_"))
}

/// The phone number as a sign-in may show it before the user proved who they are: all but
/// the last four digits hidden (`+*******0100`).
pub fn masked_phone_number(number: &str) -> String {
    let digits = number.chars().count();
    number
        .chars()
        .enumerate()
        .map(|(i, c)| if i > 0 && i + 4 < digits { '*' } else { c })
        .collect()
}

/// `UserJSON.phone_numbers`: the user's number, reserved for their second factor.
pub fn phone_numbers(user: &User) -> Value {
    let Some(number) = &user.phone_number else {
        return json!([]);
    };
    let second_factor = user.second_factors.contains(&SecondFactor::PhoneCode);
    json!([{
        "object": "phone_number",
        "id": phone_number_id(user),
        "phone_number": number,
        "reserved_for_second_factor": second_factor,
        "default_second_factor": second_factor,
        "verification": {"status": "verified", "strategy": "phone_code", "attempts": null, "expire_at": null},
        "linked_to": [],
        "backup_codes": null,
        "created_at": 0,
        "updated_at": 0,
    }])
}

/// A sign-in's `supported_second_factors` for `user`, in the order of the config.
pub fn second_factors(user: &User) -> Value {
    let factors: Vec<Value> = user
        .second_factors
        .iter()
        .map(|factor| match factor {
            SecondFactor::PhoneCode => json!({
                "strategy": "phone_code",
                "phone_number_id": phone_number_id(user),
                "safe_identifier": masked_phone_number(user.phone_number.as_deref().unwrap_or_default()),
                "default": true,
            }),
            other => json!({"strategy": other.strategy()}),
        })
        .collect();
    Value::Array(factors)
}

/// Turns on, in `user_settings`, each second factor some configured user has, the way a
/// Clerk instance with multi-factor authentication describes itself: the attribute is
/// enabled, `used_for_second_factor`, with its strategy in `second_factors`; and
/// `sign_in.second_factor.enabled`. Without such users the settings stay as they are.
pub fn advertise(user_settings: &mut Value, users: &[User]) {
    let mut any = false;
    for (factor, attribute, verifications) in [
        (SecondFactor::PhoneCode, "phone_number", json!(["phone_code"])),
        (SecondFactor::Totp, "authenticator_app", json!(["totp"])),
        (SecondFactor::BackupCode, "backup_code", json!([])),
    ] {
        if !users.iter().any(|user| user.second_factors.contains(&factor)) {
            continue;
        }
        any = true;
        let settings = &mut user_settings["attributes"][attribute];
        settings["enabled"] = json!(true);
        settings["used_for_second_factor"] = json!(true);
        settings["second_factors"] = json!([factor.strategy()]);
        settings["verifications"] = verifications;
    }
    if any {
        user_settings["sign_in"]["second_factor"]["enabled"] = json!(true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_masked_but_for_the_last_four_digits() {
        assert_eq!(masked_phone_number("+15555550100"), "+*******0100");
        assert_eq!(masked_phone_number("0100"), "0100");
        assert_eq!(masked_phone_number(""), "");
    }
}
