//! `clerk-emulator [--host 127.0.0.1] [--port 8787] [--config FILE] [--serve-dir DIR]
//! [--exit-when-unreachable HOST:PORT]`
//!
//! Binds loopback only unless `--allow-non-loopback` is given: it holds sessions and mints
//! tokens for anyone who asks, which is only safe on this machine.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clerk_emulator::{Config, DEFAULT_CONFIG, Emulator, Signer, router};

const USAGE: &str = "usage: clerk-emulator [--host 127.0.0.1] [--port 8787 | env CLERK_EMULATOR_PORT] \
[--config FILE] [--key PKCS8_PEM_FILE] [--serve-dir DIR] [--allow-non-loopback] \
[--exit-when-unreachable HOST:PORT]";

struct Args {
    host: IpAddr,
    port: u16,
    config: Option<PathBuf>,
    key: Option<PathBuf>,
    serve_dir: Option<PathBuf>,
    allow_non_loopback: bool,
    exit_when_unreachable: Option<SocketAddr>,
}

fn parse_args() -> Result<Args, String> {
    let env_port = std::env::var("CLERK_EMULATOR_PORT").ok();
    let mut args = Args {
        host: IpAddr::from([127, 0, 0, 1]),
        port: env_port
            .as_deref()
            .unwrap_or("8787")
            .parse()
            .map_err(|_| "CLERK_EMULATOR_PORT is not a port")?,
        config: None,
        key: None,
        serve_dir: None,
        allow_non_loopback: false,
        exit_when_unreachable: None,
    };
    let mut argv = std::env::args().skip(1);
    while let Some(flag) = argv.next() {
        let mut value = || argv.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--host" => args.host = value()?.parse().map_err(|_| "--host takes an IP address")?,
            "--port" => {
                args.port = value()?
                    .parse()
                    .map_err(|_| "--port takes a number (0: any free port)")?
            }
            "--config" => args.config = Some(value()?.into()),
            "--key" => args.key = Some(value()?.into()),
            "--serve-dir" => args.serve_dir = Some(value()?.into()),
            "--allow-non-loopback" => args.allow_non_loopback = true,
            "--exit-when-unreachable" => {
                let address = value()?;
                let parsed = address
                    .parse()
                    .map_err(|_| format!("--exit-when-unreachable takes HOST:PORT, not {address:?}"))?;
                args.exit_when_unreachable = Some(parsed);
            }
            "--help" | "-h" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    if !args.host.is_loopback() && !args.allow_non_loopback {
        return Err(format!(
            "refusing to listen on {}: the emulator hands out sessions to anyone; \
             pass --allow-non-loopback if you really mean it",
            args.host
        ));
    }
    Ok(args)
}

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
    let args = parse_args()?;
    let text = match &args.config {
        Some(path) => {
            std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?
        }
        None => DEFAULT_CONFIG.to_owned(),
    };
    let config = Config::parse(&text).map_err(|e| format!("invalid config: {e}"))?;
    let publishable_key = config.publishable_key();
    let signer = match &args.key {
        Some(path) => {
            let pem =
                std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Signer::from_pem(&pem)?
        }
        None => Signer::generate()?,
    };
    let emulator = Emulator::with_signer(config, signer);
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(args.host, args.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", args.host, args.port))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    // Tests read this line to learn the port when they pass --port 0.
    println!("clerk-emulator listening on http://{address} (publishable key {publishable_key})");
    let watched = args.exit_when_unreachable;
    axum::serve(listener, router(emulator, args.serve_dir))
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
