//! Feature `aide`: an aide handler that returns `Result<Json<T>, E>`
//! documents one response per status with every code of E, as the
//! catalog's own OpenAPI responses, without a conflict for aide to report.
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
use error_catalog::{catalog, ApiError};
use serde_json::{json, Value};
use support::Document;

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
