//! The axum integration against a real server: `axum::serve` on
//! 127.0.0.1 (port 0), real HTTP requests, checks on the bytes on the wire,
//! and every error body validated against the JSON Schema the server serves.

mod support;

use std::net::SocketAddr;

use axum::extract::Path;
use axum::routing::get;
use axum::Router;
use error_catalog::{catalog, ApiError};
use support::{assert_no_secret, assert_reply, raw_get, BodySchema};

/// Text that the source of a 500 holds and that must never reach a client.
const SECRET: &str = "pg-password=hunter2@10.0.0.7";

/// A lower layer of the service, wrapped transparently.
#[derive(Debug, ApiError)]
#[api_error(status = 503)]
enum StoreError {
    #[api_error(status = 423, code = "item_locked", message = "Item {id} is locked")]
    Locked { id: u32 },
    /// The store cannot be reached.
    #[api_error(code = "store_unavailable")]
    Unavailable,
}

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum AppError {
    #[api_error(status = 404, code = "not_found", message = "Not found")]
    NotFound,
    #[api_error(code = "validation_error", message = "Field {0} is invalid: {1}")]
    Validation(String, String),
    #[api_error(
        status = 409,
        code = "license_exists",
        message = "License {key} already exists"
    )]
    LicenseExists { key: String },
    #[api_error(transparent)]
    Store(#[from] StoreError),
    #[api_error(
        status = 500,
        code = "internal_error",
        message = "An unexpected server error has occured"
    )]
    Internal(#[source] std::io::Error),
}

/// The error that `/case/{name}` answers with; the test builds the same one
/// to compare.
fn case(name: &str) -> AppError {
    match name {
        "unit" => AppError::NotFound,
        "templated" => AppError::Validation("email".into(), "a\"b\né".into()),
        "struct" => AppError::LicenseExists { key: "K-1".into() },
        "transparent" => StoreError::Locked { id: 7 }.into(),
        "transparent-unit" => StoreError::Unavailable.into(),
        "internal" => AppError::Internal(std::io::Error::other(SECRET)),
        _ => AppError::NotFound,
    }
}

async fn handler(Path(name): Path<String>) -> Result<String, AppError> {
    Err(case(&name))
}

async fn start() -> SocketAddr {
    let app = Router::new()
        .route("/case/{name}", get(handler))
        .route("/ok", get(|| async { Ok::<_, AppError>("fine") }))
        .route(
            "/generic",
            get(|| async { Err::<(), _>(Generic::Bad("x".to_string())) }),
        )
        // The JSON Schema of each error type's bodies.
        .route(
            "/schema.json",
            get(|| async { axum::Json(catalog::to_schema(AppError::catalog())) }),
        )
        .route(
            "/generic/schema.json",
            get(|| async { axum::Json(catalog::to_schema(Generic::<String>::catalog())) }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bound");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("served") });
    addr
}

/// Each variant kind: status, content-type, exact body, as a real client
/// receives them.
#[tokio::test]
async fn variants_on_the_wire() {
    let addr = start().await;
    let cases = [
        (
            "unit",
            404,
            r#"{"status":404,"code":"not_found","message":"Not found"}"#,
        ),
        (
            "templated",
            400,
            "{\"status\":400,\"code\":\"validation_error\",\"message\":\"Field email is invalid: a\\\"b\\n\u{e9}\"}",
        ),
        (
            "struct",
            409,
            r#"{"status":409,"code":"license_exists","message":"License K-1 already exists"}"#,
        ),
        (
            "transparent",
            423,
            r#"{"status":423,"code":"item_locked","message":"Item 7 is locked"}"#,
        ),
        (
            "transparent-unit",
            503,
            r#"{"status":503,"code":"store_unavailable","message":"The store cannot be reached."}"#,
        ),
        (
            "internal",
            500,
            r#"{"status":500,"code":"internal_error","message":"An unexpected server error has occured"}"#,
        ),
    ];
    let schema = BodySchema::fetch(addr, "/schema.json").await;
    for (name, status, expected) in cases {
        let reply = support::get(addr, &format!("/case/{name}")).await;
        assert_reply(&reply, &case(name), status, expected);
        schema.assert_valid(&reply.body);
    }

    // A success still goes through untouched.
    let ok = support::get(addr, "/ok").await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.body, "fine");
}

/// A 5xx whose source holds a secret sends the fixed message, and the
/// secret is nowhere in the status line, the headers or the body.
#[tokio::test]
async fn secret_of_a_source_never_reaches_the_client() {
    let addr = start().await;
    // The secret is really in the error the handler returns.
    let error = case("internal");
    let source = std::error::Error::source(&error).expect("a source");
    assert!(source.to_string().contains(SECRET));

    let wire = raw_get(addr, "/case/internal").await;
    assert_eq!(wire.status_line, "HTTP/1.1 500 Internal Server Error");
    assert_eq!(wire.header("content-type"), "application/json");
    assert_eq!(
        wire.body,
        br#"{"status":500,"code":"internal_error","message":"An unexpected server error has occured"}"#
    );
    assert_eq!(wire.header("content-length"), wire.body.len().to_string());
    assert_no_secret(&wire, SECRET);
    BodySchema::fetch(addr, "/schema.json")
        .await
        .assert_valid(&wire.body);
}

/// The raw bytes of every variant are those a real client decoded.
#[tokio::test]
async fn raw_bytes_match_to_response() {
    let addr = start().await;
    let schema = BodySchema::fetch(addr, "/schema.json").await;
    for name in ["unit", "templated", "struct", "transparent", "internal"] {
        let wire = raw_get(addr, &format!("/case/{name}")).await;
        let expected = case(name).to_response();
        assert_eq!(wire.body, expected.body().as_ref(), "{name}");
        schema.assert_valid(&wire.body);
        assert!(
            wire.status_line
                .starts_with(&format!("HTTP/1.1 {} ", expected.status().as_u16())),
            "{name}: {}",
            wire.status_line
        );
    }
}

/// A generic error type gets `IntoResponse` too, under its bounds.
#[derive(Debug, ApiError)]
#[api_error(status = 422)]
enum Generic<T>
where
    T: std::fmt::Display + std::fmt::Debug,
{
    #[api_error(code = "bad_value", message = "Bad value {0}")]
    Bad(T),
}

#[tokio::test]
async fn generic_error_type() {
    let addr = start().await;
    let reply = support::get(addr, "/generic").await;
    assert_reply(
        &reply,
        &Generic::Bad("x".to_string()),
        422,
        r#"{"status":422,"code":"bad_value","message":"Bad value x"}"#,
    );
    BodySchema::fetch(addr, "/generic/schema.json")
        .await
        .assert_valid(&reply.body);
}

/// The response is built whole by `into_response`, with the catalog's
/// status, the one content-type and the body.
#[test]
fn into_response_without_a_server() {
    use axum::response::IntoResponse;
    let response = AppError::LicenseExists { key: "K-2".into() }.into_response();
    assert_eq!(response.status(), 409);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers().len(), 1);
}
