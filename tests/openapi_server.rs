//! The License API server's OpenAPI document, `GET /api/v4/openapi.json`,
//! over real HTTP: what it says of each endpoint, read with `oas3` and
//! checked with `jsonschema`. (`tests/license_server.rs` validates every
//! error body the server sends against it.)

mod support;

use std::collections::BTreeSet;
use std::sync::Arc;

use error_catalog::{catalog, ApiError, ErrorSpec};
use error_catalog_examples::server::{
    self, ActivateLicenseErrors, CheckLicenseErrors, DeactivateLicenseErrors, Store,
};
use error_catalog_examples::LicenseApiError;
use serde_json::Value;
use support::{BodySchema, Document};

async fn start() -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(server::serve(
        listener,
        Arc::new(Store::seeded()),
        std::future::pending(),
    ));
    addr
}

/// `(status, code)` pairs.
type Codes = BTreeSet<(u16, String)>;

/// `(status, code)` of every entry of a catalog.
fn pairs(catalog: &'static [ErrorSpec]) -> Codes {
    catalog::flatten(catalog)
        .iter()
        .map(|spec| (spec.status, spec.code.to_owned()))
        .collect()
}

/// `(status, code)` of every error an operation documents, from the codes
/// of each response's schema and, separately, from its examples.
fn documented(operation: &Value) -> (Codes, Codes) {
    let mut by_schema = BTreeSet::new();
    let mut by_example = BTreeSet::new();
    for (status, response) in operation["responses"].as_object().unwrap() {
        let status: u16 = status.parse().unwrap();
        if status < 400 {
            continue;
        }
        let content = &response["content"]["application/json"];
        for code in content["schema"]["properties"]["code"]["enum"]
            .as_array()
            .unwrap()
        {
            by_schema.insert((status, code.as_str().unwrap().to_owned()));
        }
        for code in content["examples"].as_object().unwrap().keys() {
            by_example.insert((status, code.clone()));
        }
    }
    (by_schema, by_example)
}

#[tokio::test]
async fn each_endpoint_documents_its_success_and_only_its_errors() {
    let addr = start().await;
    // No `Authorization` needed for the document.
    let document = Document::fetch(addr, "/api/v4/openapi.json").await;
    let paths = &document.json["paths"];
    let endpoints = [
        (
            "/api/v4/activate_license",
            "post",
            pairs(ActivateLicenseErrors::catalog()),
        ),
        (
            "/api/v4/deactivate_license",
            "post",
            pairs(DeactivateLicenseErrors::catalog()),
        ),
        (
            "/api/v4/check_license",
            "get",
            pairs(CheckLicenseErrors::catalog()),
        ),
    ];
    assert_eq!(paths.as_object().unwrap().len(), endpoints.len());
    for (path, method, expected) in endpoints {
        let operation = &paths[path][method];
        let success = &operation["responses"]["200"]["content"]["application/json"]["schema"];
        assert_eq!(
            success["$ref"], "#/components/schemas/LicenseState",
            "{path}"
        );
        let (by_schema, by_example) = documented(operation);
        assert_eq!(by_schema, expected, "{path}");
        assert_eq!(by_example, expected, "{path}");
        // Every example validates against its response's schema.
        for (status, response) in operation["responses"].as_object().unwrap() {
            if status == "200" {
                continue;
            }
            let content = &response["content"]["application/json"];
            let schema = BodySchema::new(format!("{path} {status}"), &content["schema"]);
            for example in content["examples"].as_object().unwrap().values() {
                assert!(schema.accepts(&example["value"]), "{path} {example}");
            }
        }
    }
    // Fewer codes than the whole catalog, and the ones each endpoint has.
    let check = documented(&paths["/api/v4/check_license"]["get"]).0;
    assert!(check.contains(&(400, "device_not_found".to_owned())));
    assert!(check.contains(&(500, "internal_error".to_owned())));
    assert!(!check.contains(&(400, "invalid_json".to_owned())));
    assert!(check.len() < LicenseApiError::catalog().len());

    // The schema of every error body, for answers that are no endpoint's.
    let whole = document.component_schema("LicenseApiError");
    assert!(whole.accepts(&serde_json::from_slice(&LicenseApiError::NotFound.to_json()).unwrap()));

    // The document is `server::openapi()`, as served.
    assert_eq!(
        document.json,
        serde_json::to_value(server::openapi()).unwrap()
    );
}

#[tokio::test]
async fn the_document_is_served_at_one_path_for_get_only() {
    let addr = start().await;
    let reply = support::raw_get(addr, "/api/v4/openapi.json").await;
    assert_eq!(reply.status_line, "HTTP/1.1 200 OK");
    assert_eq!(reply.header("content-type"), "application/json");
    assert_eq!(reply.header("content-length"), reply.body.len().to_string());

    // Another method is the API's `not_found`, like any unknown route.
    let client: hyper_util::client::legacy::Client<_, http_body_util::Full<bytes::Bytes>> =
        hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
            .build_http();
    let request = http::Request::post(format!("http://{addr}/api/v4/openapi.json"))
        .body(http_body_util::Full::new(bytes::Bytes::new()))
        .unwrap();
    let response = client.request(request).await.unwrap();
    assert_eq!(response.status(), 404);
    let body = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    assert_eq!(body, LicenseApiError::NotFound.to_json());
    let document = Document::fetch(addr, "/api/v4/openapi.json").await;
    document
        .component_schema("LicenseApiError")
        .assert_valid(&body);
    for path in ["/api/v4/openapi.json/", "/api/v4/openapi"] {
        let reply = support::get(addr, path).await;
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(reply.body, LicenseApiError::NotFound.to_json(), "{path}");
    }
}

/// Each endpoint documents its 401, `authentication_failure` with its
/// `www-authenticate` challenge; a wrong key gets exactly that, and its
/// body validates against the 401 response of the endpoint's document.
#[tokio::test]
async fn each_endpoint_documents_its_challenge() {
    use error_catalog_examples::server::seed;

    let addr = start().await;
    let document = Document::fetch(addr, "/api/v4/openapi.json").await;
    for (path, method) in [
        ("/api/v4/activate_license", "post"),
        ("/api/v4/deactivate_license", "post"),
        ("/api/v4/check_license", "get"),
    ] {
        let unauthorized = document.response(method, path, 401).unwrap();
        assert_eq!(
            unauthorized["content"]["application/json"]["schema"]["properties"]["code"]["enum"],
            serde_json::json!(["authentication_failure"]),
            "{path}"
        );
        assert_eq!(
            unauthorized["headers"],
            serde_json::json!({"www-authenticate": {
                "description": "Sent with every code of this response.",
                "style": "simple",
                "schema": {"type": "string"},
            }}),
            "{path}"
        );
        // No other response of the endpoint documents a header.
        for (status, response) in document.json["paths"][path][method]["responses"]
            .as_object()
            .unwrap()
        {
            if status != "401" {
                assert!(response.get("headers").is_none(), "{path} {status}");
            }
        }
    }

    // A wrong key, from a raw socket.
    let request = format!(
        "GET /api/v4/check_license?license_key={}&hardware_id={}&product={} HTTP/1.1\r\n\
         host: {addr}\r\nauthorization: not-a-key\r\nconnection: close\r\n\r\n",
        seed::ACTIVE_KEY,
        seed::ACTIVE_DEVICE,
        seed::PRODUCT,
    );
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    tokio::io::AsyncWriteExt::write_all(&mut stream, request.as_bytes())
        .await
        .unwrap();
    let mut all = Vec::new();
    tokio::io::AsyncReadExt::read_to_end(&mut stream, &mut all)
        .await
        .unwrap();
    let all = String::from_utf8(all).unwrap();
    let (head, body) = all.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 401 "), "{head}");
    let documented = document
        .response("get", "/api/v4/check_license", 401)
        .unwrap();
    for line in head.lines().skip(1) {
        let (name, _) = line.split_once(':').unwrap();
        let name = name.to_ascii_lowercase();
        // The body's and the connection's own headers are hyper's.
        let transport = ["content-type", "content-length", "date", "connection"];
        if !transport.contains(&name.as_str()) {
            assert!(
                documented["headers"][name.as_str()].is_object(),
                "{name} is sent, not documented"
            );
        }
    }
    assert!(head.contains("\r\nwww-authenticate: "), "{head}");
    document
        .response_schema("GET", "/api/v4/check_license", 401)
        .unwrap()
        .assert_valid(body.as_bytes());
}
