//! The License API example server, over real HTTP: every answer it gives,
//! its status, content type and exact body bytes.
//!
//! Each test starts its own server (a fresh seeded store) on 127.0.0.1,
//! port 0, and talks to it with hyper's client. Every error body is
//! validated against the OpenAPI document the server serves: against the
//! response its endpoint documents for that status (so an endpoint never
//! sends a code or a status its document leaves out), or, for a request
//! that is no endpoint's, against the schema of every error body.

mod support;

use std::net::SocketAddr;
use std::sync::Arc;

use bytes::Bytes;
use error_catalog_examples::server::{self, seed, Store};
use http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use support::Document;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

struct Server {
    addr: SocketAddr,
    store: Arc<Store>,
    client: Client<HttpConnector, Full<Bytes>>,
    /// The OpenAPI document the server serves.
    document: Arc<Document>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

struct Answer {
    method: Method,
    /// The path, without the query.
    path: String,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    document: Arc<Document>,
}

impl Answer {
    /// Asserts a catalog error: the status, `content-type:
    /// application/json`, and the body, byte for byte; and that the served
    /// document admits the body (see the module's documentation).
    #[track_caller]
    fn assert_error(&self, status: u16, body: &str) {
        assert_eq!(self.status, status, "body: {:?}", self.body);
        assert_eq!(self.headers["content-type"], "application/json");
        assert_eq!(
            std::str::from_utf8(&self.body).unwrap(),
            body,
            "status {}",
            self.status
        );
        assert_eq!(self.headers["content-length"], body.len().to_string());
        let schema = self
            .document
            .response_schema(self.method.as_str(), &self.path, status)
            .unwrap_or_else(|| self.document.component_schema("LicenseApiError"));
        schema.assert_valid(&self.body);
    }
}

const JSON: &[(&str, &str)] = &[
    ("authorization", "demo-token"),
    ("content-type", "application/json"),
];
const AUTH: &[(&str, &str)] = &[("authorization", "demo-token")];

impl Server {
    async fn start() -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let store = Arc::new(Store::seeded());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server::serve(listener, store.clone(), async {
            let _ = stopped.await;
        }));
        let client = Client::builder(TokioExecutor::new()).build_http();
        let document = Arc::new(Document::fetch(addr, "/api/v4/openapi.json").await);
        Server {
            addr,
            store,
            client,
            document,
            stop: Some(stop),
            task: Some(task),
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: impl Into<Bytes>,
    ) -> Answer {
        let mut request = Request::builder()
            .method(method.clone())
            .uri(format!("http://{}{}", self.addr, path));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(Full::new(body.into())).unwrap();
        let response = self.client.request(request).await.unwrap();
        let (parts, body) = response.into_parts();
        Answer {
            method,
            path: path.split('?').next().unwrap_or(path).to_owned(),
            status: parts.status,
            headers: parts.headers,
            body: body.collect().await.unwrap().to_bytes(),
            document: self.document.clone(),
        }
    }

    async fn post(&self, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
        self.send(Method::POST, path, headers, body.to_owned())
            .await
    }

    async fn activate(&self, body: &str) -> Answer {
        self.post("/api/v4/activate_license", JSON, body).await
    }

    async fn deactivate(&self, body: &str) -> Answer {
        self.post("/api/v4/deactivate_license", JSON, body).await
    }

    async fn check(&self, query: &str) -> Answer {
        let path = format!("/api/v4/check_license?{query}");
        self.send(Method::GET, &path, AUTH, Bytes::new()).await
    }

    /// Stops the server gracefully and checks that it ended without error.
    async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        self.task.take().unwrap().await.unwrap().unwrap();
    }
}

fn params(key: &str, hardware_id: &str) -> String {
    format!(
        r#"{{"license_key":"{key}","hardware_id":"{hardware_id}","product":"{}"}}"#,
        seed::PRODUCT
    )
}

fn query(key: &str, hardware_id: &str) -> String {
    format!(
        "license_key={key}&hardware_id={hardware_id}&product={}",
        seed::PRODUCT
    )
}

#[tokio::test]
async fn a_license_is_activated_checked_and_deactivated() {
    let server = Server::start().await;

    let answer = server.activate(&params(seed::ACTIVE_KEY, "device-2")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.headers["content-type"], "application/json");
    assert_eq!(
        answer.body,
        r#"{"license_key":"ACTIVE-0001","hardware_id":"device-2","product":"demo","license_active":true,"times_activated":2,"max_activations":3}"#
    );

    // Activating the same device again takes no second slot.
    let again = server.activate(&params(seed::ACTIVE_KEY, "device-2")).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.body, answer.body);

    let answer = server.check(&query(seed::ACTIVE_KEY, "device-2")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.headers["content-type"], "application/json");
    assert_eq!(
        answer.body,
        r#"{"license_key":"ACTIVE-0001","hardware_id":"device-2","product":"demo","license_active":true,"times_activated":2,"max_activations":3}"#
    );

    let answer = server
        .deactivate(&params(seed::ACTIVE_KEY, "device-2"))
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.body,
        r#"{"license_key":"ACTIVE-0001","hardware_id":"device-2","product":"demo","license_active":false,"times_activated":1,"max_activations":3}"#
    );

    // Released: the device no longer holds the license.
    server
        .check(&query(seed::ACTIVE_KEY, "device-2"))
        .await
        .assert_error(
            400,
            r#"{"status":400,"code":"device_not_found","message":"No active device found for this license"}"#,
        );
    server.stop().await;
}

#[tokio::test]
async fn missing_headers_without_authorization() {
    let server = Server::start().await;
    let expected =
        r#"{"status":400,"code":"missing_headers","message":"Missing header: Authorization"}"#;

    let body = params(seed::ACTIVE_KEY, "device-2");
    let no_auth = &[("content-type", "application/json")];
    for path in ["/api/v4/activate_license", "/api/v4/deactivate_license"] {
        server
            .post(path, no_auth, &body)
            .await
            .assert_error(400, expected);
    }
    let path = format!(
        "/api/v4/check_license?{}",
        query(seed::ACTIVE_KEY, seed::ACTIVE_DEVICE)
    );
    server
        .send(Method::GET, &path, &[], Bytes::new())
        .await
        .assert_error(400, expected);
    // An empty header is no authorization either.
    let empty_auth = &[("authorization", ""), ("content-type", "application/json")];
    server
        .post("/api/v4/activate_license", empty_auth, &body)
        .await
        .assert_error(400, expected);

    // The header is checked before the body is read.
    server
        .post("/api/v4/activate_license", no_auth, "{not json")
        .await
        .assert_error(400, expected);
    server.stop().await;
}

#[tokio::test]
async fn invalid_json_for_a_malformed_body() {
    let server = Server::start().await;
    let expected =
        r#"{"status":400,"code":"invalid_json","message":"The request body is not valid JSON"}"#;
    for body in [
        r#"{"license_key": "ACTIVE-0001", "hardware_id": "#,
        "{license_key: ACTIVE-0001}",
        r#"{"license_key": "ACTIVE-0001"} trailing"#,
        "",
    ] {
        server.activate(body).await.assert_error(400, expected);
        server.deactivate(body).await.assert_error(400, expected);
    }
    server.stop().await;
}

#[tokio::test]
async fn validation_error_for_json_of_the_wrong_shape() {
    let server = Server::start().await;
    let expected = r#"{"status":400,"code":"validation_error","message":"The request body must be a JSON object of strings"}"#;
    for body in [
        r#"{"license_key": 1, "hardware_id": "device-2", "product": "demo"}"#,
        r#"["ACTIVE-0001", "device-2", "demo"]"#,
        r#""ACTIVE-0001""#,
    ] {
        server.activate(body).await.assert_error(400, expected);
    }
    server.stop().await;
}

#[tokio::test]
async fn validation_error_for_a_body_that_is_not_declared_json() {
    let server = Server::start().await;
    let expected = r#"{"status":400,"code":"validation_error","message":"Expected a request with content-type application/json"}"#;
    let body = params(seed::ACTIVE_KEY, "device-2");
    for headers in [
        &[
            ("authorization", "demo-token"),
            ("content-type", "text/plain"),
        ][..],
        &[
            ("authorization", "demo-token"),
            ("content-type", "application/x-www-form-urlencoded"),
        ][..],
        AUTH,
    ] {
        server
            .post("/api/v4/activate_license", headers, &body)
            .await
            .assert_error(400, expected);
    }
    // A JSON media type with parameters is JSON.
    let answer = server
        .post(
            "/api/v4/activate_license",
            &[
                ("authorization", "demo-token"),
                ("content-type", "application/json; charset=utf-8"),
            ],
            &body,
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    server.stop().await;
}

#[tokio::test]
async fn validation_error_for_a_body_over_the_limit() {
    let server = Server::start().await;
    let padding = "x".repeat(server::BODY_LIMIT);
    let body =
        format!(r#"{{"license_key":"ACTIVE-0001","hardware_id":"{padding}","product":"demo"}}"#);
    server.activate(&body).await.assert_error(
        400,
        r#"{"status":400,"code":"validation_error","message":"The request body is too large"}"#,
    );
    server.stop().await;
}

#[tokio::test]
async fn missing_parameters_names_the_missing_ones() {
    let server = Server::start().await;
    let cases = [
        (r#"{"license_key":"ACTIVE-0001"}"#, "hardware_id, product"),
        (
            r#"{"hardware_id":"device-2","product":"demo"}"#,
            "license_key",
        ),
        (
            r#"{"license_key":"ACTIVE-0001","hardware_id":"","product":null}"#,
            "hardware_id, product",
        ),
        ("{}", "license_key, hardware_id, product"),
    ];
    for (body, missing) in cases {
        let expected = format!(
            r#"{{"status":400,"code":"missing_parameters","message":"Missing parameters: {missing}"}}"#
        );
        server.activate(body).await.assert_error(400, &expected);
        server.deactivate(body).await.assert_error(400, &expected);
    }

    let cases = [
        ("product=demo", "license_key, hardware_id"),
        ("license_key=ACTIVE-0001&hardware_id=device-1", "product"),
        (
            "license_key=&hardware_id=device-1&product=demo",
            "license_key",
        ),
        ("", "license_key, hardware_id, product"),
    ];
    for (query, missing) in cases {
        let expected = format!(
            r#"{{"status":400,"code":"missing_parameters","message":"Missing parameters: {missing}"}}"#
        );
        server.check(query).await.assert_error(400, &expected);
    }
    server
        .send(Method::GET, "/api/v4/check_license", AUTH, Bytes::new())
        .await
        .assert_error(
            400,
            r#"{"status":400,"code":"missing_parameters","message":"Missing parameters: license_key, hardware_id, product"}"#,
        );
    server.stop().await;
}

#[tokio::test]
async fn validation_error_for_an_unreadable_query() {
    let server = Server::start().await;
    server
        .check("license_key=ACTIVE-0001&license_key=FULL-0004&hardware_id=device-1&product=demo")
        .await
        .assert_error(
            400,
            r#"{"status":400,"code":"validation_error","message":"The query string could not be read"}"#,
        );
    server.stop().await;
}

#[tokio::test]
async fn license_not_found_for_an_unknown_key_or_product() {
    let server = Server::start().await;
    let expected = r#"{"status":400,"code":"license_not_found","message":"License not found"}"#;
    server
        .activate(&params("NO-SUCH-KEY", "device-2"))
        .await
        .assert_error(400, expected);
    server
        .deactivate(&params("NO-SUCH-KEY", "device-2"))
        .await
        .assert_error(400, expected);
    server
        .check(&query("NO-SUCH-KEY", "device-2"))
        .await
        .assert_error(400, expected);
    // The key exists, for another product.
    server
        .activate(r#"{"license_key":"ACTIVE-0001","hardware_id":"device-2","product":"other"}"#)
        .await
        .assert_error(400, expected);
    server.stop().await;
}

#[tokio::test]
async fn license_expired() {
    let server = Server::start().await;
    let expected = r#"{"status":400,"code":"license_expired","message":"The license has expired"}"#;
    server
        .activate(&params(seed::EXPIRED_KEY, "device-2"))
        .await
        .assert_error(400, expected);
    server
        .check(&query(seed::EXPIRED_KEY, "device-2"))
        .await
        .assert_error(400, expected);
    server.stop().await;
}

#[tokio::test]
async fn license_not_enabled() {
    let server = Server::start().await;
    let expected =
        r#"{"status":400,"code":"license_not_enabled","message":"The license is not enabled"}"#;
    server
        .activate(&params(seed::DISABLED_KEY, "device-2"))
        .await
        .assert_error(400, expected);
    server
        .check(&query(seed::DISABLED_KEY, "device-2"))
        .await
        .assert_error(400, expected);
    server.stop().await;
}

#[tokio::test]
async fn license_activated_max_times_for_a_new_device_on_a_full_license() {
    let server = Server::start().await;
    let expected = r#"{"status":400,"code":"license_activated_max_times","message":"The license has been activated the maximum number of times"}"#;
    server
        .activate(&params(seed::FULL_KEY, "device-2"))
        .await
        .assert_error(400, expected);

    // The device that holds the slot may activate again.
    let answer = server
        .activate(&params(seed::FULL_KEY, seed::FULL_DEVICE))
        .await;
    assert_eq!(answer.status, StatusCode::OK);

    // The active license fills up at its third device.
    for device in ["device-2", "device-3"] {
        let answer = server.activate(&params(seed::ACTIVE_KEY, device)).await;
        assert_eq!(answer.status, StatusCode::OK, "{device}");
    }
    server
        .activate(&params(seed::ACTIVE_KEY, "device-4"))
        .await
        .assert_error(400, expected);

    // Releasing a slot makes room again.
    let answer = server
        .deactivate(&params(seed::ACTIVE_KEY, "device-3"))
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    let answer = server.activate(&params(seed::ACTIVE_KEY, "device-4")).await;
    assert_eq!(answer.status, StatusCode::OK);
    server.stop().await;
}

#[tokio::test]
async fn device_not_found_for_a_device_the_license_is_not_active_on() {
    let server = Server::start().await;
    let expected = r#"{"status":400,"code":"device_not_found","message":"No active device found for this license"}"#;
    server
        .deactivate(&params(seed::ACTIVE_KEY, "device-2"))
        .await
        .assert_error(400, expected);
    server
        .check(&query(seed::ACTIVE_KEY, "device-2"))
        .await
        .assert_error(400, expected);
    // Deactivation does not care whether the license is still usable.
    server
        .deactivate(&params(seed::EXPIRED_KEY, "device-2"))
        .await
        .assert_error(400, expected);
    server.stop().await;
}

#[tokio::test]
async fn not_found_for_unknown_paths_and_methods() {
    let server = Server::start().await;
    let expected = r#"{"status":404,"code":"not_found","message":"Not found"}"#;
    let cases = [
        (Method::GET, "/"),
        (Method::GET, "/api/v4/no_such_endpoint"),
        (Method::POST, "/api/v4/check_license/extra"),
        (Method::POST, "/api/v3/activate_license"),
        // A known path with a method it does not take.
        (Method::GET, "/api/v4/activate_license"),
        (Method::DELETE, "/api/v4/deactivate_license"),
        (Method::POST, "/api/v4/check_license"),
    ];
    for (method, path) in cases {
        let answer = server.send(method.clone(), path, JSON, "{}").await;
        answer.assert_error(404, expected);
        // Without authorization too: the path is checked first.
        let answer = server.send(method, path, &[], Bytes::new()).await;
        answer.assert_error(404, expected);
    }
    // A known path with another method: the 404 keeps axum's `allow` header,
    // which names the method the path takes.
    let answer = server
        .send(Method::GET, "/api/v4/activate_license", AUTH, Bytes::new())
        .await;
    assert_eq!(answer.headers["allow"], "POST");
    let answer = server
        .send(Method::POST, "/api/v4/check_license", JSON, "{}")
        .await;
    assert_eq!(answer.headers["allow"], "GET,HEAD");
    // An unknown path has none.
    let answer = server.send(Method::GET, "/", AUTH, Bytes::new()).await;
    assert!(answer.headers.get("allow").is_none());
    server.stop().await;
}

/// The secrets of the store's failures appear nowhere in the answer.
#[track_caller]
fn assert_internal_error(answer: &Answer, secret: &str, fragments: &[&str]) {
    answer.assert_error(
        500,
        r#"{"status":500,"code":"internal_error","message":"An unexpected server error has occured"}"#,
    );
    for fragment in fragments {
        assert!(secret.contains(fragment));
    }
    for fragment in [secret].iter().chain(fragments) {
        for (name, value) in &answer.headers {
            assert!(!name.as_str().contains(fragment));
            assert!(!String::from_utf8_lossy(value.as_bytes()).contains(fragment));
        }
        assert!(!String::from_utf8_lossy(&answer.body).contains(fragment));
    }
}

#[tokio::test]
async fn internal_error_for_an_unreadable_record() {
    let server = Server::start().await;
    let answer = server.activate(&params(seed::BROKEN_KEY, "device-2")).await;
    assert_internal_error(
        &answer,
        seed::BROKEN_DETAIL,
        &["corrupt", "checksum", "licenses.db"],
    );
    let answer = server.check(&query(seed::BROKEN_KEY, "device-2")).await;
    assert_internal_error(
        &answer,
        seed::BROKEN_DETAIL,
        &["corrupt", "checksum", "licenses.db"],
    );
    let answer = server
        .deactivate(&params(seed::BROKEN_KEY, "device-2"))
        .await;
    assert_internal_error(
        &answer,
        seed::BROKEN_DETAIL,
        &["corrupt", "checksum", "licenses.db"],
    );
    server.stop().await;
}

#[tokio::test]
async fn internal_error_while_the_store_is_unavailable() {
    let server = Server::start().await;
    server.store.set_unavailable(true);
    let answer = server
        .check(&query(seed::ACTIVE_KEY, seed::ACTIVE_DEVICE))
        .await;
    assert_internal_error(
        &answer,
        seed::UNAVAILABLE_DETAIL,
        &["unavailable", "db-primary", "5432"],
    );
    let answer = server.activate(&params(seed::ACTIVE_KEY, "device-2")).await;
    assert_internal_error(
        &answer,
        seed::UNAVAILABLE_DETAIL,
        &["unavailable", "db-primary", "5432"],
    );

    // Request errors are still found before the store is asked.
    server
        .activate(r#"{"license_key":"ACTIVE-0001"}"#)
        .await
        .assert_error(
            400,
            r#"{"status":400,"code":"missing_parameters","message":"Missing parameters: hardware_id, product"}"#,
        );

    server.store.set_unavailable(false);
    let answer = server
        .check(&query(seed::ACTIVE_KEY, seed::ACTIVE_DEVICE))
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    server.stop().await;
}
