//! Feature `utoipa`: a derived error in `#[utoipa::path(responses(...))]`
//! documents one response per status with every code, as the catalog's own
//! OpenAPI responses, with nothing lost on the way through utoipa's types
//! (the response headers and the problem details of a `format = "problem"`
//! enum included) and no `components(...)` of the user's. The document is
//! served by a real axum server, read by `oas3`, and every error body the
//! server sends is validated with `jsonschema` against the response its
//! operation documents.

mod support;

use axum::extract::Path;
use axum::routing::get;
use axum::{Json, Router};
use error_catalog::{catalog, ApiError, BodyFormat, PROBLEM_JSON};
use serde_json::{json, Value};
use support::{only_content, BodySchema, Document};
use utoipa::{IntoResponses, OpenApi, PartialSchema, ToSchema};

#[derive(Debug, ApiError)]
#[api_error(status = 503)]
enum StoreError {
    /// The license store cannot be reached.
    #[api_error(code = "store_unavailable", message = "Store unavailable")]
    Unavailable,
}

/// Errors of the license endpoints.
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

#[derive(serde::Serialize, ToSchema)]
struct License {
    key: String,
}

#[utoipa::path(
    get,
    path = "/licenses/{key}",
    params(("key" = String, Path)),
    responses((status = 200, description = "The license", body = License), LicenseError)
)]
async fn check_license(Path(key): Path<String>) -> Result<Json<License>, LicenseError> {
    match key.as_str() {
        "EXPIRED" => Err(LicenseError::LicenseExpired),
        "DISABLED" => Err(LicenseError::LicenseNotEnabled),
        "BUSY" => Err(StoreError::Unavailable.into()),
        "BROKEN" => Err(LicenseError::Internal(std::io::Error::other("disk"))),
        "K-1" => Ok(Json(License { key })),
        _ => Err(LicenseError::LicenseNotFound { key }),
    }
}

error_catalog::subset! {
    /// What `DELETE /licenses/{key}` can answer.
    pub struct DeleteLicenseError: LicenseError { LicenseNotFound, Internal }
}

#[utoipa::path(
    delete,
    path = "/licenses/{key}",
    params(("key" = String, Path)),
    responses((status = 204, description = "Deleted"), DeleteLicenseError)
)]
async fn delete_license(Path(key): Path<String>) -> Result<(), DeleteLicenseError> {
    Err(LicenseError::LicenseNotFound { key })?
}

/// No `components(...)`: the error responses carry their schemas.
#[derive(OpenApi)]
#[openapi(paths(check_license, delete_license))]
struct ApiDoc;

/// A status's response as utoipa writes it.
fn error_response(document: &Value, method: &str, status: &str) -> Value {
    document["paths"]["/licenses/{key}"][method]["responses"][status].clone()
}

#[test]
fn one_response_per_status_with_every_code() {
    let document = serde_json::to_value(ApiDoc::openapi()).unwrap();
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
    // The transparent store error's own status.
    assert_eq!(
        responses["503"]["content"]["application/json"]["examples"]["store_unavailable"]["value"],
        json!({"status": 503, "code": "store_unavailable", "message": "Store unavailable"})
    );
}

/// utoipa's types keep every keyword of the catalog's responses and schema:
/// what utoipa writes is exactly what the crate writes.
#[test]
fn nothing_is_lost_through_utoipas_types() {
    let expected = catalog::openapi_responses(LicenseError::catalog());
    let written = serde_json::to_value(LicenseError::responses()).unwrap();
    assert_eq!(written, expected);
    let document = serde_json::to_value(ApiDoc::openapi()).unwrap();
    for status in ["400", "404", "500", "503"] {
        assert_eq!(error_response(&document, "get", status), expected[status]);
    }

    let mut schema = catalog::to_schema(LicenseError::catalog());
    schema.as_object_mut().unwrap().remove("$schema");
    assert_eq!(
        serde_json::to_value(LicenseError::schema()).unwrap(),
        schema
    );
    assert_eq!(LicenseError::name(), "LicenseError");

    // A subset's.
    let mut schema = catalog::to_schema(DeleteLicenseError::catalog());
    schema.as_object_mut().unwrap().remove("$schema");
    assert_eq!(
        serde_json::to_value(DeleteLicenseError::schema()).unwrap()["oneOf"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert_eq!(
        serde_json::to_value(DeleteLicenseError::schema()).unwrap(),
        schema
    );

    // A one-status schema: an object, not `oneOf`.
    #[derive(Debug, ApiError)]
    enum OneStatus {
        /// First.
        #[api_error(status = 409, code = "a", message = "A {0}")]
        A(u8),
        /// Second.
        #[api_error(status = 409, code = "b", message = "B")]
        B,
    }
    let mut schema = catalog::to_schema(OneStatus::catalog());
    schema.as_object_mut().unwrap().remove("$schema");
    assert_eq!(schema["type"], "object");
    assert_eq!(serde_json::to_value(OneStatus::schema()).unwrap(), schema);
    assert_eq!(
        serde_json::to_value(OneStatus::responses()).unwrap(),
        catalog::openapi_responses(OneStatus::catalog())
    );
}

#[test]
fn a_subset_documents_only_its_codes() {
    let document = serde_json::to_value(ApiDoc::openapi()).unwrap();
    let responses = document["paths"]["/licenses/{key}"]["delete"]["responses"]
        .as_object()
        .unwrap();
    let statuses: Vec<&String> = responses.keys().collect();
    assert_eq!(statuses, ["204", "404", "500"]);
    assert_eq!(
        responses["404"]["content"]["application/json"]["schema"]["properties"]["code"]["enum"],
        json!(["license_not_found"])
    );
}

/// Every `$ref` in the document points at something the document has: it
/// needs no `components(...)` for the errors.
#[test]
fn the_document_is_whole_without_components_of_the_users() {
    fn refs<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
        match value {
            Value::Object(members) => {
                if let Some(Value::String(target)) = members.get("$ref") {
                    out.push(target);
                }
                members.values().for_each(|v| refs(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let document = serde_json::to_value(ApiDoc::openapi()).unwrap();
    let mut targets = Vec::new();
    refs(&document, &mut targets);
    // utoipa refers to the success body's schema, and finds it itself.
    assert_eq!(targets, ["#/components/schemas/License"]);
    for target in targets {
        let pointer = target.strip_prefix('#').unwrap();
        assert!(document.pointer(pointer).is_some(), "{target}");
    }
    // And no `$ref` in any error response.
    for status in ["400", "404", "500", "503"] {
        let response = error_response(&document, "get", status);
        let mut inside = Vec::new();
        refs(&response, &mut inside);
        assert!(inside.is_empty(), "{status}: {inside:?}");
    }
    Document::new(document);
}

/// `body = LicenseError` in a response of one's own: utoipa collects the
/// schema as a component, by the type's name.
#[test]
fn the_error_type_is_a_schema_component() {
    #[utoipa::path(
        get,
        path = "/legacy",
        responses((status = 400, description = "Any error", body = LicenseError))
    )]
    #[allow(dead_code)]
    async fn legacy() {}

    #[derive(OpenApi)]
    #[openapi(paths(legacy))]
    struct LegacyDoc;

    let document = Document::new(serde_json::to_value(LegacyDoc::openapi()).unwrap());
    assert_eq!(
        document.json["paths"]["/legacy"]["get"]["responses"]["400"]["content"]["application/json"]
            ["schema"]["$ref"],
        "#/components/schemas/LicenseError"
    );
    let schema = document.component_schema("LicenseError");
    assert!(
        schema.accepts(&serde_json::from_slice(&LicenseError::LicenseExpired.to_json()).unwrap())
    );
    assert!(
        !schema.accepts(&json!({"status": 400, "code": "license_expired", "message": "m", "x": 1}))
    );
}

/// The document, served by a real server, read by `oas3`; every error body
/// the server sends validates against its operation's response for its
/// status.
#[tokio::test]
async fn served_document_validates_the_bodies_on_the_wire() {
    let app = Router::new()
        .route("/licenses/{key}", get(check_license).delete(delete_license))
        .route("/openapi.json", get(|| async { Json(ApiDoc::openapi()) }));
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
        let schema: BodySchema = document
            .response_schema("GET", "/licenses/{key}", status)
            .unwrap();
        schema.assert_valid(&reply.body);
        // Not under another status's response.
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

#[utoipa::path(
    get,
    path = "/keys/{key}",
    params(("key" = String, Path)),
    responses((status = 200, description = "The key", body = License), KeyError)
)]
async fn check_key(Path(key): Path<String>) -> Result<Json<License>, KeyError> {
    match key.as_str() {
        "K-1" => Ok(Json(License { key })),
        _ => Err(key_error(&key)),
    }
}

error_catalog::subset! {
    /// What `DELETE /keys/{key}` can answer.
    pub struct DeleteKeyError: KeyError { AuthenticationFailure, KeyNotFound }
}

#[utoipa::path(
    delete,
    path = "/keys/{key}",
    params(("key" = String, Path)),
    responses((status = 204, description = "Deleted"), DeleteKeyError)
)]
async fn delete_key(Path(key): Path<String>) -> Result<(), DeleteKeyError> {
    Err(key_error(&key))?
}

#[derive(OpenApi)]
#[openapi(paths(check_key, delete_key))]
struct KeyDoc;

/// utoipa writes the problem responses and the headers exactly as the
/// crate does, for the enum and for its subset.
#[test]
fn problem_responses_and_headers_are_kept_through_utoipas_types() {
    assert_eq!(KeyError::body_format(), BodyFormat::Problem);
    assert_eq!(DeleteKeyError::body_format(), BodyFormat::Problem);
    let expected = catalog::openapi_responses_as(KeyError::catalog(), BodyFormat::Problem);
    assert_eq!(
        serde_json::to_value(KeyError::responses()).unwrap(),
        expected
    );
    let subset = catalog::openapi_responses_as(DeleteKeyError::catalog(), BodyFormat::Problem);
    assert_eq!(
        serde_json::to_value(DeleteKeyError::responses()).unwrap(),
        subset
    );

    let document = Document::new(serde_json::to_value(KeyDoc::openapi()).unwrap());
    let responses = &document.json["paths"]["/keys/{key}"]["get"]["responses"];
    for status in ["401", "404", "429", "499", "503"] {
        assert_eq!(responses[status], expected[status], "{status}");
        assert_eq!(only_content(&responses[status]).0, PROBLEM_JSON);
    }
    // 401: the challenge of one of its two codes; 429 and 503: a header of
    // every code (a field's, and a wrapped type's fixed one).
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
    assert!(responses["404"].get("headers").is_none());
    // The subset's 401 has one code, which sends the challenge.
    let deleted = &document.json["paths"]["/keys/{key}"]["delete"]["responses"];
    assert_eq!(deleted["401"], subset["401"]);
    assert_eq!(
        deleted["401"]["headers"]["www-authenticate"]["description"],
        "Sent with every code of this response."
    );

    // The type's schema is that of its problem body.
    let mut schema = catalog::to_schema_as(KeyError::catalog(), BodyFormat::Problem);
    schema.as_object_mut().unwrap().remove("$schema");
    assert_eq!(serde_json::to_value(KeyError::schema()).unwrap(), schema);
}

/// A real server's problem bodies, headers and content types are those of
/// the document it serves.
#[tokio::test]
async fn served_problem_document_validates_the_bodies_on_the_wire() {
    let app = Router::new()
        .route("/keys/{key}", get(check_key).delete(delete_key))
        .route("/openapi.json", get(|| async { Json(KeyDoc::openapi()) }));
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
