//! Error bodies checked against the schemas a server serves, with real
//! validators: the `jsonschema` crate (draft 2020-12, the dialect of
//! OpenAPI 3.1) for bodies, `oas3` for OpenAPI documents.

use std::net::SocketAddr;

use serde_json::Value;

/// A JSON Schema of error bodies, compiled. The schema is checked against
/// the draft 2020-12 meta-schema first.
pub struct BodySchema {
    name: String,
    validator: jsonschema::Validator,
}

impl BodySchema {
    /// Compiles `schema`; `name` says where it comes from, in failures.
    #[track_caller]
    pub fn new(name: impl Into<String>, schema: &Value) -> BodySchema {
        let name = name.into();
        if let Err(error) = jsonschema::draft202012::meta::validate(schema) {
            panic!("{name} is not a valid draft 2020-12 schema: {error}\n{schema:#}");
        }
        let validator = jsonschema::draft202012::new(schema)
            .unwrap_or_else(|error| panic!("{name} does not compile: {error}"));
        BodySchema { name, validator }
    }

    /// `GET {path}` from the server at `addr`: a JSON Schema, served as
    /// `application/json`.
    pub async fn fetch(addr: SocketAddr, path: &str) -> BodySchema {
        let schema = fetch_json(addr, path).await;
        BodySchema::new(format!("the schema served at {path}"), &schema)
    }

    /// Whether the schema accepts `value`.
    pub fn accepts(&self, value: &Value) -> bool {
        self.validator.is_valid(value)
    }

    /// `Ok` for JSON that the schema accepts; otherwise every reason.
    pub fn check(&self, body: &[u8]) -> Result<(), String> {
        let value: Value = serde_json::from_slice(body)
            .map_err(|error| format!("not JSON ({error}): {:?}", String::from_utf8_lossy(body)))?;
        let errors: Vec<String> = self
            .validator
            .iter_errors(&value)
            .map(|error| format!("{error} at `{}`", error.instance_path()))
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{} rejects {value}: {}",
                self.name,
                errors.join("; ")
            ))
        }
    }

    /// Asserts that `body` is JSON that the schema accepts.
    #[track_caller]
    pub fn assert_valid(&self, body: &[u8]) {
        if let Err(why) = self.check(body) {
            panic!("{why}");
        }
    }
}

/// An OpenAPI 3.1 document, as a server serves it.
pub struct Document {
    pub json: Value,
}

impl Document {
    /// `GET {path}` from the server at `addr`: an OpenAPI 3.1 document,
    /// served as `application/json`, that `oas3` reads.
    pub async fn fetch(addr: SocketAddr, path: &str) -> Document {
        Document::new(fetch_json(addr, path).await)
    }

    /// A document, after `oas3` has read it.
    #[track_caller]
    pub fn new(json: Value) -> Document {
        let spec = oas3::from_json(json.to_string())
            .unwrap_or_else(|error| panic!("oas3 cannot read the document: {error}"));
        assert!(spec.openapi.starts_with("3.1."), "{}", spec.openapi);
        Document { json }
    }

    /// The schema of the `status` response of `method path`, if the
    /// document has that operation; a failure if the operation has no
    /// such response. The response has one media type, whichever it is
    /// (`application/json`, or `application/problem+json` for problem
    /// details).
    #[track_caller]
    pub fn response_schema(&self, method: &str, path: &str, status: u16) -> Option<BodySchema> {
        let response = self.response(method, path, status)?;
        let (media_type, content) = only_content(response);
        Some(BodySchema::new(
            format!("the {status} response of {method} {path} ({media_type})"),
            &content["schema"],
        ))
    }

    /// The `status` Response Object of `method path`, if the document has
    /// that operation; a failure if the operation has no such response.
    #[track_caller]
    pub fn response(&self, method: &str, path: &str, status: u16) -> Option<&Value> {
        let operation = self.json["paths"]
            .get(path)?
            .get(method.to_ascii_lowercase())?;
        Some(
            operation["responses"]
                .get(status.to_string())
                .unwrap_or_else(|| panic!("{method} {path} documents no {status} response")),
        )
    }

    /// `components.schemas.{name}`.
    #[track_caller]
    pub fn component_schema(&self, name: &str) -> BodySchema {
        let schema = self.json["components"]["schemas"]
            .get(name)
            .unwrap_or_else(|| panic!("no component schema `{name}`"));
        BodySchema::new(format!("components.schemas.{name}"), schema)
    }
}

/// The one media type of a Response Object's `content`, and its Media Type
/// Object; a failure for a response with none or several.
#[track_caller]
pub fn only_content(response: &Value) -> (&str, &Value) {
    let content = response["content"]
        .as_object()
        .unwrap_or_else(|| panic!("a response without content: {response}"));
    assert_eq!(content.len(), 1, "one media type: {response}");
    let (media_type, media) = content.iter().next().unwrap();
    (media_type.as_str(), media)
}

async fn fetch_json(addr: SocketAddr, path: &str) -> Value {
    let reply = super::get(addr, path).await;
    assert_eq!(reply.status, 200, "GET {path}");
    assert_eq!(
        reply.headers[http::header::CONTENT_TYPE],
        "application/json",
        "GET {path}"
    );
    serde_json::from_slice(&reply.body).unwrap_or_else(|error| panic!("GET {path}: {error}"))
}
