//! Server-side verification of one session token with a warm key cache:
//! `cargo bench --features server --bench verify`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use leptos_clerk::server::Verifier;
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};
use serde_json::json;

const KEY_PEM: &str = include_str!("../emulator/tests/fixtures/test-key.pem");
const NOW: i64 = 1_800_000_000;

fn verify(c: &mut Criterion) {
    let public = rsa::RsaPrivateKey::from_pkcs8_pem(KEY_PEM)
        .unwrap()
        .to_public_key();
    let verifier = Verifier::with_public_key_pem(public.to_public_key_pem(Default::default()).unwrap())
        .issuer("https://x.clerk.accounts.dev")
        .build();
    let claims = json!({"iss": "https://x.clerk.accounts.dev", "sub": "user_1", "sid": "sess_1",
                        "iat": NOW, "nbf": NOW - 10, "exp": NOW + 60, "v": 2, "o": {"id": "org_1", "rol": "admin"}});
    let token = clerk_emulator::Signer::from_pem(KEY_PEM).unwrap().sign(&claims);
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    runtime.block_on(verifier.verify_at(&token, NOW)).unwrap();
    c.bench_function("verify one RS256 session token (warm keys)", |b| {
        b.iter(|| {
            runtime
                .block_on(verifier.verify_at(black_box(&token), NOW))
                .unwrap()
        })
    });
}

criterion_group!(benches, verify);
criterion_main!(benches);
