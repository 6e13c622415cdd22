//! The `tracing` feature: a 5xx error that becomes a response (through
//! `to_response`, axum or actix-web, on real servers) is logged at error
//! level with its code and its whole source chain; a 4xx is not logged as
//! an error. The source's text goes to the log only, never to the client.

mod support;

use std::fmt;
use std::net::SocketAddr;

use error_catalog::ApiError;
use support::capture::{captured, install, Captured};
use tracing::Level;

/// The events logged by error-catalog whose `sources` mention `marker`, or
/// whose code is `code`.
fn events_of(code: &str) -> Vec<Captured> {
    captured()
        .into_iter()
        .filter(|e| e.target == "error_catalog::log" && e.field("code") == Some(code))
        .collect()
}

// --- The errors. ---

/// The middle of a two-level chain: a query that failed because of an I/O
/// error.
#[derive(Debug)]
struct QueryError {
    query: &'static str,
    cause: std::io::Error,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "query `{}` failed", self.query)
    }
}

impl std::error::Error for QueryError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.cause)
    }
}

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum AppError {
    #[api_error(code = "license_not_found", message = "License {key} not found")]
    LicenseNotFound { key: String },
    #[api_error(
        status = 500,
        code = "internal_error",
        message = "An unexpected server error has occured"
    )]
    Internal(#[source] QueryError),
    #[api_error(status = 503, code = "unavailable", message = "Try again later")]
    Unavailable,
}

/// A 500 whose chain is `QueryError` then `io::Error`; `tag` tells the
/// tests apart in the shared log.
fn internal(tag: &str) -> AppError {
    AppError::Internal(QueryError {
        query: "select * from licenses",
        cause: std::io::Error::other(format!(
            "connection refused by db-7 ({tag}, password=hunter2)"
        )),
    })
}

fn logged_chain(tag: &str) -> Vec<Captured> {
    events_of("internal_error")
        .into_iter()
        .filter(|e| e.field("sources").is_some_and(|s| s.contains(tag)))
        .collect()
}

fn assert_server_error_logged(tag: &str) {
    let events = logged_chain(tag);
    assert_eq!(events.len(), 1, "one event for {tag}: {events:?}");
    let event = &events[0];
    assert_eq!(event.level, Level::ERROR);
    assert_eq!(event.field("code"), Some("internal_error"));
    assert_eq!(event.field("status"), Some("500"));
    assert_eq!(
        event.field("message"),
        Some("An unexpected server error has occured")
    );
    // The whole chain, outermost first: both levels.
    assert_eq!(
        event.field("sources"),
        Some(
            format!(
                r#"["query `select * from licenses` failed", "connection refused by db-7 ({tag}, password=hunter2)"]"#
            )
            .as_str()
        )
    );
}

fn assert_client_error_not_logged_as_error(key: &str) {
    let message = format!("License {key} not found");
    let events: Vec<_> = events_of("license_not_found")
        .into_iter()
        .filter(|e| e.field("message") == Some(message.as_str()))
        .collect();
    // It went through the logging path, at debug level and never above.
    assert!(!events.is_empty(), "the 4xx reached the logger");
    for event in &events {
        assert_eq!(event.level, Level::DEBUG, "{event:?}");
        assert_eq!(event.field("status"), Some("400"));
        assert_eq!(event.field("sources"), None);
    }
}

// --- The tests. ---

#[test]
fn to_response_logs_a_server_error_with_its_chain() {
    install();
    let response = internal("direct").to_response();
    assert_eq!(response.status(), 500);
    assert!(!String::from_utf8_lossy(response.body()).contains("hunter2"));
    assert_server_error_logged("direct");

    // A 5xx without a source: logged, with an empty chain.
    let _ = AppError::Unavailable.to_response();
    let events = events_of("unavailable");
    assert!(!events.is_empty());
    assert!(events
        .iter()
        .all(|e| e.level == Level::ERROR && e.field("sources") == Some("[]")));

    // Not every call to the error logs: only becoming a response does.
    let before = logged_chain("quiet").len();
    let quiet = internal("quiet");
    let _ = (
        quiet.status(),
        quiet.code(),
        quiet.to_json(),
        quiet.to_string(),
    );
    assert_eq!(logged_chain("quiet").len(), before);
}

#[test]
fn to_response_does_not_log_a_client_error_as_error() {
    install();
    let response = AppError::LicenseNotFound {
        key: "K-direct".into(),
    }
    .to_response();
    assert_eq!(response.status(), 400);
    assert_client_error_not_logged_as_error("K-direct");
}

async fn handler(
    axum::extract::Path(name): axum::extract::Path<String>,
) -> Result<String, AppError> {
    match name.as_str() {
        "internal" => Err(internal("axum")),
        _ => Err(AppError::LicenseNotFound {
            key: "K-axum".into(),
        }),
    }
}

async fn start_axum() -> SocketAddr {
    let app = axum::Router::new().route("/case/{name}", axum::routing::get(handler));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bound");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("served") });
    addr
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axum_server_logs_the_chain_and_sends_none_of_it() {
    install();
    let addr = start_axum().await;

    let wire = support::raw_get(addr, "/case/internal").await;
    assert_eq!(wire.status_line, "HTTP/1.1 500 Internal Server Error");
    support::assert_no_secret(&wire, "hunter2");
    support::assert_no_secret(&wire, "db-7");
    support::assert_no_secret(&wire, "select");
    assert_server_error_logged("axum");

    let reply = support::get(addr, "/case/client").await;
    assert_eq!(reply.status, 400);
    assert_client_error_not_logged_as_error("K-axum");
}

async fn actix_handler(name: actix_web::web::Path<String>) -> Result<String, AppError> {
    match name.as_str() {
        "internal" => Err(internal("actix")),
        _ => Err(AppError::LicenseNotFound {
            key: "K-actix".into(),
        }),
    }
}

fn start_actix() -> SocketAddr {
    use actix_web::{web, App, HttpServer};
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server =
                HttpServer::new(|| App::new().route("/case/{name}", web::get().to(actix_handler)))
                    .workers(1)
                    .bind(("127.0.0.1", 0))
                    .expect("bound");
            let addr = server.addrs()[0];
            let server = server.run();
            tx.send(addr).expect("address sent");
            server.await.expect("served");
        })
    });
    rx.recv().expect("server started")
}

#[tokio::test]
async fn actix_server_logs_the_chain_and_sends_none_of_it() {
    install();
    let addr = start_actix();

    let wire = support::raw_get(addr, "/case/internal").await;
    assert_eq!(wire.status_line, "HTTP/1.1 500 Internal Server Error");
    support::assert_no_secret(&wire, "hunter2");
    support::assert_no_secret(&wire, "db-7");
    support::assert_no_secret(&wire, "select");
    assert_server_error_logged("actix");

    let reply = support::get(addr, "/case/client").await;
    assert_eq!(reply.status, 400);
    assert_client_error_not_logged_as_error("K-actix");
}
