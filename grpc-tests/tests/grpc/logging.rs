//! With the `tracing` feature, a 5xx error that becomes a gRPC status (by
//! `?`, `into()` or `to_status()`, in a real tonic handler) is logged once at
//! error level with its code and whole source chain, as it is for HTTP; a 4xx
//! only at debug level; `to_rpc_status()`, like `to_json()`, logs nothing.
//! The source's text reaches the log, never the client.
//!
//! The subscriber is global, and the other modules' tests log too: each
//! test here looks only at the events of its own codes.

use std::fmt;
use std::sync::{Mutex, Once};

use error_catalog::ApiError;
use error_catalog_grpc_tests::{connect, request, serve};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

#[derive(Debug, Clone)]
struct Captured {
    level: Level,
    target: String,
    fields: Vec<(String, String)>,
}

impl Captured {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

static EVENTS: Mutex<Vec<Captured>> = Mutex::new(Vec::new());

/// A subscriber that keeps every event, its fields as text.
struct Capture;

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.push((field.name().to_owned(), value.to_string()));
    }
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        EVENTS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Captured {
                level: *event.metadata().level(),
                target: event.metadata().target().to_owned(),
                fields,
            });
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        tracing::subscriber::set_global_default(Capture).expect("the only subscriber");
    });
}

/// The events logged by error-catalog for `code`.
fn events_of(code: &str) -> Vec<Captured> {
    EVENTS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .filter(|e| e.target.starts_with("error_catalog") && e.field("code") == Some(code))
        .cloned()
        .collect()
}

#[derive(Debug, ApiError)]
enum AppError {
    #[api_error(
        status = 400,
        code = "license_unknown",
        message = "License {key} is unknown"
    )]
    LicenseNotFound { key: String },
    #[api_error(status = 500, code = "store_failed", message = "The store failed")]
    StoreFailed(#[source] std::io::Error),
    #[api_error(status = 503, code = "store_busy", message = "The store is busy")]
    StoreBusy(#[source] std::io::Error),
}

fn handler(key: &str) -> Result<(), AppError> {
    match key {
        "500" => Err(AppError::StoreFailed(std::io::Error::other(
            "disk /dev/sda3 failed",
        ))),
        _ => Err(AppError::LicenseNotFound { key: key.into() }),
    }
}

#[tokio::test]
async fn a_server_error_is_logged_once_as_it_becomes_a_status() {
    install();
    let addr = serve(|request| {
        handler(&request.license_key)?;
        unreachable!()
    })
    .await;
    let mut client = connect(addr).await;

    let status = client.check_license(request("500")).await.unwrap_err();
    assert_eq!(status.message(), "The store failed");
    assert!(!format!("{status:?}").contains("sda3"));
    let events = events_of("store_failed");
    assert_eq!(events.len(), 1, "{events:?}");
    let event = &events[0];
    assert_eq!(event.level, Level::ERROR);
    assert!(event.target.starts_with("error_catalog::"), "{event:?}");
    assert_eq!(event.field("status"), Some("500"));
    assert_eq!(event.field("message"), Some("The store failed"));
    assert_eq!(event.field("sources"), Some(r#"["disk /dev/sda3 failed"]"#));

    // A client's mistake: debug level only.
    client.check_license(request("K-9")).await.unwrap_err();
    let events = events_of("license_unknown");
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].level, Level::DEBUG);
}

#[test]
fn to_status_logs_and_to_rpc_status_does_not() {
    install();
    let error = AppError::StoreBusy(std::io::Error::other("lock held by pid 4242"));
    let _ = error.to_rpc_status();
    assert!(events_of("store_busy").is_empty());
    let status = error.to_status();
    assert_eq!(status.code(), tonic::Code::Unavailable);
    let events = events_of("store_busy");
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(
        events[0].field("sources"),
        Some(r#"["lock held by pid 4242"]"#)
    );

    // The same event as for an HTTP response.
    let _ = error.to_response();
    let events = events_of("store_busy");
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(events[0].level, events[1].level);
    assert_eq!(events[0].target, events[1].target);
    assert_eq!(events[0].fields, events[1].fields);
}
