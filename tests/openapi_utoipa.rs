//! Feature `utoipa`: a derived error in `#[utoipa::path(responses(...))]`
//! documents one response per status with every code, as the catalog's own
//! OpenAPI responses, with nothing lost on the way through utoipa's types
//! and no `components(...)` of the user's. The document is served by a real
//! axum server, read by `oas3`, and every error body the server sends is
//! validated with `jsonschema` against the response its operation
//! documents.

mod support;

use axum::extract::Path;
use axum::routing::get;
use axum::{Json, Router};
use error_catalog::{catalog, ApiError};
use serde_json::{json, Value};
use support::{BodySchema, Document};
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
