//! Feature `aide`: an aide handler that returns `Result<Json<T>, E>`
//! documents one response per status with every code of E, as the
//! catalog's own OpenAPI responses (the response headers and the problem
//! details of a `format = "problem"` enum included), without a conflict for
//! aide to report.
//! The document is served by a real axum server, read by `oas3`, and every
//! error body the server sends is validated with `jsonschema` against the
//! response its operation documents.

mod support;

use std::sync::{Arc, Mutex};

use aide::axum::routing::get;
use aide::axum::ApiRouter;
use aide::openapi::OpenApi;
use aide::OperationOutput;
use axum::extract::Path;
use axum::Json;
use error_catalog::{catalog, ApiError, BodyFormat, PROBLEM_JSON};
use serde_json::{json, Value};
use support::{only_content, Document};

#[derive(Debug, ApiError)]
#[api_error(status = 503)]
enum StoreError {
    /// The license store cannot be reached.
    #[api_error(code = "store_unavailable", message = "Store unavailable")]
    Unavailable,
}

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum LicenseError {
    /// No license has that key.
    #[api_error(
        status = 404,
        code = "license_not_found",
        message = "License {key} not found"
    )]
    LicenseNotFound { key: String },
    /// The license has expired.
    #[api_error(code = "license_expired", message = "License expired")]
    LicenseExpired,
    /// The license is disabled.
    #[api_error(code = "license_not_enabled", message = "License not enabled")]
    LicenseNotEnabled,
    #[api_error(transparent)]
    Store(#[from] StoreError),
    /// Something broke on our side.
    #[api_error(status = 500, code = "internal_error", message = "Internal error")]
    Internal(#[source] std::io::Error),
}

async fn check_license(Path(key): Path<String>) -> Result<Json<String>, LicenseError> {
    match key.as_str() {
        "EXPIRED" => Err(LicenseError::LicenseExpired),
        "DISABLED" => Err(LicenseError::LicenseNotEnabled),
        "BUSY" => Err(StoreError::Unavailable.into()),
        "BROKEN" => Err(LicenseError::Internal(std::io::Error::other("disk"))),
        "K-1" => Ok(Json(key)),
        _ => Err(LicenseError::LicenseNotFound { key }),
    }
}

error_catalog::subset! {
    /// What `DELETE /licenses/{key}` can answer.
    pub struct DeleteLicenseError: LicenseError { LicenseNotFound, Internal }
}

async fn delete_license(Path(key): Path<String>) -> Result<Json<String>, DeleteLicenseError> {
    Err(LicenseError::LicenseNotFound { key })?
}

/// The app and its document, with every error aide reports while it
/// builds the document.
fn app() -> (axum::Router, Value, Vec<String>) {
    let errors = Arc::new(Mutex::new(Vec::new()));
    let seen = errors.clone();
    aide::generate::on_error(move |error| seen.lock().unwrap().push(error.to_string()));
    let mut api = OpenApi::default();
    let router = ApiRouter::new()
        .api_route("/licenses/{key}", get(check_license).delete(delete_license))
        .finish_api(&mut api);
    let document = serde_json::to_value(&api).unwrap();
    let errors = errors.lock().unwrap().clone();
    (router, document, errors)
}

#[test]
fn one_response_per_status_with_every_code_and_no_conflict() {
    let (_, document, errors) = app();
    assert_eq!(errors, Vec::<String>::new());
    let responses = document["paths"]["/licenses/{key}"]["get"]["responses"]
        .as_object()
        .unwrap();
    let statuses: Vec<&String> = responses.keys().collect();
    assert_eq!(statuses, ["200", "400", "404", "500", "503"]);
    // Two codes at 400: one response, both codes, an example of each.
    let bad_request = &responses["400"]["content"]["application/json"];
    assert_eq!(
        bad_request["schema"]["properties"]["code"]["enum"],
        json!(["license_expired", "license_not_enabled"])
    );
    let examples: Vec<&String> = bad_request["examples"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(examples, ["license_expired", "license_not_enabled"]);

    // What aide writes is exactly what the crate writes.
    let expected = catalog::openapi_responses(LicenseError::catalog());
    for status in ["400", "404", "500", "503"] {
        assert_eq!(responses[status], expected[status], "{status}");
    }
}

#[test]
fn a_subset_documents_only_its_codes() {
    let (_, document, _) = app();
    let responses = document["paths"]["/licenses/{key}"]["delete"]["responses"]
        .as_object()
        .unwrap();
    let statuses: Vec<&String> = responses.keys().collect();
    assert_eq!(statuses, ["200", "404", "500"]);
    let expected = catalog::openapi_responses(DeleteLicenseError::catalog());
    assert_eq!(responses["404"], expected["404"]);
    assert_eq!(responses["500"], expected["500"]);
}

#[test]
fn inferred_responses_are_one_per_status() {
    let mut operation = aide::openapi::Operation::default();
    let responses = aide::generate::in_context(|ctx| {
        <LicenseError as OperationOutput>::inferred_responses(ctx, &mut operation)
    });
    let statuses: Vec<Option<u16>> = responses.iter().map(|(status, _)| *status).collect();
    assert_eq!(statuses, [Some(400), Some(404), Some(500), Some(503)]);
}

/// The document, served by a real server, read by `oas3`; every error body
/// the server sends validates against its operation's response for its
/// status, and not against another status's.
#[tokio::test]
async fn served_document_validates_the_bodies_on_the_wire() {
    let (router, document, _) = app();
    let app = router.route(
        "/openapi.json",
        axum::routing::get(move || async move { Json(document) }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let document = Document::fetch(addr, "/openapi.json").await;
    for (key, status) in [
        ("EXPIRED", 400),
        ("DISABLED", 400),
        ("NOPE", 404),
        ("BROKEN", 500),
        ("BUSY", 503),
    ] {
        let reply = support::get(addr, &format!("/licenses/{key}")).await;
        assert_eq!(reply.status, status, "{key}");
        document
            .response_schema("GET", "/licenses/{key}", status)
            .unwrap()
            .assert_valid(&reply.body);
        let other = if status == 400 { 404 } else { 400 };
        let wrong = document
            .response_schema("GET", "/licenses/{key}", other)
            .unwrap();
        assert!(wrong.check(&reply.body).is_err(), "{key} under {other}");
    }
}

// --- Problem details and headers. ---

/// A lower layer whose 503 asks the client to come back later.
#[derive(Debug, ApiError)]
#[api_error(status = 503)]
enum QueueError {
    /// The queue is full.
    #[api_error(
        code = "queue_full",
        message = "Queue full",
        header("retry-after", "5")
    )]
    Full,
}

/// Errors of the key endpoints, sent as problem details, some with headers.
#[derive(Debug, ApiError)]
#[api_error(
    status = 400,
    format = "problem",
    type_base = "https://docs.example.com/errors/"
)]
enum KeyError {
    /// The key is wrong.
    #[api_error(
        status = 401,
        code = "authentication_failure",
        message = "Authentication failed",
        header("www-authenticate", "ApiKey realm=\"keys\"")
    )]
    AuthenticationFailure,
    /// The hardware key does not match.
    #[api_error(
        status = 401,
        code = "hardware_key_mismatch",
        message = "Hardware key mismatch"
    )]
    HardwareKeyMismatch,
    /// Too many requests.
    #[api_error(status = 429, code = "rate_limited", message = "Retry in {seconds} s")]
    RateLimited {
        #[header("retry-after")]
        seconds: u64,
    },
    /// No key has that id.
    #[api_error(status = 404, code = "key_not_found", message = "Key {0} not found")]
    KeyNotFound(String),
    #[api_error(status = 499, code = "client_closed", message = "Closed")]
    ClientClosed,
    #[api_error(transparent)]
    Queue(#[from] QueueError),
}

/// The error that `GET /keys/{key}` answers for `key`.
fn key_error(key: &str) -> KeyError {
    match key {
        "WRONG" => KeyError::AuthenticationFailure,
        "DEVICE" => KeyError::HardwareKeyMismatch,
        "FAST" => KeyError::RateLimited { seconds: 30 },
        "GONE" => KeyError::ClientClosed,
        "FULL" => QueueError::Full.into(),
        _ => KeyError::KeyNotFound(key.to_owned()),
    }
}

const KEY_CASES: [&str; 6] = ["WRONG", "DEVICE", "FAST", "GONE", "FULL", "NOPE"];

async fn check_key(Path(key): Path<String>) -> Result<Json<String>, KeyError> {
    match key.as_str() {
        "K-1" => Ok(Json(key)),
        _ => Err(key_error(&key)),
    }
}

error_catalog::subset! {
    /// What `DELETE /keys/{key}` can answer.
    pub struct DeleteKeyError: KeyError { AuthenticationFailure, KeyNotFound }
}

async fn delete_key(Path(key): Path<String>) -> Result<Json<String>, DeleteKeyError> {
    Err(key_error(&key))?
}

/// The key app and its document, with every error aide reports.
fn key_app() -> (axum::Router, Value, Vec<String>) {
    let errors = Arc::new(Mutex::new(Vec::new()));
    let seen = errors.clone();
    aide::generate::on_error(move |error| seen.lock().unwrap().push(error.to_string()));
    let mut api = OpenApi::default();
    let router = ApiRouter::new()
        .api_route("/keys/{key}", get(check_key).delete(delete_key))
        .finish_api(&mut api);
    let document = serde_json::to_value(&api).unwrap();
    let errors = errors.lock().unwrap().clone();
    (router, document, errors)
}

/// aide writes the problem responses and the headers exactly as the crate
/// does, for the enum and for its subset.
#[test]
fn problem_responses_and_headers_are_kept_through_aides_types() {
    assert_eq!(KeyError::body_format(), BodyFormat::Problem);
    assert_eq!(DeleteKeyError::body_format(), BodyFormat::Problem);
    let (_, document, errors) = key_app();
    assert_eq!(errors, Vec::<String>::new());
    let document = Document::new(document);
    let expected = catalog::openapi_responses_as(KeyError::catalog(), BodyFormat::Problem);
    let responses = &document.json["paths"]["/keys/{key}"]["get"]["responses"];
    let statuses: Vec<&String> = responses.as_object().unwrap().keys().collect();
    assert_eq!(statuses, ["200", "401", "404", "429", "499", "503"]);
    for status in ["401", "404", "429", "499", "503"] {
        assert_eq!(responses[status], expected[status], "{status}");
        assert_eq!(only_content(&responses[status]).0, PROBLEM_JSON);
    }
    assert_eq!(
        responses["401"]["headers"]["www-authenticate"],
        json!({
            "description": "Sent only with `authentication_failure`: not with the other codes of this response.",
            "style": "simple",
            "schema": {"type": "string"},
        })
    );
    for status in ["429", "503"] {
        assert_eq!(
            responses[status]["headers"]["retry-after"]["description"],
            "Sent with every code of this response.",
            "{status}"
        );
    }

    let subset = catalog::openapi_responses_as(DeleteKeyError::catalog(), BodyFormat::Problem);
    let deleted = &document.json["paths"]["/keys/{key}"]["delete"]["responses"];
    assert_eq!(deleted["401"], subset["401"]);
    assert_eq!(deleted["404"], subset["404"]);
    assert_eq!(
        deleted["401"]["headers"]["www-authenticate"]["description"],
        "Sent with every code of this response."
    );
}

/// A real server's problem bodies, headers and content types are those of
/// the document aide built.
#[tokio::test]
async fn served_problem_document_validates_the_bodies_on_the_wire() {
    let (router, document, _) = key_app();
    let app = router.route(
        "/openapi.json",
        axum::routing::get(move || async move { Json(document) }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let document = Document::fetch(addr, "/openapi.json").await;
    let client: hyper_util::client::legacy::Client<_, http_body_util::Empty<bytes::Bytes>> =
        hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
            .build_http();
    let mut checked = 0;
    for (method, keys) in [
        (http::Method::GET, &KEY_CASES[..]),
        (http::Method::DELETE, &["WRONG", "NOPE"][..]),
    ] {
        for key in keys {
            let request = http::Request::builder()
                .method(method.clone())
                .uri(format!("http://{addr}/keys/{key}"))
                .body(http_body_util::Empty::new())
                .unwrap();
            let reply = client.request(request).await.unwrap();
            let status = reply.status().as_u16();
            let headers = reply.headers().clone();
            let body = http_body_util::BodyExt::collect(reply.into_body())
                .await
                .unwrap()
                .to_bytes();
            let error = key_error(key);
            assert_eq!(status, error.status().as_u16(), "{method} {key}");
            assert_eq!(body, error.to_problem_json(), "{method} {key}");
            let response = document
                .response(method.as_str(), "/keys/{key}", status)
                .unwrap();
            assert_eq!(headers["content-type"], only_content(response).0);
            document
                .response_schema(method.as_str(), "/keys/{key}", status)
                .unwrap()
                .assert_valid(&body);
            for name in error.spec().headers {
                assert!(headers.contains_key(*name), "{method} {key} {name}");
                assert!(
                    response["headers"][*name].is_object(),
                    "{method} {key}: {name} is not documented"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 8);
}
