//! `clerk-emulator [--host 127.0.0.1] [--port 8787] [--config FILE] [--serve-dir DIR]
//! [--exit-when-unreachable HOST:PORT]`; `--help` lists every flag.
//!
//! Not for production: it signs in anyone who asks. It binds loopback only unless
//! `--allow-non-loopback` is given, answers only loopback hosts and origins unless told
//! others (`--allow-host`, `--allow-origin`), refuses to play a production instance (a
//! `pk_live_` key) without `--allow-live-key`, and guards its admin routes with a per-run
//! token (`CLERK_EMULATOR_ADMIN_TOKEN`, or one it makes up and prints).

mod args;
mod banner;
mod signing_key;

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use clerk_emulator::{Access, Config, DEFAULT_CONFIG, Emulator, StaticSite, router};

use crate::banner::{AdminToken, Risks};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("clerk-emulator: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let args = args::parse(std::env::args().skip(1), |name| std::env::var(name).ok())?;
    let text = match &args.config {
        Some(path) => {
            std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?
        }
        None => DEFAULT_CONFIG.to_owned(),
    };
    let config = Config::parse(&text).map_err(|e| format!("invalid config: {e}"))?;
    let host = config.instance.frontend_api.clone();
    if !config.is_development() && !args.allow_live_key {
        return Err(format!(
            "refusing to play a production instance: frontend_api {host:?} is not a development \
             host (*.accounts.dev…), so the publishable key would be pk_live_ and tokens would \
             claim iss https://{host}; pass --allow-live-key if you really mean it"
        ));
    }
    let publishable_key = config.publishable_key();
    let signer = signing_key::load(args.key.as_deref())?;
    let mut access = Access::loopback();
    if let Some(token) = &args.admin_token {
        access = access.with_admin_token(token);
    }
    for name in &args.allow_hosts {
        access = access.allow_host(name);
    }
    for origin in &args.allow_origins {
        access = access.allow_origin(origin);
    }
    let admin_token = match args.admin_token {
        Some(_) => AdminToken::Given,
        None => AdminToken::Generated(access.admin_token()),
    };
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(args.host, args.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", args.host, args.port))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let risks = Risks {
        beyond_loopback: Some(address).filter(|address| !address.ip().is_loopback()),
        production_host: Some(host.as_str()).filter(|_| !config.is_development()),
    };
    for line in banner::lines(&risks, &admin_token) {
        println!("{line}");
        // A risky set-up is said on both streams, so a log of either one shows it.
        if risks.any() {
            eprintln!("{line}");
        }
    }
    // Tests read this line to learn the port when they pass --port 0.
    println!("clerk-emulator listening on http://{address} (publishable key {publishable_key})");
    let emulator = Emulator::with_access(config, signer, access);
    let watched = args.exit_when_unreachable;
    let site = args.serve_dir.map(|dir| StaticSite {
        dir,
        strict_csp: args.strict_csp,
    });
    axum::serve(listener, router(emulator, site))
        .with_graceful_shutdown(async move {
            let watch = async {
                match watched {
                    Some(address) => until_unreachable(address).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                () = watch => {}
            }
        })
        .await
        .map_err(|e| e.to_string())
}

/// How often `--exit-when-unreachable` knocks.
const KNOCK_EVERY: Duration = Duration::from_secs(2);
/// Knocks in a row that must fail before the emulator gives up (a server busy for a moment
/// is not gone).
const MISSES_TO_EXIT: u32 = 3;
/// How long the watched server may take to answer a first time: `trunk serve` listens only
/// after its first build, which on a fresh clone compiles everything.
const FIRST_ANSWER_WITHIN: Duration = Duration::from_secs(20 * 60);

/// Returns once `address` has accepted a connection and then refused [`MISSES_TO_EXIT`] in a
/// row, or has not accepted one within [`FIRST_ANSWER_WITHIN`].
///
/// Trunk's pre-build hook starts the emulator detached (`cargo xtask emulator --detach`), so
/// no process owns it; watching Trunk's server this way ends it with `trunk serve`, however
/// that ends, on any system.
async fn until_unreachable(address: SocketAddr) {
    let started = tokio::time::Instant::now();
    let mut answered = false;
    let mut misses = 0;
    loop {
        tokio::time::sleep(KNOCK_EVERY).await;
        let knock = tokio::time::timeout(KNOCK_EVERY, tokio::net::TcpStream::connect(address));
        if matches!(knock.await, Ok(Ok(_))) {
            answered = true;
            misses = 0;
            continue;
        }
        if !answered && started.elapsed() > FIRST_ANSWER_WITHIN {
            eprintln!("clerk-emulator: nothing answered on {address} in {FIRST_ANSWER_WITHIN:?}; exiting");
            return;
        }
        misses += u32::from(answered);
        if misses >= MISSES_TO_EXIT {
            eprintln!("clerk-emulator: {address} stopped answering; exiting");
            return;
        }
    }
}
