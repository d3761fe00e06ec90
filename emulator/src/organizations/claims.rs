//! The active organization in a v2 session token: `o: {id, slg, rol, per, fpm}` and `fea`,
//! encoded as Clerk encodes them, so that `@clerk/shared`'s `jwtPayloadParser` (and
//! leptos-clerk's reading of it) gets the membership's permissions back.
//!
//! Clerk packs permissions as a bit mask per feature: `per` lists the permission names
//! (`read,manage`), `fea` the organization's features (`o:docs,o:billing`), and `fpm` holds
//! one decimal per feature, in `fea` order, whose bit `i` (least significant first) grants
//! that feature the `i`th name of `per`. System permissions (`org:sys_…`) are not carried.

use serde_json::{Value, json};

use super::config::{is_system_permission, split_permission};

/// A session's active organization, as its token describes it.
#[derive(Clone, Copy, Debug)]
pub struct ActiveOrganization<'a> {
    /// `org_…`.
    pub id: &'a str,
    pub slug: &'a str,
    /// The role key, `org:admin`; the token carries it without the `org:` prefix.
    pub role: &'a str,
    /// The membership's permission keys (`org:docs:read`), system ones included: they are
    /// left out here.
    pub permissions: &'a [String],
    /// The organization's features, in the order `fea` lists them. A permission of a
    /// feature not named here cannot be carried, and is left out.
    pub features: &'a [String],
}

impl ActiveOrganization<'_> {
    /// Adds `o` and `fea` to a v2 session token's claims.
    ///
    /// ```
    /// use clerk_emulator::ActiveOrganization;
    /// let permissions = ["org:docs:read".to_owned(), "org:billing:manage".to_owned()];
    /// let features = ["docs".to_owned(), "billing".to_owned()];
    /// let mut claims = serde_json::json!({"v": 2});
    /// ActiveOrganization { id: "org_1", slug: "acme", role: "org:admin", permissions: &permissions, features: &features }
    ///     .add_to(&mut claims);
    /// assert_eq!(claims["o"]["per"], "read,manage");
    /// assert_eq!(claims["o"]["fpm"], "1,2");
    /// assert_eq!(claims["fea"], "o:docs,o:billing");
    /// ```
    pub fn add_to(&self, claims: &mut Value) {
        let granted: Vec<(&str, &str)> = self
            .permissions
            .iter()
            .filter(|key| !is_system_permission(key))
            .filter_map(|key| split_permission(key))
            .filter(|(feature, _)| self.features.iter().any(|f| f == feature))
            .collect();
        let mut names: Vec<&str> = Vec::new();
        for (_, action) in &granted {
            if !names.contains(action) {
                names.push(action);
            }
        }
        let masks: Vec<String> = self
            .features
            .iter()
            .map(|feature| {
                let bits: Vec<bool> = names
                    .iter()
                    .map(|name| granted.contains(&(feature.as_str(), *name)))
                    .collect();
                decimal(&bits)
            })
            .collect();
        claims["o"] = json!({
            "id": self.id,
            "slg": self.slug,
            "rol": self.role.strip_prefix("org:").unwrap_or(self.role),
            "per": names.join(","),
            "fpm": masks.join(","),
        });
        claims["fea"] = json!(
            self.features
                .iter()
                .map(|feature| format!("o:{feature}"))
                .collect::<Vec<_>>()
                .join(",")
        );
    }
}

/// The decimal for a bit list, least significant bit first, of any length: `fpm` entries
/// grow past 64 bits once `per` has more than 64 names.
fn decimal(bits: &[bool]) -> String {
    // Little-endian base-10 digits; for each bit from the most significant, double and add.
    let mut digits: Vec<u8> = vec![0];
    for &bit in bits.iter().rev() {
        let mut carry = u8::from(bit);
        for digit in &mut digits {
            let value = *digit * 2 + carry;
            *digit = value % 10;
            carry = value / 10;
        }
        if carry > 0 {
            digits.push(carry);
        }
    }
    digits.iter().rev().map(|d| char::from(b'0' + d)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn masks_are_decimals_of_any_width() {
        assert_eq!(decimal(&[]), "0");
        assert_eq!(decimal(&[false, true]), "2");
        assert_eq!(decimal(&[true, false, true]), "5");
        let mut wide = vec![false; 70];
        wide[64] = true;
        assert_eq!(decimal(&wide), (1_u128 << 64).to_string());
        assert_eq!(decimal(&[true; 100]), ((1_u128 << 100) - 1).to_string());
    }

    #[test]
    fn a_member_gets_read_on_docs_and_nothing_on_billing() {
        let mut claims = json!({"v": 2});
        let permissions = strings(&["org:docs:read", "org:sys_memberships:read"]);
        let features = strings(&["docs", "billing"]);
        ActiveOrganization {
            id: "org_acme",
            slug: "acme",
            role: "org:member",
            permissions: &permissions,
            features: &features,
        }
        .add_to(&mut claims);
        assert_eq!(
            claims,
            json!({"v": 2, "fea": "o:docs,o:billing", "o": {"id": "org_acme", "slg": "acme", "rol": "member", "per": "read", "fpm": "1,0"}})
        );
    }
}
