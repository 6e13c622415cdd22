//! The JSON Schema and the OpenAPI documents of an enum declared with
//! `#[api_error(format = "problem")]`: `application/problem+json`
//! responses whose schema has exactly the members of the problem body, each
//! code with its own `type` and `title`. Checked with real validators
//! (`oas3`, `jsonschema`) against the bodies the type writes, and against
//! every body a real axum server sends.

mod support;

use std::collections::BTreeSet;
use std::net::SocketAddr;

use error_catalog::{catalog, ApiError, BodyFormat, ErrorSpec, PROBLEM_JSON};
use serde_json::{json, Value};
use support::{only_content, BodySchema, Document};

/// A lower layer with the default body and no `type_base`.
#[derive(Debug, ApiError)]
enum StoreError {
    /// The store is unreachable.
    #[api_error(
        status = 503,
        code = "store_unavailable",
        message = "Store unavailable",
        header("retry-after", "5")
    )]
    Unavailable,
}

#[derive(Debug, ApiError)]
#[api_error(
    status = 400,
    format = "problem",
    type_base = "https://docs.example.com/errors/"
)]
enum ProblemError {
    /// The license key is not known. Check it for typos.
    #[api_error(
        status = 404,
        code = "license_not_found",
        message = "License {key} not found"
    )]
    LicenseNotFound { key: String },
    /// The license has expired! Renew it.
    #[api_error(code = "license_expired", message = "The license has expired")]
    LicenseExpired,
    /// Say "hi" \ politely? Then retry.
    #[api_error(code = "quoted", message = "Tab\there \"quoted\" {{braces}}")]
    Quoted,
    #[api_error(status = 409, code = "conflict", message = "Already activated")]
    Conflict,
    #[api_error(status = 499, code = "client_closed", message = "Closed")]
    ClientClosed,
    #[api_error(status = 429, code = "rate_limited", message = "Retry in {seconds} s")]
    RateLimited {
        #[header("retry-after")]
        seconds: u64,
    },
    /// An unexpected server error has occured.
    #[api_error(
        status = 500,
        code = "internal_error",
        message = "An unexpected server error has occured"
    )]
    Internal(#[source] std::io::Error),
    #[api_error(transparent)]
    Store(#[from] StoreError),
}

/// One error of each code, by a name for the test server.
fn case(name: &str) -> ProblemError {
    match name {
        "templated" => ProblemError::LicenseNotFound {
            key: "K-\"1\"".into(),
        },
        "fixed" => ProblemError::LicenseExpired,
        "quoted" => ProblemError::Quoted,
        "no-doc" => ProblemError::Conflict,
        "no-title" => ProblemError::ClientClosed,
        "header" => ProblemError::RateLimited { seconds: 30 },
        "internal" => ProblemError::Internal(std::io::Error::other("disk full")),
        _ => StoreError::Unavailable.into(),
    }
}

const CASES: [&str; 8] = [
    "templated",
    "fixed",
    "quoted",
    "no-doc",
    "no-title",
    "header",
    "internal",
    "transparent",
];

fn json_of(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

fn problem_responses() -> Value {
    catalog::openapi_responses_as(ProblemError::catalog(), ProblemError::body_format())
}

fn whole_schema() -> BodySchema {
    BodySchema::new(
        "ProblemError",
        &catalog::to_schema_as(ProblemError::catalog(), ProblemError::body_format()),
    )
}

/// `(status, code)` of every entry of a flattened catalog.
fn pairs(catalog: &'static [ErrorSpec]) -> BTreeSet<(u16, String)> {
    catalog::flatten(catalog)
        .iter()
        .map(|spec| (spec.status, spec.code.to_owned()))
        .collect()
}

#[test]
fn every_example_validates_and_is_a_body_the_type_sends() {
    assert_eq!(ProblemError::body_format(), BodyFormat::Problem);
    let responses = problem_responses();
    let whole = whole_schema();
    let mut seen = BTreeSet::new();
    let mut rebuilt = 0;
    for (status, response) in responses.as_object().unwrap() {
        let (media_type, content) = only_content(response);
        assert_eq!(media_type, PROBLEM_JSON);
        let schema = BodySchema::new(format!("the {status} response"), &content["schema"]);
        for (code, example) in content["examples"].as_object().unwrap() {
            let value = &example["value"];
            assert!(schema.accepts(value), "{status} {code}: {value}");
            assert!(whole.accepts(value), "{status} {code}: {value}");
            assert_eq!(value["code"], code.as_str());
            assert_eq!(value["status"].to_string(), *status);
            seen.insert((status.parse::<u16>().unwrap(), code.clone()));

            // Rebuilt from its code and its detail, the error writes the
            // example back (a field that takes the placeholder's text).
            let detail = value["detail"].as_str().unwrap();
            if let Ok(error) = ProblemError::from_parts(code, detail) {
                assert_eq!(&json_of(&error.to_problem_json()), value, "{code}");
                rebuilt += 1;
            }
        }
    }
    assert_eq!(seen, pairs(ProblemError::catalog()), "one example per code");
    // All but `rate_limited` (a `u64` field) and `internal_error` (a source).
    assert_eq!(rebuilt, seen.len() - 2);

    // A fixed message's example is its compile-time body; a template's
    // shows its placeholders, and says so.
    let example = |status: &str, code: &str| {
        responses[status]["content"][PROBLEM_JSON]["examples"][code].clone()
    };
    assert_eq!(
        example("400", "quoted")["value"],
        json_of(
            ProblemError::Quoted
                .static_problem_body()
                .unwrap()
                .as_bytes()
        )
    );
    assert_eq!(
        example("404", "license_not_found")["value"]["detail"],
        "License <key> not found"
    );
    assert_eq!(
        example("404", "license_not_found")["description"],
        "The detail is made from the template `License {key} not found`."
    );
    assert_eq!(
        example("404", "license_not_found")["summary"],
        "The license key is not known. Check it for typos."
    );
}

#[test]
fn the_schema_accepts_every_body_the_type_sends() {
    let whole = whole_schema();
    let responses = problem_responses();
    let statuses: Vec<&String> = responses.as_object().unwrap().keys().collect();
    for name in CASES {
        let error = case(name);
        let status = error.status().as_str().to_owned();
        let own = BodySchema::new(
            status.clone(),
            &responses[&status]["content"][PROBLEM_JSON]["schema"],
        );
        for body in [
            error.to_problem_json().to_vec(),
            error.to_response().into_body().to_vec(),
            serde_json::to_vec(&error).unwrap(),
        ] {
            whole.assert_valid(&body);
            own.assert_valid(&body);
            // Under no other status's response.
            for other in statuses.iter().filter(|other| ***other != status) {
                let schema = BodySchema::new(
                    (*other).clone(),
                    &responses[other.as_str()]["content"][PROBLEM_JSON]["schema"],
                );
                assert!(schema.check(&body).is_err(), "{name} under {other}");
            }
        }
    }
}

#[test]
fn the_schema_rejects_what_the_type_never_sends() {
    let whole = whole_schema();
    let good = json!({
        "type": "https://docs.example.com/errors/license_not_found",
        "title": "The license key is not known.",
        "status": 404,
        "detail": "License K-1 not found",
        "code": "license_not_found",
    });
    assert!(whole.accepts(&good));
    let with = |member: &str, value: Value| {
        let mut body = good.clone();
        body[member] = value;
        body
    };
    let without = |member: &str| {
        let mut body = good.clone();
        body.as_object_mut().unwrap().remove(member);
        body
    };
    let rejected = [
        // Another code's type, the blank type, a type of no code.
        with("type", json!("https://docs.example.com/errors/conflict")),
        with("type", json!("about:blank")),
        with(
            "type",
            json!("https://docs.example.com/errors/license_lost"),
        ),
        // Another code, a code of no entry.
        with("code", json!("conflict")),
        with("code", json!("license_lost")),
        // Another status.
        with("status", json!(400)),
        with("status", json!("404")),
        // Another title.
        with("title", json!("Not Found")),
        // A member more: RFC 9457's `instance`, or any other.
        with("instance", json!("/licenses/K-1")),
        with("request_id", json!("r-1")),
        // A member less.
        without("type"),
        without("title"),
        without("status"),
        without("detail"),
        without("code"),
        // Members of the wrong type.
        with("detail", Value::Null),
        with("detail", json!(7)),
        // The `{status, code, message}` body of the same error.
        json!({"status": 404, "code": "license_not_found", "message": "License K-1 not found"}),
        // Not an object.
        json!("license_not_found"),
    ];
    for body in rejected {
        assert!(!whole.accepts(&body), "accepted {body}");
    }

    // A code without a title has none, and no title is accepted for it.
    let closed = json!({
        "type": "https://docs.example.com/errors/client_closed",
        "status": 499,
        "detail": "Closed",
        "code": "client_closed",
    });
    assert!(whole.accepts(&closed));
    let mut titled = closed.clone();
    titled["title"] = json!("Client Closed Request");
    assert!(!whole.accepts(&titled));

    // The response of a status admits its own codes only.
    let responses = problem_responses();
    let bad_request = BodySchema::new("400", &responses["400"]["content"][PROBLEM_JSON]["schema"]);
    assert!(bad_request.accepts(&json_of(&ProblemError::Quoted.to_problem_json())));
    assert!(!bad_request.accepts(&good));
}

#[test]
fn each_code_has_exactly_the_members_its_body_has() {
    let schema = catalog::to_schema_as(ProblemError::catalog(), BodyFormat::Problem);
    let branches = schema["oneOf"].as_array().unwrap();
    assert_eq!(
        branches.len(),
        catalog::flatten(ProblemError::catalog()).len()
    );
    for name in CASES {
        let error = case(name);
        let body = json_of(&error.to_problem_json());
        let branch = branches
            .iter()
            .find(|branch| branch["properties"]["code"]["enum"] == json!([error.code()]))
            .unwrap();
        // The members of the body are the branch's, all required.
        let members: BTreeSet<&String> = body.as_object().unwrap().keys().collect();
        let properties: BTreeSet<&String> =
            branch["properties"].as_object().unwrap().keys().collect();
        assert_eq!(members, properties, "{name}");
        let required: BTreeSet<&str> = branch["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|member| member.as_str().unwrap())
            .collect();
        assert_eq!(
            required,
            members.iter().map(|m| m.as_str()).collect(),
            "{name}"
        );
        assert_eq!(branch["additionalProperties"], false);
        // Each fixed member admits the one value the body has.
        for member in ["type", "title", "status", "code"] {
            if let Some(value) = body.get(member) {
                assert_eq!(
                    branch["properties"][member]["enum"],
                    json!([value]),
                    "{name} {member}"
                );
            }
        }
        assert_eq!(branch["properties"]["detail"]["type"], "string");
    }
}

/// A `transparent` variant's codes are sent in the outer enum's format,
/// with the wrapped entry's own type and title: the documents say so.
#[test]
fn transparent_codes_keep_the_outer_format() {
    let responses = problem_responses();
    let (media_type, unavailable) = only_content(&responses["503"]);
    assert_eq!(media_type, PROBLEM_JSON);
    let sent = json_of(&ProblemError::Store(StoreError::Unavailable).to_problem_json());
    assert_eq!(sent["type"], "about:blank");
    assert_eq!(unavailable["examples"]["store_unavailable"]["value"], sent);
    assert_eq!(
        unavailable["schema"]["properties"]["title"]["enum"],
        json!(["The store is unreachable."])
    );
    // And its header.
    assert_eq!(
        responses["503"]["headers"]["retry-after"]["description"],
        "Sent with every code of this response."
    );
    // The wrapped enum on its own documents its default body.
    let own = catalog::openapi_responses_as(StoreError::catalog(), StoreError::body_format());
    assert_eq!(own, catalog::openapi_responses(StoreError::catalog()));
    assert!(only_content(&own["503"]).0 == "application/json");
}

#[test]
fn the_documents_are_openapi_3_1_and_the_default_forms_are_unchanged() {
    let format = ProblemError::body_format();
    let document = Document::new(catalog::to_openapi_as(
        ProblemError::catalog(),
        "ProblemError",
        "1.0.0",
        format,
    ));
    assert_eq!(
        document.json["components"],
        catalog::openapi_components_as(ProblemError::catalog(), "ProblemError", format)
    );
    let component = document.component_schema("ProblemError");
    for name in CASES {
        component.assert_valid(&case(name).to_problem_json());
    }
    for response in document.json["components"]["responses"]
        .as_object()
        .unwrap()
        .values()
    {
        assert_eq!(only_content(response).0, PROBLEM_JSON);
    }
    let mut schema = catalog::to_schema_as(ProblemError::catalog(), format);
    schema.as_object_mut().unwrap().remove("$schema");
    assert_eq!(
        document.json["components"]["schemas"]["ProblemError"],
        schema
    );

    // The functions without `_as` describe the default body, whatever the
    // enum sends: they are the `_as` forms with `BodyFormat::ErrorBody`.
    let catalog = ProblemError::catalog();
    let body = BodyFormat::ErrorBody;
    assert_eq!(
        catalog::to_schema(catalog),
        catalog::to_schema_as(catalog, body)
    );
    assert_eq!(
        catalog::openapi_responses(catalog),
        catalog::openapi_responses_as(catalog, body)
    );
    assert_eq!(
        catalog::openapi_components(catalog, "E"),
        catalog::openapi_components_as(catalog, "E", body)
    );
    assert_eq!(
        catalog::to_openapi(catalog, "E", "1"),
        catalog::to_openapi_as(catalog, "E", "1", body)
    );
    let default = BodySchema::new("default", &catalog::to_schema(catalog));
    default.assert_valid(&case("templated").to_json());
    assert!(default.check(&case("templated").to_problem_json()).is_err());
}

error_catalog::subset! {
    /// What `GET /subset/{name}` can answer.
    pub struct LookupError: ProblemError { LicenseNotFound, RateLimited, Store }
}

/// The subset of a problem enum is a problem type of its own: its format,
/// its headers, its bytes.
#[test]
fn a_subset_of_a_problem_enum_sends_and_documents_problem_details() {
    assert_eq!(LookupError::body_format(), BodyFormat::Problem);
    let error = LookupError(ProblemError::RateLimited { seconds: 7 });
    let response = error.to_response();
    assert_eq!(response.headers()["content-type"], PROBLEM_JSON);
    assert_eq!(response.headers()["retry-after"], "7");
    assert_eq!(response.body(), &error.0.to_problem_json());
    assert_eq!(
        serde_json::to_vec(&error).unwrap(),
        error.0.to_problem_json()
    );
    let responses =
        catalog::openapi_responses_as(LookupError::catalog(), LookupError::body_format());
    assert_eq!(
        responses.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["404", "429", "503"]
    );
    let schema = BodySchema::new("429", &responses["429"]["content"][PROBLEM_JSON]["schema"]);
    schema.assert_valid(response.body());
}

/// An OpenAPI document of two operations: `GET /case/{name}` fails with
/// any `ProblemError`, `GET /subset/{name}` with a `LookupError`.
fn served_document() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Problems", "version": "1"},
        "paths": {
            "/case/{name}": {"get": {
                "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": catalog::openapi_responses_as(ProblemError::catalog(), ProblemError::body_format()),
            }},
            "/subset/{name}": {"get": {
                "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": catalog::openapi_responses_as(LookupError::catalog(), LookupError::body_format()),
            }},
        },
    })
}

async fn start() -> SocketAddr {
    use axum::extract::Path;
    use axum::routing::get;

    let app =
        axum::Router::new()
            .route(
                "/case/{name}",
                get(|Path(name): Path<String>| async move { Err::<(), _>(case(&name)) }),
            )
            .route(
                "/subset/{name}",
                get(|Path(name): Path<String>| async move {
                    Err::<(), LookupError>(case(&name).into())
                }),
            )
            .route(
                "/openapi.json",
                get(|| async { axum::Json(served_document()) }),
            );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

/// Every problem body a real axum server sends validates against the
/// schema of its status's response in the document the server serves,
/// with the content type and the headers that response documents.
#[tokio::test]
async fn every_body_on_the_wire_validates_against_the_served_document() {
    let addr = start().await;
    let document = Document::fetch(addr, "/openapi.json").await;
    let routes = [
        ("/case/{name}", &CASES[..]),
        (
            "/subset/{name}",
            &["templated", "header", "transparent"][..],
        ),
    ];
    for (path, names) in routes {
        for name in names {
            let reply = support::get(addr, &path.replace("{name}", name)).await;
            let status = reply.status.as_u16();
            assert_eq!(status, case(name).status().as_u16(), "{path} {name}");
            let response = document.response("GET", path, status).unwrap();
            let (media_type, _) = only_content(response);
            assert_eq!(reply.headers["content-type"], media_type, "{path} {name}");
            document
                .response_schema("GET", path, status)
                .unwrap()
                .assert_valid(&reply.body);
            assert_eq!(reply.body, case(name).to_problem_json());
            for header in case(name).spec().headers {
                assert!(
                    reply.headers.contains_key(*header),
                    "{path} {name} {header}"
                );
                assert!(
                    response["headers"][*header].is_object(),
                    "{path} {name}: {header} is not documented"
                );
            }
        }
    }
}
