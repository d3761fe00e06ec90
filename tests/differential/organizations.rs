//! The emulator's encoding of the active organization in session tokens (`o.per`, `o.fpm`,
//! `fea`: `clerk_emulator::ActiveOrganization`) against Clerk's decoding of it
//! (`@clerk/shared`'s `jwtPayloadParser`, through `claims.mjs`): every seeded membership of
//! the emulator's default config, and generated ones (random subsets of permissions over
//! 1–3 features, with system permissions mixed in and sometimes more than 64 permission
//! names, so masks outgrow 64 bits). Clerk must read back exactly the membership's
//! non-system permissions, its role, id and slug.

use std::collections::BTreeSet;

use clerk_emulator::{ActiveOrganization, Config, DEFAULT_CONFIG};
use serde_json::{Value, json};

use crate::support::{Rng, clerks_verdicts, report, seeds};

/// Generated cases per seed; two seeds per run.
const CASES: usize = 3_000;

/// One membership to encode: what the token should say.
struct Membership {
    id: String,
    slug: String,
    role: String,
    permissions: Vec<String>,
    features: Vec<String>,
}

/// The default config's seeded memberships, as the emulator would put them in a token.
fn seeded() -> Vec<Membership> {
    let config = Config::parse(DEFAULT_CONFIG).expect("the default config parses");
    let organizations = &config.organizations;
    let features = organizations.features();
    let mut memberships = Vec::new();
    for org in &organizations.seed {
        for member in &org.members {
            let role = organizations.roles.iter().find(|r| r.key == member.role);
            memberships.push(Membership {
                id: org.id.clone(),
                slug: org.slug.clone(),
                role: member.role.clone(),
                permissions: role.map(|r| r.permissions.clone()).unwrap_or_default(),
                features: features.clone(),
            });
        }
    }
    assert_eq!(memberships.len(), 4, "Acme and Globex, two members each");
    memberships
}

fn generated(rng: &mut Rng) -> Membership {
    const FEATURES: [&str; 6] = [
        "docs",
        "billing",
        "reports",
        "members",
        "impersonation",
        "api_keys",
    ];
    const SYSTEM: [&str; 4] = [
        "org:sys_memberships:read",
        "org:sys_memberships:manage",
        "org:sys_profile:manage",
        "org:sys_domains:read",
    ];
    let mut features: Vec<String> = Vec::new();
    while features.len() < 1 + rng.below(3) {
        let feature = (*rng.pick(&FEATURES)).to_owned();
        if !features.contains(&feature) {
            features.push(feature);
        }
    }
    // Sometimes more than 64 names, so a feature's mask needs more than 64 bits.
    let names: Vec<String> = match rng.below(10) {
        0 => (0..65 + rng.below(40)).map(|i| format!("act_{i}")).collect(),
        _ => ["read", "manage", "create", "update", "delete", "invite"][..1 + rng.below(6)]
            .iter()
            .map(|name| (*name).to_owned())
            .collect(),
    };
    let mut permissions = Vec::new();
    for feature in &features {
        for name in &names {
            if rng.chance(40) {
                permissions.push(format!("org:{feature}:{name}"));
            }
        }
    }
    for system in SYSTEM {
        if rng.chance(30) {
            permissions.push(system.to_owned());
        }
    }
    // The order of a role's permissions is the config's, which may be any.
    for i in (1..permissions.len()).rev() {
        permissions.swap(i, rng.below(i + 1));
    }
    Membership {
        id: format!("org_{}", rng.below(1000)),
        slug: format!("org-{}", rng.below(1000)),
        role: format!("org:{}", rng.pick(&["admin", "member", "billing_manager"])),
        permissions,
        features,
    }
}

/// A v2 session token's claims with the membership's organization, as the emulator signs them.
fn payload(membership: &Membership) -> Value {
    let mut claims = json!({
        "iss": "https://clerk.example.com",
        "sub": "user_1",
        "sid": "sess_1",
        "iat": 1_999_999_940,
        "exp": 2_000_000_000,
        "v": 2,
    });
    ActiveOrganization {
        id: &membership.id,
        slug: &membership.slug,
        role: &membership.role,
        permissions: &membership.permissions,
        features: &membership.features,
    }
    .add_to(&mut claims);
    claims
}

/// What Clerk must read back: the organization and its non-system permissions, as a set.
fn expected(membership: &Membership) -> Value {
    let permissions: BTreeSet<&String> = membership
        .permissions
        .iter()
        .filter(|key| !key.starts_with("org:sys_"))
        .collect();
    json!({
        "org_id": membership.id,
        "org_role": membership.role,
        "org_slug": membership.slug,
        "org_permissions": permissions,
    })
}

/// Clerk's verdict with its permissions as a set (Clerk lists them feature by feature).
fn as_set(mut verdict: Value) -> Value {
    if let Some(list) = verdict["org_permissions"].as_array() {
        let set: BTreeSet<String> = list
            .iter()
            .filter_map(|p| p.as_str().map(str::to_owned))
            .collect();
        verdict["org_permissions"] = json!(set);
    }
    verdict
}

#[test]
fn the_emulators_organization_claims_decode_to_the_memberships_permissions() {
    let seeds = seeds();
    let mut cases: Vec<(Option<u64>, Membership)> = seeded().into_iter().map(|m| (None, m)).collect();
    for &seed in &seeds {
        let mut rng = Rng(seed);
        cases.extend((0..CASES).map(|_| (Some(seed), generated(&mut rng))));
    }
    let payloads: Vec<Value> = cases.iter().map(|(_, membership)| payload(membership)).collect();
    let Some(theirs) = clerks_verdicts("claims.mjs", &payloads, &[]) else {
        return;
    };
    let mut disagreements = Vec::new();
    for (((seed, membership), payload), theirs) in cases.iter().zip(&payloads).zip(theirs) {
        let (want, got) = (expected(membership), as_set(theirs));
        if want != got {
            let origin = seed.map_or("seeded".to_owned(), |seed| format!("seed {seed}"));
            disagreements.push(format!(
                "{origin}\n  permissions: {:?}\n  features: {:?}\n  payload: {payload}\n  expected: {want}\n  Clerk's:  {got}",
                membership.permissions, membership.features
            ));
        }
    }
    report(
        "emulator's organization claims vs @clerk/shared jwtPayloadParser",
        " (4 seeded memberships)",
        cases.len(),
        &seeds,
        &disagreements,
        &[],
    );
}
