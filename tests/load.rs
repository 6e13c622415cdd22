//! The License API example server under load: a bounded burst of
//! concurrent requests over real HTTP on 127.0.0.1, mixing every error path,
//! each answer checked against the reference JSON Schema of an error body
//! and, with the `jsonschema` crate, against the OpenAPI document the
//! server serves.

#[path = "load/burst.rs"]
mod burst;
mod support;

use std::collections::HashMap;
use std::sync::Arc;

use error_catalog_examples::server::{self, Store};
use support::{BodySchema, Document};

/// Every case's body schema from the served document: the response its
/// endpoint documents for its status, or, for a request that is no
/// endpoint's, the schema of every error body.
fn served_schemas(document: &Document, cases: &[burst::Case]) -> burst::BodyCheck {
    let mut schemas: HashMap<(String, String, u16), Arc<BodySchema>> = HashMap::new();
    let whole = Arc::new(document.component_schema("LicenseApiError"));
    for case in cases {
        let path = case.path.split('?').next().unwrap_or(&case.path).to_owned();
        let key = (case.method.to_string(), path, case.status);
        let schema = match document.response_schema(&key.0, &key.1, key.2) {
            Some(schema) => Arc::new(schema),
            None => whole.clone(),
        };
        schemas.insert(key, schema);
    }
    Arc::new(move |case, body| {
        let path = case.path.split('?').next().unwrap_or(&case.path);
        let key = (case.method.to_string(), path.to_owned(), case.status);
        schemas[&key].check(body)
    })
}

/// At least 10,000 requests; a multiple of the number of cases, so that
/// every case is sent the same number of times.
const CASES_ROUNDS: usize = 640;
const CONCURRENCY: usize = 64;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_error_requests_gets_only_well_formed_answers() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(server::serve(listener, Arc::new(Store::seeded()), async {
        let _ = stopped.await;
    }));

    let cases = burst::error_cases();
    let total = cases.len() * CASES_ROUNDS;
    assert!(total >= 10_000);
    let document = Document::fetch(addr, "/api/v4/openapi.json").await;
    let check = served_schemas(&document, &cases);
    let client = burst::client();
    let outcome = burst::run_checked(&client, addr, &cases, total, CONCURRENCY, Some(check)).await;
    eprintln!(
        "{} requests, {} in flight: {} answers in {:.2?} ({:.0} requests/s)",
        outcome.sent,
        CONCURRENCY,
        outcome.received,
        outcome.elapsed,
        outcome.throughput(),
    );

    assert_eq!(outcome.sent, total);
    assert_eq!(outcome.lost, 0, "lost requests: {:#?}", outcome.malformed);
    assert_eq!(outcome.received, total, "none lost");
    assert_eq!(
        outcome.malformed_count, 0,
        "malformed answers, the first ones: {:#?}",
        outcome.malformed
    );
    // Every case was answered with its own code, as many times as sent.
    let mut expected = std::collections::BTreeMap::<String, usize>::new();
    for case in &cases {
        *expected.entry(case.code.to_owned()).or_default() += CASES_ROUNDS;
    }
    assert_eq!(outcome.by_code, expected);

    drop(client);
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}

#[test]
fn the_schema_check_rejects_what_the_schema_rejects() {
    use burst::check_schema;
    assert_eq!(
        check_schema(br#"{"status":400,"code":"license_not_found","message":"License not found"}"#),
        Ok((400, "license_not_found".to_owned()))
    );
    // Members in any order.
    assert!(check_schema(br#"{"message":"m","code":"c","status":500}"#).is_ok());
    for body in [
        &br#"{"status":400,"code":"c"}"#[..],
        br#"{"status":400,"message":"m"}"#,
        br#"{"code":"c","message":"m"}"#,
        br#"{"status":"400","code":"c","message":"m"}"#,
        br#"{"status":400,"code":1,"message":"m"}"#,
        br#"{"status":400,"code":"c","message":null}"#,
        br#"{"status":400,"code":"c","message":"m","request_id":"r-1"}"#,
        br#"[400,"c","m"]"#,
        br#"{"status":400,"code":"c","message":"m""#,
        b"Not Found",
        b"",
    ] {
        assert!(
            check_schema(body).is_err(),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}
