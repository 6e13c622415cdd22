//! The actix-web integration against a real server: `HttpServer` on
//! 127.0.0.1 (port 0, one worker), real HTTP requests, checks on the bytes
//! on the wire, and every error body validated against the JSON Schema the
//! server serves.

mod support;

use std::net::SocketAddr;

use actix_web::{web, App, HttpResponse, HttpServer, ResponseError};
use error_catalog::{catalog, ApiError};
use support::{assert_no_secret, assert_reply, raw_get, BodySchema};

/// Text that the source of a 500 holds and that must never reach a client.
const SECRET: &str = "aws-secret-key=wJalrXUtnFEMI/K7MDENG";

/// A lower layer of the service, wrapped transparently.
#[derive(Debug, ApiError)]
#[api_error(status = 503)]
enum BillingError {
    #[api_error(
        status = 402,
        code = "payment_required",
        message = "Invoice {invoice} is unpaid"
    )]
    Unpaid { invoice: String },
}

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum AppError {
    #[api_error(status = 401, code = "missing_headers", message = "Missing headers")]
    MissingHeaders,
    #[api_error(
        code = "invalid_quantity",
        message = "Quantity {0} exceeds the limit of {1}"
    )]
    InvalidQuantity(u32, u32),
    #[api_error(
        status = 404,
        code = "license_not_found",
        message = "License {key} not found"
    )]
    LicenseNotFound { key: String },
    #[api_error(transparent)]
    Billing(#[from] BillingError),
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
        "unit" => AppError::MissingHeaders,
        "templated" => AppError::InvalidQuantity(9, 5),
        "struct" => AppError::LicenseNotFound {
            key: "K-\"1\"".into(),
        },
        "transparent" => BillingError::Unpaid {
            invoice: "INV-42".into(),
        }
        .into(),
        "internal" => AppError::Internal(std::io::Error::other(SECRET)),
        _ => AppError::MissingHeaders,
    }
}

async fn handler(name: web::Path<String>) -> Result<HttpResponse, AppError> {
    Err(case(&name))
}

/// Starts the server on its own actix system and thread; returns its
/// address. The server lives until the test process ends.
fn start() -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(|| {
                App::new()
                    .route("/case/{name}", web::get().to(handler))
                    .route(
                        "/ok",
                        web::get().to(|| async { HttpResponse::Ok().body("fine") }),
                    )
                    // The JSON Schema of the error type's bodies.
                    .route(
                        "/schema.json",
                        web::get().to(|| async {
                            HttpResponse::Ok()
                                .content_type("application/json")
                                .body(catalog::to_schema(AppError::catalog()).to_string())
                        }),
                    )
            })
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

/// Each variant kind: status, content-type, exact body, as a real client
/// receives them.
#[tokio::test]
async fn variants_on_the_wire() {
    let addr = start();
    let cases = [
        (
            "unit",
            401,
            r#"{"status":401,"code":"missing_headers","message":"Missing headers"}"#,
        ),
        (
            "templated",
            400,
            r#"{"status":400,"code":"invalid_quantity","message":"Quantity 9 exceeds the limit of 5"}"#,
        ),
        (
            "struct",
            404,
            r#"{"status":404,"code":"license_not_found","message":"License K-\"1\" not found"}"#,
        ),
        (
            "transparent",
            402,
            r#"{"status":402,"code":"payment_required","message":"Invoice INV-42 is unpaid"}"#,
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

    let ok = support::get(addr, "/ok").await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.body, "fine");
}

/// A 5xx whose source holds a secret sends the fixed message, and the
/// secret is nowhere in the status line, the headers or the body.
#[tokio::test]
async fn secret_of_a_source_never_reaches_the_client() {
    let addr = start();
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

/// The raw bytes of every variant are those of `to_response()`.
#[tokio::test]
async fn raw_bytes_match_to_response() {
    let addr = start();
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

/// `ResponseError` itself: the status converts from the catalog's for every
/// variant, and `error_response` carries the same status, content-type and
/// body as `to_response()`.
#[actix_web::test]
async fn response_error_matches_to_response() {
    let schema = BodySchema::new(
        "AppError's schema",
        &catalog::to_schema(AppError::catalog()),
    );
    for name in ["unit", "templated", "struct", "transparent", "internal"] {
        let error = case(name);
        let expected = error.to_response();
        assert_eq!(
            ResponseError::status_code(&error).as_u16(),
            expected.status().as_u16(),
            "{name}"
        );
        let response = error.error_response();
        assert_eq!(response.status().as_u16(), expected.status().as_u16());
        assert_eq!(response.headers().len(), 1);
        assert_eq!(
            response
                .headers()
                .get(actix_web::http::header::CONTENT_TYPE)
                .map(|v| v.as_bytes()),
            Some(&b"application/json"[..])
        );
        let body = actix_web::body::to_bytes(response.into_body())
            .await
            .expect("body");
        assert_eq!(body, expected.body(), "{name}");
        schema.assert_valid(&body);
    }
}
