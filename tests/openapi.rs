//! The JSON Schema and the OpenAPI 3.1 documents made from a catalog,
//! checked with real validators: `oas3` reads every document, `jsonschema`
//! checks every schema against the draft 2020-12 meta-schema and validates
//! every example and every body against it. Then `subset!`, the errors of
//! one endpoint, as a handler's error type on a real axum server.

mod support;

use std::collections::BTreeSet;

use error_catalog::{catalog, ApiError, ErrorSpec, FromBodyError};
use error_catalog_examples::LicenseApiError;
use serde_json::{json, Value};
use support::{BodySchema, Document};

/// A lower layer, wrapped transparently: its codes are the outer type's too,
/// one of them at a status the outer type uses itself.
#[derive(Debug, ApiError)]
#[api_error(status = 503)]
enum StoreError {
    /// The store cannot be reached.
    #[api_error(code = "store_unavailable", message = "Store unavailable")]
    Unavailable,
    /// Someone else changed the record first.
    #[api_error(status = 409, code = "store_conflict", message = "Record {0} changed")]
    Conflict(u32),
}

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum OrderError {
    /// The order id is already taken.
    #[api_error(
        status = 409,
        code = "order_id_exists",
        message = "Order {id} already exists"
    )]
    OrderIdExists { id: String },
    /// The order is shipped:
    /// it cannot change any more.
    #[api_error(status = 409, code = "order_locked", message = "Order locked")]
    OrderLocked,
    /// The quantity is over the limit.
    #[api_error(
        code = "invalid_quantity",
        message = "Quantity {0} exceeds the limit of {1}"
    )]
    InvalidQuantity(u32, u32),
    /// No order has that id.
    #[api_error(
        status = 404,
        code = "order_not_found",
        message = "Order {{{0}}} not found"
    )]
    NotFound(String),
    #[api_error(transparent)]
    Store(#[from] StoreError),
    #[api_error(status = 500, code = "internal_error", message = "Internal error")]
    Internal(#[source] std::io::Error),
}

/// One error of each code of `OrderError`, as the service sends it.
fn order_errors() -> Vec<OrderError> {
    vec![
        OrderError::OrderIdExists {
            id: "O-\"7\"".into(),
        },
        OrderError::OrderLocked,
        OrderError::InvalidQuantity(9, 5),
        OrderError::NotFound("O-8".into()),
        StoreError::Unavailable.into(),
        StoreError::Conflict(3).into(),
        OrderError::Internal(std::io::Error::other("disk full")),
    ]
}

fn body(error: &impl ApiError) -> Value {
    serde_json::from_slice(&error.to_json()).unwrap()
}

/// `(status, code)` of every entry of a flattened catalog.
fn pairs(catalog: &'static [ErrorSpec]) -> BTreeSet<(u16, &'static str)> {
    catalog::flatten(catalog)
        .iter()
        .map(|spec| (spec.status, spec.code))
        .collect()
}

/// `responses[status].content["application/json"]`.
fn content<'a>(responses: &'a Value, status: &str) -> &'a Value {
    &responses[status]["content"]["application/json"]
}

#[test]
fn the_schema_accepts_every_body_the_type_sends() {
    let schema = BodySchema::new("OrderError", &catalog::to_schema(OrderError::catalog()));
    for error in order_errors() {
        schema.assert_valid(&error.to_json());
    }
    // The reference API: an error of each of its 79 codes, rebuilt from the
    // code and its template (every field is a `String`, which takes the
    // placeholder's text), or made by hand for the one with a source.
    let schema = BodySchema::new(
        "LicenseApiError",
        &catalog::to_schema(LicenseApiError::catalog()),
    );
    let mut sent = 0;
    for spec in LicenseApiError::catalog() {
        let error = match LicenseApiError::from_parts(spec.code, spec.message) {
            Ok(error) => error,
            Err(_) => LicenseApiError::internal(std::io::Error::other("x")),
        };
        assert_eq!(error.code(), spec.code);
        schema.assert_valid(&error.to_json());
        sent += 1;
    }
    assert_eq!(sent, 79);
}

#[test]
fn the_schema_rejects_what_the_type_never_sends() {
    let schema = BodySchema::new("OrderError", &catalog::to_schema(OrderError::catalog()));
    let good = json!({"status": 409, "code": "order_locked", "message": "Order locked"});
    assert!(schema.accepts(&good));
    let rejected = [
        // A code the catalog does not have.
        json!({"status": 409, "code": "order_lost", "message": "Order lost"}),
        json!({"status": 409, "code": "", "message": "Order locked"}),
        // A code with another code's status, or a status of no code.
        json!({"status": 400, "code": "order_locked", "message": "Order locked"}),
        json!({"status": 409, "code": "store_unavailable", "message": "Store unavailable"}),
        json!({"status": 418, "code": "order_locked", "message": "Order locked"}),
        // A member more, or one less.
        json!({"status": 409, "code": "order_locked", "message": "Order locked", "request_id": "r-1"}),
        json!({"status": 409, "code": "order_locked"}),
        json!({"code": "order_locked", "message": "Order locked"}),
        // Members of the wrong type.
        json!({"status": "409", "code": "order_locked", "message": "Order locked"}),
        json!({"status": 409.5, "code": "order_locked", "message": "Order locked"}),
        json!({"status": 409, "code": "order_locked", "message": null}),
        // Not an object.
        json!(["409", "order_locked", "Order locked"]),
        json!("order_locked"),
    ];
    for body in rejected {
        assert!(!schema.accepts(&body), "accepted {body}");
    }

    // Each response's schema admits its own status's codes only.
    let responses = catalog::openapi_responses(OrderError::catalog());
    let conflict = BodySchema::new("409", &content(&responses, "409")["schema"]);
    assert!(conflict.accepts(&good));
    assert!(!conflict.accepts(
        &json!({"status": 400, "code": "invalid_quantity", "message": "Quantity 9 exceeds the limit of 5"})
    ));
    assert!(!conflict.accepts(&json!({"status": 400, "code": "order_locked", "message": "m"})));
}

#[test]
fn two_codes_at_one_status_are_one_response_with_both() {
    let responses = catalog::openapi_responses(OrderError::catalog());
    let statuses: Vec<&String> = responses.as_object().unwrap().keys().collect();
    assert_eq!(statuses, ["400", "404", "409", "500", "503"]);

    // 409: two codes of the enum and one of the wrapped store, in order.
    let conflict = content(&responses, "409");
    assert_eq!(
        conflict["schema"]["properties"]["code"]["enum"],
        json!(["order_id_exists", "order_locked", "store_conflict"])
    );
    let examples: BTreeSet<&str> = conflict["examples"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        examples,
        BTreeSet::from(["order_id_exists", "order_locked", "store_conflict"])
    );
    // The description lists each code with its description, a description
    // of two lines continuing under its item.
    assert_eq!(
        responses["409"]["description"],
        "Conflict. The body's `code` is one of:\n\n\
         - `order_id_exists`: The order id is already taken.\n\
         - `order_locked`: The order is shipped:\n  it cannot change any more.\n\
         - `store_conflict`: Someone else changed the record first."
    );
    assert_eq!(
        conflict["schema"]["properties"]["code"]["x-enum-descriptions"],
        json!([
            "The order id is already taken.",
            "The order is shipped:\nit cannot change any more.",
            "Someone else changed the record first."
        ])
    );

    // The whole schema has one branch per status, every code in one.
    let schema = catalog::to_schema(OrderError::catalog());
    let branches = schema["oneOf"].as_array().unwrap();
    assert_eq!(branches.len(), 5);
    let in_schema: BTreeSet<(u16, &str)> = branches
        .iter()
        .flat_map(|branch| {
            let status = branch["properties"]["status"]["enum"][0].as_u64().unwrap() as u16;
            branch["properties"]["code"]["enum"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |code| (status, code.as_str().unwrap()))
        })
        .collect();
    assert_eq!(in_schema, pairs(OrderError::catalog()));
}

#[test]
fn transparent_variants_contribute_their_wrapped_codes() {
    let responses = catalog::openapi_responses(OrderError::catalog());
    // The store's own status, which the enum has no variant of.
    let unavailable = content(&responses, "503");
    assert_eq!(
        unavailable["schema"]["properties"]["code"]["enum"],
        json!(["store_unavailable"])
    );
    assert_eq!(
        unavailable["examples"]["store_unavailable"]["value"],
        body(&OrderError::Store(StoreError::Unavailable))
    );
    assert!(content(&responses, "409")["examples"]
        .get("store_conflict")
        .is_some());
    // And no code of its own: a transparent entry has none.
    let codes: Vec<&str> = catalog::flatten(OrderError::catalog())
        .iter()
        .map(|spec| spec.code)
        .collect();
    assert!(!codes.contains(&""));
}

#[test]
fn examples_are_bodies_the_type_sends_and_validate() {
    let responses = catalog::openapi_responses(OrderError::catalog());
    let mut seen = BTreeSet::new();
    for (status, response) in responses.as_object().unwrap() {
        let content = &response["content"]["application/json"];
        let schema = BodySchema::new(format!("the {status} response"), &content["schema"]);
        for (code, example) in content["examples"].as_object().unwrap() {
            let value = &example["value"];
            assert!(schema.accepts(value), "{status} {code}: {value}");
            assert_eq!(value["code"], code.as_str());
            assert_eq!(value["status"].to_string(), *status);
            seen.insert((status.parse::<u16>().unwrap(), code.clone()));
        }
    }
    let expected: BTreeSet<(u16, String)> = pairs(OrderError::catalog())
        .into_iter()
        .map(|(status, code)| (status, code.to_owned()))
        .collect();
    assert_eq!(seen, expected, "one example per code");

    // A fixed message is the message; a template shows its placeholders.
    let example = |status: &str, code: &str| content(&responses, status)["examples"][code].clone();
    assert_eq!(
        example("409", "order_locked")["value"],
        body(&OrderError::OrderLocked)
    );
    assert_eq!(
        example("409", "order_locked")["summary"],
        "The order is shipped:"
    );
    assert!(example("409", "order_locked").get("description").is_none());
    assert_eq!(
        example("409", "order_id_exists")["value"]["message"],
        "Order <id> already exists"
    );
    assert_eq!(
        example("409", "order_id_exists")["description"],
        "The message is made from the template `Order {id} already exists`."
    );
    assert_eq!(
        example("400", "invalid_quantity")["value"]["message"],
        "Quantity <0> exceeds the limit of <1>"
    );
    assert_eq!(
        example("404", "order_not_found")["value"]["message"],
        "Order {<0>} not found"
    );
    // A templated example rebuilds into the error that sends it, when the
    // fields take the placeholders' text.
    let id = OrderError::from_body(
        &serde_json::from_value(example("409", "order_id_exists")["value"].clone()).unwrap(),
    )
    .unwrap();
    assert_eq!(body(&id), example("409", "order_id_exists")["value"]);
}

/// Every example of the License API's document is a body the service sends:
/// rebuilt from the example, the error writes the example back.
#[test]
fn license_api_examples_are_its_own_bodies() {
    let responses = catalog::openapi_responses(LicenseApiError::catalog());
    let mut examples = 0;
    let mut rebuilt = 0;
    for (status, response) in responses.as_object().unwrap() {
        let content = &response["content"]["application/json"];
        let schema = BodySchema::new(format!("the {status} response"), &content["schema"]);
        for example in content["examples"].as_object().unwrap().values() {
            let value = &example["value"];
            schema.assert_valid(value.to_string().as_bytes());
            examples += 1;
            let received: error_catalog::ErrorBody = serde_json::from_value(value.clone()).unwrap();
            if let Ok(error) = LicenseApiError::from_body(&received) {
                assert_eq!(&body(&error), value);
                rebuilt += 1;
            }
        }
    }
    assert_eq!(examples, 79);
    // `internal_error` has a source, which a body never carries.
    assert_eq!(rebuilt, 78);
}

#[test]
fn the_standalone_document_is_openapi_3_1() {
    let document = Document::new(catalog::to_openapi(
        LicenseApiError::catalog(),
        "LicenseApiError",
        "4.0.0",
    ));
    let json = &document.json;
    assert_eq!(json["openapi"], catalog::OPENAPI_VERSION);
    assert_eq!(json["info"]["version"], "4.0.0");

    // One component response per status, named after the type.
    let statuses: BTreeSet<u16> = pairs(LicenseApiError::catalog())
        .into_iter()
        .map(|(status, _)| status)
        .collect();
    let names: BTreeSet<String> = json["components"]["responses"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let expected: BTreeSet<String> = statuses
        .iter()
        .map(|status| format!("LicenseApiError{status}"))
        .collect();
    assert_eq!(names, expected);

    // The whole schema accepts every example of every response, which each
    // accept only their own.
    let whole = document.component_schema("LicenseApiError");
    let mut codes = BTreeSet::new();
    for (name, response) in json["components"]["responses"].as_object().unwrap() {
        let content = &response["content"]["application/json"];
        let own = BodySchema::new(name.clone(), &content["schema"]);
        for (code, example) in content["examples"].as_object().unwrap() {
            assert!(whole.accepts(&example["value"]), "{code}");
            assert!(own.accepts(&example["value"]), "{code}");
            codes.insert(code.clone());
        }
        let description = response["description"].as_str().unwrap();
        for code in content["schema"]["properties"]["code"]["enum"]
            .as_array()
            .unwrap()
        {
            assert!(
                description.contains(&format!("\n- `{}`", code.as_str().unwrap())),
                "{name}: {code} is not listed"
            );
        }
    }
    assert_eq!(codes.len(), 79);
}

#[test]
fn the_components_fragment_merges_into_a_document() {
    let components = catalog::openapi_components(OrderError::catalog(), "OrderError");
    // A service's own document, with an operation that refers to them.
    let document = Document::new(json!({
        "openapi": "3.1.0",
        "info": {"title": "Orders", "version": "1"},
        "paths": {
            "/orders/{id}": {
                "get": {
                    "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                    "responses": {
                        "200": {"description": "The order"},
                        "404": {"$ref": "#/components/responses/OrderError404"},
                        "500": {"$ref": "#/components/responses/OrderError500"},
                    },
                },
            },
        },
        "components": components,
    }));
    let responses = &document.json["components"]["responses"];
    assert_eq!(
        responses["OrderError404"],
        catalog::openapi_responses(OrderError::catalog())["404"]
    );
    assert_eq!(document.json["components"]["schemas"]["OrderError"], {
        let mut schema = catalog::to_schema(OrderError::catalog());
        schema.as_object_mut().unwrap().remove("$schema");
        schema
    });
}

/// Two entries with the same code and status (the same error type wrapped
/// twice) are one code of the documents.
#[test]
fn a_code_reached_twice_is_documented_once() {
    #[derive(Debug, ApiError)]
    enum Twice {
        #[api_error(transparent)]
        First(StoreError),
        #[api_error(transparent)]
        Second(StoreError),
    }
    let responses = catalog::openapi_responses(Twice::catalog());
    assert_eq!(
        content(&responses, "503")["schema"]["properties"]["code"]["enum"],
        json!(["store_unavailable"])
    );
    let schema = BodySchema::new("Twice", &catalog::to_schema(Twice::catalog()));
    schema.assert_valid(&Twice::Second(StoreError::Conflict(1)).to_json());
}

error_catalog::subset! {
    /// What `DELETE /orders/{id}` can answer: a unit, a tuple and a
    /// transparent variant.
    pub struct DeleteOrderError: OrderError { OrderLocked, NotFound, Store }
}

#[test]
fn a_subset_documents_only_its_codes() {
    let codes: Vec<&str> = catalog::flatten(DeleteOrderError::catalog())
        .iter()
        .map(|spec| spec.code)
        .collect();
    assert_eq!(
        codes,
        [
            "order_locked",
            "order_not_found",
            "store_unavailable",
            "store_conflict"
        ]
    );
    let responses = catalog::openapi_responses(DeleteOrderError::catalog());
    let statuses: Vec<&String> = responses.as_object().unwrap().keys().collect();
    assert_eq!(statuses, ["404", "409", "503"]);
    assert_eq!(
        content(&responses, "409")["schema"]["properties"]["code"]["enum"],
        json!(["order_locked", "store_conflict"])
    );

    let schema = BodySchema::new(
        "DeleteOrderError",
        &catalog::to_schema(DeleteOrderError::catalog()),
    );
    assert!(schema.accepts(&body(&OrderError::OrderLocked)));
    assert!(schema.accepts(&body(&OrderError::Store(StoreError::Conflict(2)))));
    assert!(!schema.accepts(&body(&OrderError::OrderIdExists { id: "O-1".into() })));
    assert!(!schema.accepts(&body(&OrderError::InvalidQuantity(9, 5))));
}

#[test]
fn a_subset_is_its_errors_on_the_wire_and_decodes_only_its_codes() {
    // `?` converts; the body, status, message and source are the error's.
    fn delete(locked: bool) -> Result<(), DeleteOrderError> {
        if locked {
            Err(OrderError::OrderLocked)?
        }
        Err(OrderError::NotFound("O-9".into()))?
    }
    let err = delete(true).unwrap_err();
    assert_eq!(err.to_json(), OrderError::OrderLocked.to_json());
    assert_eq!(err.static_body(), OrderError::OrderLocked.static_body());
    let err = delete(false).unwrap_err();
    assert_eq!(err.status(), 404);
    assert_eq!(err.to_string(), "Order {O-9} not found");
    assert_eq!(
        serde_json::to_vec(&err).unwrap(),
        OrderError::NotFound("O-9".into()).to_json()
    );
    let err = DeleteOrderError::from(OrderError::Internal(std::io::Error::other("disk full")));
    assert_eq!(
        std::error::Error::source(&err).unwrap().to_string(),
        "disk full"
    );

    // A client decodes the subset's codes, and no other.
    let decoded: DeleteOrderError = serde_json::from_slice(
        br#"{"status":409,"code":"store_conflict","message":"Record 4 changed"}"#,
    )
    .unwrap();
    assert!(matches!(
        decoded,
        DeleteOrderError(OrderError::Store(StoreError::Conflict(4)))
    ));
    assert!(matches!(
        DeleteOrderError::from_parts("order_id_exists", "Order O-1 already exists"),
        Err(FromBodyError::UnknownCode { ref code }) if code == "order_id_exists"
    ));
    assert!(serde_json::from_slice::<DeleteOrderError>(
        br#"{"status":409,"code":"order_id_exists","message":"Order O-1 already exists"}"#
    )
    .is_err());
    // The enum itself still decodes it.
    assert!(OrderError::from_parts("order_id_exists", "Order O-1 already exists").is_ok());
}

/// A subset as a handler's error type on a real axum server: the same
/// bytes as the enum's, valid under the subset's served schema.
#[tokio::test]
async fn a_subset_is_a_handler_error() {
    use axum::extract::Path;
    use axum::routing::{delete, get};

    async fn delete_order(Path(id): Path<String>) -> Result<(), DeleteOrderError> {
        match id.as_str() {
            "locked" => Err(OrderError::OrderLocked)?,
            "busy" => Err(OrderError::from(StoreError::Unavailable))?,
            _ => Err(OrderError::NotFound(id))?,
        }
    }
    let app = axum::Router::new()
        .route("/orders/{id}", delete(delete_order))
        .route(
            "/schema.json",
            get(|| async { axum::Json(catalog::to_schema(DeleteOrderError::catalog())) }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let schema = BodySchema::fetch(addr, "/schema.json").await;
    let client: hyper_util::client::legacy::Client<_, http_body_util::Empty<bytes::Bytes>> =
        hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
            .build_http();
    for (id, error) in [
        ("locked", OrderError::OrderLocked),
        ("busy", StoreError::Unavailable.into()),
        ("O-1", OrderError::NotFound("O-1".into())),
    ] {
        let request = http::Request::delete(format!("http://{addr}/orders/{id}"))
            .body(http_body_util::Empty::new())
            .unwrap();
        let response = client.request(request).await.unwrap();
        assert_eq!(response.status(), error.status());
        assert_eq!(response.headers()["content-type"], "application/json");
        let received = http_body_util::BodyExt::collect(response.into_body())
            .await
            .unwrap()
            .to_bytes();
        assert_eq!(received, error.to_json());
        schema.assert_valid(&received);
    }
}
