//! The License API example server: an in-memory License API on axum whose
//! every error is a catalog error, `LicenseApiError`.
//!
//! ```text
//! cargo run --example license_server                  # 127.0.0.1:8080
//! cargo run --example license_server -- 127.0.0.1:3000
//! LICENSE_SERVER_ADDR=127.0.0.1:3000 cargo run --example license_server
//! ```
//!
//! It prints its address and a few `curl` commands to try, logs every 5xx
//! error with its source chain to stderr, and stops on Ctrl-C, after the
//! requests in flight. It runs with the production timeouts,
//! `Timeouts::default()`: 10 s for a request's head, 10 s for its body, and
//! 5 s for a connection left idle. The endpoints and the answers are
//! described in `error_catalog_examples::server`.

use std::net::SocketAddr;
use std::sync::Arc;

use error_catalog_examples::server::{self, seed, Store, Timeouts};

#[tokio::main]
async fn main() {
    if let Err(error) = run().await {
        eprintln!("license_server: {error}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    // A 5xx error is logged here, with its source chain; the client gets
    // only the catalog's fixed message.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .init();

    let addr = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("LICENSE_SERVER_ADDR").ok())
        .unwrap_or_else(|| server::DEFAULT_ADDR.to_owned());
    let addr: SocketAddr = addr.parse().map_err(|e| {
        format!(
            "`{addr}` is not an address like {}: {e}",
            server::DEFAULT_ADDR
        )
    })?;

    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let addr = listener.local_addr()?;

    let base = format!("http://{addr}/api/v4");
    let product = seed::PRODUCT;
    let timeouts = Timeouts::default();
    println!("License API listening on http://{addr} (Ctrl-C stops it)");
    println!(
        "Timeouts: {:?} for a request's head, {:?} for its body, {:?} idle",
        timeouts.header_read, timeouts.body_read, timeouts.idle
    );
    println!();
    println!("Licenses of product `{product}`: {} (active on {}), {} (expired), {} (disabled), {} (at its activation limit), {} (an unreadable record)",
        seed::ACTIVE_KEY, seed::ACTIVE_DEVICE, seed::EXPIRED_KEY, seed::DISABLED_KEY, seed::FULL_KEY, seed::BROKEN_KEY);
    println!();
    println!("Try:");
    println!(
        "  curl -i -H 'authorization: demo' '{base}/check_license?license_key={}&hardware_id={}&product={product}'",
        seed::ACTIVE_KEY,
        seed::ACTIVE_DEVICE
    );
    println!(
        "  curl -i -H 'authorization: demo' -H 'content-type: application/json' -d '{{\"license_key\":\"{}\",\"hardware_id\":\"device-2\",\"product\":\"{product}\"}}' {base}/activate_license",
        seed::EXPIRED_KEY
    );
    println!(
        "  curl -i -H 'content-type: application/json' -d '{{\"license_key\":\"{}\"}}' {base}/activate_license",
        seed::ACTIVE_KEY
    );

    server::serve_with(listener, Arc::new(Store::seeded()), timeouts, async {
        // If the signal cannot be installed, run until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
        println!("\nShutting down");
    })
    .await?;
    Ok(())
}
