//! Response headers from the derive, on real servers: axum (`axum::serve`)
//! and actix-web (`HttpServer`) on 127.0.0.1, real HTTP requests, checks on
//! the bytes on the wire.
//!
//! - fixed headers (`header("name", "value")`, repeated), in order;
//! - field headers (`#[header("name")]`), an `Option` field only when `Some`;
//! - a field whose text is not a valid header value: left out, never sent
//!   broken (a client's CR LF cannot split the response), and logged;
//! - a `transparent` variant sends the wrapped error's headers;
//! - the catalog lists the header names;
//! - what was received decodes back through the client side.

mod support;

use std::collections::HashMap;
use std::net::SocketAddr;

use error_catalog::{decode, ApiError, ReceivedKind};
use support::capture::{captured, install, Captured};
use support::{raw_get, Wire};
use tracing::Level;

/// A lower layer whose error carries a header of its own.
#[derive(Debug, PartialEq, ApiError)]
enum StoreError {
    #[api_error(
        status = 503,
        code = "store_unavailable",
        message = "The store is unavailable",
        header("retry-after", "120")
    )]
    Unavailable,
}

#[derive(Debug, PartialEq, ApiError)]
#[api_error(status = 400)]
enum AuthError {
    #[api_error(
        status = 401,
        code = "authentication_failure",
        message = "Authentication failed",
        header("www-authenticate", "Bearer realm=\"licenses\""),
        header("www-authenticate", "Basic realm=\"licenses\", charset=\"UTF-8\""),
        header("cache-control", "no-store")
    )]
    AuthenticationFailure,
    #[api_error(
        status = 429,
        code = "rate_limited",
        message = "Retry in {seconds} seconds"
    )]
    RateLimited {
        #[header("retry-after")]
        seconds: u64,
    },
    #[api_error(
        status = 409,
        code = "version_conflict",
        message = "Version {version} conflicts",
        header("x-conflict", "version")
    )]
    VersionConflict {
        #[header("etag")]
        version: String,
    },
    #[api_error(status = 503, code = "maintenance", message = "Down for maintenance")]
    Maintenance {
        #[header("retry-after")]
        retry_after: Option<u32>,
    },
    #[api_error(transparent)]
    Store(#[from] StoreError),
}

/// The error that `/case/{name}` answers with; the tests build the same one
/// to compare.
fn case(name: &str) -> AuthError {
    match name {
        "auth" => AuthError::AuthenticationFailure,
        "rate" => AuthError::RateLimited { seconds: 30 },
        "maintenance-some" => AuthError::Maintenance {
            retry_after: Some(600),
        },
        "maintenance-none" => AuthError::Maintenance { retry_after: None },
        "store" => StoreError::Unavailable.into(),
        _ => AuthError::VersionConflict {
            version: "\"v7\"".into(),
        },
    }
}

/// The conflict for a version the client sent: a value a client controls.
fn conflict(query: &HashMap<String, String>) -> AuthError {
    AuthError::VersionConflict {
        version: query.get("version").cloned().unwrap_or_default(),
    }
}

// --- The servers. ---

async fn start_axum() -> SocketAddr {
    use axum::extract::{Path, Query};
    use axum::routing::get;

    let app = axum::Router::new()
        .route(
            "/case/{name}",
            get(|Path(name): Path<String>| async move { Err::<(), _>(case(&name)) }),
        )
        .route(
            "/conflict",
            get(|Query(query): Query<HashMap<String, String>>| async move {
                Err::<(), _>(conflict(&query))
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bound");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("served") });
    addr
}

fn start_actix() -> SocketAddr {
    use actix_web::{web, App, HttpResponse, HttpServer};

    async fn by_name(name: web::Path<String>) -> Result<HttpResponse, AuthError> {
        Err(case(&name))
    }
    async fn by_query(
        query: web::Query<HashMap<String, String>>,
    ) -> Result<HttpResponse, AuthError> {
        Err(conflict(&query))
    }

    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(|| {
                App::new()
                    .route("/case/{name}", web::get().to(by_name))
                    .route("/conflict", web::get().to(by_query))
            })
            .workers(1)
            .bind(("127.0.0.1", 0))
            .expect("bound");
            let addr = server.addrs()[0];
            let server = server.run();
            tx.send(addr).expect("address sent");
            server.await.expect("served");
        })
    });
    rx.recv().expect("server started")
}

/// Both servers, each with its name for failure messages.
async fn servers() -> [(&'static str, SocketAddr); 2] {
    [("axum", start_axum().await), ("actix-web", start_actix())]
}

// --- Reading the wire. ---

/// The values of every `name` header, in the order sent.
fn values<'a>(wire: &'a Wire, name: &str) -> Vec<&'a str> {
    wire.header_lines
        .iter()
        .filter_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
        .collect()
}

/// The header names sent, lowercase and sorted, without the ones every
/// server adds. (actix-web keeps the order of a name's values, not the order
/// of the names.)
fn names(wire: &Wire) -> Vec<String> {
    let mut names: Vec<String> = wire
        .header_lines
        .iter()
        .filter_map(|line| line.split_once(':'))
        .map(|(n, _)| n.to_ascii_lowercase())
        .filter(|n| !matches!(n.as_str(), "content-length" | "date" | "connection"))
        .collect();
    names.sort();
    names
}

/// The status, the content type, the body and its length are the error's.
/// (Through `to_json`, not `to_response`, which would log a left-out header
/// here too.)
fn assert_error_on_wire(wire: &Wire, error: &AuthError, server: &str) {
    assert!(
        wire.status_line
            .starts_with(&format!("HTTP/1.1 {} ", error.status().as_u16())),
        "{server}: {}",
        wire.status_line
    );
    assert_eq!(
        values(wire, "content-type"),
        ["application/json"],
        "{server}"
    );
    assert_eq!(wire.body, error.to_json().as_ref(), "{server}");
    assert_eq!(
        values(wire, "content-length"),
        [wire.body.len().to_string()],
        "{server}"
    );
}

// --- The tests. ---

#[tokio::test]
async fn fixed_headers_are_sent_a_repeated_name_s_values_in_order() {
    for (server, addr) in servers().await {
        let wire = raw_get(addr, "/case/auth").await;
        assert_error_on_wire(&wire, &AuthError::AuthenticationFailure, server);
        assert_eq!(
            wire.body,
            br#"{"status":401,"code":"authentication_failure","message":"Authentication failed"}"#,
            "{server}"
        );
        assert_eq!(
            values(&wire, "www-authenticate"),
            [
                r#"Bearer realm="licenses""#,
                r#"Basic realm="licenses", charset="UTF-8""#
            ],
            "{server}"
        );
        assert_eq!(values(&wire, "cache-control"), ["no-store"], "{server}");
        assert_eq!(
            names(&wire),
            [
                "cache-control",
                "content-type",
                "www-authenticate",
                "www-authenticate",
            ],
            "{server}: nothing else"
        );
    }
}

#[tokio::test]
async fn a_field_header_is_the_field_s_display() {
    for (server, addr) in servers().await {
        let wire = raw_get(addr, "/case/rate").await;
        assert_error_on_wire(&wire, &case("rate"), server);
        assert_eq!(values(&wire, "retry-after"), ["30"], "{server}");

        // Fixed and field headers together; the field's text has quotes,
        // which a header value may hold.
        let wire = raw_get(addr, "/case/conflict").await;
        assert_error_on_wire(&wire, &case("conflict"), server);
        assert_eq!(values(&wire, "etag"), [r#""v7""#], "{server}");
        assert_eq!(values(&wire, "x-conflict"), ["version"], "{server}");
    }
}

#[tokio::test]
async fn an_optional_field_header_is_sent_only_when_present() {
    for (server, addr) in servers().await {
        let wire = raw_get(addr, "/case/maintenance-some").await;
        assert_error_on_wire(&wire, &case("maintenance-some"), server);
        assert_eq!(values(&wire, "retry-after"), ["600"], "{server}");

        let wire = raw_get(addr, "/case/maintenance-none").await;
        assert_error_on_wire(&wire, &case("maintenance-none"), server);
        assert!(values(&wire, "retry-after").is_empty(), "{server}");
    }
}

#[tokio::test]
async fn a_transparent_variant_sends_the_wrapped_error_s_headers() {
    for (server, addr) in servers().await {
        let wire = raw_get(addr, "/case/store").await;
        assert_error_on_wire(&wire, &case("store"), server);
        assert_eq!(values(&wire, "retry-after"), ["120"], "{server}");
    }
}

/// A client sends a version holding CR LF and a header of its own: the
/// field's text is not a valid header value, so the `etag` header is left
/// out whole. The response is not split, nothing the client wrote becomes a
/// header, the fixed header and the body are still sent, and the server logs
/// what it left out.
#[tokio::test]
async fn an_invalid_field_value_is_left_out_and_logged() {
    install();
    for (server, addr) in servers().await {
        let marker = format!("{server}-splitting");
        let path = format!("/conflict?version=v1%0D%0Ax-injected:%20{marker}");
        let wire = raw_get(addr, &path).await;
        let error = AuthError::VersionConflict {
            version: format!("v1\r\nx-injected: {marker}"),
        };
        assert_error_on_wire(&wire, &error, server);
        assert!(values(&wire, "etag").is_empty(), "{server}");
        assert!(values(&wire, "x-injected").is_empty(), "{server}");
        assert_eq!(values(&wire, "x-conflict"), ["version"], "{server}");
        assert_eq!(
            names(&wire),
            ["content-type", "x-conflict"],
            "{server}: {:?}",
            wire.header_lines
        );
        // The message still carries the text, escaped in the JSON body.
        let body = String::from_utf8(wire.body.clone()).expect("UTF-8");
        assert!(body.contains(r#"v1\r\nx-injected"#), "{server}: {body}");

        let logged: Vec<Captured> = captured()
            .into_iter()
            .filter(|e| e.field("value").is_some_and(|v| v.contains(&marker)))
            .collect();
        assert_eq!(logged.len(), 1, "{server}: {logged:?}");
        let event = &logged[0];
        assert_eq!(event.level, Level::WARN);
        assert_eq!(event.target, "error_catalog::log", "{event:?}");
        assert_eq!(event.field("code"), Some("version_conflict"));
        assert_eq!(event.field("header"), Some("etag"));
        // `Debug`-escaped: the log line is not split either.
        assert!(event.field("value").unwrap().contains(r"\r\n"), "{event:?}");
    }
}

/// Every byte a client can send in the query, in the middle of the value:
/// the header is sent exactly when `http` takes the text as a header value,
/// and then as it is.
#[tokio::test]
async fn every_byte_of_a_field_value_is_sent_or_left_out_as_http_says() {
    for (server, addr) in servers().await {
        for byte in (0u8..0x80).chain([0xc3]) {
            // 0xc3 0xa9 is "é"; alone, 0xc3 is not UTF-8 and the query
            // extractor refuses it, so send it whole.
            let (encoded, text) = if byte == 0xc3 {
                ("%C3%A9".to_owned(), "é".to_owned())
            } else {
                (format!("%{byte:02X}"), char::from(byte).to_string())
            };
            let wire = raw_get(addr, &format!("/conflict?version=a{encoded}b")).await;
            let version = format!("a{text}b");
            let valid = http::HeaderValue::from_str(&version).is_ok();
            let sent = values(&wire, "etag");
            if valid {
                assert_eq!(sent, [version.trim()], "{server}: byte {byte:#x}");
            } else {
                assert!(sent.is_empty(), "{server}: byte {byte:#x}: {sent:?}");
            }
        }
    }
}

#[test]
fn the_catalog_lists_each_variant_s_header_names() {
    let headers: Vec<(&str, &[&str])> = AuthError::catalog()
        .iter()
        .map(|spec| (spec.variant, spec.headers))
        .collect();
    assert_eq!(
        headers,
        [
            (
                "AuthenticationFailure",
                &["www-authenticate", "cache-control"][..]
            ),
            ("RateLimited", &["retry-after"][..]),
            ("VersionConflict", &["x-conflict", "etag"][..]),
            ("Maintenance", &["retry-after"][..]),
            // A transparent entry: the wrapped catalog lists its headers.
            ("Store", &[][..]),
        ]
    );
    assert_eq!(StoreError::catalog()[0].headers, ["retry-after"]);
}

/// What a client receives decodes back, headers or not: the typed error
/// where the message gives every field back, the catalog entry otherwise.
#[tokio::test]
async fn received_errors_decode_back() {
    for (server, addr) in servers().await {
        for name in ["auth", "rate", "conflict", "store", "maintenance-some"] {
            let reply = support::get(addr, &format!("/case/{name}")).await;
            let received = decode::<AuthError>(reply.status, &reply.body)
                .unwrap_or_else(|err| panic!("{server} {name}: {err}"));
            assert!(received.status_mismatch().is_none(), "{server} {name}");
            match (name, received.kind()) {
                // Its field is not in the message: the entry, not the value.
                ("maintenance-some", ReceivedKind::Known(spec)) => {
                    assert_eq!(spec.variant, "Maintenance")
                }
                (_, ReceivedKind::Typed(error)) => assert_eq!(error, &case(name), "{server}"),
                (_, kind) => panic!("{server} {name}: {kind:?}"),
            }
            // The headers came along too, as a real client sees them.
            let expected = case(name).to_response();
            for (header, value) in expected.headers() {
                let got: Vec<_> = reply.headers.get_all(header).iter().collect();
                assert!(got.contains(&value), "{server} {name}: {header}");
            }
        }
    }
}

/// The License API example server checks the `Authorization` value against
/// its demo keys: a wrong one answers `authentication_failure`, 401, with
/// the challenge in `www-authenticate`; a demo key gets through; no header
/// at all is still `missing_headers`.
#[tokio::test]
async fn the_example_server_challenges_a_wrong_key() {
    use error_catalog_examples::server::{self, seed, Store};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bound");
    let addr = listener.local_addr().expect("local address");
    let store = std::sync::Arc::new(Store::seeded());
    tokio::spawn(server::serve(listener, store, std::future::pending()));

    let exchange = |authorization: Option<&str>| {
        let authorization = authorization
            .map(|value| format!("authorization: {value}\r\n"))
            .unwrap_or_default();
        let request = format!(
            "GET /api/v4/check_license?license_key={}&hardware_id={}&product={} HTTP/1.1\r\n\
             host: {addr}\r\n{authorization}connection: close\r\n\r\n",
            seed::ACTIVE_KEY,
            seed::ACTIVE_DEVICE,
            seed::PRODUCT,
        );
        async move {
            let mut stream = tokio::net::TcpStream::connect(addr)
                .await
                .expect("connected");
            stream.write_all(request.as_bytes()).await.expect("sent");
            let mut all = Vec::new();
            stream.read_to_end(&mut all).await.expect("read");
            String::from_utf8(all).expect("UTF-8")
        }
    };

    for wrong in ["wrong-key", "Demo", "demo-token-2", "Bearer demo"] {
        let response = exchange(Some(wrong)).await;
        assert!(
            response.starts_with("HTTP/1.1 401 Unauthorized\r\n"),
            "{wrong:?}: {response}"
        );
        assert!(
            response.contains("\r\nwww-authenticate: ApiKey realm=\"License API\"\r\n"),
            "{wrong:?}: {response}"
        );
        assert!(
            response.ends_with(
                r#"{"status":401,"code":"authentication_failure","message":"Authentication failed"}"#
            ),
            "{wrong:?}: {response}"
        );
        let body = response.split("\r\n\r\n").nth(1).expect("a body");
        let received = decode::<error_catalog_examples::LicenseApiError>(
            http::StatusCode::UNAUTHORIZED,
            body.as_bytes(),
        )
        .expect("decoded");
        assert!(matches!(
            received.typed(),
            Some(error_catalog_examples::LicenseApiError::AuthenticationFailure)
        ));
    }
    for key in seed::API_KEYS {
        let response = exchange(Some(key)).await;
        assert!(
            response.starts_with("HTTP/1.1 200 OK\r\n"),
            "{key}: {response}"
        );
        assert!(!response.contains("www-authenticate"), "{key}: {response}");
    }
    let response = exchange(None).await;
    assert!(
        response.starts_with("HTTP/1.1 400 Bad Request\r\n"),
        "{response}"
    );
    assert!(
        response.contains(r#""code":"missing_headers""#),
        "{response}"
    );
}
